use crate::domain::idea_views::{IdeaDraftForm, IdeaList, IdeaView, VersionComparison};
use crate::error::AppError;
use leptos::prelude::*;

/// Published ideas of the caller's organisation, filtered, one page; the
/// caller's drafts and invitations. Signed-in people only.
#[server(endpoint = "list_ideas")]
pub async fn list_ideas(
    page: Option<u32>,
    tag: Option<String>,
    author: Option<i64>,
    q: Option<String>,
    stage: Option<String>,
    outcome: Option<String>,
) -> Result<IdeaList, AppError> {
    use crate::backend::ideas::listing;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let query = crate::domain::idea_views::IdeaQuery {
        page,
        tag,
        author,
        q,
        stage,
        outcome,
    };
    let state = state();
    // Stages are stored for the filter: a deadline that passed since the
    // last housekeeping run is acted on first, so the list agrees with the
    // idea pages (nothing to do, one small read, on most requests).
    if let Err(error) = crate::backend::rounds::deadlines::reveal_due(
        &state.db,
        &state.public_url,
        state.clock.now(),
    )
    .await
    {
        // The list still answers; the housekeeping task tries again.
        tracing::warn!(?error, "deadlines not acted on before listing");
    }
    listing::list(&ctx(&state), &query).await.map_err(fail)
}

/// An idea as the caller may see it. Signed-in people of its organisation
/// (drafts: their authors only).
#[server(endpoint = "get_idea")]
pub async fn get_idea(idea_id: i64) -> Result<IdeaView, AppError> {
    use crate::backend::ideas::reading;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    reading::view(&ctx(&state()), idea_id).await.map_err(fail)
}

/// What a form to post (no idea) or edit an idea starts from, with a fresh
/// key for its submission. Editing: authors and co-authors only.
#[server(endpoint = "idea_form")]
pub async fn idea_form(idea_id: Option<i64>) -> Result<IdeaDraftForm, AppError> {
    use crate::backend::ideas::reading;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let idea = match idea_id {
        Some(id) => {
            let view = reading::view(&ctx(&state()), id).await.map_err(fail)?;
            if !view.can_edit {
                return Err(fail(AppError::Forbidden));
            }
            Some(view)
        }
        None => None,
    };
    Ok(IdeaDraftForm {
        idea,
        request_id: uuid::Uuid::new_v4().to_string(),
    })
}

/// Step one: saves a draft from a title and a problem, then leads to step
/// two. Signed-in people only; the same `request_id` twice makes one draft.
#[server(endpoint = "create_idea")]
pub async fn create_idea(
    request_id: String,
    title: String,
    problem: String,
) -> Result<(), AppError> {
    use crate::backend::ideas::posting::{create_draft, NewIdea};
    use crate::domain::ideas::{IdeaText, IdeaTitle};
    use crate::error::FormErrors;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let mut errors =
        FormErrors::with_input([("title", title.as_str()), ("problem", problem.as_str())]);
    let parsed_title = IdeaTitle::parse(&title).map_err(|k| errors.add("title", k));
    let parsed_problem = IdeaText::parse_required(&problem).map_err(|k| errors.add("problem", k));
    let key = super::fields::request_key(&request_id, &mut errors);
    let (Ok(title), Ok(problem), Some(key)) = (parsed_title, parsed_problem, key) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let id = create_draft(&ctx(&state), &key, NewIdea { title, problem })
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&format!("{}?etape=2", super::edit_path(id)));
    Ok(())
}

/// The edit form, as posted. Numbers come as text: a flattened form loses
/// their types when decoded, so they are parsed here.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct IdeaEditForm {
    pub request_id: String,
    pub idea_id: String,
    pub revision: String,
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub beneficiaries: String,
    pub help_sought: String,
    pub tags: String,
    /// Present when "Publier" was pressed.
    pub publish: Option<String>,
}

/// Saves an edit (and publishes a draft when asked). Authors and co-authors
/// only. An edit from an older revision is refused with "modifiée
/// entre-temps" and the text kept; the same `request_id` twice saves once.
#[server(endpoint = "save_idea")]
pub async fn save_idea(#[server(flatten)] form: IdeaEditForm) -> Result<(), AppError> {
    use crate::backend::ideas::posting::save;
    use crate::web::http::{ctx, fail, require_signed_in, state};

    require_signed_in().map_err(fail)?;
    let (Ok(idea_id), Ok(revision)) = (form.idea_id.parse::<i64>(), form.revision.parse::<i32>())
    else {
        return Err(fail(AppError::NotFound));
    };
    let (edit, key, mut errors) = super::fields::parse_edit(&form);
    let (Some(edit), Some(key)) = (edit, key) else {
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    let publish = form.publish.is_some();
    match save(&ctx(&state), &key, idea_id, revision, edit, publish).await {
        Ok(_) => {
            leptos_axum::redirect(&super::idea_path(idea_id));
            Ok(())
        }
        Err(crate::backend::ideas::error::IdeaError::Stale) => {
            errors.add("revision", crate::i18n::Key::ErrEditedMeanwhile);
            Err(fail(AppError::Invalid(errors)))
        }
        Err(other) => Err(fail(other)),
    }
}

/// Publishes a draft as it stands. Authors and co-authors only.
#[server(endpoint = "publish_idea")]
pub async fn publish_idea(idea_id: i64) -> Result<(), AppError> {
    use crate::backend::ideas::posting::publish;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    publish(&ctx(&state()), idea_id).await.map_err(fail)?;
    leptos_axum::redirect(&super::idea_path(idea_id));
    Ok(())
}

/// Two versions of an idea, compared word by word. Whoever may see the idea.
#[server(endpoint = "compare_versions")]
pub async fn compare_versions(
    idea_id: i64,
    from: i32,
    to: i32,
) -> Result<VersionComparison, AppError> {
    use crate::backend::ideas::reading;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    reading::compare(&ctx(&state()), idea_id, from, to)
        .await
        .map_err(fail)
}

/// Invites a colleague of the organisation to co-author. Authors and
/// co-authors only.
#[server(endpoint = "invite_coauthor")]
pub async fn invite_coauthor(idea_id: i64, user_id: String) -> Result<(), AppError> {
    use crate::backend::ideas::coauthors;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    // The picker starts on no one: nobody is invited by a stray click.
    let user_id: i64 = user_id.trim().parse().map_err(|_| {
        fail(crate::error::FormErrors::refuse(
            super::fields::COAUTHOR,
            crate::i18n::Key::ErrRequired,
        ))
    })?;
    coauthors::invite(&ctx(&state()), idea_id, user_id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&super::idea_path(idea_id));
    Ok(())
}

/// The invited colleague accepts or declines. The invited person only.
#[server(endpoint = "answer_coauthor_invitation")]
pub async fn answer_coauthor_invitation(idea_id: i64, accept: bool) -> Result<(), AppError> {
    use crate::backend::ideas::coauthors;
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    coauthors::respond(&ctx(&state()), idea_id, accept)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&if accept {
        super::idea_path(idea_id)
    } else {
        super::IDEAS_PATH.to_owned()
    });
    Ok(())
}
