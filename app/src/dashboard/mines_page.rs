use super::charts::{Bar, BarChart, Figure};
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
    let bars = figures
        .mines
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
            <BarChart labelled_by="mines-title".to_owned() bars />
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="mines-title">
                <table class="dash-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(locale, Key::DomainWord)}</th>
                            {columns.map(|k| view! { <th scope="col">{t(locale, k)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {figures
                            .mines
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <tr>
                                        <th scope="row">{m.domain.name}</th>
                                        <td>{m.mines}</td>
                                        <td>{m.defused}</td>
                                        <td>{m.accepted}</td>
                                        <td>{m.investigate}</td>
                                        <td>{m.dismissed}</td>
                                        <td>{m.untriaged}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
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
            <table class="dash-table">
                <thead>
                    <tr>
                        <th scope="col">{t(locale, if guests.is_some() { Key::FieldService } else { Key::DomainWord })}</th>
                        <th scope="col">{t(locale, Key::DashPeople)}</th>
                        <th scope="col">{t(locale, Key::DashContributors)}</th>
                        <th scope="col">{t(locale, Key::DashContributions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .iter()
                        .map(|p| {
                            view! {
                                <tr>
                                    <th scope="row">{name_of(locale, p)}</th>
                                    <td>{p.people}</td>
                                    <td>{p.contributors}</td>
                                    <td>{p.contributions}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {guests.filter(|n| *n > 0).map(|n| view! { <p>{format!("{n} {}", t(locale, Key::DashGuestsNote))}</p> })}
        </Figure>
    }
}
