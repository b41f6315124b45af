//! What phones send: contributions during the writing phase (a form
//! started then is still taken, marked late, until the reveal ends),
//! workarounds to the mine in focus while ways around are sought, and dots
//! on mines during the vote.

use super::access::seat;
use super::error::WorkshopError;
use super::events::{bump, name_subject};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, dot_vote};
use crate::backend::idempotency::{run_once, IdempotencyKey};
use crate::backend::rounds::access::by_id as round_by_id;
use crate::backend::rounds::contributing::{check, insert, Marks};
use crate::backend::store::Op;
use crate::domain::live::EventKind;
use crate::domain::round_inputs::Draft;
use crate::domain::rounds::{ContributionKind, RoundStatus};
use crate::domain::workshops::{Phase, Steps};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Whether a post is taken now, and marked late: in the writing phase, or
/// in the reveal from a form the phone showed during the writing phase; a
/// way around while they are sought, or in the triage from a form shown
/// then (nothing the room proposed is lost to a phase change).
pub fn lateness(now: Phase, started_in: Phase, steps: Steps) -> Option<bool> {
    match (now, started_in) {
        (_, Phase::WaysAround) if !steps.ways_around => None,
        (Phase::WaysAround | Phase::Triage, Phase::WaysAround) => Some(false),
        (Phase::Writing, Phase::Writing) => Some(false),
        (Phase::Reveal, Phase::Writing) => Some(true),
        _ => None,
    }
}

/// A way around, as the room proposes them: a workaround answering a
/// visible mine of the round (the one the phone showed in focus).
async fn way_around(
    db: &impl sea_orm::ConnectionTrait,
    round_id: i64,
    draft: &Draft,
) -> Result<(), WorkshopError> {
    let Some(mine) = draft
        .answers
        .filter(|_| draft.kind == ContributionKind::Workaround)
    else {
        return Err(WorkshopError::NotAWayAround);
    };
    contribution::Entity::find_by_id(mine)
        .one(db)
        .await
        .op("way around: find contribution")?
        .filter(|c| {
            c.round_id == round_id && c.kind == ContributionKind::Mine && c.hidden_reason.is_none()
        })
        .map(|_| ())
        .ok_or(WorkshopError::NotAWayAround)
}

/// Posts a contribution from a phone; the same key twice posts once.
/// Returns its id.
pub async fn post(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    workshop_id: i64,
    started_in: Phase,
    draft: Draft,
) -> Result<i64, WorkshopError> {
    let first = seat(ctx.db, &ctx.caller, workshop_id).await?;
    let scope = format!("participant:{}", first.participant.id);
    let caller = ctx.caller.clone();
    let now = ctx.now();
    run_once(ctx, &scope, key, move |txn| {
        Box::pin(async move {
            let seq = bump(txn, workshop_id, EventKind::Post, None).await?;
            let seat = seat(txn, &caller, workshop_id).await?;
            let Some(late) = lateness(seat.scope.phase(), started_in, seat.scope.steps()) else {
                return Err(WorkshopError::WritingOver);
            };
            if seat.scope.round.status != RoundStatus::Open {
                return Err(WorkshopError::WritingOver);
            }
            let round = round_by_id(txn, &seat.me, seat.scope.round.id).await?;
            // Only a way around names the mine it answers.
            let draft = if started_in == Phase::WaysAround {
                way_around(txn, round.round.id, &draft).await?;
                draft
            } else {
                Draft {
                    answers: None,
                    ..draft
                }
            };
            let holds = check(txn, now, &seat.me, &round, &draft).await?;
            let under_card =
                draft.domain_id.is_some() && draft.domain_id == seat.participant.card_domain_id;
            let id = insert(
                txn,
                &round,
                seat.me.id,
                draft,
                holds,
                Marks { under_card, late },
                now,
            )
            .await?;
            name_subject(txn, workshop_id, seq, id).await?;
            Ok(id)
        })
    })
    .await
}

/// Places (`add`) or takes back one dot on a mine of the workshop's round,
/// during the vote, within the allowance the facilitator set.
pub async fn vote(
    ctx: &Ctx<'_>,
    workshop_id: i64,
    contribution_id: i64,
    add: bool,
) -> Result<(), WorkshopError> {
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, EventKind::Vote, Some(contribution_id)).await?;
    let seat = seat(&txn, &ctx.caller, workshop_id).await?;
    if seat.scope.phase() != Phase::Vote {
        return Err(WorkshopError::NotVotingTime);
    }
    let found = contribution::Entity::find_by_id(contribution_id)
        .filter(contribution::Column::RoundId.eq(seat.scope.round.id))
        .filter(contribution::Column::Kind.eq(ContributionKind::Mine))
        .filter(contribution::Column::HiddenReason.is_null())
        .one(&txn)
        .await
        .op("vote: find contribution")?
        .ok_or(WorkshopError::NotInWorkshop)?;
    // The dots go to the group: a duplicate's card takes them.
    let contribution_id = found.grouped_under.unwrap_or(found.id);
    let mine = dot_vote::Entity::find()
        .filter(dot_vote::Column::ParticipantId.eq(seat.participant.id))
        .all(&txn)
        .await
        .op("vote: find dot_vote")?;
    let used: i32 = mine.iter().map(|v| v.dots).sum();
    let here = mine.iter().find(|v| v.contribution_id == contribution_id);
    let dots = match (add, here) {
        (true, _) if used >= seat.scope.workshop.dots => return Err(WorkshopError::NoDotsLeft),
        (true, Some(v)) => v.dots + 1,
        (true, None) => 1,
        (false, Some(v)) => v.dots - 1,
        (false, None) => return Ok(txn.commit().await.op("vote: commit")?),
    };
    dot_vote::Entity::delete_by_id((seat.participant.id, contribution_id))
        .exec(&txn)
        .await
        .op("vote: delete dot_vote")?;
    if dots > 0 {
        dot_vote::ActiveModel {
            workshop_id: Set(workshop_id),
            participant_id: Set(seat.participant.id),
            contribution_id: Set(contribution_id),
            dots: Set(dots),
        }
        .insert(&txn)
        .await
        .op("vote: insert dot_vote")?;
    }
    Ok(txn.commit().await.op("vote: commit")?)
}
