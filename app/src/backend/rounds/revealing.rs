//! The reveal of a round, recorded in one place whichever path reveals it:
//! « Dévoiler maintenant », the workshop's reveal phase, the deadline, or a
//! round cancelled or closed after its deadline before the deadline job got
//! to it. The conditional update claims the reveal, so that two paths racing
//! (two instances, a click and the job) record it, and tell people, once.

use super::people::concerned_in;
use crate::backend::entities::{idea, round};
use crate::backend::error::from_db;
use crate::backend::notifications::{notify, About};
use crate::domain::round_views::NotificationKind;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Records that `found` is revealed as of `at`, in the caller's transaction,
/// unless it already was; then tells its authors and contributors (but
/// `by`, who revealed it) and refreshes the idea's stored stage. Returns
/// whether this call recorded it.
pub(crate) async fn record(
    txn: &impl ConnectionTrait,
    found: &round::Model,
    idea: &idea::Model,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    by: Option<i64>,
) -> Result<bool, AppError> {
    let claimed = round::Entity::update_many()
        .col_expr(round::Column::RevealedAt, Expr::value(Some(at)))
        .filter(round::Column::Id.eq(found.id))
        .filter(round::Column::RevealedAt.is_null())
        .exec(txn)
        .await
        .map_err(from_db)?
        .rows_affected
        == 1;
    if !claimed {
        return Ok(false);
    }
    let people = concerned_in(txn, found.id, idea).await?;
    let about = About {
        kind: NotificationKind::RoundRevealed,
        idea_id: idea.id,
        round_number: Some(found.number),
        domain_id: None,
        contribution_id: None,
    };
    notify(
        txn,
        now,
        people.into_iter().filter(|p| Some(*p) != by),
        about,
    )
    .await?;
    super::maturity::refresh(txn, now, idea.id).await?;
    Ok(true)
}
