//! One contribution in a list: what it is, who wrote it, its text, its
//! triage and its "moi aussi" count; endorsing, replying and triaging
//! happen on its own page, so that long lists stay light.

use super::contribution_path;
use crate::domain::round_views::{ContributionView, TriageView};
use crate::domain::rounds::ContributionKind;
use crate::i18n::{t, use_locale, Key, Locale};
use leptos::prelude::*;

/// "Mine · Juridique · Bloquante".
pub fn heading(locale: Locale, c: &ContributionView) -> String {
    let mut parts = vec![t(locale, c.kind.label()).to_owned()];
    if let Some(domain) = &c.domain {
        parts.push(domain.name.clone());
    }
    if let Some(severity) = c.severity {
        parts.push(t(locale, severity.label()).to_owned());
    }
    parts.join(" · ")
}

/// The triage line of a mine: "Désamorcée — …".
pub fn triage_line(locale: Locale, c: &ContributionView) -> Option<String> {
    c.triage.as_ref().map(|triage| triage_text(locale, triage))
}

/// A triage in words: its kind, the workaround, why or what, who and when.
pub fn triage_text(locale: Locale, triage: &TriageView) -> String {
    let mut line = t(locale, triage.kind.label()).to_owned();
    if let Some(w) = triage.workaround {
        line.push_str(&format!(" — {} #{w}", t(locale, Key::ByWorkaround)));
    }
    if !triage.note.is_empty() {
        line.push_str(&format!(" — {}", triage.note));
    }
    if !triage.owner.is_empty() {
        line.push_str(&format!(" ({}, {})", triage.owner, triage.due));
    }
    line
}

#[component]
pub fn ContributionItem(
    idea_id: i64,
    c: ContributionView,
    revealed: bool,
    /// The viewer keeps the pen: untriaged mines invite their triage.
    is_author: bool,
) -> impl IntoView {
    let locale = use_locale();
    let untriaged_mine =
        c.kind == ContributionKind::Mine && c.triage.is_none() && c.hidden.is_none();
    let mut endorsements = format!("{} {}", t(locale, Key::MeToo), c.endorsements);
    if c.workshop_dots > 0 {
        endorsements.push_str(&format!(
            " · {} {} ",
            c.workshop_dots,
            t(locale, Key::WorkshopVotes)
        ));
    }
    let byline = format!(
        "{} {} · {}{}{}",
        t(locale, Key::By),
        crate::workshops::author_name(locale, &c),
        c.created,
        crate::workshops::live_marks(locale, &c),
        if c.own {
            format!(" · {}", t(locale, Key::YoursWord))
        } else {
            String::new()
        }
    );
    let body = match &c.hidden {
        Some(reason) => view! { <p class="hidden-note">{format!("{} {reason}", t(locale, Key::HiddenBecause))}</p> }.into_any(),
        None => view! {
            <p class="idea-text">{c.text.clone()}</p>
            {c.link.clone().map(|href| view! { <p><a href=href.clone() rel="nofollow noopener">{href.clone()}</a></p> })}
        }
        .into_any(),
    };
    let id = c.id;
    view! {
        <li id=format!("contribution-{id}") class="contribution" class:mine=c.kind == ContributionKind::Mine>
            <p class="contribution-head">
                <strong>{heading(locale, &c)}</strong>
                {format!(" — {byline}")}
            </p>
            {body}
            {triage_line(locale, &c).map(|line| view! { <p class="triage">{line}</p> })}
            <p class="contribution-actions">
                {revealed.then(|| endorsements.clone())}
                <a href=contribution_path(idea_id, id)>
                    {if untriaged_mine && revealed && is_author {
                        t(locale, Key::OpenToTriage).to_owned()
                    } else {
                        format!("{} ({})", t(locale, Key::OpenContribution), c.reply_count)
                    }}
                </a>
            </p>
        </li>
    }
}
