//! Server functions of live workshops. Facilitator actions need the device
//! holding the console; phones act as members or as guests, in their own
//! workshop only.

use crate::domain::workshop_views::{BoardView, ConsoleView, PhoneView};
use crate::error::AppError;
use leptos::prelude::*;

/// The context of a facilitator's request: someone signed in, on a device
/// with a session (the console is held by one device). Checked first, so
/// that nobody is told about their input before being told to sign in.
#[cfg(feature = "ssr")]
fn facilitator(
    state: &crate::backend::state::AppState,
) -> Result<crate::backend::ctx::Ctx<'_>, AppError> {
    use crate::web::http::{ctx, fail};
    let ctx = ctx(state);
    ctx.member().and(ctx.session()).map_err(fail)?;
    Ok(ctx)
}

/// Starts the workshop of a live round (or opens the one started) and
/// takes the caller to its console. `grouping` and `ways_around` (ticked
/// boxes) choose the optional steps. Facilitators, and the idea's authors.
#[server(endpoint = "start_workshop")]
pub async fn start_workshop(
    round_id: i64,
    grouping: Option<String>,
    ways_around: Option<String>,
) -> Result<(), AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    let steps = crate::domain::workshops::Steps {
        grouping: grouping.is_some(),
        ways_around: ways_around.is_some(),
    };
    let id = crate::backend::workshops::running::start(&facilitator(&state)?, round_id, steps)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&super::console_path(id));
    Ok(())
}

/// Joins a workshop by its code: with one's account when signed in, else as
/// a guest giving a name (the guest cookie is set). Anyone.
#[server(endpoint = "join_workshop")]
pub async fn join_workshop(code: String, name: String) -> Result<(), AppError> {
    use super::{fields, refusals::on_join_page};
    use crate::backend::workshops::joining::{join_with_cap, Joiner};
    use crate::web::http::{
        client_ip, ctx, fail, guest_token, require_signed_in, set_guest_cookie, state,
    };
    let state = state();
    let guest_name = crate::domain::accounts::DisplayName::parse(&name);
    let joiner = match require_signed_in() {
        Ok(me) => Joiner::Member(me),
        Err(_) => Joiner::Guest {
            name: guest_name.clone().ok(),
            token: guest_token(),
        },
    };
    let joined = join_with_cap(
        &ctx(&state),
        &client_ip(),
        &code,
        joiner,
        state.max_guests_per_workshop,
    )
    .await
    .map_err(|e| {
        let input = [(fields::CODE, code.as_str()), (fields::NAME, name.as_str())];
        fail(on_join_page(e, guest_name.err()).echoing(&input))
    })?;
    if let Some(token) = joined.guest_token {
        set_guest_cookie(&token);
    }
    leptos_axum::redirect(&super::phone_path(joined.workshop_id));
    Ok(())
}

/// The phone view. People in the workshop (members who joined, its guests).
#[server(endpoint = "workshop_phone")]
pub async fn workshop_phone(workshop_id: i64) -> Result<PhoneView, AppError> {
    use crate::web::http::{ctx, fail, state};
    let state = state();
    crate::backend::workshops::reading::phone(&ctx(&state), workshop_id)
        .await
        .map_err(fail)
}

/// The projector board. Those who may facilitate the workshop.
#[server(endpoint = "workshop_board")]
pub async fn workshop_board(workshop_id: i64) -> Result<BoardView, AppError> {
    use crate::web::http::{ctx, fail, state};
    let state = state();
    let ctx = ctx(&state);
    ctx.member().map_err(fail)?;
    crate::backend::workshops::reading::board(&ctx, &state.public_url, workshop_id)
        .await
        .map_err(fail)
}

/// The facilitator console. Those who may facilitate the workshop.
#[server(endpoint = "workshop_console")]
pub async fn workshop_console(workshop_id: i64) -> Result<ConsoleView, AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    crate::backend::workshops::reading::console(&facilitator(&state)?, workshop_id)
        .await
        .map_err(fail)
}

/// The workshop's record (« compte rendu »). Those who may see the idea,
/// and everyone who took part: a guest's seat still opens it once the
/// workshop has ended, unless they were removed. (The view's type is named
/// in full: the server function's own struct is `WorkshopRecord` here.)
#[server(endpoint = "workshop_record")]
pub async fn workshop_record(
    workshop_id: i64,
) -> Result<crate::domain::workshop_views::WorkshopRecord, AppError> {
    use crate::web::http::{ctx, fail, state};
    let state = state();
    crate::backend::workshops::record::record(&ctx(&state), workshop_id)
        .await
        .map_err(fail)
}

/// Back to the console after a facilitator's change.
#[cfg(feature = "ssr")]
fn to_console(workshop_id: i64) {
    leptos_axum::redirect(&super::console_path(workshop_id));
}

