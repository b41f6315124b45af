//! Slowing down password guessing: after [`MAX_FAILURES`] failed log-ins in
//! a minute for one address, or from one IP address, further attempts are
//! refused until the oldest failure leaves the window. Failures are kept in
//! the database, so the limit holds across instances.

use crate::backend::clock::Clock;
use crate::backend::entities::login_failure::{ActiveModel, Column, Entity};
use crate::backend::error::from_db;
use crate::error::AppError;
use chrono::Duration;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

pub const MAX_FAILURES: usize = 20;
pub const WINDOW_SECS: i64 = 60;

/// `Err(RateLimited)` when the address or the IP has failed too often.
pub async fn check(
    db: &impl ConnectionTrait,
    clock: &dyn Clock,
    email: &str,
    ip: &str,
) -> Result<(), AppError> {
    let now = clock.now();
    let since = now - Duration::seconds(WINDOW_SECS);
    for (column, value) in [(Column::Email, email), (Column::Ip, ip)] {
        let recent = Entity::find()
            .filter(column.eq(value))
            .filter(Column::FailedAt.gt(since))
            .order_by_desc(Column::FailedAt)
            .limit(MAX_FAILURES as u64)
            .all(db)
            .await
            .map_err(from_db)?;
        if recent.len() >= MAX_FAILURES {
            // The oldest of the counted failures frees a place when it leaves the window.
            let oldest = recent.last().map(|f| f.failed_at).unwrap_or(now);
            let wait = (oldest + Duration::seconds(WINDOW_SECS) - now)
                .num_seconds()
                .max(1);
            return Err(AppError::RateLimited {
                retry_after_secs: wait as u64,
            });
        }
    }
    Ok(())
}

/// Records a failed attempt, and forgets those older than a day.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    clock: &dyn Clock,
    email: &str,
    ip: &str,
) -> Result<(), AppError> {
    let now = clock.now();
    Entity::insert(ActiveModel {
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        failed_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await
    .map_err(from_db)?;
    Entity::delete_many()
        .filter(Column::FailedAt.lt(now - Duration::days(1)))
        .exec(db)
        .await
        .map_err(from_db)?;
    Ok(())
}
