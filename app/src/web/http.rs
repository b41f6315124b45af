//! Per-request context for pages and server functions.

use crate::accounts::{PublicUrl, SetupPending, Viewer};
use crate::backend::state::AppState;
use crate::error::AppError;
use crate::i18n::{Locale, LOCALE_COOKIE};
use http::header::{ACCEPT, ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::HeaderValue;
use leptos::prelude::{expect_context, provide_context, use_context};
use leptos_axum::ResponseOptions;

/// Provides the state and the request's language. Called by the server for
/// every page render and server function call.
pub fn provide_request_context(state: &AppState) {
    provide_context(state.clone());
    let parts = use_context::<Parts>();
    let locale = parts.as_ref().map(locale_of).unwrap_or_default();
    provide_context(locale);
    // The server's session middleware resolved who is asking.
    let viewer = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<Viewer>().cloned())
        .unwrap_or_default();
    provide_context(viewer);
    // Counted by the server's session middleware, for page requests only.
    let unread = parts
        .as_ref()
        .and_then(|p| {
            p.extensions
                .get::<crate::rounds::UnreadNotifications>()
                .copied()
        })
        .unwrap_or_default();
    provide_context(unread);
    provide_context(SetupPending(state.setup_token.reveal().is_some()));
    provide_context(PublicUrl(state.public_url.clone()));
}

/// The session cookie's name: `__Host-` prefixed (host-only, Secure, path
/// /) when the public URL is https.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-demineurs_session"
    } else {
        "demineurs_session"
    }
}

/// The session token of a request, if its cookie is there.
pub fn session_token_of(parts: &Parts, secure: bool) -> Option<String> {
    cookie(parts, session_cookie_name(secure))
}

/// The session token of the request being served.
pub fn session_token() -> Option<String> {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    use_context::<Parts>().and_then(|p| session_token_of(&p, secure))
}

fn append_cookie(value: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// Sets the session cookie: HttpOnly, SameSite=Lax, Secure on https.
pub fn set_session_cookie(token: &str) {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    append_cookie(format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        session_cookie_name(secure),
        crate::backend::accounts::sessions::SESSION_DAYS * 24 * 3600,
        if secure { "; Secure" } else { "" }
    ));
}

pub fn clear_session_cookie() {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    append_cookie(format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        session_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    ));
}

/// The guest cookie's name (a guest's seat in one workshop).
fn guest_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-demineurs_guest"
    } else {
        "demineurs_guest"
    }
}

/// How long a guest cookie lives: a long workshop day. The workshop's end
/// ends the seat before that.
const GUEST_COOKIE_SECS: u32 = 12 * 3600;

/// Sets a guest's cookie: HttpOnly, SameSite=Lax, Secure on https.
pub fn set_guest_cookie(token: &str) {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    append_cookie(format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={GUEST_COOKIE_SECS}{}",
        guest_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    ));
}

/// The refusal cookie's name: it ties a plain form's refusal kept on the
/// server to the browser that sent the form (see `web::refusals`).
pub fn refusal_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-demineurs_refusals"
    } else {
        "demineurs_refusals"
    }
}

/// The `Set-Cookie` value of a refusal cookie, living as long as what it
/// opens.
pub fn refusal_cookie(token: &str, secure: bool) -> String {
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        refusal_cookie_name(secure),
        super::refusals::KEEP_SECS,
        if secure { "; Secure" } else { "" }
    )
}

/// Who calls a workshop function: a signed-in member, a guest, or nobody.
pub fn workshop_caller() -> crate::backend::workshops::access::Caller {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    use_context::<Parts>().map_or(crate::backend::workshops::access::Caller::Nobody, |p| {
        workshop_caller_of(&p, secure)
    })
}

/// Who sends a request about a workshop, outside a server function (the
/// event stream): the session middleware resolved the member.
pub fn workshop_caller_of(
    parts: &Parts,
    secure: bool,
) -> crate::backend::workshops::access::Caller {
    use crate::backend::workshops::access::Caller;
    if let Some(me) = parts.extensions.get::<Viewer>().and_then(|v| v.0.clone()) {
        return Caller::Member(me);
    }
    cookie(parts, guest_cookie_name(secure)).map_or(Caller::Nobody, Caller::Guest)
}

