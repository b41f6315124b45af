//! The round part of the idea page: maturity, coverage map, then the rounds
//! (the open one first), each with a page of its contributions and, for
//! authors, what they can do with it.

use super::contribution_item::ContributionItem;
use super::coverage_map::CoverageMap;
use super::maturity_box::MaturityBox;
use super::{contribute_path, open_round_path, ExtendRound, InviteToRound, RevealRound};
use crate::domain::round_views::{RoundBlock, RoundsPanel};
use crate::domain::rounds::{RoundMode, RoundStatus};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ConfirmBox, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn RoundsSection(panel: RoundsPanel) -> impl IntoView {
    let locale = use_locale();
    let open = panel
        .rounds
        .iter()
        .find(|b| b.info.status == RoundStatus::Open)
        .map(|b| (b.info.id, b.info.revealed));
    let call = open
        .filter(|(_, revealed)| panel.is_author && !revealed)
        .map(|(round_id, _)| (panel.idea_id, round_id));
    let sent = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("envoye")
        .is_some();
    let idea_id = panel.idea_id;
    let can_open = panel.is_author && panel.published && open.is_none();
    view! {
        <MaturityBox
            idea_id
            maturity=panel.maturity.clone()
            outcome=panel.outcome
            outcome_note=panel.outcome_note.clone()
            is_author=panel.is_author
        />
        <CoverageMap cells=panel.coverage.clone() call />
        <section id="tours" class="rounds" aria-labelledby="rounds-title">
            <h2 id="rounds-title">{t(locale, Key::RoundsTitle)}</h2>
            {sent.then(|| view! { <p class="callout" role="status">{t(locale, Key::ContributionSent)}</p> })}
            {(can_open || panel.can_contribute).then(|| view! {
                <div class="form-actions">
                    {can_open.then(|| view! { <a class="button primary" href=open_round_path(idea_id)>{t(locale, Key::OpenRound)}</a> })}
                    {panel.can_contribute.then(|| view! { <a class="button primary" href=contribute_path(idea_id)>{t(locale, Key::Contribute)}</a> })}
                </div>
            })}
            {panel.rounds.is_empty().then(|| view! { <p>{t(locale, Key::NoRoundYet)}</p> })}
            {panel
                .rounds
                .into_iter()
                .map(|block| view! { <RoundView idea_id block is_author=panel.is_author /> })
                .collect_view()}
        </section>
    }
}

#[component]
fn RoundView(idea_id: i64, block: RoundBlock, is_author: bool) -> impl IntoView {
    let locale = use_locale();
    let info = block.info.clone();
    let number = info.number;
    let status = if info.status == RoundStatus::Open && !info.revealed {
        t(locale, Key::SilentWriting).to_owned()
    } else if info.status == RoundStatus::Open {
        t(locale, Key::RoundRevealed).to_owned()
    } else {
        t(locale, info.status.label()).to_owned()
    };
    let mut facts = vec![format!(
        "{} {} · {} {}",
        t(locale, Key::OnVersion),
        info.version,
        t(locale, Key::OpenedOn),
        info.opened
    )];
    if let Some(deadline) = &info.deadline {
        facts.push(format!("{} {deadline}", t(locale, Key::DeadlineWord)));
    }
    if info.mode == RoundMode::Live {
        facts.push(t(locale, Key::RoundModeLive).to_owned());
    }
    if !info.wanted.is_empty() {
        let names: Vec<&str> = info.wanted.iter().map(|d| d.name.as_str()).collect();
        facts.push(format!(
            "{} {}",
            t(locale, Key::WantedDomains),
            names.join(", ")
        ));
    }
    if !info.invited.is_empty() {
        let names: Vec<&str> = info.invited.iter().map(|p| p.name.as_str()).collect();
        facts.push(format!(
            "{} {}",
            t(locale, Key::InvitedByName),
            names.join(", ")
        ));
    }
    if let Some(n) = info.contribution_count {
        facts.push(format!("{n} {}", t(locale, Key::ContributionsArrived)));
    }
    let silent_note =
        (!info.revealed).then(|| view! { <p class="hint">{t(locale, Key::SilentWritingNote)}</p> });
    let pages = (block.page_count > 1).then(|| {
        let link = |page: u32, label: Key| {
            view! { <a href=format!("?tour={number}&page={page}#tour-{number}")>{t(locale, label)}</a> }
        };
        view! {
            <nav class="pager" aria-label=format!("{} {number}", t(locale, Key::RoundPages))>
                {(block.page > 1).then(|| link(block.page - 1, Key::PreviousPage))}
                {format!(" {} {}/{} ", t(locale, Key::PageWord), block.page, block.page_count)}
                {(block.page < block.page_count).then(|| link(block.page + 1, Key::NextPage))}
            </nav>
        }
    });
    let revealed = info.revealed;
    let ended = (!info.synthesis.is_empty()).then(|| {
        view! {
            <p><strong>{t(locale, Key::SynthesisLabel)}</strong> {format!(" {}", info.synthesis)}</p>
            {(!info.next_step.is_empty()).then(|| view! { <p><strong>{t(locale, Key::NextStepLabel)}</strong> {format!(" {}", info.next_step)}</p> })}
        }
    });
    view! {
        <article id=format!("tour-{number}") class="round" aria-labelledby=format!("tour-{number}-title")>
            <h3 id=format!("tour-{number}-title")>{format!("{} {number} — {status}", t(locale, Key::RoundWord))}</h3>
            <p class="round-focus">{info.focus.clone()}</p>
            <p class="idea-meta">{facts.join(" · ")}</p>
            {silent_note}
            {ended}
            {info.workshop_record.map(|id| view! { <p><a href=crate::workshops::record_path(id)>{t(locale, Key::RecordLink)}</a></p> })}
            {(info.mode == RoundMode::Live && info.status == RoundStatus::Open).then(|| view! { <WorkshopBox round_id=info.id is_author offer_steps=!info.workshop_running && !info.revealed /> })}
            {(is_author && info.status == RoundStatus::Open).then(|| view! { <AuthorRoundTools idea_id block=block.clone() /> })}
            {if !block.expanded {
                let count = info.contribution_count.unwrap_or(0);
                view! {
                    <p>
                        <a href=format!("?tour={number}#tour-{number}")>
                            {format!("{} ({count})", t(locale, Key::ShowRoundContributions))}
                        </a>
                    </p>
                }
                    .into_any()
            } else if block.contributions.is_empty() {
                view! { <p>{t(locale, Key::NoContributionYet)}</p> }.into_any()
            } else {
                view! {
                    <ol class="contributions">
                        {block
                            .contributions
                            .into_iter()
                            .map(|c| view! { <ContributionItem idea_id c revealed is_author /> })
                            .collect_view()}
                    </ol>
                    {pages}
                }
                    .into_any()
            }}
        </article>
    }
}

