use super::charts::{Bar, BarChart, DataTable, Figure};
use super::dashboard_overview;
use super::frame::section_page;
use crate::domain::dashboard::{Overview, Section};
use crate::domain::rounds::Outcome;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ideas::idea_path;
use leptos::prelude::*;

/// `/tableau-de-bord`: ideas by stage and outcome, time in each stage,
/// ideas left idle.
#[component]
pub fn DashboardOverviewPage() -> impl IntoView {
    section_page(
        Section::Overview,
        |q, _| dashboard_overview(q),
        |overview, _| view! { <Figures overview /> },
    )
}

#[component]
fn Figures(overview: Overview) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Funnel locale overview=overview.clone() />
        <Ages locale overview=overview.clone() />
        <Idle locale overview />
    }
}

#[component]
fn Funnel(locale: Locale, overview: Overview) -> impl IntoView {
    let total: u32 = overview.funnel.iter().map(|r| r.total()).sum();
    let summary = format!(
        "{total} {}{}",
        t(locale, Key::DashSummaryFunnel),
        overview
            .funnel
            .iter()
            .map(|r| format!("{} {}", r.total(), t(locale, r.stage.label())))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let bars = overview
        .funnel
        .iter()
        .map(|r| Bar {
            label: t(locale, r.stage.label()).to_owned(),
            value: r.total(),
            text: r.total().to_string(),
        })
        .collect();
    let outcomes = [
        Key::DashOngoing,
        Outcome::Launched.label(),
        Outcome::Parked.label(),
        Outcome::Dropped.label(),
        Key::DashTotal,
    ];
    view! {
        <Figure id="funnel-title" title=t(locale, Key::DashFunnelTitle).to_owned() summary>
            <BarChart labelled_by="funnel-title".to_owned() bars />
            <DataTable
                columns=std::iter::once(Key::StageFilter).chain(outcomes).map(|k| t(locale, k).to_owned()).collect()
                rows=overview
                    .funnel
                    .iter()
                    .map(|r| {
                        let cells = [r.ongoing, r.launched, r.parked, r.dropped, r.total()];
                        (t(locale, r.stage.label()).to_owned(), cells.map(|n| n.to_string()).to_vec())
                    })
                    .collect()
            />
        </Figure>
    }
}

#[component]
fn Ages(locale: Locale, overview: Overview) -> impl IntoView {
    let days = |d: Option<u32>| {
        d.map_or_else(
            || "—".to_owned(),
            |d| format!("{d} {}", t(locale, Key::DashDaysWord)),
        )
    };
    let summary = overview
        .ages
        .iter()
        .map(|a| format!("{} : {}", t(locale, a.stage.label()), days(a.median_days)))
        .collect::<Vec<_>>()
        .join(" ; ");
    let bars = overview
        .ages
        .iter()
        .map(|a| Bar {
            label: t(locale, a.stage.label()).to_owned(),
            value: a.median_days.unwrap_or(0),
            text: days(a.median_days),
        })
        .collect();
    view! {
        <Figure id="ages-title" title=t(locale, Key::DashAgesTitle).to_owned() summary>
            <BarChart labelled_by="ages-title".to_owned() bars />
            <DataTable
                columns=[Key::StageFilter, Key::DashIdeasWord, Key::DashMedianDays].map(|k| t(locale, k).to_owned()).to_vec()
                rows=overview
                    .ages
                    .iter()
                    .map(|a| {
                        let median = a.median_days.map_or_else(|| "—".to_owned(), |d| d.to_string());
                        (t(locale, a.stage.label()).to_owned(), vec![a.ideas.to_string(), median])
                    })
                    .collect()
            />
        </Figure>
    }
}

#[component]
fn Idle(locale: Locale, overview: Overview) -> impl IntoView {
    let summary = format!(
        "{} {} {} {}.",
        overview.idle_total,
        t(locale, Key::DashSummaryIdle),
        overview.idle_days,
        t(locale, Key::DashDaysWord)
    );
    view! {
        <section class="dash-figure" aria-labelledby="idle-title">
            <h2 id="idle-title">{t(locale, Key::DashIdleTitle)}</h2>
            <p class="dash-summary" >{summary}</p>
            {(!overview.idle.is_empty())
                .then(|| {
                    view! {
                        <table class="dash-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t(locale, Key::DashIdeaColumn)}</th>
                                    <th scope="col">{t(locale, Key::StageFilter)}</th>
                                    <th scope="col">{t(locale, Key::DashLastActivity)}</th>
                                    <th scope="col">{t(locale, Key::DashDaysIdle)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {overview
                                    .idle
                                    .into_iter()
                                    .map(|i| {
                                        view! {
                                            <tr>
                                                <th scope="row"><a href=idea_path(i.id)>{i.title}</a></th>
                                                <td>{t(locale, i.stage.label())}</td>
                                                <td>{i.last_activity}</td>
                                                <td>{i.days}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })}
        </section>
    }
}
