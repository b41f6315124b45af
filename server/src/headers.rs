//! Security and caching headers.
//!
//! Pages get a Content-Security-Policy with the nonce Leptos generated for
//! this response's scripts (no `'unsafe-inline'`); every other response gets
//! a policy that allows nothing. Hashed assets are cached for a year.

use axum::http::{header, HeaderName, HeaderValue, Response};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use tower_http::set_header::SetResponseHeaderLayer;

/// For responses that are not pages (JSON, files, health): allow nothing.
const DEFAULT_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The policy of a page, for the nonce of its inline bootstrap script.
/// `'self'` lets that script import the app's module; `'wasm-unsafe-eval'`
/// lets it compile the wasm.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'none'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sets the page headers from inside a Leptos render (where the nonce is).
pub fn set_page_headers() {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Some(nonce) = leptos::nonce::use_nonce() {
        if let Ok(value) = HeaderValue::from_str(&page_csp(&nonce)) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
        // Pages carry a fresh nonce and personal content (contributions,
        // names, addresses): never kept, not even in the back-forward cache.
        response.insert_header(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
}

type Layer = SetResponseHeaderLayer<HeaderValue>;

/// Headers every response carries unless it set its own.
pub fn common(secure: bool) -> Vec<Layer> {
    let mut layers = vec![
        Layer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_CSP),
        ),
        Layer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        Layer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        // same-origin keeps the Referer that no-JS form redirects rely on.
        Layer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        Layer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
            ),
        ),
        Layer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        Layer::overriding(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        Layer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    if secure {
        layers.push(Layer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        ));
    }
    layers
}

/// A year of caching for hashed assets (their name changes with their
/// content); only on success, so a missing file is not cached.
pub fn immutable_when_found<B>(response: &Response<B>) -> Option<HeaderValue> {
    response
        .status()
        .is_success()
        .then(|| HeaderValue::from_static("public, max-age=31536000, immutable"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_the_nonce_and_wasm_but_no_inline_script() {
        let csp = page_csp("abc123");
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
