//! Deadlines acted on: once an asynchronous round's deadline has passed, the
//! round is revealed for good and its authors and contributors are told, once.
//!
//! Every instance runs [`reveal_due`] from its housekeeping task, and the idea
//! list runs it before filtering on stored stages, so a deadline that passed
//! while no instance was running is acted on at the next start or read. Each
//! reveal is claimed by one conditional `UPDATE … WHERE revealed_at IS NULL`
//! in the transaction that notifies: two instances racing for the same round
//! (PostgreSQL makes the second wait for the first's commit, SQLite
//! serialises writers) reveal and notify once.

use crate::backend::ctx::Write;
use crate::backend::entities::{idea, round};
use crate::backend::store::{Op, StoreError};
use crate::domain::rounds::{RoundMode, RoundStatus};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Open asynchronous rounds whose deadline has passed and that nobody has
/// revealed yet.
fn due(now: DateTime<Utc>) -> sea_orm::Select<round::Entity> {
    round::Entity::find()
        .filter(round::Column::Status.eq(RoundStatus::Open))
        .filter(round::Column::Mode.eq(RoundMode::Async))
        .filter(round::Column::RevealedAt.is_null())
        .filter(round::Column::Deadline.lte(now))
}

/// Reveals every round whose deadline has passed; returns how many this
/// call revealed (those another instance got to first are not counted).
pub async fn reveal_due(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<u32, StoreError> {
    // A read first: on most calls nothing is due, and no write lock is taken.
    let rounds = due(now).all(db).await.op("deadlines::reveal_due")?;
    let mut revealed = 0;
    for found in rounds {
        // One round failing (its idea gone, a conflict) must not hold back
        // the others: logged, tried again at the next run.
        match reveal_one(db, site, now, &found).await {
            Ok(true) => revealed += 1,
            Ok(false) => {}
            Err(error) => tracing::warn!(round = found.id, ?error, "deadline reveal failed"),
        }
    }
    Ok(revealed)
}

/// Reveals one due round if nobody did meanwhile; `true` when this call did.
async fn reveal_one(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
    found: &round::Model,
) -> Result<bool, StoreError> {
    let txn = Write::detached(db, now, site).await?;
    // Read again in the transaction: still due? (extended, cancelled or
    // revealed meanwhile, it is not).
    let Some(fresh) = due(now)
        .filter(round::Column::Id.eq(found.id))
        .one(&txn)
        .await
        .op("deadlines::reveal_one")?
    else {
        txn.rollback().await.op("deadlines::reveal_one")?;
        return Ok(false);
    };
    let idea = idea::Entity::find_by_id(fresh.idea_id)
        .one(&txn)
        .await
        .op("deadlines::reveal_one")?
        .ok_or_else(|| StoreError::corrupt("deadlines: read idea", "idea gone"))?;
    // The reveal happened at the deadline, whenever it is acted on.
    let at = fresh.deadline.unwrap_or(now);
    if !super::revealing::record(&txn, &fresh, &idea, at, None).await? {
        txn.rollback().await.op("deadlines::reveal_one")?;
        return Ok(false);
    }
    txn.commit().await.op("deadlines::reveal_one")?;
    tracing::info!(
        round = found.id,
        idea = idea.id,
        "round revealed at its deadline"
    );
    Ok(true)
}
