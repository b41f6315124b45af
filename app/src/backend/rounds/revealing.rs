//! The reveal of a round, recorded in one place whichever path reveals it:
//! « Dévoiler maintenant », the workshop's reveal phase, the deadline, or a
//! round cancelled or closed after its deadline before the deadline job got
//! to it. The conditional update claims the reveal, so that two paths racing
//! (two instances, a click and the job) record it, and tell people, once.

use crate::backend::changes::{Change, RoundRef};
use crate::backend::ctx::Write;
use crate::backend::entities::{idea, round};
use crate::backend::store::{Op, StoreError};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Records that `found` is revealed as of `at`, in the caller's write,
/// unless it already was; then records the change (its authors and
/// contributors but `by`, who revealed it, are told) and refreshes the
/// idea's stored stage. Returns whether this call recorded it.
pub(crate) async fn record(
    txn: &Write<'_>,
    found: &round::Model,
    idea: &idea::Model,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<bool, StoreError> {
    let claimed = round::Entity::update_many()
        .col_expr(round::Column::RevealedAt, Expr::value(Some(at)))
        .filter(round::Column::Id.eq(found.id))
        .filter(round::Column::RevealedAt.is_null())
        .exec(txn)
        .await
        .op("reveal: update round")?
        .rows_affected
        == 1;
    if !claimed {
        return Ok(false);
    }
    let round = RoundRef::of(found, idea);
    txn.record(Change::Revealed { round, by }).await?;
    super::maturity::refresh(txn, txn.now(), idea.id).await?;
    Ok(true)
}
