//! PostgreSQL: one `LISTEN` connection per instance wakes the hub when
//! any instance commits a change. Notifications sent while it reconnects
//! are lost by design, so after every (re)connection the hub reads
//! everything after the last event it saw.

use super::LiveHub;
use crate::backend::workshops::events::NOTIFY_CHANNEL;
use sea_orm::sqlx::postgres::PgListener;
use std::time::Duration;

/// The name the listener's connection shows in `pg_stat_activity`.
pub const APPLICATION_NAME: &str = "demineurs-listener";

/// How long to wait before connecting again, at most.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// The database URL naming the listener's connection.
fn named(url: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}application_name={APPLICATION_NAME}")
}

pub(super) async fn listen_loop(hub: LiveHub, url: String) {
    let mut closing = hub.closing();
    let mut backoff = Duration::from_millis(100);
    loop {
        let connected = async {
            let mut listener = PgListener::connect(&named(&url)).await?;
            listener.listen(NOTIFY_CHANNEL).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        };
        let connected = tokio::select! {
            _ = closing.wait_for(|c| *c) => return,
            connected = connected => connected,
        };
        let mut listener = match connected {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for workshop events; retrying");
                tokio::select! {
                    _ = closing.wait_for(|c| *c) => return,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        backoff = Duration::from_millis(100);
        tracing::info!("listening for workshop events");
        // Whatever was committed while nobody listened.
        hub.wake_all();
        loop {
            let received = tokio::select! {
                _ = closing.wait_for(|c| *c) => return,
                received = listener.try_recv() => received,
            };
            match received {
                Ok(Some(notification)) => match notification.payload().parse::<i64>() {
                    Ok(workshop_id) => hub.wake(workshop_id),
                    Err(_) => hub.wake_all(),
                },
                Ok(None) => {
                    tracing::warn!("the listening connection was lost; reconnecting");
                    break;
                }
                Err(error) => {
                    tracing::warn!(%error, "the listening connection failed; reconnecting");
                    break;
                }
            }
        }
    }
}
