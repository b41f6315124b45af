//! What every instance does on its own, each minute and once at start:
//! deadlines acted on (see [`crate::backend::rounds::deadlines`]), digests
//! written when due (`backend::mail::digest`), and rows
//! that no longer serve anyone deleted, so that tables do not grow forever.
//!
//! Every step is safe to run on several instances at once: a reveal is
//! claimed in the database, and deleting what another instance deleted
//! first deletes nothing.

use crate::backend::clock::SharedClock;
use crate::backend::entities::{
    idempotency_key, password_reset, session, workshop, workshop_event,
};
use crate::backend::store::{Op, StoreError};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// How often the task runs.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// How long spent rows are kept, for whoever looks into an incident: failed
/// attempts, used or expired links and sessions, the events of ended
/// workshops (no phone follows them any more), e-mail sent or refused.
pub const KEEP_SPENT: Duration = Duration::days(1);

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub revealed: u32,
    /// Digests written.
    pub digests: u32,
    pub deleted: u64,
}

/// One run: deadlines, then the clean-up.
pub async fn run_once(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<Swept, StoreError> {
    let revealed = crate::backend::rounds::deadlines::reveal_due(db, site, now).await?;
    let digests = crate::backend::mail::digest::send_due(db, site, now).await?;
    let deleted = clean_up(db, now).await?;
    Ok(Swept {
        revealed,
        digests,
        deleted,
    })
}

/// Deletes what no longer serves; returns how many rows went.
pub async fn clean_up(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let spent = now - KEEP_SPENT;
    let key_cutoff = now - Duration::hours(crate::backend::idempotency::KEY_LIFETIME_HOURS);
    let mut deleted = 0;
    deleted += idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lt(key_cutoff))
        .exec(db)
        .await
        .op("housekeeping::clean_up")?
        .rows_affected;
    deleted += session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lt(now))
                .add(session::Column::RevokedAt.lt(spent)),
        )
        .exec(db)
        .await
        .op("housekeeping::clean_up")?
        .rows_affected;
    deleted += password_reset::Entity::delete_many()
        .filter(
            Condition::any()
                .add(password_reset::Column::ExpiresAt.lt(now))
                .add(password_reset::Column::UsedAt.lt(spent)),
        )
        .exec(db)
        .await
        .op("housekeeping::clean_up")?
        .rows_affected;
    deleted += crate::backend::mail::outbox::clean_up(db, spent).await?;
    deleted += crate::backend::throttle::clean_up(db, now.timestamp()).await?;
    deleted += crate::web::refusals::clean_up(db, now.timestamp()).await?;
    let ended_long_ago = Query::select()
        .column(workshop::Column::Id)
        .from(workshop::Entity)
        .and_where(workshop::Column::EndedAt.lt(spent))
        .to_owned();
    deleted += workshop_event::Entity::delete_many()
        .filter(workshop_event::Column::WorkshopId.in_subquery(ended_long_ago))
        .exec(db)
        .await
        .op("housekeeping::clean_up")?
        .rows_affected;
    Ok(deleted)
}

/// Runs [`run_once`] now and every [`EVERY`] until the process ends. A run
/// that fails (database away) is logged and tried again at the next tick.
pub fn spawn(
    db: DatabaseConnection,
    clock: SharedClock,
    site: String,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        // Stages as this version computes them, before anything else.
        match crate::backend::rounds::maturity::refresh_all(&db, clock.now()).await {
            Ok(n) => tracing::debug!(ideas = n, "stored stages refreshed"),
            Err(error) => tracing::warn!(?error, "stored stages not refreshed at start"),
        }
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match run_once(&db, &site, clock.now()).await {
                Ok(swept) if swept != Swept::default() => {
                    tracing::info!(
                        revealed = swept.revealed,
                        digests = swept.digests,
                        deleted = swept.deleted,
                        "housekeeping"
                    );
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(?error, "housekeeping failed; tried again next minute")
                }
            }
        }
    })
}
