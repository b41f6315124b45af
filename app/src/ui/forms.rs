//! The form pattern of the app, with and without JavaScript.
//!
//! A form posts to its server function. When the function refuses the input
//! it returns `AppError::Invalid(FormErrors)`: the French message for each
//! field and the values the person typed. Without JavaScript, the server
//! answers a plain form post with a redirect back to the page, the error
//! encoded in the URL (Leptos' `__err`); the page reads it back with
//! [`refused_submission`] and renders each message next to its field, the
//! field still holding what was typed. (What was typed never reaches the
//! browser's address: the server keeps such a refusal and the address
//! carries its id, turned back into `__err` before the page renders; see
//! `web::refusals`.) With JavaScript, an island gets the
//! same `FormErrors` from its action and renders the same components.

use crate::error::{AppError, FormErrors};
use crate::i18n::{t, use_locale, Key};
use crate::ui::raw_text::escape_raw_text;
use leptos::prelude::*;
use leptos::server_fn::{error::ServerFnUrlError, ServerFn};
use leptos_router::hooks::use_query_map;

/// The refusal of the server function `S` that brought the person back to
/// this page, if any: Leptos puts it in the `__path` and `__err` query
/// parameters of the redirect. Read from the URL directly so that every
/// component under the router sees it, not only those inside a route.
pub fn refused_submission<S>() -> Option<AppError>
where
    S: ServerFn<Error = AppError>,
{
    let query = use_query_map().get_untracked();
    if query.get_str("__path")? != S::PATH {
        return None;
    }
    let encoded = query.get_str("__err")?;
    Some(ServerFnUrlError::<AppError>::decode_err(encoded))
}

/// Refusals that no input carries: the form as a whole (unreadable), and
/// the confirmation box; their causes are said, not linked.
const FIELDLESS: [&str; 2] = ["form", CONFIRM_FIELD];

/// The summary at the top of a refused form, announced to screen readers:
/// what went wrong, then every cause in words, each linked to its field (so
/// that a cause is named even when its field is not on the page any more,
/// say a form sent from a page the room has moved past).
#[component]
pub fn ErrorSummary(error: Option<AppError>) -> impl IntoView {
    let locale = use_locale();
    error.map(|error| {
        let causes: Vec<(String, Key)> = error
            .form_errors()
            .map(|e| e.fields.iter().map(|f| (f.field.clone(), f.message)).collect())
            .unwrap_or_default();
        view! {
            <div class="form-error-summary" role="alert">
                <p>{t(locale, error.message())}</p>
                {(!causes.is_empty()).then(|| view! {
                    <ul>
                        {causes
                            .into_iter()
                            .map(|(field, key)| {
                                if FIELDLESS.contains(&field.as_str()) {
                                    view! { <li>{t(locale, key)}</li> }.into_any()
                                } else {
                                    view! { <li><a href=format!("#field-{field}")>{t(locale, key)}</a></li> }.into_any()
                                }
                            })
                            .collect_view()}
                    </ul>
                })}
            </div>
        }
    })
}

/// The name and value of the box to tick before an irreversible action.
pub const CONFIRM_FIELD: &str = "confirm";
pub const CONFIRM_VALUE: &str = "oui";

/// The box to tick before an irreversible action, saying what will happen.
/// The browser will not send the form unticked (`required`), and the server
/// checks it again, so the confirmation holds without JavaScript and
/// without `window.confirm`.
#[component]
pub fn ConfirmBox(
    /// Unique on the page (several such forms may sit side by side).
    id: String,
    consequence: Key,
    /// What the action is about (a person's name…), for screen readers
    /// when several such boxes sit on one page.
    #[prop(optional)]
    subject: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="confirm-box">
            <input type="checkbox" id=id.clone() name=CONFIRM_FIELD value=CONFIRM_VALUE required=true />
            " "
            <label for=id>
                {t(locale, consequence)}
                {subject.map(|s| view! { <span class="visually-hidden">{format!(" ({s})")}</span> })}
            </label>
        </p>
    }
}

/// Whether the box of a [`ConfirmBox`] was ticked; a refusal naming it
/// otherwise.
pub fn confirmed(confirm: Option<&str>) -> Result<(), AppError> {
    if confirm == Some(CONFIRM_VALUE) {
        Ok(())
    } else {
        Err(FormErrors::refuse(CONFIRM_FIELD, Key::ErrConfirmFirst))
    }
}

