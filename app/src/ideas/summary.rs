//! What an idea page opens with, read in ten seconds: the stage and score
//! with what the next stage still misses, the open round and its deadline,
//! what this reader can do now; then anchors to the sections below.

use super::PublishIdea;
use crate::domain::idea_summary::{open_round, reader_actions, ReaderAction};
use crate::domain::maturity::Stage;
use crate::domain::round_views::RoundsPanel;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::rounds::{contribute_path, criterion_text, open_round_path};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The most criteria named in the summary; the maturity section lists all.
const MISSING_SHOWN: usize = 3;

#[component]
pub fn IdeaSummary(panel: RoundsPanel, draft: bool, can_edit: bool) -> impl IntoView {
    let locale = use_locale();
    let actions = reader_actions(&panel, draft, can_edit);
    view! {
        <section class="idea-summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">{t(locale, Key::SummaryHeading)}</h2>
            <dl class="summary-facts">
                <div>
                    <dt>{t(locale, Key::SummaryMaturity)}</dt>
                    <dd>{maturity_line(locale, &panel)}</dd>
                </div>
                <div>
                    <dt>{t(locale, Key::SummaryRound)}</dt>
                    <dd>{round_line(locale, &panel)}</dd>
                </div>
                <div>
                    <dt>{t(locale, Key::SummaryForYou)}</dt>
                    <dd>
                        {if actions.is_empty() {
                            t(locale, Key::SummaryNothingToDo).into_any()
                        } else {
                            view! {
                                <div class="form-actions">
                                    {actions.into_iter().map(|a| action_view(locale, panel.idea_id, a)).collect_view()}
                                </div>
                            }
                            .into_any()
                        }}
                    </dd>
                </div>
            </dl>
            <nav class="page-anchors" aria-label=t(locale, Key::SummaryOnThisPage)>
                <a href="#texte">{t(locale, Key::IdeaTextAnchor)}</a>
                " · " <a href="#maturite">{t(locale, Key::MaturityHeading)}</a>
                " · " <a href="#carte">{t(locale, Key::CoverageTitle)}</a>
                " · " <a href="#tours">{t(locale, Key::RoundsTitle)}</a>
                " · " <a href="#history">{t(locale, Key::History)}</a>
            </nav>
        </section>
    }
}

/// `Esquisse · 45/100 — Pour passer à « Déminée » : a, b, c (le détail)`.
fn maturity_line(locale: Locale, panel: &RoundsPanel) -> impl IntoView {
    let m = &panel.maturity;
    let next = Stage::ALL.iter().skip_while(|s| **s != m.stage).nth(1);
    let missing = match next {
        None => t(locale, Key::SummaryAllMet).to_owned(),
        Some(next) => {
            let mut named: Vec<String> = m
                .missing
                .iter()
                .take(MISSING_SHOWN)
                .map(|c| criterion_text(locale, *c))
                .collect();
            if m.missing.len() > MISSING_SHOWN {
                named.push("…".to_owned());
            }
            format!(
                "{} « {} » : {}",
                t(locale, Key::SummaryNextStage),
                t(locale, next.label()),
                named.join(" ; ")
            )
        }
    };
    view! {
        <strong>{t(locale, m.stage.label())}</strong>
        {format!(" · {}/100", m.score)}
        {panel.outcome.map(|o| view! { " · " <strong>{t(locale, o.label())}</strong> })}
        <br />
        {missing} " (" <a href="#maturite">{t(locale, Key::SummarySeeDetail)}</a> ")"
    }
}

/// `Tour 2 — écriture silencieuse · date limite : 05/12/2026 17:00 · 4 contribution(s) reçue(s)`.
fn round_line(locale: Locale, panel: &RoundsPanel) -> AnyView {
    let Some(round) = open_round(panel) else {
        return t(locale, Key::SummaryNoRound).into_any();
    };
    let state = if round.revealed {
        Key::RoundRevealed
    } else {
        Key::SilentWriting
    };
    let mut facts = vec![format!(
        "{} {} — {}",
        t(locale, Key::RoundWord),
        round.number,
        t(locale, state)
    )];
    if let Some(deadline) = &round.deadline {
        facts.push(format!("{} {deadline}", t(locale, Key::DeadlineWord)));
    }
    if let Some(n) = round.contribution_count {
        facts.push(format!("{n} {}", t(locale, Key::ContributionsArrived)));
    }
    let number = round.number;
    view! {
        <a href=format!("#tour-{number}")>{facts.join(" · ")}</a>
        // On a line of its own (the style makes it a block).
        <span class="round-focus">{round.focus.clone()}</span>
    }
    .into_any()
}

fn action_view(locale: Locale, idea_id: i64, action: ReaderAction) -> AnyView {
    let link = |href: String, text: String, class: &'static str| {
        view! { <a class=class href=href>{text}</a> }.into_any()
    };
    let round_anchor = |round: i32| format!("?tour={round}#tour-{round}");
    match action {
        ReaderAction::Publish => view! {
            <form method="post" action={<PublishIdea as ServerFn>::PATH} class="inline-form">
                <input type="hidden" name="idea_id" value=idea_id />
                <button type="submit" class="primary">{t(locale, Key::Publish)}</button>
            </form>
        }
        .into_any(),
        ReaderAction::Contribute => link(
            contribute_path(idea_id),
            t(locale, Key::Contribute).to_owned(),
            "button primary",
        ),
        ReaderAction::Triage { round, mines } => link(
            round_anchor(round),
            format!("{} {round} ({mines})", t(locale, Key::SummaryTriage)),
            "button primary",
        ),
        ReaderAction::Reveal { round } => link(
            round_anchor(round),
            format!("{} {round}", t(locale, Key::SummaryReveal)),
            "button",
        ),
        ReaderAction::Close { round } => link(
            crate::rounds::end_round_path(idea_id, round),
            format!("{} {round}", t(locale, Key::SummaryClose)),
            "button primary",
        ),
        ReaderAction::Workshop { round } => link(
            round_anchor(round),
            format!("{} {round}", t(locale, Key::SummaryWorkshop)),
            "button",
        ),
        ReaderAction::OpenRound => link(
            open_round_path(idea_id),
            t(locale, Key::OpenRound).to_owned(),
            "button primary",
        ),
    }
}
