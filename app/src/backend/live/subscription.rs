//! One open stream: the hub's events of one workshop, in order, each once.
//! It reads the database itself to catch up; it knows nothing of the hub
//! but the channel it receives from and the signal that the server stops.

use super::feed::{events, reload, Outgoing};
use crate::backend::workshops::access::workshop_row;
use crate::backend::workshops::error::WorkshopError;
use crate::backend::workshops::events::since;
use crate::domain::live::MAX_CATCH_UP;
use sea_orm::DatabaseConnection;
use std::collections::VecDeque;
use std::sync::Arc;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

pub struct Subscription {
    db: DatabaseConnection,
    workshop_id: i64,
    receiver: broadcast::Receiver<Arc<Outgoing>>,
    closing: watch::Receiver<bool>,
    /// The number of the last event sent on this stream.
    last_sent: i64,
    /// Events read from the database, to send before the broadcast ones.
    backlog: VecDeque<Arc<Outgoing>>,
}

impl Subscription {
    /// A stream resuming after change `after` (`None`: after `current`, the
    /// latest). The receiver is open already, so that nothing committed
    /// while the missed events are read falls between the two.
    pub(super) async fn open(
        db: DatabaseConnection,
        (workshop_id, receiver): (i64, broadcast::Receiver<Arc<Outgoing>>),
        closing: watch::Receiver<bool>,
        after: Option<i64>,
        current: i64,
    ) -> Result<Subscription, WorkshopError> {
        let mut subscription = Subscription {
            db,
            workshop_id,
            receiver,
            closing,
            last_sent: after.unwrap_or(current),
            backlog: VecDeque::new(),
        };
        if after.is_some_and(|a| a > current) {
            // A number this workshop never gave (a database restored from
            // an older copy): the view starts again from what is there.
            subscription.last_sent = 0;
            let w = workshop_row(&subscription.db, workshop_id).await?;
            subscription.push(reload(&w, chrono::Utc::now())?);
        } else if after.is_some() {
            subscription.catch_up().await?;
        }
        Ok(subscription)
    }

    fn push(&mut self, event: Arc<Outgoing>) {
        self.backlog.push_back(event);
    }

    /// Reads what this stream missed from the database: one by one, or a
    /// single `reload` when more than [`MAX_CATCH_UP`] are missing.
    async fn catch_up(&mut self) -> Result<(), WorkshopError> {
        let db = &self.db;
        let rows = since(db, self.workshop_id, self.last_sent, MAX_CATCH_UP + 1).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let w = workshop_row(db, self.workshop_id).await?;
        let now = chrono::Utc::now();
        if rows.len() as u64 > MAX_CATCH_UP {
            self.push(reload(&w, now)?);
        } else {
            for event in events(&rows, &w, now)? {
                self.push(event);
            }
        }
        Ok(())
    }

    /// The next event to send; `None` when the stream should end (the
    /// server is stopping, or the database cannot be read: the view
    /// reconnects and resumes).
    pub async fn next(&mut self) -> Option<Arc<Outgoing>> {
        loop {
            if let Some(event) = self.backlog.pop_front() {
                if event.seq > self.last_sent || event.reload {
                    self.last_sent = self.last_sent.max(event.seq);
                    return Some(event);
                }
                continue;
            }
            if *self.closing.borrow() {
                return None;
            }
            let received = tokio::select! {
                _ = self.closing.wait_for(|c| *c) => return None,
                received = self.receiver.recv() => received,
            };
            match received {
                Ok(event) if event.seq <= self.last_sent => continue,
                Ok(event) if event.seq == self.last_sent + 1 => {
                    self.last_sent = event.seq;
                    return Some(event);
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
