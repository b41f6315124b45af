//! Pieces the three workshop views share.

use super::live::LivePulse;
use crate::domain::live::Viewer;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshop_views::{DomainGroup, LiveContribution, WorkshopHeader};
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// The phase, the timer and the stream that keeps the view current.
#[component]
pub fn PhaseBar(header: WorkshopHeader, viewer: Viewer) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="phase-bar">
            <p class="phase">
                {format!("{} {}", t(locale, Key::PhaseWord), t(locale, header.phase.label()))}
            </p>
            <LivePulse
                locale
                workshop_id=header.workshop_id
                version=header.version
                phase=header.phase
                timer=header.timer
                viewer
            />
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
    let author = if item.author_guest {
        format!("{} ({})", item.author, t(locale, Key::GuestMark))
    } else {
        item.author.clone()
    };
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

/// Contributions by domain, each domain a titled list.
#[component]
pub fn Groups(groups: Vec<DomainGroup>, heading_level: u8) -> impl IntoView {
    let locale = use_locale();
    groups
        .into_iter()
        .map(|group| {
            let name = group
                .domain
                .as_ref()
                .map_or_else(|| t(locale, Key::NoDomain).to_owned(), |d| d.name.clone());
            let title = format!("{name} ({})", group.items.len());
            let heading = if heading_level == 2 {
                view! { <h2>{title}</h2> }.into_any()
            } else {
                view! { <h3>{title}</h3> }.into_any()
            };
            view! {
                <section class="domain-group">
                    {heading}
                    <ul class="live-list">
                        {group
                            .items
                            .into_iter()
                            .map(|item| view! { <li class="live-item"><LiveItem item /></li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}