/// The `aria-describedby` of a field: its hint and its message, when shown.
fn described_by(hint_id: Option<&String>, error_id: Option<&String>) -> Option<String> {
    let ids: Vec<&str> = [hint_id, error_id]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled text input with its message, refilled from a refusal.
#[component]
pub fn TextField(
    /// The input's `name`, as the server function's argument.
    name: &'static str,
    label: Key,
    #[prop(optional)] value: String,
    #[prop(default = None)] errors: Option<FormErrors>,
    #[prop(optional)] required: bool,
    #[prop(optional)] max_len: Option<usize>,
    /// `text`, `email` or `password` (a password is never refilled).
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// A help text under the label.
    #[prop(optional)]
    hint: Option<Key>,
    /// The input's id, when two forms of a page share a field name.
    #[prop(optional)]
    id: Option<&'static str>,
    /// The id of a `<datalist>` whose values the input suggests.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let id = id.map_or_else(|| format!("field-{name}"), str::to_owned);
    let error_id = format!("{id}-error");
    let typed = errors
        .as_ref()
        .and_then(|e| e.value_of(name))
        .map(str::to_owned)
        .unwrap_or(value);
    let typed = (kind != "password").then_some(typed);
    let hint_id = format!("{id}-hint");
    let message = errors.as_ref().and_then(|e| e.message_for(name));
    let described_by = described_by(hint.map(|_| &hint_id), message.map(|_| &error_id));
    view! {
        <div class="field" class:field-invalid=message.is_some()>
            <label for=id.clone()>{t(locale, label)}</label>
            {hint.map(|key| view! { <p id=hint_id class="field-hint">{t(locale, key)}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=typed
                required=required
                maxlength=max_len.map(|n| n.to_string())
                autocomplete=autocomplete
                list=list
                aria-invalid=message.map(|_| "true")
                aria-describedby=described_by
            />
            {message
                .map(|key| {
                    view! {
                        <p id=error_id class="field-error">
                            {t(locale, key)}
                        </p>
                    }
                })}
        </div>
    }
}

/// A labelled multi-line text field with its message, refilled from a
/// refusal; line breaks are kept.
#[component]
pub fn TextArea(
    name: &'static str,
    label: Key,
    #[prop(optional)] value: String,
    #[prop(default = None)] errors: Option<FormErrors>,
    #[prop(optional)] required: bool,
    #[prop(optional)] max_len: Option<usize>,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = 4)] rows: u32,
    /// The field's id, when two forms of a page share a field name.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let id = id.map_or_else(|| format!("field-{name}"), str::to_owned);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let typed = errors
        .as_ref()
        .and_then(|e| e.value_of(name))
        .map(str::to_owned)
        .unwrap_or(value);
    let message = errors.as_ref().and_then(|e| e.message_for(name));
    let described_by = described_by(hint.map(|_| &hint_id), message.map(|_| &error_id));
    view! {
        <div class="field" class:field-invalid=message.is_some()>
            <label for=id.clone()>{t(locale, label)}</label>
            {hint.map(|key| view! { <p id=hint_id class="field-hint">{t(locale, key)}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                maxlength=max_len.map(|n| n.to_string())
                aria-invalid=message.map(|_| "true")
                aria-describedby=described_by
            >
                {escape_raw_text(&typed)}
            </textarea>
            {message.map(|key| view! { <p id=error_id class="field-error">{t(locale, key)}</p> })}
        </div>
    }
}

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
    let described_by = described_by(hint.map(|_| &hint_id), message.map(|_| &error_id));
    view! {
        <div class="field" class:field-invalid=message.is_some()>
            <label for=id.clone()>{t(locale, label)}</label>
            {hint.map(|key| view! { <p id=hint_id class="field-hint">{t(locale, key)}</p> })}
            <select
                id=id
                name=name
                aria-invalid=message.map(|_| "true")
                aria-describedby=described_by
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn render(errors: Option<FormErrors>) -> String {
        let owner = Owner::new();
        owner.with(|| {
            view! { <TextField name="title" label=Key::HomeTitle value="initial".into() errors=errors required=true /> }
                .to_html()
        })
    }

    #[test]
    fn a_text_area_keeps_typed_markup_inert() {
        let owner = Owner::new();
        let html = owner.with(|| {
            view! { <TextArea name="problem" label=Key::HomeTitle value="</textarea><b>x</b> & co".into() /> }
                .to_html()
        });
        assert!(
            html.contains("&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt; &amp; co</textarea>"),
            "{html}"
        );
        assert_eq!(html.matches("</textarea>").count(), 1);
    }

    #[test]
    fn a_refused_field_shows_its_french_message_and_keeps_what_was_typed() {
        let mut errors = FormErrors::with_input([("title", "Mon idée <b>inerte</b>")]);
        errors.add("title", Key::ErrTooLong);
        let html = render(Some(errors));
        assert!(html.contains("Ce texte est trop long."), "{html}");
        assert!(
            html.contains("value=\"Mon idée &lt;b&gt;inerte&lt;/b&gt;\""),
            "{html}"
        );
        assert!(html.contains("aria-invalid=\"true\""), "{html}");
        assert!(
            html.contains("aria-describedby=\"field-title-error\""),
            "{html}"
        );
    }

    #[test]
    fn an_untouched_field_shows_its_value_and_no_message() {
        let html = render(None);
        assert!(html.contains("value=\"initial\""), "{html}");
        assert!(!html.contains("field-error"), "{html}");
        assert!(!html.contains("aria-invalid"), "{html}");
    }
}

/// A listing's filter as a labelled select: "all" first (an empty value,
/// no filter), then each choice as `(value, label)`, the one in the
/// address selected.
#[component]
pub fn FilterSelect(
    id: &'static str,
    /// The query name the GET form sends.
    name: &'static str,
    label: Key,
    all: Key,
    choices: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="field">
            <label for=id>{t(locale, label)}</label>
            <select id=id name=name>
                <option value="">{t(locale, all)}</option>
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let chosen = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
