//! Form pieces of the round pages: a labelled choice list, and the hidden
//! fields every round form carries.

use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// A labelled `<select>` with its message, refilled from a refusal.
#[component]
pub fn Choice(
    name: &'static str,
    label: Key,
    /// `(value, text)` pairs; an empty value is "none".
    options: Vec<(String, String)>,
    #[prop(optional)] selected: String,
    #[prop(default = None)] errors: Option<FormErrors>,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let locale = use_locale();
    let id = format!("field-{name}");
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let chosen = errors
        .as_ref()
        .and_then(|e| e.value_of(name))
        .map(str::to_owned)
        .unwrap_or(selected);
    let message = errors.as_ref().and_then(|e| e.message_for(name));
    let described_by = [
        hint.map(|_| hint_id.clone()),
        message.map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:field-invalid=message.is_some()>
            <label for=id.clone()>{t(locale, label)}</label>
            {hint.map(|key| view! { <p id=hint_id class="field-hint">{t(locale, key)}</p> })}
            <select
                id=id
                name=name
                aria-invalid=message.map(|_| "true")
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_chosen = value == chosen;
                        view! { <option value=value selected=is_chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {message.map(|key| view! { <p id=error_id class="field-error">{t(locale, key)}</p> })}
        </div>
    }
}

/// The message for a field that has no input of its own (`round`,
/// `contribution`), shown where the form starts.
#[component]
pub fn FormMessage(errors: Option<FormErrors>, field: &'static str) -> impl IntoView {
    let locale = use_locale();
    errors
        .and_then(|e| e.message_for(field))
        .map(|key| view! { <p class="field-error">{t(locale, key)}</p> })
}
