//! Server functions of démining rounds. Numbers that a form may leave empty
//! come as text and are parsed here; every refusal echoes what was typed.

use crate::domain::round_forms::{ContributionForm, OpenRoundForm, TriageForm};
use crate::domain::round_views::{ContributionPage, Notifications, Recognition, RoundsPanel};
use crate::error::AppError;
use leptos::prelude::*;

/// The rounds of an idea, its maturity and coverage map, as the caller may
/// see them (others' contributions only after the reveal). Signed-in people
/// of its organisation.
#[server(endpoint = "get_rounds")]
pub async fn get_rounds(
    idea_id: i64,
    round: Option<i32>,
    page: Option<u32>,
) -> Result<RoundsPanel, AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    let focus = round.map(|r| (r, page.unwrap_or(1)));
    crate::backend::rounds::reading::panel(&state.db, state.clock.now(), &me, idea_id, focus)
        .await
        .map_err(fail)
}

/// Opens a round on the idea's current version, asks the people named and
/// calls the domains ticked. Authors and co-authors only; the same
/// `request_id` twice opens one round.
#[server(endpoint = "open_round")]
pub async fn open_round(
    request_id: String,
    idea_id: i64,
    #[server(flatten)] form: OpenRoundForm,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::round_inputs::RoundOpening;
    let me = require_signed_in().map_err(fail)?;
    let input = form.input();
    let (ask, key) =
        crate::ideas::keyed(RoundOpening::try_from(&form), &request_id, &input).map_err(fail)?;
    let state = state();
    let number = crate::backend::rounds::opening::open(
        &state.db,
        state.clock.as_ref(),
        &me,
        &key,
        idea_id,
        ask,
    )
    .await
    .map_err(|e| fail(e.echoing(&input)))?;
    leptos_axum::redirect(&super::round_anchor(idea_id, number));
    Ok(())
}

/// Calls a domain on an open round: everyone who holds it is asked.
/// Authors and co-authors only.
#[server(endpoint = "call_domain")]
pub async fn call_domain(idea_id: i64, round_id: i64, domain_id: i64) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    let asked = crate::backend::rounds::opening::call_domain(
        &state.db,
        state.clock.as_ref(),
        &me,
        round_id,
        domain_id,
    )
    .await
    .map_err(fail)?;
    // The map says how many were told, and plainly when nobody was.
    leptos_axum::redirect(&format!(
        "{}?appel={asked}#carte",
        crate::ideas::idea_path(idea_id)
    ));
    Ok(())
}

/// Asks colleagues by name on an open round. Authors and co-authors only.
#[server(endpoint = "invite_to_round")]
pub async fn invite_to_round(
    idea_id: i64,
    round_id: i64,
    invitees: String,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::backend::rounds::opening::invite;
    use crate::domain::round_inputs::split_names;
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    invite(
        &state.db,
        state.clock.as_ref(),
        &me,
        round_id,
        &split_names(&invitees),
    )
    .await
    .map_err(|e| fail(e.echoing(&[("invitees", invitees.as_str())])))?;
    leptos_axum::redirect(&super::rounds_anchor(idea_id));
    Ok(())
}

/// Reveals every contribution of the round before its deadline. Authors
/// and co-authors only.
#[server(endpoint = "reveal_round")]
pub async fn reveal_round(
    idea_id: i64,
    round_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    crate::backend::rounds::opening::reveal(&crate::backend::http::ctx(&state), round_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&super::rounds_anchor(idea_id));
    Ok(())
}

/// Moves the deadline later, before the reveal. Authors and co-authors only.
#[server(endpoint = "extend_round")]
pub async fn extend_round(idea_id: i64, round_id: i64, deadline: String) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    let parsed = crate::domain::paris_time::parse_input(&deadline);
    if parsed.is_none() && !deadline.trim().is_empty() {
        let mut errors = crate::error::FormErrors::with_input([("deadline", deadline.as_str())]);
        errors.add("deadline", crate::i18n::Key::ErrInvalidDate);
        return Err(fail(AppError::Invalid(errors)));
    }
    crate::backend::rounds::opening::extend(&state.db, state.clock.as_ref(), &me, round_id, parsed)
        .await
        .map_err(|e| fail(e.echoing(&[("deadline", deadline.as_str())])))?;
    leptos_axum::redirect(&super::rounds_anchor(idea_id));
    Ok(())
}

/// Cancels an open round; its contributions stay, marked. Authors and
/// co-authors only.
#[server(endpoint = "cancel_round")]
pub async fn cancel_round(
    idea_id: i64,
    round_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    crate::backend::rounds::opening::cancel(&state.db, state.clock.as_ref(), &me, round_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&super::rounds_anchor(idea_id));
    Ok(())
}

