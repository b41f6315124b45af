//! Slowing down password guessing, before any password is checked.
//!
//! Each log-in *reserves* its attempt in one short write transaction before
//! its password is hashed, so a burst cannot slip between a check and a
//! count, and the rows live in the database, so several instances agree:
//!
//! - **per caller** (IP address): at most [`MAX_ATTEMPTS_PER_CALLER`]
//!   attempts a minute, whatever the address typed; beyond, `RateLimited`
//!   (429) without hashing. A successful log-in gives its place back, so a
//!   room of colleagues behind one address can all sign in;
//! - **per address typed, from one caller**: after [`FREE_FAILURES`]
//!   failures in a row, each further attempt waits an increasing delay
//!   (2 s, 4 s, 8 s… never more than [`MAX_DELAY_SECS`]), and the page says
//!   so. It is a slow-down, not a lock, and it is kept per caller: a
//!   stranger elsewhere can never keep a colleague out of her account.

use crate::backend::db::begin_write;
use crate::backend::entities::login_throttle::{ActiveModel, Column, Entity, Model};
use crate::backend::error::from_db;
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect,
};

pub const MAX_ATTEMPTS_PER_CALLER: i32 = 20;
pub const WINDOW_SECS: i64 = 60;
pub const FREE_FAILURES: i32 = 10;
pub const MAX_DELAY_SECS: i64 = 300;

/// An attempt's reserved place, given back by [`succeeded`] or kept by
/// [`failed`].
#[derive(Debug)]
pub struct Reservation {
    caller_key: String,
    address_key: String,
    window_start: i64,
}

/// The wait imposed after the `n`-th failure beyond the free ones.
pub fn delay_after(failures_beyond: i32) -> i64 {
    let doubling = failures_beyond.clamp(1, 20) as u32;
    (1_i64 << doubling).min(MAX_DELAY_SECS)
}

/// Reserves an attempt for `email` from `ip`, or refuses it without any
/// password being checked: `RateLimited` past the caller's limit, a refusal
/// on the password field while the address is slowed down.
pub async fn reserve(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    email: &str,
    ip: &str,
) -> Result<Reservation, AppError> {
    let now = now.timestamp();
    let caller_key = format!("ip:{ip}");
    let address_key = format!("address:{ip}:{email}");
    let txn = begin_write(db).await.map_err(from_db)?;

    let caller = locked_row(&txn, &caller_key, now).await?;
    let window_start = if caller.window_start + WINDOW_SECS <= now {
        now
    } else {
        caller.window_start
    };
    let attempts = if window_start == caller.window_start {
        caller.attempts
    } else {
        0
    };
    if attempts >= MAX_ATTEMPTS_PER_CALLER {
        return Err(AppError::RateLimited {
            retry_after_secs: (window_start + WINDOW_SECS - now).max(1) as u64,
        });
    }
    let mut row = caller.into_active_model();
    row.window_start = Set(window_start);
    row.attempts = Set(attempts + 1);
    row.touched_at = Set(now);
    row.update(&txn).await.map_err(from_db)?;

    let address = locked_row(&txn, &address_key, now).await?;
    if address.failures >= FREE_FAILURES {
        if now < address.next_at {
            return Err(slowed_down(email));
        }
        // The slot is taken now: parallel attempts wait their own turn.
        let next_at = now + delay_after(address.failures - FREE_FAILURES + 1);
        let mut row = address.into_active_model();
        row.next_at = Set(next_at);
        row.touched_at = Set(now);
        row.update(&txn).await.map_err(from_db)?;
    }
    txn.commit().await.map_err(from_db)?;
    Ok(Reservation {
        caller_key,
        address_key,
        window_start,
    })
}

/// The password was right: the caller's place is given back and the
/// address's failures are forgotten.
pub async fn succeeded(db: &DatabaseConnection, reservation: Reservation) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let txn = begin_write(db).await.map_err(from_db)?;
    Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(Column::Key.eq(&reservation.caller_key))
        .filter(Column::WindowStart.eq(reservation.window_start))
        .filter(Column::Attempts.gt(0))
        .exec(&txn)
        .await
        .map_err(from_db)?;
    Entity::delete_by_id(reservation.address_key)
        .exec(&txn)
        .await
        .map_err(from_db)?;
    txn.commit().await.map_err(from_db)
}

/// The password was wrong: one more failure in a row for the address, and,
/// past the free ones, the next attempt waits longer.
pub async fn failed(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    reservation: Reservation,
) -> Result<(), AppError> {
    let now = now.timestamp();
    let txn = begin_write(db).await.map_err(from_db)?;
    let address = locked_row(&txn, &reservation.address_key, now).await?;
    let failures = address.failures.saturating_add(1);
    let next_at = if failures >= FREE_FAILURES {
        (now + delay_after(failures - FREE_FAILURES + 1)).max(address.next_at)
    } else {
        address.next_at
    };
    let mut row = address.into_active_model();
    row.failures = Set(failures);
    row.next_at = Set(next_at);
    row.touched_at = Set(now);
    row.update(&txn).await.map_err(from_db)?;
    txn.commit().await.map_err(from_db)
}

/// Forgets rows untouched for a day (the housekeeping task).
pub async fn clean_up(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, AppError> {
    let spent = now.timestamp() - 24 * 3600;
    let deleted = Entity::delete_many()
        .filter(Column::TouchedAt.lt(spent))
        .exec(db)
        .await
        .map_err(from_db)?;
    Ok(deleted.rows_affected)
}

/// The row for `key`, created if needed and locked until the transaction
/// ends (`FOR UPDATE` on PostgreSQL; SQLite's immediate transaction already
/// holds the only write lock).
async fn locked_row(txn: &DatabaseTransaction, key: &str, now: i64) -> Result<Model, AppError> {
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
    .map_err(from_db)?;
    Entity::find_by_id(key.to_owned())
        .lock_exclusive()
        .one(txn)
        .await
        .map_err(from_db)?
        .ok_or(AppError::Internal)
}

fn slowed_down(email: &str) -> AppError {
    let mut errors = FormErrors::with_input([("email", email)]);
    errors.add("password", Key::ErrLoginSlowedDown);
    AppError::Invalid(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_and_never_passes_the_ceiling() {
        assert_eq!(delay_after(1), 2);
        assert_eq!(delay_after(2), 4);
        assert_eq!(delay_after(5), 32);
        assert_eq!(delay_after(9), MAX_DELAY_SECS);
        assert_eq!(delay_after(1_000), MAX_DELAY_SECS);
    }
}
