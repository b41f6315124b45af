use super::{fields, use_viewer, LogIn};
use crate::domain::accounts::return_path;
use crate::domain::accounts::Email;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Log in with an address and a password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    let title = format!("{} — {}", t(locale, Key::LogIn), t(locale, Key::AppName));
    // The page that sent here (a workshop's join page, a page for members):
    // the log-in leads back to it.
    let back_to = use_query_map()
        .get_untracked()
        .get(fields::RETURN_TO)
        .filter(|path| return_path(path).is_some());
    if let Some(me) = use_viewer() {
        return view! {
            <Title text=title />
            <h1>{t(locale, Key::LogIn)}</h1>
            <p>{format!("{} {}.", t(locale, Key::SignedInAs), me.display_name)}</p>
            {back_to.map(|path| view! { <p><a href=path>{t(locale, Key::Continue)}</a></p> })}
        }
        .into_any();
    }
    let refused = refused_submission::<LogIn>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    view! {
        <Title text=title />
        <h1>{t(locale, Key::LogIn)}</h1>
        <ErrorSummary error=refused />
        <form method="post" action={<LogIn as ServerFn>::PATH} class="stack-form">
            <TextField name=fields::EMAIL label=Key::FieldEmail kind="email" errors=errors.clone() required=true max_len=Email::MAX_CHARS autocomplete="username" />
            <TextField name=fields::PASSWORD label=Key::FieldPassword kind="password" errors=errors required=true autocomplete="current-password" />
            {back_to.map(|path| view! { <input type="hidden" name=fields::RETURN_TO value=path /> })}
            <button type="submit" class="primary">{t(locale, Key::LogIn)}</button>
        </form>
        <p>
            <a href=super::FORGOT_PATH>{t(locale, Key::ForgotLink)}</a>
        </p>
        <p>
            <a href=super::SIGN_UP_PATH>{t(locale, Key::JoinLink)}</a>
        </p>
    }
    .into_any()
}
