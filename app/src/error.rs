//! The error every server function returns. It carries only what a user may
//! see (an i18n key, the fields to correct); the server logs the real cause
//! before mapping to it, so no database or SQL text ever reaches a browser.

use crate::i18n::Key;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// The most of one value a refusal sends back: five times the longest
/// field (4,000 characters), so that a text pasted over its limit comes back
/// whole to be cut down, and a pasted megabyte does not (a plain form's
/// refusal travels in the address it is sent back to).
pub const MAX_ECHOED_CHARS: usize = 20_000;

fn echoed(value: &str) -> String {
    value.chars().take(MAX_ECHOED_CHARS).collect()
}

/// A refused form: the message for each field at fault, and the values the
/// person typed, so the form comes back filled in (never a password).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub fields: Vec<FieldError>,
    pub input: Vec<(String, String)>,
}

/// One field's message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Key,
}

impl FormErrors {
    /// Starts a refusal that echoes the given input back to the form.
    pub fn with_input<'a>(input: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        FormErrors {
            fields: Vec::new(),
            input: input
                .into_iter()
                .map(|(k, v)| (k.to_owned(), echoed(v)))
                .collect(),
        }
    }

    pub fn add(&mut self, field: &str, message: Key) {
        self.fields.push(FieldError {
            field: field.to_owned(),
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The message for a field, if it is at fault.
    pub fn message_for(&self, field: &str) -> Option<Key> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message)
    }

    /// The value the person typed in a field.
    pub fn value_of(&self, field: &str) -> Option<&str> {
        self.input
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.as_str())
    }

    /// A refusal of one field, echoing nothing back.
    pub fn refuse(field: &str, message: Key) -> AppError {
        let mut errors = FormErrors::default();
        errors.add(field, message);
        AppError::Invalid(errors)
    }

    /// `Ok(())` when nothing was refused, the refusal otherwise.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

/// What went wrong, as a user may be told.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("invalid input")]
    Invalid(FormErrors),
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict")]
    Conflict,
    #[error("rate limited, retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// The request never got an answer (network, decoding): seen in the browser.
    #[error("network error")]
    Network,
}

impl AppError {
    /// The message shown for this error.
    pub fn message(&self) -> Key {
        match self {
            AppError::Invalid(_) => Key::FormHasErrors,
            AppError::NotFound => Key::ErrNotFound,
            AppError::Unauthorized => Key::ErrUnauthorized,
            AppError::Forbidden => Key::ErrForbidden,
            AppError::Conflict => Key::ErrConflict,
            AppError::RateLimited { .. } => Key::ErrRateLimited,
            AppError::Unavailable => Key::ErrUnavailable,
            AppError::Internal => Key::ErrInternal,
            AppError::Network => Key::ErrNetwork,
        }
    }

    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Invalid(_) => S::UNPROCESSABLE_ENTITY,
            AppError::NotFound => S::NOT_FOUND,
            AppError::Unauthorized => S::UNAUTHORIZED,
            AppError::Forbidden => S::FORBIDDEN,
            AppError::Conflict => S::CONFLICT,
            AppError::RateLimited { .. } => S::TOO_MANY_REQUESTS,
            AppError::Unavailable => S::SERVICE_UNAVAILABLE,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
            AppError::Network => S::BAD_GATEWAY,
        }
    }

    /// The same error; a form refusal gets the typed input attached, so
    /// the form comes back filled in (services refuse without knowing it).
    pub fn echoing(self, input: &[(&str, &str)]) -> AppError {
        match self {
            AppError::Invalid(mut errors) => {
                errors.input = input
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), echoed(v)))
                    .collect();
                AppError::Invalid(errors)
            }
            other => other,
        }
    }

    /// The form refusal, if this is one.
    pub fn form_errors(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}

/// The services' shared failures, in the web's terms. The real cause is
/// logged here, once.
#[cfg(feature = "ssr")]
mod from_services {
    use super::AppError;
    use crate::backend::ctx::NotSignedIn;
    use crate::backend::store::StoreError;
    use crate::backend::throttle::ThrottleError;

    impl From<StoreError> for AppError {
        fn from(err: StoreError) -> AppError {
            if err.unreachable() {
                tracing::warn!(op = err.op, error = %err.source, "database unreachable");
                AppError::Unavailable
            } else {
                tracing::error!(op = err.op, error = %err.source, "database error");
                AppError::Internal
            }
        }
    }

    impl From<NotSignedIn> for AppError {
        fn from(_: NotSignedIn) -> AppError {
            AppError::Unauthorized
        }
    }

    impl From<ThrottleError> for AppError {
        fn from(err: ThrottleError) -> AppError {
            match err {
                ThrottleError::Limited { retry_after_secs } => {
                    AppError::RateLimited { retry_after_secs }
                }
                ThrottleError::Store(err) => err.into(),
            }
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // A malformed body is the client's fault; say which input was bad
            // without echoing anything.
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::Deserialization(m) => {
                let refused = AppError::Invalid(malformed(&m));
                // On the server, with the status every refusal gets (422),
                // not the 500 of an error that did not pass through `fail`.
                #[cfg(feature = "ssr")]
                let refused = crate::web::http::fail(refused);
                refused
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            _ => AppError::Internal,
        }
    }
}

/// A body the server function could not read: names the field the decoder
/// complained about when it says (« missing field `minutes` »), never
/// echoing a value, so that even this refusal names its cause.
fn malformed(message: &str) -> FormErrors {
    let named = message
        .split('`')
        .nth(1)
        .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    let mut errors = FormErrors::default();
    match named {
        Some(field) if message.contains("missing field") => errors.add(field, Key::ErrRequired),
        // « unknown variant `x` » names the value typed, not the field.
        Some(field) if !message.contains("variant") => errors.add(field, Key::ErrInvalidChoice),
        _ => errors.add("form", Key::ErrMalformedForm),
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_keeps_the_typed_input_and_the_message_per_field() {
        let mut errors = FormErrors::with_input([("title", "Mon idée"), ("problem", "")]);
        errors.add("problem", Key::ErrRequired);
        assert_eq!(errors.value_of("title"), Some("Mon idée"));
        assert_eq!(errors.message_for("problem"), Some(Key::ErrRequired));
        assert_eq!(errors.message_for("title"), None);
        let error = errors.into_result().unwrap_err();
        assert_eq!(error.status(), http::StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[test]
    fn an_unreadable_form_still_names_its_cause() {
        let missing = malformed("missing field `minutes`");
        assert_eq!(missing.message_for("minutes"), Some(Key::ErrRequired));
        let wrong = malformed("invalid digit found in string for `workshop_id`");
        assert_eq!(
            wrong.message_for("workshop_id"),
            Some(Key::ErrInvalidChoice)
        );
        let vague = malformed("expected a form");
        assert_eq!(vague.message_for("form"), Some(Key::ErrMalformedForm));
    }

    #[test]
    fn no_message_means_accepted() {
        assert!(FormErrors::with_input([("title", "ok")])
            .into_result()
            .is_ok());
    }

    #[test]
    fn the_wire_form_round_trips() {
        let mut errors = FormErrors::with_input([("lang", "xx")]);
        errors.add("lang", Key::ErrUnknownLanguage);
        let error = AppError::Invalid(errors);
        let bytes = error.ser();
        assert_eq!(AppError::de(bytes), error);
    }
}
