//! Sending what is due, on every instance: a batch of rows is claimed in
//! the database (one conditional `UPDATE`, rows locked by another instance
//! skipped on PostgreSQL), sent one by one, and each marked sent, to be
//! tried again later (backing off up to an hour, without end: an SMTP
//! server away for days loses nothing), or refused for good (a message no
//! server could carry, such as an address that is not one).
//!
//! A message is sent once. The one gap: an instance that dies after the
//! SMTP server took a message and before its row says so sends it again
//! once its claim lapses; it keeps its `Message-ID`, so mail clients show
//! it once.

use super::compose;
use super::transport::{SendError, Transport};
use crate::backend::clock::{Clock, SharedClock};
use crate::backend::entities::mail_outbox::{self, Column, Entity};
use crate::backend::store::{Op, StoreError};
use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, Order, QueryFilter, QueryOrder,
};

/// How long a claim holds: longer than a batch can take
/// (`BATCH` × `SMTP_TIMEOUT`), so that no other instance takes a message
/// still being sent.
pub const LEASE: Duration = Duration::minutes(15);

/// How many messages one claim takes.
pub const BATCH: u64 = 20;

/// How often an instance looks for messages due.
pub const POLL: std::time::Duration = std::time::Duration::from_secs(2);

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: u32,
    /// Failed for now, to be tried again after a pause.
    pub retried: u32,
    /// Refused for good.
    pub refused: u32,
    /// The batch was full: more may be due.
    pub full: bool,
}

/// How long to wait before the next attempt, after `attempts` failures:
/// 30 s doubling up to an hour. A message is never given up while its
/// server is away: nothing acknowledged is lost.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = (attempts - 1).clamp(0, 7) as u32;
    Duration::seconds(std::cmp::min(30_i64 << doublings, 3600))
}

/// Messages a sender may claim at `now`.
fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::SentAt.is_null())
        .add(Column::FailedAt.is_null())
        .add(Column::DueAt.lte(now))
        .add(
            Condition::any()
                .add(Column::ClaimedUntil.is_null())
                .add(Column::ClaimedUntil.lt(now)),
        )
}

/// Claims up to [`BATCH`] due messages for `claim`; returns them.
async fn claim_batch(
    db: &DatabaseConnection,
    claim: &str,
    now: DateTime<Utc>,
) -> Result<Vec<mail_outbox::Model>, StoreError> {
    let mut ids = Query::select()
        .column(Column::Id)
        .from(Entity)
        .cond_where(claimable(now))
        .order_by(Column::Id, Order::Asc)
        .limit(BATCH)
        .to_owned();
    if db.get_database_backend() == DbBackend::Postgres {
        // Two instances claiming at once take different rows instead of
        // the second waiting for the first.
        ids.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    // The conditions again on the row updated: on PostgreSQL a row another
    // claim changed meanwhile is checked again, and left alone.
    Entity::update_many()
        .col_expr(Column::ClaimedBy, Expr::value(Some(claim.to_owned())))
        .col_expr(Column::ClaimedUntil, Expr::value(Some(now + LEASE)))
        .filter(claimable(now))
        .filter(Column::Id.in_subquery(ids))
        .exec(db)
        .await
        .op("mail::claim_batch: update")?;
    Entity::find()
        .filter(Column::ClaimedBy.eq(claim))
        .filter(Column::SentAt.is_null())
        .filter(Column::FailedAt.is_null())
        .order_by_asc(Column::Id)
        .all(db)
        .await
        .op("mail::claim_batch: read")
}

/// Sends the messages due now; see the module's comment.
pub async fn deliver_due(
    db: &DatabaseConnection,
    transport: &Transport,
    from: &Mailbox,
    clock: &dyn Clock,
) -> Result<Delivered, StoreError> {
    let claim = uuid::Uuid::new_v4().simple().to_string();
    let batch = claim_batch(db, &claim, clock.now()).await?;
    let mut done = Delivered {
        full: batch.len() as u64 == BATCH,
        ..Delivered::default()
    };
    for row in batch {
        if !renew(db, &claim, row.id, clock.now()).await? {
            // Lapsed and taken by another sender: it is theirs now.
            continue;
        }
        let outcome = match compose::message(&row, from) {
            Ok(message) => transport.send(message, &file_name(&row)).await,
            Err(why) => Err(SendError::Permanent(why)),
        };
        let now = clock.now();
        match outcome {
            Ok(()) => {
                settle(db, &claim, row.id, Settled::Sent, now).await?;
                if let Transport::Folder(folder) = transport {
                    tracing::info!(
                        "e-mail written to {}",
                        folder.join(format!("{}.eml", file_name(&row))).display()
                    );
                }
                done.sent += 1;
            }
            Err(SendError::Permanent(why)) => {
                tracing::warn!(
                    mail = row.id,
                    kind = row.kind,
                    "e-mail refused for good: {why}"
                );
                settle(db, &claim, row.id, Settled::Refused(why), now).await?;
                done.refused += 1;
            }
            Err(SendError::Transient(why)) => {
                let next = now + backoff(row.attempts + 1);
                tracing::warn!(
                    mail = row.id,
                    "e-mail not sent, tried again at {next}: {why}"
                );
                settle(db, &claim, row.id, Settled::Later(why, next), now).await?;
                done.retried += 1;
                // The server is away: the rest of the batch is left for
                // the next run instead of failing one by one.
                release(db, &claim).await?;
                done.full = false;
                break;
            }
        }
    }
    Ok(done)
}

/// How a claimed message ends this run.
enum Settled {
    Sent,
    Refused(String),
    Later(String, DateTime<Utc>),
}

async fn settle(
    db: &DatabaseConnection,
    claim: &str,
    id: i64,
    how: Settled,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let none: Option<String> = None;
    let no_time: Option<DateTime<Utc>> = None;
    let update = Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::ClaimedBy, Expr::value(none))
        .col_expr(Column::ClaimedUntil, Expr::value(no_time));
    // Once settled, the words go (a reset link, what a person was told):
    // the row keeps what an incident needs, to whom, when, what kind.
    let blank = |update: sea_orm::UpdateMany<Entity>| {
        update
            .col_expr(Column::BodyText, Expr::value(""))
            .col_expr(Column::BodyHtml, Expr::value(""))
    };
    let update = match how {
        Settled::Sent => blank(update).col_expr(Column::SentAt, Expr::value(Some(now))),
        Settled::Refused(why) => blank(update)
            .col_expr(Column::FailedAt, Expr::value(Some(now)))
            .col_expr(Column::LastError, Expr::value(Some(shorten(why)))),
        Settled::Later(why, next) => update
            .col_expr(Column::DueAt, Expr::value(next))
            .col_expr(Column::LastError, Expr::value(Some(shorten(why)))),
    };
    update
        .filter(Column::Id.eq(id))
        .filter(Column::ClaimedBy.eq(claim))
        .exec(db)
        .await
        .op("mail::settle")?;
    Ok(())
}

