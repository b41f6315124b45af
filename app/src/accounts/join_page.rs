use super::{use_viewer, RequestAccount};
use crate::domain::accounts::{DisplayName, Email, NewPassword};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::page_title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/inscription`: ask for an account with an address of the organisation;
/// an administrator approves it.
#[component]
pub fn JoinPage() -> impl IntoView {
    let locale = use_locale();
    let sent = use_query_map().get_untracked().get("envoyee").is_some();
    let body = if sent {
        view! { <p class="callout" role="status">{t(locale, Key::JoinSent)}</p> }.into_any()
    } else if let Some(me) = use_viewer() {
        view! { <p>{format!("{} {}.", t(locale, Key::SignedInAs), me.display_name)}</p> }.into_any()
    } else {
        let refused = refused_submission::<RequestAccount>();
        let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
        view! {
            <p>{t(locale, Key::JoinIntro)}</p>
            <ErrorSummary error=refused />
            <form method="post" action={<RequestAccount as ServerFn>::PATH} class="stack-form">
                <TextField name=super::fields::DISPLAY_NAME label=Key::FieldDisplayName errors=errors.clone() required=true max_len=DisplayName::MAX_CHARS autocomplete="name" />
                <TextField name=super::fields::EMAIL label=Key::FieldEmail kind="email" errors=errors.clone() required=true max_len=Email::MAX_CHARS autocomplete="email" />
                <TextField name=super::fields::PASSWORD label=Key::FieldNewPassword hint=Key::FieldNewPasswordHint kind="password" errors=errors required=true max_len=NewPassword::MAX_CHARS autocomplete="new-password" />
                <button type="submit" class="primary">{t(locale, Key::JoinSubmit)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text=page_title(Key::JoinTitle) />
        <h1>{t(locale, Key::JoinTitle)}</h1>
        {body}
    }
}
