//! One contribution in a list: what it is, who wrote it, its text, its
//! triage and its "moi aussi" count; endorsing, replying and triaging
//! happen on its own page, so that long lists stay light.

use super::contribution_path;
use crate::domain::round_views::{ContributionView, LinkRef, TriageView};
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

/// A triage in words: its kind, the workaround (by its text when the
/// reader may read it), why or what, who and when.
pub fn triage_text(locale: Locale, triage: &TriageView) -> String {
    let mut line = t(locale, triage.kind.label()).to_owned();
    match (&triage.workaround_text, triage.workaround) {
        (Some(text), _) => {
            line.push_str(&format!(" — {} « {text} »", t(locale, Key::ByWorkaround)))
        }
        (None, Some(w)) => line.push_str(&format!(" — {} #{w}", t(locale, Key::ByWorkaround))),
        (None, None) => {}
    }
    if !triage.note.is_empty() {
        line.push_str(&format!(" — {}", triage.note));
    }
    if !triage.owner.is_empty() {
        line.push_str(&format!(" ({}, {})", triage.owner, triage.due));
    }
    line
}

/// What links a contribution to others, each named by its text and linked:
/// the mine a workaround answers, the workarounds proposed for a mine, and
/// how a mine was triaged (the defusing workaround linked, once).
#[component]
pub fn ContributionLinks(idea_id: i64, c: ContributionView) -> impl IntoView {
    let locale = use_locale();
    let link = move |l: &LinkRef| {
        view! { <a href=contribution_path(idea_id, l.id)>{format!("« {} »", l.text)}</a> }
    };
    let answers = c.answers_link.as_ref().map(|m| {
        view! { <p class="link-note">{format!("{} ", t(locale, Key::AnswersMine))} {link(m)}</p> }
    });
    let proposed = (!c.answered_by.is_empty()).then(|| {
        view! {
            <p class="link-note">
                {t(locale, Key::ProposedWorkarounds)}
                {c.answered_by.iter().map(|w| view! { " " {link(w)} }).collect_view()}
            </p>
        }
    });
    let grouped = c.grouped_under.map(|card| {
        view! {
            <p class="link-note">
                {format!("{} ", t(locale, Key::SameIdeaAsMine))}
                <a href=contribution_path(idea_id, card)>{format!("#{card}")}</a>
            </p>
        }
    });
    let triage = c.triage.as_ref().map(|tr| {
        // The defusing workaround, when readable, becomes a link placed
        // right after the kind; the rest of the line is as written.
        let defusing = tr.workaround.zip(tr.workaround_text.clone());
        let mut rest = tr.clone();
        if defusing.is_some() {
            rest.workaround = None;
            rest.workaround_text = None;
        }
        let line = triage_text(locale, &rest);
        let kind_len = t(locale, tr.kind.label()).len();
        let (kind, tail) = line.split_at(kind_len.min(line.len()));
        let (kind, tail) = (kind.to_owned(), tail.to_owned());
        view! {
            <p class="triage">
                <strong>{format!("{} : ", t(locale, Key::TriageLabel))}</strong>
                {kind}
                {defusing.map(|(id, text)| view! {
                    {format!(" — {} ", t(locale, Key::ByWorkaround))}
                    {link(&LinkRef { id, text })}
                })}
                {tail}
            </p>
        }
    });
    view! { {grouped} {answers} {proposed} {triage} }
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
    // A duplicate is triaged at the card it is grouped under.
    let untriaged_mine = c.kind == ContributionKind::Mine
        && c.triage.is_none()
        && c.hidden.is_none()
        && c.grouped_under.is_none();
    let mut endorsements = format!("{} {}", t(locale, Key::MeToo), c.endorsements);
    if c.workshop_dots > 0 {
        endorsements.push_str(&format!(
            " · {} {}",
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
            <ContributionLinks idea_id c=c.clone() />
            // The counts and the link end the item without a wrapper of
            // their own: a page of contributions counts every element.
            {revealed.then(|| format!("{endorsements} · "))}
            <a href=contribution_path(idea_id, id)>
                {if untriaged_mine && revealed && is_author {
                    t(locale, Key::OpenToTriage).to_owned()
                } else {
                    format!("{} ({})", t(locale, Key::OpenContribution), c.reply_count)
                }}
            </a>
        </li>
    }
}
