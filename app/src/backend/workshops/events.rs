//! Every change of a workshop, numbered and written in the transaction of
//! the change; on PostgreSQL the commit also wakes the other instances
//! (`NOTIFY` is delivered on commit, and never for a rolled-back change).

use super::error::WorkshopError;
use crate::backend::ctx::Write;
use crate::backend::entities::{workshop, workshop_event};
use crate::backend::store::{Op, StoreError};
use crate::domain::live::EventKind;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};

/// The PostgreSQL channel the commits of changes are announced on; the
/// payload is the workshop's id.
pub const NOTIFY_CHANNEL: &str = "demineurs_workshop_events";

/// Marks a change and returns its number: the workshop's version, bumped;
/// the write wakes the workshop's views when it commits.
/// Done first in each write, it also queues concurrent writes to one
/// workshop (the row lock on PostgreSQL, the write lock on SQLite), so the
/// numbers of one workshop commit in order and without gaps.
pub async fn bump(
    db: &Write<'_>,
    workshop_id: i64,
    change: EventKind,
    subject: Option<i64>,
) -> Result<i64, WorkshopError> {
    let updated = workshop::Entity::update_many()
        .col_expr(
            workshop::Column::Version,
            Expr::col(workshop::Column::Version).add(1),
        )
        .filter(workshop::Column::Id.eq(workshop_id))
        .exec(db)
        .await
        .op("bump: update workshop")?;
    if updated.rows_affected == 0 {
        return Err(WorkshopError::NotFound);
    }
    let seq = workshop::Entity::find_by_id(workshop_id)
        .one(db)
        .await
        .op("bump: find workshop")?
        .ok_or(WorkshopError::NotFound)?
        .version;
    workshop_event::ActiveModel {
        workshop_id: Set(workshop_id),
        seq: Set(seq),
        kind: Set(change),
        subject: Set(subject),
        // Wall time, not the app's clock: it dates a delivery, for the
        // fan-out delay, and nothing in the domain reads it.
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .op("bump: insert workshop_event")?;
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [NOTIFY_CHANNEL.into(), workshop_id.to_string().into()],
        ))
        .await
        .op("bump: notify")?;
    }
    db.changed(workshop_id);
    Ok(seq)
}

/// Marks a change made to a round outside its workshop's console (a
/// proposal, a triage, a hide or a reveal, recorded as a
/// `backend::changes::Change`) on each workshop of the round, in the caller's write, so that the console, the board and
/// the phones hear of it when it commits.
pub async fn round_changed(
    db: &Write<'_>,
    round_id: i64,
    change: EventKind,
    subject: Option<i64>,
) -> Result<(), WorkshopError> {
    let workshops: Vec<i64> = workshop::Entity::find()
        .filter(workshop::Column::RoundId.eq(round_id))
        .select_only()
        .column(workshop::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("round changed: find workshop")?;
    for workshop_id in workshops {
        bump(db, workshop_id, change, subject).await?;
    }
    Ok(())
}

/// Names what a change was about once it is known (a post's id).
pub async fn name_subject(
    db: &impl ConnectionTrait,
    workshop_id: i64,
    seq: i64,
    subject: i64,
) -> Result<(), StoreError> {
    workshop_event::Entity::update_many()
        .col_expr(workshop_event::Column::Subject, Expr::value(Some(subject)))
        .filter(workshop_event::Column::WorkshopId.eq(workshop_id))
        .filter(workshop_event::Column::Seq.eq(seq))
        .exec(db)
        .await
        .op("name subject: update workshop_event")?;
    Ok(())
}

/// The changes of a workshop numbered after `after`, oldest first, at most
/// `limit`.
pub async fn since(
    db: &impl ConnectionTrait,
    workshop_id: i64,
    after: i64,
    limit: u64,
) -> Result<Vec<workshop_event::Model>, StoreError> {
    since_except(db, workshop_id, after, limit, &[]).await
}

/// As [`since`], leaving out changes of the kinds `except` (those a view is
/// never sent: a phone catching up reads a room's posts not at all).
pub async fn since_except(
    db: &impl ConnectionTrait,
    workshop_id: i64,
    after: i64,
    limit: u64,
    except: &[EventKind],
) -> Result<Vec<workshop_event::Model>, StoreError> {
    let mut query = workshop_event::Entity::find()
        .filter(workshop_event::Column::WorkshopId.eq(workshop_id))
        .filter(workshop_event::Column::Seq.gt(after));
    if !except.is_empty() {
        query = query.filter(workshop_event::Column::Kind.is_not_in(except.iter().copied()));
    }
    query
        .order_by_asc(workshop_event::Column::Seq)
        .limit(limit)
        .all(db)
        .await
        .op("since: find workshop_event")
}
