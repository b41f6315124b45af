//! Keeps what people type out of addresses (see `app::web::refusals`).
//!
//! On the way out of a plain form's server function, a redirect that
//! carries a refusal with typed text (`__err`) is rewritten to carry the id
//! of that refusal kept on the server (`__ref`), and the browser gets the
//! refusal cookie that opens it. On the way into a page, `__ref` is turned
//! back into the `__err` the page reads, inside the server only: the page
//! renders the refusal, the browser's address never held the text.

use app::accounts::Viewer;
use app::backend::state::AppState;
use app::web::http::{client_ip_of, cookie_in, refusal_cookie, refusal_cookie_name};
use app::web::refusals::{self, Carried};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, Uri},
    middleware::Next,
    response::Response,
};

/// The query parameters Leptos uses to carry a refusal back to its page.
const ERROR_PARAM: &str = "__err";
/// Ours: the id of a refusal kept on the server.
const KEPT_PARAM: &str = "__ref";

pub async fn keep_out_of_addresses(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    match *request.method() {
        Method::GET | Method::HEAD => {
            let request = bring_back(&state, request).await;
            next.run(request).await
        }
        Method::POST if request.uri().path().starts_with("/api/") => {
            let holder = cookie_in(request.headers(), refusal_cookie_name(state.secure_cookies));
            let caller = caller_of(&state, &request);
            let response = next.run(request).await;
            keep(&state, holder, &caller, response).await
        }
        _ => next.run(request).await,
    }
}

/// Who sent a form, for the limit on refusals kept: a member, else the
/// caller's address.
fn caller_of(state: &AppState, request: &Request) -> String {
    match request
        .extensions()
        .get::<Viewer>()
        .and_then(|v| v.0.as_ref())
    {
        Some(me) => format!("member:{}", me.id),
        None => client_ip_of(
            request.extensions(),
            request.headers(),
            &state.trusted_proxies,
        ),
    }
}

/// Rewrites the redirect of a refused plain form so that its address
/// carries no typed text; a redirect after success loses the id of an
/// earlier refusal (the page comes back clean).
async fn keep(
    state: &AppState,
    holder: Option<String>,
    caller: &str,
    mut response: Response,
) -> Response {
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
    else {
        return response;
    };
    if !location.contains(ERROR_PARAM) && !location.contains(KEPT_PARAM) {
        return response;
    }
    let (address, mut pairs) = split(location);
    let refusal = take(&mut pairs, ERROR_PARAM);
    take(&mut pairs, KEPT_PARAM);
    let mut new_holder = None;
    if let Some(payload) = refusal {
        let holder = holder.unwrap_or_else(|| {
            let fresh = app::backend::accounts::tokens::new_token();
            new_holder = Some(fresh.clone());
            fresh
        });
        let now = state.clock.now().timestamp();
        match refusals::carry(&state.db, now, caller, &holder, &payload).await {
            Ok(Carried::Kept(id)) => {
                pairs.push((KEPT_PARAM.to_owned(), id));
                // Refreshed each time: the cookie lives as long as the
                // latest refusal it opens.
                new_holder = Some(holder);
            }
            Ok(Carried::InAddress(payload)) => {
                new_holder = None;
                pairs.push((ERROR_PARAM.to_owned(), payload));
            }
            Err(error) => {
                tracing::warn!(?error, "refusal not kept; its messages go in the address");
                new_holder = None;
                let stripped = refusals::decode(&payload)
                    .map(refusals::messages_only)
                    .unwrap_or_default();
                pairs.push((ERROR_PARAM.to_owned(), stripped));
            }
        }
    }
    if let Ok(value) = HeaderValue::from_str(&join(&address, &pairs)) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if let Some(token) = new_holder {
        if let Ok(cookie) = HeaderValue::from_str(&refusal_cookie(&token, state.secure_cookies)) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    response
}

/// Turns `__ref` back into the refusal the page reads. An `__err` that came
/// from outside (a link someone made) keeps its messages and loses any
/// typed text: nobody can send a colleague a form filled in for them.
async fn bring_back(state: &AppState, request: Request) -> Request {
    let query = request.uri().query().unwrap_or_default();
    if !query.contains(ERROR_PARAM) && !query.contains(KEPT_PARAM) {
        return request;
    }
    let mut pairs = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect::<Vec<_>>();
    let from_outside = take(&mut pairs, ERROR_PARAM);
    let holder = cookie_in(request.headers(), refusal_cookie_name(state.secure_cookies));
    let kept = match (take(&mut pairs, KEPT_PARAM), holder) {
        (Some(id), Some(holder)) => kept_refusal(state, &holder, &id).await,
        _ => None,
    };
    let refusal = kept.or_else(|| {
        from_outside
            .and_then(|p| refusals::decode(&p))
            .map(refusals::messages_only)
    });
    if let Some(payload) = refusal {
        pairs.push((ERROR_PARAM.to_owned(), payload));
    }
    let path = request.uri().path().to_owned();
    let (mut parts, body) = request.into_parts();
    if let Ok(uri) = join(&path, &pairs).parse::<Uri>() {
        parts.uri = uri;
    }
    Request::from_parts(parts, body)
}

async fn kept_refusal(state: &AppState, holder: &str, id: &str) -> Option<String> {
    let now = state.clock.now().timestamp();
    refusals::bring_back(&state.db, now, holder, id)
        .await
        .inspect_err(|error| tracing::warn!(?error, "kept refusal not read"))
        .ok()
        .flatten()
}

/// An address and its query's pairs, decoded.
fn split(address: &str) -> (String, Vec<(String, String)>) {
    match address.split_once('?') {
        Some((base, query)) => (
            base.to_owned(),
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        ),
        None => (address.to_owned(), Vec::new()),
    }
}

fn join(base: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return base.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("{base}?{query}")
}

/// Removes every pair named `name`; the last value, if any.
fn take(pairs: &mut Vec<(String, String)>, name: &str) -> Option<String> {
    let value = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone());
    pairs.retain(|(k, _)| k != name);
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_splits_into_its_pairs_and_joins_back() {
        let (base, pairs) = split("http://h/idees/3?a=1&__err=eyJ9%3D&b=%C3%A9");
        assert_eq!(base, "http://h/idees/3");
        assert_eq!(pairs[1], ("__err".to_owned(), "eyJ9=".to_owned()));
        assert_eq!(
            join(&base, &pairs),
            "http://h/idees/3?a=1&__err=eyJ9%3D&b=%C3%A9"
        );
        assert_eq!(join("/x", &[]), "/x");
    }

    #[test]
    fn taking_a_parameter_removes_every_copy() {
        let (_, mut pairs) = split("/p?__ref=a&x=1&__ref=b");
        assert_eq!(take(&mut pairs, KEPT_PARAM), Some("b".to_owned()));
        assert_eq!(pairs, vec![("x".to_owned(), "1".to_owned())]);
        assert_eq!(take(&mut pairs, KEPT_PARAM), None);
    }
}
