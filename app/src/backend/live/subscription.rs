//! One open stream: the hub's events of one workshop that its audience is
//! sent, in order, each once. It reads the database itself to catch up; it
//! knows nothing of the hub but the channel it receives from and the
//! signal that the server stops.

use super::feed::{events, reload, Outgoing};
use crate::backend::workshops::access::workshop_row;
use crate::backend::workshops::error::WorkshopError;
use crate::backend::workshops::events::since_except;
use crate::domain::live::{Audience, MAX_CATCH_UP};
use sea_orm::DatabaseConnection;
use std::collections::VecDeque;
use std::sync::Arc;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

/// What the hub broadcasts to the streams of one audience: an event, and
/// the number of the one it sent before on that channel. Every change
/// between the two was not for this audience, so a stream that handled
/// `after` missed nothing.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub after: i64,
    pub event: Arc<Outgoing>,
}

pub struct Subscription {
    db: DatabaseConnection,
    workshop_id: i64,
    audience: Audience,
    receiver: broadcast::Receiver<Delivery>,
    closing: watch::Receiver<bool>,
    /// The number of the last change handled: sent, or not this
    /// audience's.
    last_handled: i64,
    /// Events read from the database, to send before the broadcast ones.
    backlog: VecDeque<Arc<Outgoing>>,
}

impl Subscription {
    /// A stream resuming after change `after` (`None`: after `current`, the
    /// latest). The receiver is open already, so that nothing committed
    /// while the missed events are read falls between the two.
    pub(super) async fn open(
        db: DatabaseConnection,
        (workshop_id, audience, receiver): (i64, Audience, broadcast::Receiver<Delivery>),
        closing: watch::Receiver<bool>,
        after: Option<i64>,
        current: i64,
    ) -> Result<Subscription, WorkshopError> {
        let mut subscription = Subscription {
            db,
            workshop_id,
            audience,
            receiver,
            closing,
            last_handled: after.unwrap_or(current),
            backlog: VecDeque::new(),
        };
        if after.is_some_and(|a| a > current) {
            // A number this workshop never gave (a database restored from
            // an older copy): the view starts again from what is there.
            let w = workshop_row(&subscription.db, workshop_id).await?;
            subscription.last_handled = w.version;
            subscription
                .backlog
                .push_back(reload(&w, chrono::Utc::now())?);
        } else if after.is_some() {
            subscription.catch_up().await?;
        }
        Ok(subscription)
    }

    /// Reads what this stream missed from the database: its audience's
    /// events one by one, or a single `reload` when more than
    /// [`MAX_CATCH_UP`] of them are missing. Kinds the audience is never
    /// sent are not read at all (a phone skips a room's posts).
    async fn catch_up(&mut self) -> Result<(), WorkshopError> {
        let db = &self.db;
        let except = self.audience.never_sent();
        let after = self.last_handled;
        let rows = since_except(db, self.workshop_id, after, MAX_CATCH_UP + 1, except).await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        let last = last.seq;
        let w = workshop_row(db, self.workshop_id).await?;
        let now = chrono::Utc::now();
        if rows.len() as u64 > MAX_CATCH_UP {
            self.last_handled = w.version;
            self.backlog.push_back(reload(&w, now)?);
        } else {
            // Read to `last`: what is left out of the backlog was not for
            // this audience.
            self.last_handled = last;
            let missed = events(&rows, &w, now)?;
            self.backlog
                .extend(missed.into_iter().filter(|e| e.for_audience(self.audience)));
        }
        Ok(())
    }

    /// The next event to send; `None` when the stream should end (the
    /// server is stopping, or the database cannot be read: the view
    /// reconnects and resumes).
    pub async fn next(&mut self) -> Option<Arc<Outgoing>> {
        loop {
            if let Some(event) = self.backlog.pop_front() {
                return Some(event);
            }
            if *self.closing.borrow() {
                return None;
            }
            let received = tokio::select! {
                _ = self.closing.wait_for(|c| *c) => return None,
                received = self.receiver.recv() => received,
            };
            match received {
                Ok(d) if d.event.seq <= self.last_handled => continue,
                Ok(d) if d.after <= self.last_handled => {
                    self.last_handled = d.event.seq;
                    return Some(d.event);
                }
                // A gap, or this stream fell behind the channel: read.
                Ok(_) | Err(RecvError::Lagged(_)) => {
                    if let Err(error) = self.catch_up().await {
                        tracing::warn!(%error, "a live stream cannot catch up; it ends");
                        return None;
                    }
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }
}
