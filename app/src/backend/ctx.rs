//! What every service call carries: the database, the clock, the live hub,
//! and who acts. Built once per request by the web adapter
//! (`web::http::ctx`), by hand in tests (`Ctx::new(..).acting_as(..)`).
//!
//! A service writes through [`Ctx::write`]: the transaction it gets back
//! remembers which workshops the write changed, and committing it wakes
//! their open views on this instance (other instances hear of the commit
//! from the database: `NOTIFY` on PostgreSQL). No caller wakes anything by
//! hand, so a write cannot forget to.

use crate::backend::changes::Change;
use crate::backend::clock::Clock;
use crate::backend::db::{begin_read, begin_write};
use crate::backend::live::LiveHub;
use crate::backend::store::{Op, StoreError};
use crate::backend::workshops::access::Caller;
use crate::domain::accounts::CurrentUser;
use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement,
};
use sea_orm_migration::async_trait::async_trait;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// The call needs a member signed in (or their device's session), and
/// nobody is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not signed in")]
pub struct NotSignedIn;

/// A request's context.
pub struct Ctx<'a> {
    pub db: &'a DatabaseConnection,
    pub clock: &'a dyn Clock,
    live: Option<&'a LiveHub>,
    /// Who acts: a member, a workshop's guest, or nobody.
    pub caller: Caller,
    /// The session of the device acting (a workshop's console is held by
    /// one device), when a member acts.
    session: Option<String>,
    /// The public address links are written with.
    site: &'a str,
}

/// The address of an instance run as the README says, for links written
/// where no configuration was given (tests, the shell's commands).
pub const DEFAULT_SITE: &str = "http://127.0.0.1:3000";

impl<'a> Ctx<'a> {
    /// Nobody acting, no live hub (tests, tasks).
    pub fn new(db: &'a DatabaseConnection, clock: &'a dyn Clock) -> Ctx<'a> {
        Ctx {
            db,
            clock,
            live: None,
            caller: Caller::Nobody,
            session: None,
            site: DEFAULT_SITE,
        }
    }

    /// Commits wake this hub's views.
    pub fn with_live(mut self, live: &'a LiveHub) -> Ctx<'a> {
        self.live = Some(live);
        self
    }

    pub fn acting_as(mut self, caller: Caller) -> Ctx<'a> {
        self.caller = caller;
        self
    }

    /// A member acting.
    pub fn member_acting(self, me: &CurrentUser) -> Ctx<'a> {
        self.acting_as(Caller::Member(me.clone()))
    }

    /// Links written for people (e-mail) start with `site`, the public
    /// address (no trailing slash); [`DEFAULT_SITE`] until told.
    pub fn at_site(mut self, site: &'a str) -> Ctx<'a> {
        self.site = site;
        self
    }

    pub fn site(&self) -> &'a str {
        self.site
    }

    /// The device's session (for the console).
    pub fn on_device(mut self, session: &str) -> Ctx<'a> {
        self.session = Some(session.to_owned());
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The member acting.
    pub fn member(&self) -> Result<&CurrentUser, NotSignedIn> {
        match &self.caller {
            Caller::Member(me) => Ok(me),
            _ => Err(NotSignedIn),
        }
    }

    /// The acting device's session.
    pub fn session(&self) -> Result<&str, NotSignedIn> {
        self.session.as_deref().ok_or(NotSignedIn)
    }

    /// Starts a write (an immediate transaction on SQLite).
    pub async fn write(&self) -> Result<Write<'a>, StoreError> {
        Write::begin(self.db, self.live, self.now(), self.site).await
    }

    /// Starts a read of many statements: a page's data, through one
    /// connection ([`begin_read`]). Nothing is written through it; end it
    /// with `commit`.
    pub async fn read(&self) -> Result<DatabaseTransaction, StoreError> {
        begin_read(self.db).await.op("begin read")
    }
}

/// A write transaction that remembers the workshops it changed.
pub struct Write<'a> {
    txn: DatabaseTransaction,
    live: Option<&'a LiveHub>,
    /// When the write happens, as its changes are dated.
    now: DateTime<Utc>,
    /// The public address, for the links of the e-mail it queues.
    site: String,
    changed: Mutex<BTreeSet<i64>>,
    /// Changes recorded, whose people are told when the write commits
    /// (`backend::changes`).
    recorded: Mutex<Vec<Change>>,
}

impl Write<'static> {
    /// A write no view of this instance waits on (a background job, at
    /// `now`): other instances still hear of it from the database.
    pub async fn detached(
        db: &DatabaseConnection,
        now: DateTime<Utc>,
        site: &str,
    ) -> Result<Self, StoreError> {
        Write::begin(db, None, now, site).await
    }
}

impl<'a> Write<'a> {
    async fn begin(
        db: &DatabaseConnection,
        live: Option<&'a LiveHub>,
        now: DateTime<Utc>,
        site: &str,
    ) -> Result<Write<'a>, StoreError> {
        Ok(Write {
            txn: begin_write(db).await.op("begin write")?,
            live,
            now,
            site: site.to_owned(),
            changed: Mutex::new(BTreeSet::new()),
            recorded: Mutex::new(Vec::new()),
        })
    }
}

impl Write<'_> {
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The public address, for links (no trailing slash).
    pub fn site(&self) -> &str {
        &self.site
    }

    /// Gives up the write (what a dropped write does too, said aloud).
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }

    /// Notes that `workshop_id` changed: its views are woken on commit.
    pub(crate) fn changed(&self, workshop_id: i64) {
        self.changed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(workshop_id);
    }

    /// Keeps `change` for its people to be told when the write commits.
    pub(crate) fn defer(&self, change: Change) {
        self.recorded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(change);
    }

    /// The changes recorded so far, taken.
    pub(crate) fn take_recorded(&self) -> Vec<Change> {
        std::mem::take(
            &mut *self
                .recorded
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// Tells the people of the changes recorded (in the write, from its
    /// final state), commits, then wakes the views of the workshops
    /// changed.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.tell_recorded()
            .await
            .map_err(|err| DbErr::Custom(format!("telling what changed: {err}")))?;
        let changed = self
            .changed
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        self.txn.commit().await?;
        if let Some(live) = self.live {
            for workshop_id in changed {
                live.wake(workshop_id);
            }
        }
        Ok(())
    }
}

#[async_trait]
impl ConnectionTrait for Write<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }
}
