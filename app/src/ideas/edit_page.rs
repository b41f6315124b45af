use super::fields::{IdeaFields, Part};
use super::{idea_form, idea_path, SaveIdea};
use crate::domain::idea_views::IdeaDraftForm;
use crate::domain::ideas::IdeaStatus;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/idees/<id>/modifier`: step two of posting (`?etape=2`) or an edit.
/// A draft can be saved or published; a published idea's change makes a
/// new version.
#[component]
pub fn EditIdeaPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::EditIdeaTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let step_two = use_query_map().get_untracked().get("etape").as_deref() == Some("2");
    let form = Resource::new(move || id, |id| idea_form(Some(id)));
    view! {
        <Title text=page_title(Key::EditIdeaTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <EditForm locale form step_two /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn EditForm(locale: Locale, form: IdeaDraftForm, step_two: bool) -> impl IntoView {
    let refused = refused_submission::<SaveIdea>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let edited_meanwhile = errors
        .as_ref()
        .and_then(|e| e.message_for("revision"))
        .is_some();
    let Some(idea) = form.idea else {
        return ().into_any();
    };
    let draft = idea.status == IdeaStatus::Draft;
    let heading = if draft && step_two {
        Key::NewIdeaTitle
    } else {
        Key::EditIdeaTitle
    };
    view! {
        <h1>{t(locale, heading)}</h1>
        {(draft && step_two).then(|| view! { <p class="step">{t(locale, Key::NewIdeaStep2)}</p> })}
        <p>
            <a href=idea_path(idea.id)>{t(locale, Key::BackToIdea)}</a>
        </p>
        {(!edited_meanwhile).then(|| view! { <ErrorSummary error=refused.clone() /> })}
        {edited_meanwhile
            .then(|| {
                view! {
                    <div class="callout callout-warning" role="alert">
                        <p>{t(locale, Key::ErrEditedMeanwhile)}</p>
                        <p>
                            <a href=idea_path(idea.id)>{t(locale, Key::SeeCurrentVersion)}</a>
                        </p>
                    </div>
                }
            })}
        <form method="post" action={<SaveIdea as ServerFn>::PATH} class="stack-form wide-form">
            <input type="hidden" name="request_id" value=form.request_id />
            <input type="hidden" name="idea_id" value=idea.id />
            <input type="hidden" name="revision" value=idea.revision />
            <IdeaFields part=Part::Whole content=idea.content errors />
            <div class="form-actions">
                // One submit button: the islands router posts a form without
                // its submitter, so "publish" is a field, not a second button.
                {if draft {
                    view! {
                        <div class="checkbox-line">
                            <input type="checkbox" id="publish" name="publish" value="1" />
                            <label for="publish">{t(locale, Key::PublishNow)}</label>
                        </div>
                        <button type="submit" class="primary">{t(locale, Key::SaveIdea)}</button>
                    }
                        .into_any()
                } else {
                    view! { <button type="submit" class="primary">{t(locale, Key::SaveNewVersion)}</button> }.into_any()
                }}
            </div>
        </form>
    }
    .into_any()
}