/// Opens (`open=true`) or locks joining. At the console.
#[server(endpoint = "set_joining")]
pub async fn set_joining(workshop_id: i64, open: bool) -> Result<(), AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    crate::backend::workshops::running::set_joining(&facilitator(&state)?, workshop_id, open)
        .await
        .map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// Moves the console to this device. Those who may facilitate.
#[server(endpoint = "take_console")]
pub async fn take_console(workshop_id: i64) -> Result<(), AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    crate::backend::workshops::running::take_console(&facilitator(&state)?, workshop_id)
        .await
        .map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// Goes from phase `from` to the next, with a timer of `minutes` (empty:
/// the phase's default). At the console; pressed twice, moves once.
#[server(endpoint = "next_phase")]
pub async fn next_phase(
    workshop_id: i64,
    from: String,
    minutes: Option<String>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::workshops::{parse_minutes, Phase};
    use crate::error::FormErrors;
    use crate::web::http::{fail, state};
    let state = state();
    let ctx = facilitator(&state)?;
    let minutes = minutes.unwrap_or_default();
    let input = [("minutes", minutes.as_str())];
    let from = Phase::parse(&from).ok_or_else(|| {
        fail(FormErrors::refuse(
            "from",
            crate::i18n::Key::ErrInvalidChoice,
        ))
    })?;
    // The step to the end cannot be undone: as for « Terminer l’atelier ».
    if from == Phase::Triage {
        crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    }
    let minutes = match minutes.trim() {
        "" => None,
        typed => Some(
            parse_minutes(typed)
                .map_err(|k| fail(FormErrors::refuse("minutes", k).echoing(&input)))?,
        ),
    };
    crate::backend::workshops::running::advance(&ctx, workshop_id, from, minutes)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    to_console(workshop_id);
    Ok(())
}

