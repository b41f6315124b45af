use super::SetLanguage;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::refused_submission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A plain form offering the other language: it works without JavaScript
/// (the server answers with a redirect back to the page).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let other = locale.other();
    let refused = refused_submission::<SetLanguage>();
    let message = refused
        .as_ref()
        .and_then(|e| e.form_errors())
        .and_then(|f| f.message_for("lang"))
        .map(|key| t(locale, key));
    let action = <SetLanguage as ServerFn>::PATH;
    view! {
        <form
            class="lang-switch"
            method="post"
            action=action
            aria-label=t(locale, Key::SwitchLanguageLabel)
        >
            <button type="submit" name="lang" value=other.code() lang=other.code() aria-describedby=message.map(|_| "lang-error")>
                {t(locale, Key::SwitchLanguage)}
            </button>
            {message.map(|m| view! { <p id="lang-error" class="field-error" role="alert">{m}</p> })}
        </form>
    }
}
