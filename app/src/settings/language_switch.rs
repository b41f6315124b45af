use super::SetLanguage;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::refused_submission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The language switch of the header, with the message of a refused switch.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    // Translated here, on the server: an island given any key would carry
    // every sentence of the app into the browser's code.
    let error = refused_submission::<SetLanguage>()
        .and_then(|e| e.form_errors().and_then(|f| f.message_for("lang")))
        .map(|key| t(locale, key).to_owned());
    view! { <LanguageForm locale error=error /> }
}

/// A plain form offering the other language; it works without JavaScript
/// (the server answers with a redirect back to the page). With JavaScript
/// it stays a full-page submission: the islands router would patch the page
/// but keep the islands as they are, in the old language, so the submit
/// event is kept from reaching it.
#[island]
fn LanguageForm(locale: Locale, error: Option<String>) -> impl IntoView {
    let other = locale.other();
    let action = <SetLanguage as ServerFn>::PATH;
    let message = error;
    // Marks the form once hydrated: it is on every page, so browser tests
    // check it to prove the wasm loaded wherever they are.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <form
            class="lang-switch"
            data-ready=move || hydrated.get().to_string()
            method="post"
            action=action
            aria-label=t(locale, Key::SwitchLanguageLabel)
            on:submit=|ev| ev.stop_propagation()
        >
            <button
                type="submit"
                name="lang"
                value=other.code()
                lang=other.code()
                aria-describedby=message.as_ref().map(|_| "lang-error")
            >
                {t(locale, Key::SwitchLanguage)}
            </button>
            {message
                .map(|m| {
                    view! {
                        <p id="lang-error" class="field-error" role="alert">
                            {m}
                        </p>
                    }
                })}
        </form>
    }
}
