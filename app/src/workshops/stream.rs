//! Following a workshop's event stream in the browser (gloo-net's
//! EventSource). The browser reconnects by itself after a drop, sending
//! `Last-Event-ID`; when it gives up (an error status), or when nothing
//! was heard for longer than the server's pings allow (a dead connection
//! on a flaky network), a new stream opens after the last event seen. A
//! stream refused because the seat ended (the person was removed, the
//! workshop is over for a guest) reloads the page, which says why; other
//! refusals (signed out, not allowed) stop following.

use super::browser::sleep;
use super::js_json::live_event;
use crate::domain::live::{Audience, LiveEvent, HELLO, PING, RELOAD, SILENCE_LIMIT_SECS};
use futures::future::{select, Either};
use futures::StreamExt;
use gloo_net::eventsource::futures::EventSource;
use std::time::Duration;

/// The longest wait between two attempts to reconnect.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Calls `on_event` for each change after `version` that `audience` is
/// sent, in order and once, and `on_link` with `true` on each
/// (re)connection and `false` on a loss.
pub fn follow(
    workshop_id: i64,
    version: i64,
    audience: Audience,
    on_event: impl Fn(LiveEvent) + 'static,
    on_link: impl Fn(bool) + 'static,
) {
    // Back online, the stream may be a dead connection: open a fresh one.
    let (restart, mut restarts) = futures::channel::mpsc::unbounded::<()>();
    super::browser::on_online(move || {
        let _ = restart.unbounded_send(());
    });
    leptos::task::spawn_local(async move {
        let mut last = version;
        let mut backoff = Duration::from_secs(1);
        loop {
            let url = stream_url(workshop_id, last, audience);
            if let Ok(mut source) = EventSource::new(&url) {
                if let (Ok(changes), Ok(hellos), Ok(pings)) = (
                    source.subscribe("message"),
                    source.subscribe(HELLO),
                    source.subscribe(PING),
                ) {
                    let mut heard =
                        futures::stream::select(changes, futures::stream::select(hellos, pings));
                    loop {
                        let silence = sleep(Duration::from_secs(SILENCE_LIMIT_SECS));
                        let interrupted = select(Box::pin(silence), restarts.next());
                        let next = match select(heard.next(), interrupted).await {
                            Either::Left((Some(Ok(next)), _)) => next,
                            // Closed for good, silent too long, or back
                            // online: open another.
                            _ => break,
                        };
                        match next.0.as_str() {
                            HELLO => {
                                backoff = Duration::from_secs(1);
                                on_link(true);
                            }
                            "message" => {
                                let seq = next.1.last_event_id().parse::<i64>().unwrap_or(last);
                                let Some(event) =
                                    next.1.data().as_string().and_then(|d| live_event(&d))
                                else {
                                    continue;
                                };
                                if seq <= last && event.kind != RELOAD {
                                    continue;
                                }
                                last = last.max(seq);
                                on_event(event);
                            }
                            _ => {}
                        }
                    }
                }
                source.close();
            }
            on_link(false);
            match refusal(workshop_id).await {
                // The seat ended (removed, or the workshop is over for a
                // guest): the page says so once loaded again, and has no
                // stream then.
                Some(422) => return super::browser::reload(),
                // Signed out, or no longer allowed: retrying cannot help,
                // and reloading over and over would not either.
                Some(_) => return,
                None => {}
            }
            sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF);
        }
    });
}

/// The status with which the server refuses this page the stream for
/// good (`None` for a network or server failure, which pass): asked with a
/// `HEAD` request.
async fn refusal(workshop_id: i64) -> Option<u16> {
    let response = gloo_net::http::RequestBuilder::new(&super::events_path(workshop_id))
        .method(gloo_net::http::Method::HEAD)
        .send()
        .await
        .ok()?;
    let status = response.status();
    ((400..500).contains(&status) && status != 429).then_some(status)
}

/// The stream's address, resuming after change `last`.
fn stream_url(workshop_id: i64, last: i64, audience: Audience) -> String {
    let path = super::events_path(workshop_id);
    match audience {
        Audience::Everything => format!("{path}?depuis={last}"),
        Audience::Phone => format!("{path}?depuis={last}&vue={}", Audience::PHONE_QUERY),
    }
}
