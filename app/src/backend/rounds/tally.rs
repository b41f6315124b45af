//! Each round keeps when it was first and last spoken in and last
//! answered (unhidden contributions only), so the dashboard's ageing and
//! delays read 15,000 rounds rather than 200,000 contributions. Every
//! change to a round's contributions (written, withdrawn, triaged, hidden)
//! recounts it in the same transaction.

use crate::backend::entities::{contribution, round};
use crate::backend::store::Op;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::error::RoundError;

/// The earliest or latest value of `column` among a round's unhidden
/// contributions, as a subquery on `rounds.id`.
fn moment(column: contribution::Column, earliest: bool) -> SimpleExpr {
    let of = Expr::col((contribution::Entity, column));
    let mut select = Query::select();
    select
        .expr(if earliest { of.min() } else { of.max() })
        .from(contribution::Entity)
        .and_where(
            Expr::col((contribution::Entity, contribution::Column::RoundId))
                .equals((round::Entity, round::Column::Id)),
        )
        .and_where(contribution::Column::HiddenReason.is_null());
    SimpleExpr::SubQuery(None, Box::new(select.to_owned().into()))
}

fn recount_update() -> sea_orm::UpdateMany<round::Entity> {
    round::Entity::update_many()
        .col_expr(
            round::Column::FirstSaidAt,
            moment(contribution::Column::CreatedAt, true),
        )
        .col_expr(
            round::Column::LastSaidAt,
            moment(contribution::Column::CreatedAt, false),
        )
        .col_expr(
            round::Column::LastAnsweredAt,
            moment(contribution::Column::TriagedAt, false),
        )
}

/// Recounts one round (an index range of its own contributions).
pub(crate) async fn recount(txn: &impl ConnectionTrait, round_id: i64) -> Result<(), RoundError> {
    recount_update()
        .filter(round::Column::Id.eq(round_id))
        .exec(txn)
        .await
        .op("tally::recount")?;
    Ok(())
}

/// Recounts every round: for data written around the services (the
/// benchmark's bulk generator).
pub async fn recount_all(db: &impl ConnectionTrait) -> Result<(), RoundError> {
    recount_update().exec(db).await.op("tally::recount_all")?;
    Ok(())
}
