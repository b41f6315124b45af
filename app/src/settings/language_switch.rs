use super::SetLanguage;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::refused_submission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The language switch of the header, with the message of a refused switch.
/// A plain form offering the other language; it works without JavaScript
/// (the server answers with a redirect back to the page).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let other = locale.other();
    // Translated here, on the server: an island given any key would carry
    // every sentence of the app into the browser's code.
    let message = refused_submission::<SetLanguage>()
        .and_then(|e| e.form_errors().and_then(|f| f.message_for("lang")))
        .map(|key| t(locale, key).to_owned());
    view! {
        <LanguageForm>
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
        </LanguageForm>
    }
}

/// The form around the switch, an island on every page. With JavaScript it
/// stays a full-page submission: the islands router would patch the page
/// but keep the islands as they are, in the old language, so the submit
/// event is kept from reaching it. Its only props are the children the
/// server rendered: an island with data props makes the wasm carry a JSON
/// decoder, a third of the general wasm.
#[island]
fn LanguageForm(children: Children) -> impl IntoView {
    let locale = use_locale();
    let action = <SetLanguage as ServerFn>::PATH;
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
            {children()}
        </form>
    }
}
