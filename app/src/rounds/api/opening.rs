//! Server functions that open a round and steer its course: asking people,
//! calling domains, revealing early, extending, cancelling.

use crate::domain::round_forms::OpenRoundForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Opens a round on the idea's current version, asks the people named and
/// calls the domains ticked. Authors and co-authors only; the same
/// `request_id` twice opens one round.
#[server(endpoint = "open_round")]
pub async fn open_round(
    request_id: String,
    idea_id: i64,
    #[server(flatten)] form: OpenRoundForm,
) -> Result<(), AppError> {
    use crate::domain::round_inputs::RoundOpening;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let input = form.input();
    let (ask, key) =
        crate::ideas::keyed(RoundOpening::try_from(&form), &request_id, &input).map_err(fail)?;
    let state = state();
    let number = crate::backend::rounds::opening::open(&ctx(&state), &key, idea_id, ask)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    leptos_axum::redirect(&crate::rounds::round_anchor(idea_id, number));
    Ok(())
}

/// Calls a domain on an open round: everyone who holds it is asked.
/// Authors and co-authors only.
#[server(endpoint = "call_domain")]
pub async fn call_domain(idea_id: i64, round_id: i64, domain_id: i64) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    let asked = crate::backend::rounds::opening::call_domain(&ctx(&state), round_id, domain_id)
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
    use crate::backend::rounds::opening::invite;
    use crate::domain::round_inputs::split_names;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    invite(&ctx(&state), round_id, &split_names(&invitees))
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&[("invitees", invitees.as_str())])))?;
    leptos_axum::redirect(&crate::rounds::rounds_anchor(idea_id));
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
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    crate::backend::rounds::course::reveal(&ctx(&state), round_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::rounds::rounds_anchor(idea_id));
    Ok(())
}

/// Moves the deadline later, before the reveal. Authors and co-authors only.
#[server(endpoint = "extend_round")]
pub async fn extend_round(idea_id: i64, round_id: i64, deadline: String) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    let parsed = crate::domain::paris_time::parse_input(&deadline);
    if parsed.is_none() && !deadline.trim().is_empty() {
        let mut errors = crate::error::FormErrors::with_input([("deadline", deadline.as_str())]);
        errors.add("deadline", crate::i18n::Key::ErrInvalidDate);
        return Err(fail(AppError::Invalid(errors)));
    }
    crate::backend::rounds::course::extend(&ctx(&state), round_id, parsed)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&[("deadline", deadline.as_str())])))?;
    leptos_axum::redirect(&crate::rounds::rounds_anchor(idea_id));
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
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    crate::backend::rounds::course::cancel(&ctx(&state), round_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::rounds::rounds_anchor(idea_id));
    Ok(())
}
