//! The facilitator's hand on the room during a phase: the shared timer, the
//! dots each person places, the role cards dealt, removing someone, hiding
//! a post.

use super::error::WorkshopError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{round_domain, workshop, workshop_participant};
use crate::backend::expertise;
use crate::backend::rounds::triage::hide_in_round;
use crate::backend::store::{Op, StoreError};
use crate::domain::live::EventKind;
use crate::domain::workshops::{deal_cards, seconds_left, Phase};
use chrono::Duration;
use rand::seq::SliceRandom;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::running::{at_the_console, set};

/// What the facilitator does with the timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerAction {
    Pause,
    Resume,
    /// Adds minutes (to a paused timer too; starts one if none runs).
    Extend(u32),
}

/// Pauses, resumes or extends the shared timer.
pub async fn timer(
    ctx: &Ctx<'_>,
    workshop_id: i64,
    action: TimerAction,
) -> Result<(), WorkshopError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Timer, None),
        move |txn, scope| {
            Box::pin(async move {
                let w = &scope.workshop;
                let left = seconds_left(w.timer_ends_at, w.timer_paused_left, now);
                let (ends_at, paused) = match (action, w.timer_paused_left) {
                    (TimerAction::Pause, None) => (None, left.map(|s| s as i32)),
                    (TimerAction::Resume, Some(p)) => {
                        (Some(now + Duration::seconds(i64::from(p))), None)
                    }
                    (TimerAction::Extend(m), Some(p)) => (None, Some(p + 60 * m as i32)),
                    (TimerAction::Extend(m), None) => {
                        let from = w.timer_ends_at.filter(|e| *e > now).unwrap_or(now);
                        (Some(from + Duration::minutes(i64::from(m))), None)
                    }
                    _ => return Ok(()),
                };
                let timer = [
                    (workshop::Column::TimerEndsAt, Expr::value(ends_at)),
                    (workshop::Column::TimerPausedLeft, Expr::value(paused)),
                ];
                Ok(set(txn, workshop_id, timer).await?)
            })
        },
    )
    .await
}

/// Sets how many dots each participant places, before the vote begins.
pub async fn set_dots(ctx: &Ctx<'_>, workshop_id: i64, dots: i32) -> Result<(), WorkshopError> {
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Dots, None),
        move |txn, scope| {
            Box::pin(async move {
                if scope.phase() >= Phase::Vote {
                    return Err(WorkshopError::DotsTooLate);
                }
                let dots = [(workshop::Column::Dots, Expr::value(dots))];
                Ok(set(txn, workshop_id, dots).await?)
            })
        },
    )
    .await
}

/// Deals the round's wanted domains as role cards to everyone in the room,
/// at random; dealt again, they are reshuffled. Before the reveal only.
pub async fn deal(ctx: &Ctx<'_>, workshop_id: i64) -> Result<(), WorkshopError> {
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Cards, None),
        move |txn, scope| {
            Box::pin(async move {
                if scope.phase().revealed() {
                    return Err(WorkshopError::CardsTooLate);
                }
                let domains: Vec<i64> = round_domain::Entity::find()
                    .filter(round_domain::Column::RoundId.eq(scope.round.id))
                    .all(txn)
                    .await
                    .op("deal: find round_domain")?
                    .into_iter()
                    .map(|d| d.domain_id)
                    .collect();
                if domains.is_empty() {
                    return Err(WorkshopError::NoDomainsForCards);
                }
                let mut present = present(txn, workshop_id).await?;
                present.shuffle(&mut rand::thread_rng());
                let mut people = Vec::with_capacity(present.len());
                for p in &present {
                    people.push((p.id, expertise::held(txn, p.user_id).await?));
                }
                for (participant, domain) in deal_cards(&people, &domains) {
                    workshop_participant::Entity::update_many()
                        .col_expr(
                            workshop_participant::Column::CardDomainId,
                            Expr::value(Some(domain)),
                        )
                        .filter(workshop_participant::Column::Id.eq(participant))
                        .exec(txn)
                        .await
                        .op("deal: update workshop_participant")?;
                }
                let dealt = [(workshop::Column::CardsDealt, Expr::value(true))];
                Ok(set(txn, workshop_id, dealt).await?)
            })
        },
    )
    .await
}

/// Everyone in the room, in the order they joined.
pub async fn present(
    db: &impl ConnectionTrait,
    workshop_id: i64,
) -> Result<Vec<workshop_participant::Model>, StoreError> {
    use sea_orm::QueryOrder;
    workshop_participant::Entity::find()
        .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
        .filter(workshop_participant::Column::RemovedAt.is_null())
        .order_by_asc(workshop_participant::Column::Id)
        .all(db)
        .await
        .op("present: find workshop_participant")
}

/// Removes someone from the room: they can no longer post or vote (a
/// guest's session ends); what they wrote stays, for the facilitator to
/// hide if need be.
pub async fn remove(
    ctx: &Ctx<'_>,
    workshop_id: i64,
    participant_id: i64,
) -> Result<(), WorkshopError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Leave, Some(participant_id)),
        move |txn, _| {
            Box::pin(async move {
                let removed = workshop_participant::Entity::update_many()
                    .col_expr(
                        workshop_participant::Column::RemovedAt,
                        Expr::value(Some(now)),
                    )
                    .filter(workshop_participant::Column::Id.eq(participant_id))
                    .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
                    .filter(workshop_participant::Column::RemovedAt.is_null())
                    .exec(txn)
                    .await
                    .op("remove: update workshop_participant")?;
                if removed.rows_affected == 0 {
                    return Err(WorkshopError::NotInWorkshop);
                }
                Ok(())
            })
        },
    )
    .await
}

/// Hides a contribution of the workshop's round with a reason shown to
/// everyone (the facilitator moderates the room).
pub async fn hide(
    ctx: &Ctx<'_>,
    workshop_id: i64,
    contribution_id: i64,
    reason: crate::domain::rounds::ContributionText,
) -> Result<(), WorkshopError> {
    let now = ctx.now();
    let hider = ctx.member()?.id;
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Hide, Some(contribution_id)),
        move |txn, scope| {
            Box::pin(async move {
                let round = (scope.round.id, scope.idea.id);
                Ok(hide_in_round(txn, round, contribution_id, &reason, hider, now).await?)
            })
        },
    )
    .await
}
