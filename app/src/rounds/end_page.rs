//! `/idees/<id>/tours/<n>/fin`: an author ends the open round, closing it
//! with a synthesis once its contributions are revealed, or cancelling it.
//! A page of its own, as opening a round has: the idea's page keeps only a
//! link, and stays light however many contributions it lists.

use super::{get_rounds, CancelRound, CloseRound};
use crate::domain::round_views::RoundBlock;
use crate::domain::rounds::RoundStatus;
use crate::error::AppError;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ConfirmBox, ErrorSummary, TextArea};
use crate::ui::guard::{page_title, path_id, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Where an author ends round `number` of an idea.
pub fn end_round_path(idea_id: i64, number: i32) -> String {
    format!("{}/tours/{number}/fin", crate::ideas::idea_path(idea_id))
}

#[component]
pub fn EndRoundPage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::EndRoundTitle) {
        return refused;
    }
    let idea_id = path_id("id");
    let number = leptos_router::hooks::use_params_map()
        .get_untracked()
        .get("tour")
        .and_then(|n| n.parse::<i32>().ok())
        .unwrap_or_default();
    let panel = Resource::new(
        move || (idea_id, number),
        |(id, number)| get_rounds(id, Some(number), None),
    );
    view! {
        <Title text=page_title(Key::EndRoundTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match panel.await {
                    Ok(panel) if !panel.is_author => load_failed(AppError::Forbidden),
                    Ok(panel) => {
                        let open = panel
                            .rounds
                            .into_iter()
                            .find(|b| b.info.number == number && b.info.status == RoundStatus::Open);
                        match open {
                            Some(block) => view! { <EndRound idea_id block /> }.into_any(),
                            // Ended already (a second click), or never opened.
                            None => view! { <NotOpen idea_id number /> }.into_any(),
                        }
                    }
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn EndRound(idea_id: i64, block: RoundBlock) -> impl IntoView {
    let locale = use_locale();
    let info = block.info;
    let refused = refused_submission::<CloseRound>().or_else(refused_submission::<CancelRound>);
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let back = format!("{}#tour-{}", crate::ideas::idea_path(idea_id), info.number);
    let triage_first = info.revealed && info.untriaged > 0;
    let close = if triage_first {
        // The server refuses to close with mines left: the way to them.
        let mines = format!(
            "{}?tour={n}#tour-{n}",
            crate::ideas::idea_path(idea_id),
            n = info.number
        );
        view! {
            <p class="hint">{format!("{} {}", info.untriaged, t(locale, Key::MinesToTriage))}</p>
            <p><a class="button primary" href=mines>{format!("{} {}", t(locale, Key::SummaryTriage), info.number)}</a></p>
        }
        .into_any()
    } else if info.revealed {
        view! {
            <section aria-labelledby="close-title">
                <h2 id="close-title">{t(locale, Key::CloseWithSynthesis)}</h2>
                <form method="post" action={<CloseRound as ServerFn>::PATH} class="stack-form">
                    <input type="hidden" name="round_id" value=info.id />
                    <TextArea name="synthesis" label=Key::SynthesisLabel hint=Key::SynthesisHint errors=errors.clone() required=true max_len=2000 rows=4 />
                    <TextArea name="next_step" label=Key::NextStepLabel hint=Key::NextStepHint errors=errors.clone() max_len=2000 rows=3 />
                    <button type="submit" class="primary">{t(locale, Key::CloseRound)}</button>
                </form>
            </section>
        }
        .into_any()
    } else {
        view! { <p class="hint">{t(locale, Key::CloseNeedsReveal)}</p> }.into_any()
    };
    view! {
        <p><a href=back>{t(locale, Key::BackToIdea)}</a></p>
        <h1>{format!("{} {}", t(locale, Key::EndRoundHeading), info.number)}</h1>
        <p class="round-focus">{info.focus.clone()}</p>
        {info.contribution_count.map(|n| view! { <p class="idea-meta">{format!("{n} {}", t(locale, Key::ContributionsArrived))}</p> })}
        <ErrorSummary error=refused.clone() />
        {close}
        <section aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t(locale, Key::CancelRound)}</h2>
            <form method="post" action={<CancelRound as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="idea_id" value=idea_id />
                <input type="hidden" name="round_id" value=info.id />
                <ConfirmBox id=format!("confirm-cancel-{}", info.id) consequence=Key::ConfirmCancelRound />
                <button type="submit">{t(locale, Key::CancelRound)}</button>
            </form>
        </section>
    }
}

/// The round is not open (closed or cancelled meanwhile, or never opened):
/// said, with any refusal the last click brought, and the way back.
#[component]
fn NotOpen(idea_id: i64, number: i32) -> impl IntoView {
    let locale = use_locale();
    crate::ui::status::set_status(http::StatusCode::NOT_FOUND);
    let refused = refused_submission::<CloseRound>().or_else(refused_submission::<CancelRound>);
    view! {
        <p><a href=format!("{}#tours", crate::ideas::idea_path(idea_id))>{t(locale, Key::BackToIdea)}</a></p>
        <h1>{format!("{} {number}", t(locale, Key::EndRoundHeading))}</h1>
        <ErrorSummary error=refused />
        <p>{t(locale, Key::RoundNotOpen)}</p>
    }
}
