//! Pieces the three workshop views share.

use super::live::{LivePulse, PulseStart};
use crate::domain::live::Viewer;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshop_views::{LiveContribution, SilentTally, WorkshopHeader};
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// The phase, the timer and the stream that keeps the view current.
#[component]
pub fn PhaseBar(header: WorkshopHeader, viewer: Viewer) -> impl IntoView {
    let locale = use_locale();
    provide_context(PulseStart {
        workshop_id: header.workshop_id,
        version: header.version,
        phase: header.phase,
        timer: header.timer,
        viewer,
    });
    view! {
        <div class="phase-bar">
            <p class="phase">
                {format!("{} {}", t(locale, Key::PhaseWord), t(locale, header.phase.label()))}
            </p>
            <LivePulse />
        </div>
    }
}

/// One contribution as the room sees it: kind, domain, text, author, marks.
#[component]
pub fn LiveItem(item: LiveContribution) -> impl IntoView {
    let locale = use_locale();
    let mut marks: Vec<String> = Vec::new();
    if let Some(severity) = item.severity {
        marks.push(t(locale, severity.label()).to_owned());
    }
    if item.under_card {
        marks.push(t(locale, Key::UnderCard).to_owned());
    }
    if item.late {
        marks.push(t(locale, Key::LatePost).to_owned());
    }
    if let Some(triage) = item.triage {
        marks.push(t(locale, triage.label()).to_owned());
    }
    let author = super::author_name_of(locale, &item.author, item.author_guest);
    let body = match &item.hidden_reason {
        Some(reason) => format!("{} {reason}", t(locale, Key::HiddenBecause)),
        None => item.body.clone(),
    };
    let dots = (item.kind == ContributionKind::Mine && item.dots > 0)
        .then(|| format!("{} {}", item.dots, t(locale, Key::DotsWord)));
    view! {
        <p class="live-kind">
            <strong>{t(locale, item.kind.label())}</strong>
            {item.domain.as_ref().map(|d| format!(" · {}", d.name))}
            {(!marks.is_empty()).then(|| format!(" · {}", marks.join(" · ")))}
            {dots.map(|d| view! { <span class="dots">{format!(" · {d}")}</span> })}
        </p>
        <p class="live-body">{body}</p>
        <p class="live-author">{author}</p>
    }
}

/// Silent writing: posts per domain and who has written, never a text.
#[component]
pub fn Tally(tally: SilentTally, #[prop(optional)] nested: bool) -> impl IntoView {
    let locale = use_locale();
    let most = tally.per_domain.iter().map(|c| c.posts).max().unwrap_or(0);
    let per_domain = tally
        .per_domain
        .into_iter()
        .map(|c| {
            let name = c
                .domain
                .map_or_else(|| t(locale, Key::NoDomain).to_owned(), |d| d.name);
            view! {
                <li>
                    <span class="tally-name">{name}</span>
                    <Bar value=c.posts most />
                    <span class="tally-count">{c.posts}</span>
                </li>
            }
        })
        .collect_view();
    let more = (tally.writer_count as usize).saturating_sub(tally.writers.len());
    let writers_heading = format!(
        "{} ({})",
        t(locale, Key::BoardWritersHeading),
        tally.writer_count
    );
    let nobody = tally.writers.is_empty();
    let writers = tally
        .writers
        .into_iter()
        .map(|w| {
            view! { <li>{super::author_name_of(locale, &w.name, w.guest)}</li> }
        })
        .collect_view();
    view! {
        <p class="board-note">{t(locale, Key::SilentWritingNote)}</p>
        <div class="board-tally">
            <section aria-labelledby="per-domain">
                {heading(nested, "per-domain", t(locale, Key::BoardPerDomainHeading).to_owned())}
                <ul class="tally-domains">{per_domain}</ul>
            </section>
            <section aria-labelledby="writers">
                {heading(nested, "writers", writers_heading)}
                {nobody.then(|| view! { <p>{t(locale, Key::BoardNobodyWroteYet)}</p> })}
                <ul class="tally-writers">{writers}</ul>
                {(more > 0).then(|| view! { <p>{format!("+ {more} {}", t(locale, Key::BoardOthersWord))}</p> })}
            </section>
        </div>
    }
}

/// A horizontal bar, `value` out of `most`; decoration only, the number
/// beside it says the same.
#[component]
pub fn Bar(value: u32, most: u32) -> impl IntoView {
    let width = (value * 100).checked_div(most).unwrap_or(0);
    view! {
        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect width=width height="10" />
        </svg>
    }
}

/// A second-level heading, or a third when nested in a titled section.
fn heading(nested: bool, id: &'static str, text: String) -> AnyView {
    if nested {
        view! { <h3 id=id>{text}</h3> }.into_any()
    } else {
        view! { <h2 id=id>{text}</h2> }.into_any()
    }
}

/// The first words of a contribution, for a list where each takes a line.
pub fn excerpt(body: &str) -> String {
    const WORDS: usize = 8;
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..WORDS].join(" "))
    }
}
