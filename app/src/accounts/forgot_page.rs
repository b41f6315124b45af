use super::{use_viewer, ForgotPassword};
use crate::domain::accounts::Email;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::page_title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/mot-de-passe-oublie`: ask for a link to choose a new password, sent to
/// the account's address.
#[component]
pub fn ForgotPage() -> impl IntoView {
    let locale = use_locale();
    let sent = use_query_map()
        .get_untracked()
        .get(super::FORGOT_SENT)
        .is_some();
    let body = if sent {
        view! {
            <p class="callout" role="status">{t(locale, Key::ForgotSent)}</p>
            <p><a href=super::LOGIN_PATH>{t(locale, Key::BackToLogIn)}</a></p>
        }
        .into_any()
    } else if let Some(me) = use_viewer() {
        view! { <p>{format!("{} {}.", t(locale, Key::SignedInAs), me.display_name)}</p> }.into_any()
    } else {
        let refused = refused_submission::<ForgotPassword>();
        let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
        view! {
            <p>{t(locale, Key::ForgotIntro)}</p>
            <ErrorSummary error=refused />
            <form method="post" action={<ForgotPassword as ServerFn>::PATH} class="stack-form">
                <TextField name=super::fields::EMAIL label=Key::FieldEmail kind="email" errors=errors required=true max_len=Email::MAX_CHARS autocomplete="username" />
                <button type="submit" class="primary">{t(locale, Key::ForgotSubmit)}</button>
            </form>
            <p><a href=super::LOGIN_PATH>{t(locale, Key::BackToLogIn)}</a></p>
        }
        .into_any()
    };
    view! {
        <Title text=page_title(Key::ForgotTitle) />
        <h1>{t(locale, Key::ForgotTitle)}</h1>
        {body}
    }
}
