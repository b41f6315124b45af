//! Server functions of the answers to a round: the author's triage, the
//! closing synthesis, the idea's outcome; and moderation by leads.

use crate::domain::round_forms::TriageForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Closes a revealed round whose every mine is triaged, with a synthesis
/// and the next step. Authors and co-authors only.
#[server(endpoint = "close_round")]
pub async fn close_round(
    round_id: i64,
    synthesis: String,
    next_step: String,
) -> Result<(), AppError> {
    use crate::domain::rounds::ContributionText;
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
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
    let idea_id =
        crate::backend::rounds::triage::close(&ctx(&state), round_id, synthesis_text, step)
            .await
            .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    leptos_axum::redirect(&format!("{}#maturite", crate::ideas::idea_path(idea_id)));
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
    use crate::domain::round_inputs::Triage;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let input = form.input();
    let (answer, key) =
        crate::ideas::keyed(Triage::try_from(&form), &request_id, &input).map_err(fail)?;
    let state = state();
    let idea_id =
        crate::backend::rounds::triage::triage(&ctx(&state), &key, contribution_id, answer)
            .await
            .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
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
    use crate::domain::rounds::ContributionText;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    crate::ui::forms::confirmed(confirm.as_deref())
        .map_err(|e| fail(e.echoing(&[("reason", reason.as_str())])))?;
    let reason_text = ContributionText::parse(&reason).map_err(|k| {
        let mut errors = crate::error::FormErrors::with_input([("reason", reason.as_str())]);
        errors.add("reason", k);
        fail(AppError::Invalid(errors))
    })?;
    let state = state();
    let idea_id = crate::backend::rounds::triage::hide(&ctx(&state), contribution_id, reason_text)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::rounds::contribution_path(idea_id, contribution_id));
    Ok(())
}

/// Sets where the authors took the idea (or clears it with `none`).
/// Authors and co-authors only; dropping asks for the lessons learned.
#[server(endpoint = "set_outcome")]
pub async fn set_outcome(idea_id: i64, outcome: String, note: String) -> Result<(), AppError> {
    use crate::domain::rounds::Outcome;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
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
    crate::backend::rounds::triage::set_outcome(&ctx(&state()), idea_id, parsed, note_text)
        .await
        .map_err(|e| fail(AppError::from(e).echoing(&input)))?;
    leptos_axum::redirect(&format!("{}#maturite", crate::ideas::idea_path(idea_id)));
    Ok(())
}
