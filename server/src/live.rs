//! `GET /api/ateliers/<id>/evenements`: the workshop's changes as
//! server-sent events, for people in the room and those who facilitate it.
//! A reconnecting browser sends `Last-Event-ID` and gets what it missed;
//! a page opens the stream after the change it was rendered at
//! (`?depuis=<n>`); a phone's page adds `vue=telephone` and is sent only
//! what a phone shows. Not compressed (the compression layer leaves
//! `text/event-stream` alone) and never timed out; ends when the server
//! stops, so that graceful shutdown does not wait for it.

use crate::stream_seats::{self, StreamPlace};
use app::backend::accounts::tokens::hash_token;
use app::backend::live::Subscription;
use app::backend::state::AppState;
use app::backend::workshops::access::Caller;
use app::backend::workshops::reading::may_watch;
use app::domain::live::Audience;
use app::web::http::workshop_caller_of;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use std::convert::Infallible;
use std::time::Duration;

/// The route, as the router spells it.
pub const EVENTS_PATH: &str = app::workshops::EVENTS_ROUTE;

/// A `ping` every so often keeps proxies from closing an idle stream and
/// tells the page the connection still works.
const KEEP_ALIVE: Duration = Duration::from_secs(app::domain::live::PING_SECS);

/// How long a browser waits before reconnecting after the stream drops.
const RETRY: Duration = Duration::from_secs(2);

/// Where the stream resumes, and the view that opens it (`vue`): a
/// phone's page says so and is not sent the changes a phone never shows.
#[derive(serde::Deserialize)]
pub struct Since {
    depuis: Option<i64>,
    vue: Option<String>,
}

pub async fn events(
    State(state): State<AppState>,
    Path(workshop_id): Path<i64>,
    Query(since): Query<Since>,
    parts: Parts,
) -> Response {
    let caller = workshop_caller_of(&parts, state.secure_cookies);
    if let Err(error) = may_watch(&state.db, &caller, workshop_id).await {
        return refusal(error);
    }
    let seat = match &caller {
        Caller::Member(me) => format!("{workshop_id}:member:{}", me.id),
        Caller::Guest(token) => format!("{workshop_id}:guest:{}", hash_token(token)),
        Caller::Nobody => return refusal(app::error::AppError::Unauthorized),
    };
    let Some(place) = stream_seats::take(seat) else {
        return refusal(app::error::AppError::RateLimited {
            retry_after_secs: RETRY.as_secs(),
        });
    };
    let last_event_id = parts
        .headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let after = last_event_id.or(since.depuis);
    let audience = Audience::from_query(since.vue.as_deref());
    let subscription = match state.live.subscribe(workshop_id, after, audience).await {
        Ok(subscription) => subscription,
        Err(error) => return refusal(error),
    };
    // Named events with data: the page counts them as signs of life (a
    // comment would not reach it) and knows each (re)connection by `hello`.
    let hello = Event::default()
        .retry(RETRY)
        .event(app::domain::live::HELLO)
        .data("ok");
    let stream = futures::stream::once(async { Ok::<_, Infallible>(hello) }).chain(
        // The place travels with the stream: dropped when the stream is.
        futures::stream::unfold(
            (subscription, place),
            |(mut subscription, place): (Subscription, StreamPlace)| async move {
                let event = subscription.next().await?;
                let sse = Event::default()
                    .id(event.seq.to_string())
                    .data(event.data.as_str());
                Some((Ok::<_, Infallible>(sse), (subscription, place)))
            },
        ),
    );
    let mut response = Sse::new(stream)
        .keep_alive(
            KeepAlive::new()
                .interval(KEEP_ALIVE)
                .event(Event::default().event(app::domain::live::PING).data("ok")),
        )
        .into_response();
    // Reverse proxies that buffer (nginx) must pass each event at once.
    response.headers_mut().insert(
        "x-accel-buffering",
        axum::http::HeaderValue::from_static("no"),
    );
    response
}

/// The refusal's status, with a short text (the page explains itself when
/// it loads again).
fn refusal(error: impl Into<app::error::AppError>) -> Response {
    let error = error.into();
    (error.status(), error.to_string()).into_response()
}
