use super::{reset_link_is_open, ResetPassword};
use crate::domain::accounts::NewPassword;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::page_title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/reinitialisation/<token>`: choose a new password from a one-time link.
#[component]
pub fn ResetPage() -> impl IntoView {
    let locale = use_locale();
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let refused = refused_submission::<ResetPassword>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let open = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        reset_link_is_open,
    );
    view! {
        <Title text=page_title(Key::ResetTitle) />
        <h1>{t(locale, Key::ResetTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                let refused = refused.clone();
                let errors = errors.clone();
                Suspend::new(async move {
                    if !open.await.unwrap_or(false) {
                        return view! { <p class="callout">{t(locale, Key::ResetClosed)}</p> }.into_any();
                    }
                    view! {
                        <p>{t(locale, Key::ResetIntro)}</p>
                        <ErrorSummary error=refused />
                        <form method="post" action={<ResetPassword as ServerFn>::PATH} class="stack-form">
                            <input type="hidden" name=super::fields::TOKEN value=token />
                            <TextField name=super::fields::PASSWORD label=Key::FieldNewPassword hint=Key::FieldNewPasswordHint kind="password" errors=errors required=true max_len=NewPassword::MAX_CHARS autocomplete="new-password" />
                            <button type="submit" class="primary">{t(locale, Key::ResetSubmit)}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
