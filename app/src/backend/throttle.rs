//! Limits that hold across instances and under concurrency: each attempt
//! reserves its place in the `throttles` table, inside a write transaction,
//! *before* the work it limits, so parallel attempts cannot all pass a check
//! made before any of them was counted. Times are Unix seconds.

use crate::backend::entities::throttle::{ActiveModel, Column, Entity, Model};
use crate::backend::store::{Op, StoreError};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, QuerySelect,
};

/// At most `max` attempts per fixed window of `secs` seconds.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub max: i32,
    pub secs: i64,
}

/// Why no place was taken.
#[derive(Debug, thiserror::Error)]
pub enum ThrottleError {
    /// The window is full: wait this long.
    #[error("rate limited, retry after {retry_after_secs}s")]
    Limited { retry_after_secs: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A place taken in a window, to give back when the attempt turns out to be
/// one that is not limited (a right password, a right code).
#[derive(Debug)]
pub struct Place {
    key: String,
    window_start: i64,
}

/// Takes a place for `key` in its current window, or refuses with
/// `Limited` (the wait until the window ends) when it is full.
pub async fn take_place(
    txn: &DatabaseTransaction,
    key: String,
    now: i64,
    window: Window,
) -> Result<Place, ThrottleError> {
    let row = locked_row(txn, &key, now).await?;
    let (window_start, attempts) = if row.window_start + window.secs <= now {
        (now, 0)
    } else {
        (row.window_start, row.attempts)
    };
    if attempts >= window.max {
        return Err(ThrottleError::Limited {
            retry_after_secs: (window_start + window.secs - now).max(1) as u64,
        });
    }
    let mut row = row.into_active_model();
    row.window_start = Set(window_start);
    row.attempts = Set(attempts + 1);
    row.touched_at = Set(now);
    row.update(txn).await.op("count attempt")?;
    Ok(Place { key, window_start })
}

/// Gives a place back, if its window is still the current one.
pub async fn give_back(db: &impl ConnectionTrait, place: Place) -> Result<(), StoreError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(Column::Key.eq(place.key))
        .filter(Column::WindowStart.eq(place.window_start))
        .filter(Column::Attempts.gt(0))
        .exec(db)
        .await
        .op("give place back")?;
    Ok(())
}

/// The row for `key`, created if needed and locked until the transaction
/// ends (`FOR UPDATE` on PostgreSQL; SQLite's immediate transaction already
/// holds the only write lock).
pub async fn locked_row(
    txn: &DatabaseTransaction,
    key: &str,
    now: i64,
) -> Result<Model, StoreError> {
    Entity::insert(ActiveModel {
        key: Set(key.to_owned()),
        window_start: Set(now),
        attempts: Set(0),
        failures: Set(0),
        next_at: Set(0),
        touched_at: Set(now),
    })
    .on_conflict(OnConflict::column(Column::Key).do_nothing().to_owned())
    .exec_without_returning(txn)
    .await
    .op("create throttle row")?;
    Entity::find_by_id(key.to_owned())
        .lock_exclusive()
        .one(txn)
        .await
        .op("lock throttle row")?
        .ok_or_else(|| StoreError::corrupt("lock throttle row", "row vanished"))
}

/// Forgets rows untouched for a day (the housekeeping task).
pub async fn clean_up(db: &impl ConnectionTrait, now: i64) -> Result<u64, StoreError> {
    let deleted = Entity::delete_many()
        .filter(Column::TouchedAt.lt(now - 24 * 3600))
        .exec(db)
        .await
        .op("clean up throttles")?;
    Ok(deleted.rows_affected)
}
