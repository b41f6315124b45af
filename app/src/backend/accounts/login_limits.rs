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

use super::error::AccountError;
use crate::backend::db::begin_write;
use crate::backend::store::Op;
use crate::backend::throttle::{self, locked_row, Place, Window};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel,
};

pub const MAX_ATTEMPTS_PER_CALLER: i32 = 20;
pub const WINDOW_SECS: i64 = 60;
pub const FREE_FAILURES: i32 = 10;
pub const MAX_DELAY_SECS: i64 = 300;

/// An attempt's reserved place, given back by [`succeeded`] or kept by
/// [`failed`].
#[derive(Debug)]
pub struct Reservation {
    caller: Place,
    address_key: String,
}

const PER_CALLER: Window = Window {
    max: MAX_ATTEMPTS_PER_CALLER,
    secs: WINDOW_SECS,
};

/// The wait imposed after the `n`-th failure beyond the free ones.
pub fn delay_after(failures_beyond: i32) -> i64 {
    let doubling = failures_beyond.clamp(1, 20) as u32;
    (1_i64 << doubling).min(MAX_DELAY_SECS)
}

/// Reserves an attempt for `email` from `ip`, or refuses it without any
/// password being checked: `TooManyTries` past the caller's limit,
/// `SlowedDown` while the address is.
pub async fn reserve(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    email: &str,
    ip: &str,
) -> Result<Reservation, AccountError> {
    let now = now.timestamp();
    let caller_key = format!("log-in:{ip}");
    let address_key = format!("log-in:{ip}:{email}");
    let txn = begin_write(db).await.op("reserve: begin write")?;

    let caller = throttle::take_place(&txn, caller_key, now, PER_CALLER).await?;
    let address = locked_row(&txn, &address_key, now).await?;
    if address.failures >= FREE_FAILURES {
        if now < address.next_at {
            return Err(AccountError::SlowedDown);
        }
        // The slot is taken now: parallel attempts wait their own turn.
        let next_at = now + delay_after(address.failures - FREE_FAILURES + 1);
        let mut row = address.into_active_model();
        row.next_at = Set(next_at);
        row.touched_at = Set(now);
        row.update(&txn).await.op("reserve: update throttle")?;
    }
    txn.commit().await.op("reserve: commit")?;
    Ok(Reservation {
        caller,
        address_key,
    })
}

/// The password was right: the caller's place is given back and the
/// address's failures are forgotten.
pub async fn succeeded(
    db: &DatabaseConnection,
    reservation: Reservation,
) -> Result<(), AccountError> {
    use crate::backend::entities::throttle::Entity;
    let txn = begin_write(db).await.op("succeeded: begin write")?;
    throttle::give_back(&txn, reservation.caller).await?;
    Entity::delete_by_id(reservation.address_key)
        .exec(&txn)
        .await
        .op("succeeded: delete throttle")?;
    Ok(txn.commit().await.op("succeeded: commit")?)
}

/// The password could not be checked (the server too busy to hash): the
/// caller's place is given back; the address's count stays as it was.
pub async fn abandoned(
    db: &DatabaseConnection,
    reservation: Reservation,
) -> Result<(), AccountError> {
    let txn = begin_write(db).await.op("abandoned: begin write")?;
    throttle::give_back(&txn, reservation.caller).await?;
    Ok(txn.commit().await.op("abandoned: commit")?)
}

/// The password was wrong: one more failure in a row for the address, and,
/// past the free ones, the next attempt waits longer.
pub async fn failed(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    reservation: Reservation,
) -> Result<(), AccountError> {
    let now = now.timestamp();
    let txn = begin_write(db).await.op("failed: begin write")?;
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
    row.update(&txn).await.op("failed: update throttle")?;
    Ok(txn.commit().await.op("failed: commit")?)
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
