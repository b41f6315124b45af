//! Grouping duplicates, the optional step after the reveal: thirty phones
//! often write the same mine in thirty words. Anyone in the room (from a
//! phone, « même idée que… ») or the facilitator (at the console) puts a
//! mine under another card saying the same thing. Every text and writer
//! is kept; the group counts once on the coverage map and takes the dots.
//! Only mines of one domain are grouped: a mine seen by two domains is two
//! points of view, and each domain's coverage stays its own.

use super::access::{at_console, seat, Scope};
use super::error::WorkshopError;
use super::events::bump;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, dot_vote};
use crate::backend::store::{Op, StoreError};
use crate::domain::live::EventKind;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshops::Phase;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// The workshop as someone who may group sees it: a seat in the room, or
/// the console.
async fn grouper(
    db: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    workshop_id: i64,
) -> Result<Scope, WorkshopError> {
    match seat(db, &ctx.caller, workshop_id).await {
        Ok(seat) => Ok(seat.scope),
        Err(refused) => match (ctx.member(), ctx.session()) {
            // Someone who may facilitate hears why the console refuses
            // (held by another device, ended); anyone else, the room's no.
            (Ok(me), Ok(session)) => match at_console(db, me, session, workshop_id).await {
                Err(WorkshopError::Forbidden | WorkshopError::NotFound) => Err(refused),
                answer => answer,
            },
            _ => Err(refused),
        },
    }
}

/// A visible mine of the workshop's round.
async fn visible_mine(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<contribution::Model, WorkshopError> {
    contribution::Entity::find_by_id(id)
        .one(db)
        .await
        .op("group: find contribution")?
        .filter(|c| {
            c.round_id == scope.round.id
                && c.kind == ContributionKind::Mine
                && c.hidden_reason.is_none()
        })
        .ok_or(WorkshopError::NotGroupable)
}

/// Puts mine `duplicate` (and whatever was grouped under it) under the
/// card of mine `under`, during the grouping step.
pub async fn group(
    ctx: &Ctx<'_>,
    workshop_id: i64,
    duplicate: i64,
    under: i64,
) -> Result<(), WorkshopError> {
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, EventKind::Group, Some(duplicate)).await?;
    let scope = grouper(&txn, ctx, workshop_id).await?;
    if scope.phase() != Phase::Grouping {
        return Err(WorkshopError::NotGroupingTime);
    }
    let moved = visible_mine(&txn, &scope, duplicate).await?;
    let target = visible_mine(&txn, &scope, under).await?;
    // Under the card `under` belongs to, never under a duplicate.
    let head = match target.grouped_under {
        Some(card) => visible_mine(&txn, &scope, card).await?,
        None => target,
    };
    if head.id == moved.id {
        return Err(WorkshopError::NotGroupable);
    }
    // Pressed twice, or two phones agreeing: done already.
    if moved.grouped_under == Some(head.id) {
        return Ok(txn.commit().await.op("group: commit")?);
    }
    if head.domain_id != moved.domain_id {
        return Err(WorkshopError::NotSameDomain);
    }
    contribution::Entity::update_many()
        .col_expr(
            contribution::Column::GroupedUnder,
            Expr::value(Some(head.id)),
        )
        .filter(contribution::Column::RoundId.eq(scope.round.id))
        .filter(
            Condition::any()
                .add(contribution::Column::Id.eq(moved.id))
                .add(contribution::Column::GroupedUnder.eq(moved.id)),
        )
        .exec(&txn)
        .await
        .op("group: update contribution")?;
    crate::backend::rounds::maturity::refresh(&txn, ctx.now(), scope.idea.id).await?;
    Ok(txn.commit().await.op("group: commit")?)
}

/// Takes mine `duplicate` out of its group: a card of its own again.
pub async fn ungroup(ctx: &Ctx<'_>, workshop_id: i64, duplicate: i64) -> Result<(), WorkshopError> {
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, EventKind::Group, Some(duplicate)).await?;
    let scope = grouper(&txn, ctx, workshop_id).await?;
    if scope.phase() != Phase::Grouping {
        return Err(WorkshopError::NotGroupingTime);
    }
    let found = visible_mine(&txn, &scope, duplicate).await?;
    if found.grouped_under.is_none() {
        return Ok(txn.commit().await.op("ungroup: commit")?);
    }
    contribution::Entity::update_many()
        .col_expr(contribution::Column::GroupedUnder, Expr::value(None::<i64>))
        .filter(contribution::Column::Id.eq(found.id))
        .exec(&txn)
        .await
        .op("ungroup: update contribution")?;
    crate::backend::rounds::maturity::refresh(&txn, ctx.now(), scope.idea.id).await?;
    Ok(txn.commit().await.op("ungroup: commit")?)
}

/// Before a contribution is hidden: it leaves its group, and a card it
/// heads hands its group to its first duplicate (a hidden card would hide
/// the others' texts with it).
pub(crate) async fn leave_group(
    txn: &impl ConnectionTrait,
    contribution_id: i64,
) -> Result<(), StoreError> {
    contribution::Entity::update_many()
        .col_expr(contribution::Column::GroupedUnder, Expr::value(None::<i64>))
        .filter(contribution::Column::Id.eq(contribution_id))
        .exec(txn)
        .await
        .op("leave group: update contribution")?;
    let first = contribution::Entity::find()
        .filter(contribution::Column::GroupedUnder.eq(contribution_id))
        .order_by_asc(contribution::Column::Id)
        .one(txn)
        .await
        .op("leave group: find contribution")?;
    let Some(first) = first else {
        return Ok(());
    };
    contribution::Entity::update_many()
        .col_expr(contribution::Column::GroupedUnder, Expr::value(None::<i64>))
        .filter(contribution::Column::Id.eq(first.id))
        .exec(txn)
        .await
        .op("leave group: update contribution")?;
    contribution::Entity::update_many()
        .col_expr(
            contribution::Column::GroupedUnder,
            Expr::value(Some(first.id)),
        )
        .filter(contribution::Column::GroupedUnder.eq(contribution_id))
        .exec(txn)
        .await
        .op("leave group: update contribution")?;
    move_dots(txn, contribution_id, first.id).await
}

/// The dots placed on the group's old card go to its new one (added to
/// whatever each person had placed there).
async fn move_dots(txn: &impl ConnectionTrait, from: i64, to: i64) -> Result<(), StoreError> {
    let placed = dot_vote::Entity::find()
        .filter(dot_vote::Column::ContributionId.is_in([from, to]))
        .all(txn)
        .await
        .op("move dots: find dot_vote")?;
    for vote in placed.iter().filter(|v| v.contribution_id == from) {
        let there = placed
            .iter()
            .find(|v| v.contribution_id == to && v.participant_id == vote.participant_id)
            .map_or(0, |v| v.dots);
        dot_vote::Entity::delete_many()
            .filter(dot_vote::Column::ParticipantId.eq(vote.participant_id))
            .filter(dot_vote::Column::ContributionId.is_in([from, to]))
            .exec(txn)
            .await
            .op("move dots: delete dot_vote")?;
        dot_vote::ActiveModel {
            workshop_id: Set(vote.workshop_id),
            participant_id: Set(vote.participant_id),
            contribution_id: Set(to),
            dots: Set(vote.dots + there),
        }
        .insert(txn)
        .await
        .op("move dots: insert dot_vote")?;
    }
    Ok(())
}
