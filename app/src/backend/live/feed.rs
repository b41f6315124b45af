//! Rows of changes turned into the events sent to views.

use crate::backend::entities::{workshop, workshop_event};
use crate::backend::store::StoreError;
use crate::backend::workshops::reading::timer;
use crate::domain::live::{Audience, LiveEvent, RELOAD};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// One event, serialised once for every stream that sends it.
#[derive(Debug)]
pub struct Outgoing {
    /// The change's number: the SSE id a reconnecting view sends back.
    pub seq: i64,
    /// The [`LiveEvent`] as JSON.
    pub data: String,
    /// Whether it tells the view to load its state again.
    pub reload: bool,
    /// Whether phones' streams send it too.
    pub to_phones: bool,
}

impl Outgoing {
    /// Whether a stream for `audience` sends this event.
    pub fn for_audience(&self, audience: Audience) -> bool {
        match audience {
            Audience::Everything => true,
            Audience::Phone => self.to_phones,
        }
    }
}

fn event(
    kind: &str,
    subject: Option<i64>,
    at: i64,
    w: &workshop::Model,
    now: DateTime<Utc>,
) -> LiveEvent {
    LiveEvent {
        kind: kind.to_owned(),
        subject,
        at,
        phase: w.phase,
        timer: timer(w, now),
    }
}

/// The events of `rows`, with the workshop's state as it is now.
pub fn events(
    rows: &[workshop_event::Model],
    w: &workshop::Model,
    now: DateTime<Utc>,
) -> Result<Vec<Arc<Outgoing>>, StoreError> {
    rows.iter()
        .map(|row| {
            let e = event(
                row.kind.as_str(),
                row.subject,
                row.created_at.timestamp_millis(),
                w,
                now,
            );
            Ok(Arc::new(Outgoing {
                seq: row.seq,
                to_phones: Audience::Phone.wants(&e.kind, e.phase),
                data: serde_json::to_string(&e)
                    .map_err(|e| StoreError::corrupt("serialise live event", e))?,
                reload: false,
            }))
        })
        .collect()
}

/// Tells a view to read its whole state again; numbered with the latest
/// change so that the view resumes from there.
pub fn reload(w: &workshop::Model, now: DateTime<Utc>) -> Result<Arc<Outgoing>, StoreError> {
    let e = event(RELOAD, None, now.timestamp_millis(), w, now);
    Ok(Arc::new(Outgoing {
        seq: w.version,
        data: serde_json::to_string(&e)
            .map_err(|e| StoreError::corrupt("serialise live event", e))?,
        reload: true,
        to_phones: true,
    }))
}
