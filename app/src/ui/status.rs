//! Setting the HTTP status of the page being rendered. Streaming SSR sends
//! the headers with the first chunk, so a page must decide its status while
//! rendering synchronously (before any `Suspense`), as `NotFound` does.

#[cfg(feature = "ssr")]
pub fn set_status(status: http::StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn set_status(_status: http::StatusCode) {}

/// What a page shows when its data could not be loaded: the error's French
/// message, under the status it deserves (with `SsrMode::Async` the page is
/// whole before its headers go, so the status still counts).
pub fn load_failed(error: crate::error::AppError) -> leptos::prelude::AnyView {
    use crate::i18n::{t, use_locale, Key};
    use leptos::prelude::*;
    set_status(error.status());
    let locale = use_locale();
    // A refusal about one thing (a workshop that ended) says that thing.
    let message = error
        .form_errors()
        .and_then(|e| e.fields.first())
        .map_or(error.message(), |f| f.message);
    let heading = match error {
        crate::error::AppError::NotFound => Key::NotFoundTitle,
        _ => Key::AppName,
    };
    view! {
        <h1>{t(locale, heading)}</h1>
        <p class="callout">{t(locale, message)}</p>
        <p>
            <a href="/">{t(locale, Key::BackHome)}</a>
        </p>
    }
    .into_any()
}
