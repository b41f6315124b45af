//! One hub per instance: the streams open on it, grouped by workshop, and
//! the one reader that feeds them.

use super::feed::{events, Outgoing};
use super::subscription::{Delivery, Subscription};
use crate::backend::workshops::access::workshop_row;
use crate::backend::workshops::error::WorkshopError;
use crate::backend::workshops::events::since;
use crate::domain::live::Audience;
use sea_orm::DatabaseConnection;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};

/// Events one stream may fall behind the others before it reads the
/// database itself.
const CHANNEL_CAPACITY: usize = 1024;

/// Rows read at once by the reader.
const BATCH: u64 = 500;

/// Every so often the reader looks anyway: a safety net, should a wake-up
/// ever be missed (all writes wake it, and PostgreSQL's `NOTIFY` too).
const SWEEP: Duration = Duration::from_secs(10);

/// What the reader is asked to read.
#[derive(Debug)]
pub(super) enum Wake {
    One(i64),
    /// Every watched workshop (after the listener reconnected).
    All,
}

/// The streams of one workshop, one channel per audience, and the last
/// change broadcast on each: a phone's stream is not even woken by a post.
struct Channel {
    everything: Feed,
    phones: Feed,
}

struct Feed {
    sender: broadcast::Sender<Delivery>,
    last_seq: i64,
}

impl Feed {
    fn new(last_seq: i64) -> Feed {
        Feed {
            sender: broadcast::channel(CHANNEL_CAPACITY).0,
            last_seq,
        }
    }

    /// Sends `event`, numbered after the last one this feed sent, so that a
    /// stream can tell a gap from events that were never its audience's.
    fn send(&mut self, event: &Arc<Outgoing>) {
        let delivery = Delivery {
            after: self.last_seq,
            event: Arc::clone(event),
        };
        self.last_seq = event.seq;
        // No receiver left is not an error: the next pass forgets it.
        let _ = self.sender.send(delivery);
    }
}

impl Channel {
    fn feed(&mut self, audience: Audience) -> &mut Feed {
        match audience {
            Audience::Everything => &mut self.everything,
            Audience::Phone => &mut self.phones,
        }
    }

    fn streams(&self) -> usize {
        self.everything.sender.receiver_count() + self.phones.sender.receiver_count()
    }
}

struct Inner {
    db: DatabaseConnection,
    channels: Mutex<HashMap<i64, Channel>>,
    wakes: mpsc::UnboundedSender<Wake>,
    closing: watch::Sender<bool>,
}

/// The live side of an instance; cheap to clone.
#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("watched", &self.channels().len())
            .finish()
    }
}

impl LiveHub {
    /// Starts the hub and its reader; with `listen_url` (PostgreSQL), also
    /// the listener that wakes it when any instance commits a change.
    pub fn start(db: DatabaseConnection, listen_url: Option<String>) -> LiveHub {
        Self::start_with_sweep(db, listen_url, Some(SWEEP))
    }

    /// As [`LiveHub::start`], sweeping every `sweep` (never for `None`: tests
    /// see the wake-ups alone at work).
    pub fn start_with_sweep(
        db: DatabaseConnection,
        listen_url: Option<String>,
        sweep: Option<Duration>,
    ) -> LiveHub {
        let (wakes, woken) = mpsc::unbounded_channel();
        let (closing, _) = watch::channel(false);
        let hub = LiveHub {
            inner: Arc::new(Inner {
                db,
                channels: Mutex::new(HashMap::new()),
                wakes,
                closing,
            }),
        };
        tokio::spawn(read_loop(hub.clone(), woken, sweep));
        if let Some(url) = listen_url {
            tokio::spawn(super::listener::listen_loop(hub.clone(), url));
        }
        hub
    }

    fn channels(&self) -> MutexGuard<'_, HashMap<i64, Channel>> {
        // A panic while holding the lock leaves plain data behind: go on.
        self.inner
            .channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A change of `workshop_id` was committed: read it and send it.
    pub fn wake(&self, workshop_id: i64) {
        let _ = self.inner.wakes.send(Wake::One(workshop_id));
    }

    /// Something changed in workshops this instance cannot name (a round
    /// written from the idea's pages): every watched workshop is read again.
    pub fn wake_all(&self) {
        let _ = self.inner.wakes.send(Wake::All);
    }