/// A live round is run in a workshop: its console for those who facilitate
/// (facilitators, the idea's authors), the join page for everyone.
#[component]
fn WorkshopBox(round_id: i64, is_author: bool, offer_steps: bool) -> impl IntoView {
    use crate::workshops::{StartWorkshop, JOIN_PATH};
    let locale = use_locale();
    let facilitates = is_author
        || crate::accounts::use_viewer()
            .is_some_and(|me| me.role >= crate::domain::accounts::Role::Facilitator);
    view! {
        <div class="workshop-box">
            <p>{t(locale, Key::LiveRoundNote)} " " <a href=JOIN_PATH>{t(locale, Key::JoinWorkshopTitle)}</a></p>
            {facilitates.then(|| view! {
                <form method="post" action={<StartWorkshop as ServerFn>::PATH} class=if offer_steps { "stack-form" } else { "inline-form" }>
                    <input type="hidden" name="round_id" value=round_id />
                    // Chosen once, when the workshop starts: a workshop
                    // already running keeps its own.
                    {offer_steps.then(|| view! {
                        <fieldset class="checkbox-group workshop-steps">
                            <legend>{t(locale, Key::WorkshopStepsLegend)}</legend>
                            <p class="checkbox-line">
                                <input type="checkbox" id=format!("grouping-{round_id}") name="grouping" value="1" />
                                <label for=format!("grouping-{round_id}")>{t(locale, Key::StepGroupingChoice)}</label>
                            </p>
                            <p class="checkbox-line">
                                <input type="checkbox" id=format!("ways-around-{round_id}") name="ways_around" value="1" />
                                <label for=format!("ways-around-{round_id}")>{t(locale, Key::StepWaysAroundChoice)}</label>
                            </p>
                        </fieldset>
                    })}
                    <button type="submit" class="primary">{t(locale, Key::OpenWorkshopConsole)}</button>
                </form>
            })}
        </div>
    }
}

/// Reveal, extend, invite; the way to close or cancel: what an author does
/// with the open round.
#[component]
fn AuthorRoundTools(idea_id: i64, block: RoundBlock) -> impl IntoView {
    let locale = use_locale();
    let info = block.info;
    let refused = refused_submission::<RevealRound>()
        .or_else(refused_submission::<ExtendRound>)
        .or_else(refused_submission::<InviteToRound>);
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let hidden = move || {
        view! {
            <input type="hidden" name="idea_id" value=idea_id />
            <input type="hidden" name="round_id" value=info.id />
        }
    };
    let silent = !info.revealed;
    let extend = (silent && info.mode == RoundMode::Async).then(|| {
        view! {
            <form method="post" action={<ExtendRound as ServerFn>::PATH} class="inline-form">
                {hidden()}
                <label for="field-deadline">{t(locale, Key::NewDeadline)}</label>
                <input id="field-deadline" type="datetime-local" name="deadline" value=info.deadline_input.clone() required=true />
                <button type="submit">{t(locale, Key::ExtendRound)}</button>
            </form>
        }
    });
    view! {
        <div class="author-tools">
            <ErrorSummary error=refused.clone() />
            <div class="form-actions">
                {(silent && info.workshop_running)
                    .then(|| view! { <p class="hint">{t(locale, Key::RevealInWorkshopNote)}</p> })}
                {(silent && !info.workshop_running)
                    .then(|| {
                        view! {
                            <form method="post" action={<RevealRound as ServerFn>::PATH} class="inline-form">
                                {hidden()}
                                <ConfirmBox id=format!("confirm-reveal-{}", info.id) consequence=Key::ConfirmRevealRound />
                                <button type="submit" class="primary">{t(locale, Key::RevealNow)}</button>
                            </form>
                        }
                    })}
                // Closing (with its synthesis) and cancelling have a page
                // of their own.
                <a class=if info.revealed && info.untriaged == 0 { "button primary" } else { "button" } href=super::end_round_path(idea_id, info.number)>
                    {t(locale, Key::EndRoundLink)}
                </a>
            </div>
            {extend}
            {silent
                .then(|| {
                    view! {
                        <form method="post" action={<InviteToRound as ServerFn>::PATH} class="inline-form">
                            {hidden()}
                            <TextField name="invitees" label=Key::InviteByName hint=Key::InviteByNameHint errors=errors.clone() id="field-round-invitees" list=crate::directory::NAMES_LIST />
                            <crate::directory::NameSuggestions />
                            <button type="submit">{t(locale, Key::SendInvitation)}</button>
                        </form>
                    }
                })}
        </div>
    }
}
