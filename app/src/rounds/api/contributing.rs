//! Server functions of contributing: writing in silence, editing and
//! withdrawing before the reveal; endorsing, replying and proposing
//! workarounds after it.

use crate::domain::round_forms::ContributionForm;
use crate::error::AppError;
use leptos::prelude::*;

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
    use crate::domain::round_inputs::Draft;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let input = form.input();
    let (draft, key) =
        crate::ideas::keyed(Draft::try_from(&form), &request_id, &input).map_err(fail)?;
    let state = state();
    crate::backend::rounds::contributing::contribute(&ctx(&state), &key, round_id, draft)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
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
    use crate::domain::round_inputs::Draft;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let input = form.input();
    let draft = Draft::try_from(&form).map_err(|e| fail(AppError::Invalid(e)))?;
    let state = state();
    crate::backend::rounds::contributing::edit(&ctx(&state), contribution_id, draft)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    leptos_axum::redirect(&crate::rounds::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Withdraws one's own contribution before the reveal. Its writer only.
#[server(endpoint = "withdraw_contribution")]
pub async fn withdraw_contribution(
    contribution_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref()).map_err(fail)?;
    let state = state();
    let idea_id = crate::backend::rounds::contributing::withdraw(&ctx(&state), contribution_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::rounds::rounds_anchor(idea_id));
    Ok(())
}

/// "Moi aussi" on a revealed contribution, once per person, never one's own.
#[server(endpoint = "endorse")]
pub async fn endorse(contribution_id: i64) -> Result<(), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    let idea_id = crate::backend::rounds::contributing::endorse(&ctx(&state), contribution_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::rounds::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Replies under a revealed contribution. Signed-in people of the
/// organisation; the same `request_id` twice replies once.
#[server(endpoint = "reply")]
pub async fn reply(request_id: String, contribution_id: i64, body: String) -> Result<(), AppError> {
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::with_input([("body", body.as_str())]);
    let text = ContributionText::parse(&body).map_err(|k| errors.add("body", k));
    let key = crate::ideas::request_key(&request_id, &mut errors);
    let (Ok(text), Some(key)) = (text, key) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let idea_id =
        crate::backend::rounds::contributing::reply(&ctx(&state), &key, contribution_id, text)
            .await
            .map_err(|e| fail(AppError::from(e).echoing(&[("body", body.as_str())])))?;
    leptos_axum::redirect(&crate::rounds::contribution_path(idea_id, contribution_id));
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
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let mut errors = FormErrors::with_input([("body", body.as_str())]);
    let text = ContributionText::parse(&body).map_err(|k| errors.add("body", k));
    let key = crate::ideas::request_key(&request_id, &mut errors);
    let (Ok(text), Some(key)) = (text, key) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let idea_id = crate::backend::rounds::contributing::propose_workaround(
        &ctx(&state),
        &key,
        contribution_id,
        text,
    )
    .await
    .map_err(|e| fail(AppError::from(e).echoing(&[("body", body.as_str())])))?;
    leptos_axum::redirect(&crate::rounds::contribution_path(idea_id, contribution_id));
    Ok(())
}
