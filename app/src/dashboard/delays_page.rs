use super::charts::{Bar, BarChart, DataTable, Figure};
use super::dashboard_delays;
use super::frame::section_page;
use crate::domain::dashboard::{Delays, Section};
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// `/tableau-de-bord/delais`: how long rounds wait for a first
/// contribution; rounds closed on time.
#[component]
pub fn DashboardDelaysPage() -> impl IntoView {
    section_page(
        Section::Delays,
        |q, _| dashboard_delays(q),
        |delays: Delays, _| view! { <Waits delays=delays.clone() /> <ClosedOnTime delays /> },
    )
}

#[component]
fn Waits(delays: Delays) -> impl IntoView {
    let locale = use_locale();
    let summary = match delays.median_hours {
        Some(h) => format!(
            "{} {h} {}.",
            t(locale, Key::DashSummaryWaits),
            t(locale, Key::DashHoursWord)
        ),
        None => t(locale, Key::DashNothingYet).to_owned(),
    };
    let bars = delays
        .waits
        .iter()
        .map(|(w, n)| Bar {
            label: t(locale, w.label()).to_owned(),
            value: *n,
            text: format!("{n} {}", t(locale, Key::DashRounds)),
        })
        .collect();
    view! {
        <Figure id="waits-title" title=t(locale, Key::DashWaitsTitle).to_owned() summary>
            <BarChart labelled_by="waits-title".to_owned() bars />
            <DataTable
                columns=[Key::DashWaitsTitle, Key::DashRounds].map(|k| t(locale, k).to_owned()).to_vec()
                rows=delays.waits.iter().map(|(w, n)| (t(locale, w.label()).to_owned(), vec![n.to_string()])).collect()
            />
        </Figure>
    }
}

#[component]
fn ClosedOnTime(delays: Delays) -> impl IntoView {
    let locale = use_locale();
    let c = delays.closing;
    let lines = [
        (Key::DashOnTime, c.on_time),
        (Key::DashLate, c.late),
        (Key::DashOverdue, c.overdue),
    ];
    let summary = format!(
        "{} {} {} {}. {}",
        c.on_time,
        t(locale, Key::DashSummaryClosing),
        c.on_time + c.late + c.overdue,
        t(locale, Key::DashRounds),
        t(locale, Key::DashClosingNote)
    );
    let bars = lines
        .iter()
        .map(|(k, n)| Bar {
            label: t(locale, *k).to_owned(),
            value: *n,
            text: format!("{n} {}", t(locale, Key::DashRounds)),
        })
        .collect();
    view! {
        <Figure id="closing-title" title=t(locale, Key::DashClosingTitle).to_owned() summary>
            <BarChart labelled_by="closing-title".to_owned() bars />
            <DataTable
                columns=[Key::DashClosingTitle, Key::DashRounds].map(|k| t(locale, k).to_owned()).to_vec()
                rows=lines.iter().map(|(k, n)| (t(locale, *k).to_owned(), vec![n.to_string()])).collect()
            />
        </Figure>
    }
}