/// Renews the claim on one message before sending it; `false` when the
/// claim lapsed and another sender holds the message now.
async fn renew(
    db: &DatabaseConnection,
    claim: &str,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let renewed = Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::value(Some(now + LEASE)))
        .filter(Column::Id.eq(id))
        .filter(Column::ClaimedBy.eq(claim))
        .filter(Column::SentAt.is_null())
        .exec(db)
        .await
        .op("mail::renew")?;
    Ok(renewed.rows_affected == 1)
}

/// Gives back the claim's messages not sent.
async fn release(db: &DatabaseConnection, claim: &str) -> Result<(), StoreError> {
    let none: Option<String> = None;
    let no_time: Option<DateTime<Utc>> = None;
    Entity::update_many()
        .col_expr(Column::ClaimedBy, Expr::value(none))
        .col_expr(Column::ClaimedUntil, Expr::value(no_time))
        .filter(Column::ClaimedBy.eq(claim))
        .filter(Column::SentAt.is_null())
        .exec(db)
        .await
        .op("mail::release")?;
    Ok(())
}

/// An error kept short enough for its column and a log line.
fn shorten(why: String) -> String {
    why.chars().take(500).collect()
}

/// The file a message is written to in a folder: its date and number.
fn file_name(row: &mail_outbox::Model) -> String {
    format!("{}-{:06}", row.created_at.format("%Y%m%d-%H%M%S"), row.id)
}

/// Sends what is due every [`POLL`], at once again after a full batch,
/// until the process ends. A run that fails (database away) is logged and
/// tried again.
pub fn spawn(
    db: DatabaseConnection,
    transport: Transport,
    from: Mailbox,
    clock: SharedClock,
) -> tokio::task::JoinHandle<()> {
    tracing::info!("e-mail: {}", transport.describe());
    tokio::spawn(async move {
        loop {
            match deliver_due(&db, &transport, &from, clock.as_ref()).await {
                Ok(done) if done.full => continue,
                Ok(done) if done.sent > 0 => tracing::debug!(sent = done.sent, "e-mail sent"),
                Ok(_) => {}
                Err(error) => tracing::warn!(?error, "e-mail: outbox not read; tried again"),
            }
            tokio::time::sleep(POLL).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_waits_longer_after_each_failure_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(8), Duration::hours(1));
        assert_eq!(backoff(60), Duration::hours(1));
        assert_eq!(backoff(0), Duration::seconds(30));
    }
}