    /// Ends every stream and the hub's tasks: the server is stopping.
    pub fn close(&self) {
        self.inner.closing.send_replace(true);
    }

    pub(super) fn closing(&self) -> watch::Receiver<bool> {
        self.inner.closing.subscribe()
    }

    /// How many streams are open, for the logs and the benchmark.
    pub fn streams(&self) -> usize {
        self.channels().values().map(Channel::streams).sum()
    }

    /// Opens a stream of the changes of `workshop_id` numbered after
    /// `after` (after the latest one when `None`) that `audience` is sent.
    /// The caller checked who may watch.
    pub async fn subscribe(
        &self,
        workshop_id: i64,
        after: Option<i64>,
        audience: Audience,
    ) -> Result<Subscription, WorkshopError> {
        let current = latest(&self.inner.db, workshop_id).await?;
        let receiver = {
            let mut channels = self.channels();
            let channel = channels.entry(workshop_id).or_insert_with(|| Channel {
                everything: Feed::new(current),
                phones: Feed::new(current),
            });
            channel.feed(audience).sender.subscribe()
        };
        let db = self.inner.db.clone();
        let place = (workshop_id, audience, receiver);
        Subscription::open(db, place, self.closing(), after, current).await
    }

    /// Reads and broadcasts the changes after the last one sent, for the
    /// workshops named (all watched ones for `None`); forgets workshops
    /// nobody watches any more.
    async fn read(&self, only: Option<HashSet<i64>>) {
        let work: Vec<(i64, i64)> = {
            let mut channels = self.channels();
            channels.retain(|_, c| c.streams() > 0);
            channels
                .iter()
                .filter(|(id, _)| only.as_ref().is_none_or(|o| o.contains(id)))
                .map(|(id, c)| (*id, c.everything.last_seq))
                .collect()
        };
        for (workshop_id, mut last) in work {
            loop {
                match self.read_after(workshop_id, last).await {
                    Ok((sent, more)) => {
                        last = sent;
                        if !more {
                            break;
                        }
                    }
                    Err(error) => {
                        // The next wake-up or sweep tries again.
                        tracing::warn!(%error, workshop_id, "cannot read workshop events");
                        break;
                    }
                }
            }
        }
    }

    /// One batch: returns the last number sent and whether more may wait.
    async fn read_after(&self, workshop_id: i64, after: i64) -> Result<(i64, bool), WorkshopError> {
        let rows = since(&self.inner.db, workshop_id, after, BATCH).await?;
        if rows.is_empty() {
            return Ok((after, false));
        }
        let w = workshop_row(&self.inner.db, workshop_id).await?;
        let out = events(&rows, &w, chrono::Utc::now())?;
        let mut channels = self.channels();
        let Some(channel) = channels.get_mut(&workshop_id) else {
            return Ok((after, false));
        };
        for event in out {
            if event.seq > channel.everything.last_seq {
                channel.everything.send(&event);
                if event.to_phones {
                    channel.phones.send(&event);
                }
            }
        }
        Ok((channel.everything.last_seq, rows.len() as u64 == BATCH))
    }
}

/// The number of a workshop's latest change (its version).
async fn latest(db: &DatabaseConnection, workshop_id: i64) -> Result<i64, WorkshopError> {
    Ok(workshop_row(db, workshop_id).await?.version)
}

/// The reader: wakes are gathered, so a burst of posts costs one read.
async fn read_loop(
    hub: LiveHub,
    mut woken: mpsc::UnboundedReceiver<Wake>,
    sweep: Option<Duration>,
) {
    let mut closing = hub.closing();
    // An hour stands for "never": the tick is then ignored.
    let mut sweep_timer = tokio::time::interval(sweep.unwrap_or(Duration::from_secs(3600)));
    loop {
        let first = tokio::select! {
            _ = closing.wait_for(|c| *c) => return,
            wake = woken.recv() => match wake {
                Some(wake) => wake,
                None => return,
            },
            _ = sweep_timer.tick(), if sweep.is_some() => Wake::All,
        };
        let mut only = HashSet::new();
        let mut all = false;
        let mut next = Some(first);
        while let Some(wake) = next {
            match wake {
                Wake::One(id) => {
                    only.insert(id);
                }
                Wake::All => all = true,
            }
            next = woken.try_recv().ok();
        }
        hub.read(if all { None } else { Some(only) }).await;
    }
}
