//! The author's hand on an open round's course: reveal it early, extend its
//! deadline, cancel it; and ending a round (closed or cancelled), which
//! frees the idea for the next one.

use super::access::RoundScope;
use super::error::{Problem, Problems, RoundError};
use crate::backend::changes::{Change, RoundRef};
use crate::backend::ctx::{Ctx, Write};
use crate::backend::entities::{idea, round};
use crate::backend::store::Op;
use crate::domain::rounds::{RoundMode, RoundStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::opening::{check_deadline, open_for_author};

/// Shows everyone's contributions before the deadline (or a live round's
/// reveal). Revealing a revealed round does nothing.
pub async fn reveal(ctx: &Ctx<'_>, round_id: i64) -> Result<(), RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let scope = open_for_author(&txn, me, round_id).await?;
    let now = ctx.now();
    if scope.revealed(now) {
        return Ok(());
    }
    if crate::backend::workshops::access::running_on(&txn, round_id).await? {
        return Err(RoundError::RevealInWorkshop);
    }
    // No console runs on it (refused above): its workshops' rows may be
    // bumped after the round's, with no console write to deadlock with.
    super::revealing::record(&txn, &scope.round, &scope.idea, now, Some(me.id)).await?;
    txn.commit().await.op("course::reveal")?;
    Ok(())
}

/// Moves an asynchronous round's deadline later, before the reveal.
pub async fn extend(
    ctx: &Ctx<'_>,
    round_id: i64,
    deadline: Option<DateTime<Utc>>,
) -> Result<(), RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let scope = open_for_author(&txn, me, round_id).await?;
    let now = ctx.now();
    if scope.revealed(now) || scope.round.mode != RoundMode::Async {
        return Err(RoundError::DeadlineFixed);
    }
    let mut problems = Problems::default();
    let deadline = check_deadline(deadline, now, &mut problems);
    if let (Some(new), Some(old)) = (deadline, scope.round.deadline) {
        if new <= old {
            problems.add(Problem::DeadlineNotLater);
        }
    }
    problems.into_result()?;
    round::Entity::update_many()
        .col_expr(round::Column::Deadline, Expr::value(deadline))
        .filter(round::Column::Id.eq(round_id))
        .exec(&txn)
        .await
        .op("course::extend")?;
    txn.commit().await.op("course::extend")?;
    Ok(())
}

/// Cancels an open round: its contributions stay, shown as such.
pub async fn cancel(ctx: &Ctx<'_>, round_id: i64) -> Result<(), RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let scope = open_for_author(&txn, me, round_id).await?;
    end(&txn, &scope, RoundStatus::Cancelled, "", "").await?;
    super::maturity::refresh(&txn, ctx.now(), scope.idea.id).await?;
    txn.commit().await.op("course::cancel")?;
    Ok(())
}

/// Ends the round (closed or cancelled) and frees the idea for another.
pub(super) async fn end(
    txn: &Write<'_>,
    scope: &RoundScope,
    status: RoundStatus,
    synthesis: &str,
    next_step: &str,
) -> Result<(), RoundError> {
    let now = txn.now();
    // What was revealed stays revealed, recorded (and told, if the deadline
    // job had not got to it yet), so that the status does not have to say
    // it: a cancelled round reveals nothing by itself.
    if scope.round.revealed_at.is_none() && scope.revealed(now) {
        let when = scope.round.deadline.filter(|d| *d <= now).unwrap_or(now);
        super::revealing::record(txn, &scope.round, &scope.idea, when, None).await?;
    }
    let mut row: round::ActiveModel = scope.round.clone().into();
    row.status = Set(status);
    row.ended_at = Set(Some(now));
    row.synthesis = Set(synthesis.to_owned());
    row.next_step = Set(next_step.to_owned());
    row.update(txn).await.op("course::end")?;
    idea::Entity::update_many()
        .col_expr(idea::Column::OpenRound, Expr::value(Option::<i32>::None))
        .filter(idea::Column::Id.eq(scope.idea.id))
        .exec(txn)
        .await
        .op("course::end")?;
    if status == RoundStatus::Closed {
        let round = RoundRef::of(&scope.round, &scope.idea);
        txn.record(Change::Closed { round }).await?;
    }
    Ok(())
}
