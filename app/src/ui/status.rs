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
