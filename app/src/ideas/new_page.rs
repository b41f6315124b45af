use super::fields::{IdeaFields, Part};
use super::{idea_form, CreateIdea};
use crate::domain::ideas::IdeaContent;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary};
use crate::ui::guard::{page_title, refusal, Need};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/idees/nouvelle`: step one of posting, the title and the problem seen;
/// enough to save a draft.
#[component]
pub fn NewIdeaPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::NewIdeaTitle) {
        return refused;
    }
    let form = Resource::new(|| (), |_| idea_form(None));
    let refused = refused_submission::<CreateIdea>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    view! {
        <Title text=page_title(Key::NewIdeaTitle) />
        <h1>{t(locale, Key::NewIdeaTitle)}</h1>
        <p class="step">{t(locale, Key::NewIdeaStep1)}</p>
        <p>{t(locale, Key::NewIdeaIntro)}</p>
        <ErrorSummary error=refused />
        <Suspense fallback=|| ()>
            {move || {
                let errors = errors.clone();
                Suspend::new(async move {
                    form.await
                        .map(|form| {
                            view! {
                                <form method="post" action={<CreateIdea as ServerFn>::PATH} class="stack-form wide-form">
                                    <input type="hidden" name="request_id" value=form.request_id />
                                    <IdeaFields part=Part::Start content=IdeaContent::default() errors />
                                    <button type="submit" class="primary">{t(locale, Key::NewIdeaContinue)}</button>
                                </form>
                            }
                        })
                })
            }}
        </Suspense>
    }
    .into_any()
}
