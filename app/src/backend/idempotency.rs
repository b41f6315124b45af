//! Acting once per request: the browser generates a key for each action
//! (kept across its retries); the first request with a key runs the action
//! and stores its answer in the same transaction; any later request with the
//! same key, even concurrent, gets the stored answer and does nothing.
//!
//! Concurrency: the key row is inserted first, inside the action's write
//! transaction. On SQLite the transaction is `IMMEDIATE`, so writers run one
//! after the other; on PostgreSQL a second insert of the same key waits for
//! the first transaction, then finds the row. Either way the second request
//! reads the committed answer. If the action fails, its transaction rolls
//! back, key included, so a retry may act.

use super::clock::Clock;
use super::ctx::{Ctx, Write};
use super::entities::idempotency_key::{ActiveModel, Column, Entity};
use super::store::{Op, StoreError};
use chrono::Duration;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;
use std::pin::Pin;

/// How long a key is remembered: far longer than any retry.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// A client-generated key: 16 to 64 letters, digits, `-` or `_` (a UUID fits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Option<IdempotencyKey> {
        let ok_len = (16..=64).contains(&raw.len());
        let ok_chars = raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        (ok_len && ok_chars).then(|| IdempotencyKey(raw.to_owned()))
    }

    /// A new key, for a call the server makes itself (`seed-demo`).
    pub fn fresh() -> IdempotencyKey {
        IdempotencyKey(uuid::Uuid::new_v4().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The action run inside the transaction that records the key; it fails
/// with its capability's error.
pub type Action<'c, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'c>>;

/// Runs `action` once for `(scope, key)`; returns its answer, or the answer
/// it gave the first time. `scope` keeps people's keys apart (a person id,
/// or "anonymous:<workshop>").
pub async fn run_once<'a, T, E, F>(
    ctx: &Ctx<'a>,
    scope: &str,
    key: &IdempotencyKey,
    action: F,
) -> Result<T, E>
where
    T: Serialize + DeserializeOwned + Send,
    E: From<StoreError>,
    F: for<'c> FnOnce(&'c Write<'a>) -> Action<'c, T, E> + Send,
{
    let txn = ctx.write().await?;
    let claimed = Entity::insert(ActiveModel {
        scope: Set(scope.to_owned()),
        request_key: Set(key.as_str().to_owned()),
        response: Set(String::new()),
        created_at: Set(ctx.now()),
    })
    .on_conflict(
        OnConflict::columns([Column::Scope, Column::RequestKey])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .op("claim request key")?;

    if claimed == 0 {
        // The row is there: its insert conflicted, and this transaction
        // waited for the one that made it.
        let stored = Entity::find_by_id((scope.to_owned(), key.as_str().to_owned()))
            .one(&txn)
            .await
            .op("read stored answer")?
            .ok_or_else(|| StoreError::corrupt("read stored answer", "key row vanished"))?;
        txn.commit().await.op("commit stored answer")?;
        let answer = serde_json::from_str(&stored.response)
            .map_err(|e| StoreError::corrupt("decode stored answer", e))?;
        return Ok(answer);
    }

    // On error the transaction is dropped, hence rolled back, key included.
    let answer = action(&txn).await?;
    let json =
        serde_json::to_string(&answer).map_err(|e| StoreError::corrupt("encode answer", e))?;
    Entity::update_many()
        .col_expr(Column::Response, sea_orm::sea_query::Expr::value(json))
        .filter(Column::Scope.eq(scope))
        .filter(Column::RequestKey.eq(key.as_str()))
        .exec(&txn)
        .await
        .op("store answer")?;
    txn.commit().await.op("commit action")?;
    Ok(answer)
}

/// Forgets keys older than [`KEY_LIFETIME_HOURS`]; returns how many.
pub async fn purge_expired(db: &DatabaseConnection, clock: &dyn Clock) -> Result<u64, StoreError> {
    let cutoff = clock.now() - Duration::hours(KEY_LIFETIME_HOURS);
    let result = Entity::delete_many()
        .filter(Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await
        .op("purge request keys")?;
    Ok(result.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_must_look_generated() {
        assert!(IdempotencyKey::parse("0b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e").is_some());
        assert!(IdempotencyKey::parse("short").is_none());
        assert!(IdempotencyKey::parse(&"a".repeat(65)).is_none());
        assert!(IdempotencyKey::parse("contains spaces and more!!").is_none());
    }
}
