use super::charts::{Bar, BarChart, DataTable, Figure};
use super::dashboard_mines;
use super::frame::section_page;
use crate::domain::dashboard::{MinesAndPeople, Participation, Section};
use crate::domain::rounds::TriageKind;
use crate::i18n::{t, use_locale, Key, Locale};
use leptos::prelude::*;

/// `/tableau-de-bord/mines`: the mines met most often by domain and how
/// they were answered; who takes part, by domain and by service.
#[component]
pub fn DashboardMinesPage() -> impl IntoView {
    section_page(
        Section::Mines,
        |q, _| dashboard_mines(q),
        |figures: MinesAndPeople, _| {
            view! {
                <Mines figures=figures.clone() />
                <People id="by-domain-title" title=Key::DashByDomainTitle rows=figures.by_domain guests=None />
                <People id="by-service-title" title=Key::DashByServiceTitle rows=figures.by_service guests=Some(figures.guest_contributions) />
            }
        },
    )
}

#[component]
fn Mines(figures: MinesAndPeople) -> impl IntoView {
    let locale = use_locale();
    let summary = match figures.mines.first().filter(|m| m.mines > 0) {
        Some(m) => format!(
            "{} {} ({} {}, {} {}).",
            t(locale, Key::DashSummaryMines),
            m.domain.name,
            m.mines,
            t(locale, Key::DashMinesWord),
            m.defused,
            t(locale, TriageKind::Defused.label()).to_lowercase()
        ),
        None => t(locale, Key::DashNothingYet).to_owned(),
    };
    // Domains that met no mine are named in one sentence, not given a bar
    // and a row of zeros each: the figure stays readable, and the page light.
    let (with_mines, none): (Vec<_>, Vec<_>) = figures.mines.into_iter().partition(|m| m.mines > 0);
    let bars = with_mines
        .iter()
        .map(|m| Bar {
            label: m.domain.name.clone(),
            value: m.mines,
            text: format!(
                "{} ({} {})",
                m.mines,
                m.defused,
                t(locale, TriageKind::Defused.label()).to_lowercase()
            ),
        })
        .collect();
    let without_mines = (!none.is_empty()).then(|| {
        let names = none.into_iter().map(|m| m.domain.name).collect::<Vec<_>>().join(", ");
        view! { <p class="dash-summary">{format!("{} {names}.", t(locale, Key::DashDomainsWithoutMines))}</p> }
    });
    let columns = [
        Key::DashMinesWord,
        TriageKind::Defused.label(),
        TriageKind::Accepted.label(),
        TriageKind::ToInvestigate.label(),
        TriageKind::Dismissed.label(),
        Key::DashUntriaged,
    ];
    view! {
        <Figure id="mines-title" title=t(locale, Key::DashMinesTitle).to_owned() summary>
            {(!with_mines.is_empty())
                .then(|| {
                    view! {
                        <BarChart labelled_by="mines-title".to_owned() bars />
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="mines-title">
                            <DataTable
                                columns=std::iter::once(Key::DomainWord).chain(columns).map(|k| t(locale, k).to_owned()).collect()
                                rows=with_mines
                                    .into_iter()
                                    .map(|m| {
                                        let cells = [m.mines, m.defused, m.accepted, m.investigate, m.dismissed, m.untriaged];
                                        (m.domain.name, cells.map(|n| n.to_string()).to_vec())
                                    })
                                    .collect()
                            />
                        </div>
                    }
                })}
            {without_mines}
        </Figure>
    }
}

fn name_of(locale: Locale, p: &Participation) -> String {
    if p.name.is_empty() {
        t(locale, Key::NotSaid).to_owned()
    } else {
        p.name.clone()
    }
}

/// Participation by domain (its holders) or by service (its members).
#[component]
fn People(
    id: &'static str,
    title: Key,
    rows: Vec<Participation>,
    guests: Option<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let summary = rows
        .iter()
        .map(|p| format!("{} : {} / {}", name_of(locale, p), p.contributors, p.people))
        .collect::<Vec<_>>()
        .join(" ; ");
    let bars = rows
        .iter()
        .map(|p| Bar {
            label: name_of(locale, p),
            value: p.contributions,
            text: format!("{} {}", p.contributions, t(locale, Key::DashContributions)),
        })
        .collect();
    view! {
        <Figure id title=t(locale, title).to_owned() summary>
            <BarChart labelled_by=id.to_owned() bars />
            <DataTable
                columns=[
                    if guests.is_some() { Key::FieldService } else { Key::DomainWord },
                    Key::DashPeople,
                    Key::DashContributors,
                    Key::DashContributions,
                ]
                    .map(|k| t(locale, k).to_owned())
                    .to_vec()
                rows=rows
                    .iter()
                    .map(|p| {
                        let cells = [p.people, p.contributors, p.contributions];
                        (name_of(locale, p), cells.map(|n| n.to_string()).to_vec())
                    })
                    .collect()
            />
            {guests.filter(|n| *n > 0).map(|n| view! { <p>{format!("{n} {}", t(locale, Key::DashGuestsNote))}</p> })}
        </Figure>
    }
}