/// The guest cookie's token, if any (a member joining ignores it).
pub fn guest_token() -> Option<String> {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    use_context::<Parts>().and_then(|p| cookie(&p, guest_cookie_name(secure)))
}

/// The language cookie if set, else the browser's preference, else French.
pub fn locale_of(parts: &Parts) -> Locale {
    cookie(parts, LOCALE_COOKIE)
        .and_then(|v| Locale::from_code(&v))
        .or_else(|| {
            parts
                .headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

fn cookie(parts: &Parts, name: &str) -> Option<String> {
    cookie_in(&parts.headers, name)
}

/// A cookie's value among a request's headers.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The caller's IP address: the connection's, or the one a trusted reverse
/// proxy forwarded ("unknown" when the server was not given connection
/// info, as in some tests).
pub fn client_ip() -> String {
    use_context::<Parts>()
        .map(|p| {
            let trusted = use_context::<AppState>()
                .map(|s| s.trusted_proxies)
                .unwrap_or_default();
            client_ip_of(&p.extensions, &p.headers, &trusted)
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// [`client_ip`] from a request's parts, outside a server function (a
/// middleware).
pub fn client_ip_of(
    extensions: &http::Extensions,
    headers: &http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> String {
    let Some(peer) = extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>() else {
        return "unknown".to_owned();
    };
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    crate::backend::client_ip::resolve(peer.0.ip(), forwarded, trusted).to_string()
}

/// The context services run in for this request: who acts (a member, a
/// guest of a workshop, nobody) and from which device.
pub fn ctx(state: &AppState) -> crate::backend::ctx::Ctx<'_> {
    let ctx = crate::backend::ctx::Ctx::new(&state.db, state.clock.as_ref())
        .with_live(&state.live)
        .at_site(&state.public_url)
        .acting_as(workshop_caller());
    match session_token() {
        Some(session) => ctx.on_device(&session),
        None => ctx,
    }
}

/// The person signed in for this request, or `Unauthorized`.
pub fn require_signed_in() -> Result<crate::domain::accounts::CurrentUser, AppError> {
    use_context::<Viewer>()
        .and_then(|v| v.0)
        .ok_or(AppError::Unauthorized)
}

pub fn state() -> AppState {
    expect_context::<AppState>()
}

/// Returns `error` from a server function with the right status. A plain
/// form post (no JavaScript) keeps Leptos' redirect back to the page, with
/// the error in the URL; changing its status would stop the redirect.
pub fn fail(error: impl Into<AppError>) -> AppError {
    let error = error.into();
    let from_a_plain_form = use_context::<Parts>()
        .and_then(|p| {
            p.headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false);
    if let Some(response) = use_context::<ResponseOptions>() {
        if !from_a_plain_form {
            response.set_status(error.status());
        }
        let retry_after_secs = match error {
            AppError::RateLimited { retry_after_secs } => Some(retry_after_secs),
            // Busy (every password-hashing place taken) or the database away:
            // a few seconds is what either usually takes.
            AppError::Unavailable => Some(5),
            _ => None,
        };
        if let Some(secs) = retry_after_secs {
            response.insert_header(http::header::RETRY_AFTER, HeaderValue::from(secs));
        }
    }
    error
}

/// Keeps the interface language for a year.
pub fn set_locale_cookie(locale: Locale) {
    let secure = use_context::<AppState>().is_some_and(|s| s.secure_cookies);
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        locale.code(),
        if secure { "; Secure" } else { "" }
    );
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(headers: &[(&str, &str)]) -> Parts {
        let mut builder = http::Request::builder();
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(()).map(|r| r.into_parts().0).unwrap()
    }

    #[test]
    fn the_language_cookie_wins_over_the_browser_preference() {
        let p = parts(&[("cookie", "a=b; lang=en"), ("accept-language", "fr")]);
        assert_eq!(locale_of(&p), Locale::En);
    }

    #[test]
    fn without_cookie_the_browser_preference_counts_and_french_is_the_default() {
        assert_eq!(
            locale_of(&parts(&[("accept-language", "en-US")])),
            Locale::En
        );
        assert_eq!(locale_of(&parts(&[])), Locale::Fr);
        assert_eq!(locale_of(&parts(&[("cookie", "lang=xx")])), Locale::Fr);
    }
}