/// Closes a revealed round whose every mine is triaged, with a synthesis
/// and the next step. Authors and co-authors only.
#[server(endpoint = "close_round")]
pub async fn close_round(
    round_id: i64,
    synthesis: String,
    next_step: String,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    let me = require_signed_in().map_err(fail)?;
    let input = [
        ("synthesis", synthesis.as_str()),
        ("next_step", next_step.as_str()),
    ];
    let mut errors = FormErrors::with_input(input);
    let parsed = ContributionText::parse(&synthesis).map_err(|k| errors.add("synthesis", k));
    let step = crate::domain::ideas::paragraph(&next_step, ContributionText::MAX_CHARS)
        .map_err(|k| errors.add("next_step", k));
    let (Ok(synthesis_text), Ok(step)) = (parsed, step) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let idea_id = crate::backend::rounds::triage::close(
        &state.db,
        state.clock.as_ref(),
        &me,
        round_id,
        synthesis_text,
        step,
    )
    .await
    .map_err(|e| fail(e.echoing(&input)))?;
    leptos_axum::redirect(&format!("{}#maturite", crate::ideas::idea_path(idea_id)));
    Ok(())
}

/// Writes a contribution to an open round before its reveal. Signed-in
/// people of the organisation (authors: workarounds, resources and
/// questions only); the same `request_id` twice writes once.
#[server(endpoint = "contribute")]
pub async fn contribute(
    request_id: String,
    idea_id: i64,
    round_id: i64,
    #[server(flatten)] form: ContributionForm,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::round_inputs::Draft;
    let me = require_signed_in().map_err(fail)?;
    let input = form.input();
    let (draft, key) =
        crate::ideas::keyed(Draft::try_from(&form), &request_id, &input).map_err(fail)?;
    let state = state();
    crate::backend::rounds::contributing::contribute(
        &state.db,
        state.clock.as_ref(),
        &me,
        &key,
        round_id,
        draft,
    )
    .await
    .map_err(|e| fail(e.echoing(&input)))?;
    leptos_axum::redirect(&format!(
        "{}?envoye=1#tours",
        crate::ideas::idea_path(idea_id)
    ));
    Ok(())
}