/// Ends the workshop now: the round stays open for triage. At the console.
#[server(endpoint = "end_workshop")]
pub async fn end_workshop(workshop_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    let ctx = facilitator(&state)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    crate::backend::workshops::running::end(&ctx, workshop_id)
        .await
        .map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// The timer: `pause`, `resume`, `plus1` or `plus5` (minutes). At the console.
#[server(endpoint = "workshop_timer")]
pub async fn workshop_timer(workshop_id: i64, action: String) -> Result<(), AppError> {
    use crate::backend::workshops::room::{timer, TimerAction};
    use crate::error::FormErrors;
    use crate::web::http::{fail, state};
    let state = state();
    let ctx = facilitator(&state)?;
    let action = match action.as_str() {
        "pause" => TimerAction::Pause,
        "resume" => TimerAction::Resume,
        "plus1" => TimerAction::Extend(1),
        "plus5" => TimerAction::Extend(5),
        _ => {
            return Err(fail(FormErrors::refuse(
                "action",
                crate::i18n::Key::ErrInvalidChoice,
            )))
        }
    };
    timer(&ctx, workshop_id, action).await.map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// How many dots each participant places (1 to 10), before the vote. At
/// the console.
#[server(endpoint = "set_dots")]
pub async fn set_dots(workshop_id: i64, dots: String) -> Result<(), AppError> {
    use crate::error::FormErrors;
    use crate::web::http::{fail, state};
    let state = state();
    let ctx = facilitator(&state)?;
    let input = [(super::fields::DOTS, dots.as_str())];
    let count = crate::domain::workshops::parse_dots(&dots)
        .map_err(|k| fail(FormErrors::refuse(super::fields::DOTS, k).echoing(&input)))?;
    crate::backend::workshops::room::set_dots(&ctx, workshop_id, count)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    to_console(workshop_id);
    Ok(())
}

/// Deals role cards at random (again: reshuffles). At the console, before
/// the reveal.
#[server(endpoint = "deal_cards")]
pub async fn deal_cards(workshop_id: i64) -> Result<(), AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    crate::backend::workshops::room::deal(&facilitator(&state)?, workshop_id)
        .await
        .map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// What the board shows: a mine in focus (`focus`, empty to show every
/// card again) or a page of cards (`page`, from 1). At the console, from
/// the reveal on.
#[server(endpoint = "show_on_board")]
pub async fn show_on_board(
    workshop_id: i64,
    focus: Option<String>,
    page: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::board_stage::BoardShow;
    use crate::error::FormErrors;
    use crate::web::http::{fail, state};
    let state = state();
    let ctx = facilitator(&state)?;
    let what = BoardShow::from_form(focus.as_deref(), page.as_deref())
        .map_err(|k| fail(FormErrors::refuse(super::fields::BOARD, k)))?;
    crate::backend::workshops::stage::show(&ctx, workshop_id, what)
        .await
        .map_err(fail)?;
    // Back where the facilitator acted, not at the console's top.
    let anchor = match what {
        BoardShow::Focus(Some(id)) => super::console_item_anchor(id),
        BoardShow::Focus(None) => super::CONSOLE_LIST_ANCHOR.to_owned(),
        BoardShow::Page(_) => super::BOARD_STAGE_ANCHOR.to_owned(),
    };
    leptos_axum::redirect(&format!("{}#{anchor}", super::console_path(workshop_id)));
    Ok(())
}

/// Removes someone from the room. At the console.
#[server(endpoint = "remove_participant")]
pub async fn remove_participant(workshop_id: i64, participant_id: i64) -> Result<(), AppError> {
    use crate::web::http::{fail, state};
    let state = state();
    crate::backend::workshops::room::remove(&facilitator(&state)?, workshop_id, participant_id)
        .await
        .map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// Hides a contribution of the workshop with a reason shown to everyone.
/// At the console.
#[server(endpoint = "hide_live")]
pub async fn hide_live(
    workshop_id: i64,
    contribution_id: i64,
    reason: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    use crate::web::http::{fail, state};
    let state = state();
    let ctx = facilitator(&state)?;
    let input = [("reason", reason.as_str())];
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(|e| fail(e.echoing(&input)))?;
    let reason = ContributionText::parse(&reason)
        .map_err(|k| fail(FormErrors::refuse("reason", k).echoing(&input)))?;
    crate::backend::workshops::room::hide(&ctx, workshop_id, contribution_id, reason)
        .await
        .map_err(fail)?;
    to_console(workshop_id);
    Ok(())
}

/// Posts from a phone during the writing phase (`started_in` is the phase
/// the form was shown in: a late post is taken until the reveal ends). The
/// same `request_id` twice posts once. People in the workshop.
#[server(endpoint = "post_live")]
pub async fn post_live(
    request_id: String,
    workshop_id: i64,
    started_in: String,
    #[server(flatten)] form: crate::domain::round_forms::ContributionForm,
) -> Result<(), AppError> {
    use crate::domain::round_forms::ContributionForm;
    use crate::domain::round_inputs::Draft;
    use crate::domain::workshops::Phase;
    use crate::web::http::{ctx, fail, state};
    // A phone offers no link: whatever is sent is not read. Only a way
    // around names the mine it answers (the service checks which).
    let form = ContributionForm {
        link: String::new(),
        ..form
    };
    let input = form.input();
    let (draft, key) =
        crate::ideas::keyed(Draft::try_from(&form), &request_id, &input).map_err(fail)?;
    let started_in = Phase::parse(&started_in).unwrap_or(Phase::Ended);
    let state = state();
    crate::backend::workshops::posting::post(&ctx(&state), &key, workshop_id, started_in, draft)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    // A form posted loads its answer even when the address is the same.
    leptos_axum::redirect(&super::phone_sent_path(workshop_id, "1"));
    Ok(())
}

/// Places (`add=true`) or takes back a dot on a mine, during the vote.
/// People in the workshop.
#[server(endpoint = "place_dot")]
pub async fn place_dot(workshop_id: i64, contribution_id: i64, add: bool) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, state};
    let state = state();
    crate::backend::workshops::posting::vote(&ctx(&state), workshop_id, contribution_id, add)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!(
        "{}#mine-{contribution_id}",
        super::phone_path(workshop_id)
    ));
    Ok(())
}

/// Where a grouping form leads back: the card's group in the console's
/// list or in the phone's.
#[cfg(feature = "ssr")]
fn back_to_group(workshop_id: i64, from: &str, card: i64) {
    let to = if from == super::FROM_CONSOLE {
        format!(
            "{}#{}",
            super::console_path(workshop_id),
            super::console_item_anchor(card)
        )
    } else {
        format!("{}#mine-{card}", super::phone_path(workshop_id))
    };
    leptos_axum::redirect(&to);
}

/// Groups mine `duplicate` under the card of mine `under` (« même idée
/// que… »), during the grouping step. People in the room, and the console
/// (`from` = `console`).
#[server(endpoint = "group_live")]
pub async fn group_live(
    workshop_id: i64,
    duplicate: i64,
    under: i64,
    from: String,
) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, state};
    let state = state();
    crate::backend::workshops::grouping::group(&ctx(&state), workshop_id, duplicate, under)
        .await
        .map_err(fail)?;
    back_to_group(workshop_id, &from, under);
    Ok(())
}

/// Takes mine `duplicate` out of its group, during the grouping step.
/// People in the room, and the console.
#[server(endpoint = "ungroup_live")]
pub async fn ungroup_live(workshop_id: i64, duplicate: i64, from: String) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, state};
    let state = state();
    crate::backend::workshops::grouping::ungroup(&ctx(&state), workshop_id, duplicate)
        .await
        .map_err(fail)?;
    back_to_group(workshop_id, &from, duplicate);
    Ok(())
}
