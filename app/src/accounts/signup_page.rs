use super::{invitation_is_open, SignUp};
use crate::domain::accounts::{DisplayName, Email, NewPassword};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Sign-up from an invitation link (`/inscription/<token>`).
#[component]
pub fn SignUpPage() -> impl IntoView {
    let locale = use_locale();
    let title = format!(
        "{} — {}",
        t(locale, Key::SignUpTitle),
        t(locale, Key::AppName)
    );
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let refused = refused_submission::<SignUp>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let open = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        invitation_is_open,
    );
    view! {
        <Title text=title />
        <h1>{t(locale, Key::SignUpTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                let refused = refused.clone();
                let errors = errors.clone();
                Suspend::new(async move {
                    if !open.await.unwrap_or(false) {
                        return view! { <p class="callout">{t(locale, Key::InvitationClosed)}</p> }.into_any();
                    }
                    view! {
                        <p>{t(locale, Key::SignUpIntro)}</p>
                        <ErrorSummary error=refused />
                        <form method="post" action={<SignUp as ServerFn>::PATH} class="stack-form">
                            <input type="hidden" name=super::fields::TOKEN value=token />
                            <TextField name=super::fields::DISPLAY_NAME label=Key::FieldDisplayName errors=errors.clone() required=true max_len=DisplayName::MAX_CHARS autocomplete="name" />
                            <TextField name=super::fields::EMAIL label=Key::FieldEmail kind="email" errors=errors.clone() required=true max_len=Email::MAX_CHARS autocomplete="email" />
                            <TextField name=super::fields::PASSWORD label=Key::FieldNewPassword hint=Key::FieldNewPasswordHint kind="password" errors=errors required=true max_len=NewPassword::MAX_CHARS autocomplete="new-password" />
                            <button type="submit" class="primary">{t(locale, Key::SignUpSubmit)}</button>
                        </form>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