/// Rewrites one's own contribution before the reveal. Its writer only.
#[server(endpoint = "edit_contribution")]
pub async fn edit_contribution(
    idea_id: i64,
    contribution_id: i64,
    #[server(flatten)] form: ContributionForm,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::round_inputs::Draft;
    let me = require_signed_in().map_err(fail)?;
    let input = form.input();
    let draft = Draft::try_from(&form).map_err(|e| fail(AppError::Invalid(e)))?;
    let state = state();
    crate::backend::rounds::contributing::edit(
        &state.db,
        state.clock.as_ref(),
        &me,
        contribution_id,
        draft,
    )
    .await
    .map_err(|e| fail(e.echoing(&input)))?;
    leptos_axum::redirect(&super::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Withdraws one's own contribution before the reveal. Its writer only.
#[server(endpoint = "withdraw_contribution")]
pub async fn withdraw_contribution(
    contribution_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    let idea_id = crate::backend::rounds::contributing::withdraw(
        &state.db,
        state.clock.as_ref(),
        &me,
        contribution_id,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(&super::rounds_anchor(idea_id));
    Ok(())
}

/// "Moi aussi" on a revealed contribution, once per person, never one's own.
#[server(endpoint = "endorse")]
pub async fn endorse(contribution_id: i64) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    let idea_id = crate::backend::rounds::contributing::endorse(
        &state.db,
        state.clock.as_ref(),
        &me,
        contribution_id,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(&super::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Replies under a revealed contribution. Signed-in people of the
/// organisation; the same `request_id` twice replies once.
#[server(endpoint = "reply")]
pub async fn reply(request_id: String, contribution_id: i64, body: String) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    let me = require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::with_input([("body", body.as_str())]);
    let text = ContributionText::parse(&body).map_err(|k| errors.add("body", k));
    let key = crate::ideas::request_key(&request_id, &mut errors);
    let (Ok(text), Some(key)) = (text, key) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let idea_id = crate::backend::rounds::contributing::reply(
        &state.db,
        state.clock.as_ref(),
        &me,
        &key,
        contribution_id,
        text,
    )
    .await
    .map_err(|e| fail(e.echoing(&[("body", body.as_str())])))?;
    leptos_axum::redirect(&super::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Proposes a workaround to a revealed mine of an open round, anyone's.
/// Signed-in people of the organisation; the same `request_id` twice
/// proposes once.
#[server(endpoint = "propose_workaround")]
pub async fn propose_workaround(
    request_id: String,
    contribution_id: i64,
    body: String,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::with_input([("body", body.as_str())]);
    let text = ContributionText::parse(&body).map_err(|k| errors.add("body", k));
    let key = crate::ideas::request_key(&request_id, &mut errors);
    let (Ok(text), Some(key)) = (text, key) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let idea_id = crate::backend::rounds::contributing::propose_workaround(
        &crate::backend::http::ctx(&state),
        &key,
        contribution_id,
        text,
    )
    .await
    .map_err(|e| fail(e.echoing(&[("body", body.as_str())])))?;
    leptos_axum::redirect(&super::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// The author's triage of a revealed mine. Authors and co-authors only;
/// the same `request_id` twice acts once.
#[server(endpoint = "triage_mine")]
pub async fn triage_mine(
    request_id: String,
    contribution_id: i64,
    #[server(flatten)] form: TriageForm,
) -> Result<(), AppError> {
    use crate::backend::http::{ctx, fail, require_signed_in, state};
    use crate::domain::round_inputs::Triage;
    require_signed_in().map_err(fail)?;
    let input = form.input();
    let (answer, key) =
        crate::ideas::keyed(Triage::try_from(&form), &request_id, &input).map_err(fail)?;
    let state = state();
    let idea_id =
        crate::backend::rounds::triage::triage(&ctx(&state), &key, contribution_id, answer)
            .await
            .map_err(|e| fail(e.echoing(&input)))?;
    leptos_axum::redirect(&format!(
        "{}#contribution-{contribution_id}",
        crate::ideas::idea_path(idea_id)
    ));
    Ok(())
}

/// Hides a contribution with a reason shown to everyone. Leads and
/// administrators of the organisation.
#[server(endpoint = "hide_contribution")]
pub async fn hide_contribution(
    contribution_id: i64,
    reason: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::rounds::ContributionText;
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref())
        .map_err(|e| fail(e.echoing(&[("reason", reason.as_str())])))?;
    let reason_text = ContributionText::parse(&reason).map_err(|k| {
        let mut errors = crate::error::FormErrors::with_input([("reason", reason.as_str())]);
        errors.add("reason", k);
        fail(AppError::Invalid(errors))
    })?;
    let state = state();
    let idea_id = crate::backend::rounds::triage::hide(
        &crate::backend::http::ctx(&state),
        contribution_id,
        reason_text,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(&super::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Sets where the authors took the idea (or clears it with `none`).
/// Authors and co-authors only; dropping asks for the lessons learned.
#[server(endpoint = "set_outcome")]
pub async fn set_outcome(idea_id: i64, outcome: String, note: String) -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    use crate::domain::rounds::Outcome;
    let me = require_signed_in().map_err(fail)?;
    let input = [("outcome", outcome.as_str()), ("note", note.as_str())];
    let parsed = match outcome.as_str() {
        "none" => None,
        other => match Outcome::parse(other) {
            Some(o) => Some(o),
            None => {
                let mut errors = crate::error::FormErrors::with_input(input);
                errors.add("outcome", crate::i18n::Key::ErrInvalidChoice);
                return Err(fail(AppError::Invalid(errors)));
            }
        },
    };
    let note_text = crate::domain::ideas::paragraph(&note, 2000).map_err(|k| {
        let mut errors = crate::error::FormErrors::with_input(input);
        errors.add("note", k);
        fail(AppError::Invalid(errors))
    })?;
    crate::backend::rounds::triage::set_outcome(&state().db, &me, idea_id, parsed, note_text)
        .await
        .map_err(|e| fail(e.echoing(&input)))?;
    leptos_axum::redirect(&format!("{}#maturite", crate::ideas::idea_path(idea_id)));
    Ok(())
}

/// A contribution's page, if the caller may read it (someone else's before
/// the reveal: not found). Signed-in people of the organisation.
#[server(endpoint = "get_contribution")]
pub async fn get_contribution(contribution_id: i64) -> Result<ContributionPage, AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::rounds::reading::contribution_page(
        &state.db,
        state.clock.now(),
        &me,
        contribution_id,
    )
    .await
    .map_err(fail)
}

/// The caller's notifications. Signed-in people, their own.
#[server(endpoint = "get_notifications")]
pub async fn get_notifications() -> Result<Notifications, AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    crate::backend::notifications::list(&state().db, &me)
        .await
        .map_err(fail)
}

/// Marks all the caller's notifications read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::notifications::mark_all_read(&state.db, state.clock.as_ref(), &me)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(super::NOTIFICATIONS_PATH);
    Ok(())
}

/// What the caller's démining added up to (their profile).
#[server(endpoint = "get_recognition")]
pub async fn get_recognition() -> Result<Recognition, AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::rounds::reading::recognition(&state.db, state.clock.now(), me.id)
        .await
        .map_err(fail)
}

/// The fiche de déminage of an idea. Whoever may see the idea.
#[server(endpoint = "get_fiche")]
pub async fn get_fiche(idea_id: i64) -> Result<crate::domain::round_views::Fiche, AppError> {
    use crate::backend::http::{fail, require_signed_in, state};
    let me = require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::rounds::fiche::build(&state.db, state.clock.now(), &me, idea_id)
        .await
        .map_err(fail)
}
