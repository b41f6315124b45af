use super::{use_setup_pending, CompleteSetup, LOGIN_PATH};
use crate::domain::accounts::{DisplayName, Email, NewPassword, OrganisationName};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// First-run setup: the organisation and its first administrator.
#[component]
pub fn SetupPage() -> impl IntoView {
    let locale = use_locale();
    let title = format!(
        "{} — {}",
        t(locale, Key::SetupTitle),
        t(locale, Key::AppName)
    );
    if !use_setup_pending() {
        return view! {
            <Title text=title />
            <h1>{t(locale, Key::SetupTitle)}</h1>
            <p>{t(locale, Key::SetupDone)}</p>
            <p>
                <a href=LOGIN_PATH>{t(locale, Key::LogIn)}</a>
            </p>
        }
        .into_any();
    }
    let refused = refused_submission::<CompleteSetup>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    view! {
        <Title text=title />
        <h1>{t(locale, Key::SetupTitle)}</h1>
        <p>{t(locale, Key::SetupIntro)}</p>
        <ErrorSummary error=refused />
        <form method="post" action={<CompleteSetup as ServerFn>::PATH} class="stack-form">
            <TextField name=super::fields::TOKEN label=Key::FieldSetupToken hint=Key::FieldSetupTokenHint errors=errors.clone() required=true autocomplete="off" />
            <TextField name=super::fields::ORGANISATION label=Key::FieldOrganisation errors=errors.clone() required=true max_len=OrganisationName::MAX_CHARS autocomplete="organization" />
            <TextField name=super::fields::DISPLAY_NAME label=Key::FieldDisplayName errors=errors.clone() required=true max_len=DisplayName::MAX_CHARS autocomplete="name" />
            <TextField name=super::fields::EMAIL label=Key::FieldEmail kind="email" errors=errors.clone() required=true max_len=Email::MAX_CHARS autocomplete="email" />
            <TextField name=super::fields::PASSWORD label=Key::FieldNewPassword hint=Key::FieldNewPasswordHint kind="password" errors=errors required=true max_len=NewPassword::MAX_CHARS autocomplete="new-password" />
            <button type="submit" class="primary">{t(locale, Key::SetupSubmit)}</button>
        </form>
    }
    .into_any()
}
