//! What the facilitator does: start a workshop on a live round, open and
//! lock joining, take the console over, move through the phases, run the
//! timer, set the dots, deal role cards, remove someone.

use super::access::{at_console, facilitating, may_facilitate, Scope};
use super::events::bump;
use crate::backend::accounts::tokens::hash_token;
use crate::backend::ctx::{Ctx, Write};
use crate::backend::entities::{round, round_domain, workshop, workshop_participant};
use crate::backend::error::from_db;
use crate::backend::expertise;
use crate::backend::rounds::access::by_id as round_by_id;
use crate::backend::rounds::triage::hide_in_round;
use crate::domain::live::Change;
use crate::domain::rounds::{RoundMode, RoundStatus};
use crate::domain::workshops::{deal_cards, seconds_left, JoinCode, Phase};
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;
use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// Sets columns of one workshop.
async fn set(
    db: &impl ConnectionTrait,
    workshop_id: i64,
    values: impl IntoIterator<Item = (workshop::Column, SimpleExpr)>,
) -> Result<(), AppError> {
    values
        .into_iter()
        .fold(
            workshop::Entity::update_many(),
            |update, (column, value)| update.col_expr(column, value),
        )
        .filter(workshop::Column::Id.eq(workshop_id))
        .exec(db)
        .await
        .map_err(from_db)?;
    Ok(())
}

/// Starts the workshop of a live round (or finds the one started); the
/// caller's device holds the console. Returns its id.
pub async fn start(ctx: &Ctx<'_>, round_id: i64) -> Result<i64, AppError> {
    let (me, session) = (ctx.member()?, ctx.session()?);
    let txn = ctx.write().await?;
    let scope = round_by_id(&txn, me, round_id).await?;
    if !may_facilitate(&txn, me, scope.idea.id).await? {
        return Err(AppError::Forbidden);
    }
    let existing = workshop::Entity::find()
        .filter(workshop::Column::RoundId.eq(round_id))
        .one(&txn)
        .await
        .map_err(from_db)?;
    if let Some(found) = existing {
        txn.commit().await.map_err(from_db)?;
        return Ok(found.id);
    }
    let now = ctx.now();
    if scope.round.mode != RoundMode::Live.as_str() || !scope.accepting(now) {
        return Err(FormErrors::refuse("round", Key::ErrWorkshopNeedsLiveRound));
    }
    let code = free_code(&txn).await?;
    let created = workshop::ActiveModel {
        round_id: Set(round_id),
        idea_id: Set(scope.idea.id),
        organisation_id: Set(scope.idea.organisation_id),
        code: Set(Some(code)),
        joining_open: Set(true),
        started_by: Set(me.id),
        console_session: Set(hash_token(session)),
        phase: Set(Phase::Pitch.as_str().to_owned()),
        version: Set(1),
        timer_ends_at: Set(None),
        timer_paused_left: Set(None),
        dots: Set(3),
        cards_dealt: Set(false),
        started_at: Set(now),
        ended_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(from_db)?;
    txn.commit().await.map_err(from_db)?;
    Ok(created.id)
}

/// A code no running workshop uses (31^6 codes: a clash is rare, and the
/// unique index stops the rarer race).
async fn free_code(db: &impl ConnectionTrait) -> Result<String, AppError> {
    for _ in 0..20 {
        let code = JoinCode::random().as_str().to_owned();
        let taken = workshop::Entity::find()
            .filter(workshop::Column::Code.eq(code.clone()))
            .one(db)
            .await
            .map_err(from_db)?;
        if taken.is_none() {
            return Ok(code);
        }
    }
    Err(AppError::Internal)
}

/// Runs `change` on a workshop the caller drives from the console, in one
/// transaction that first marks the change (`what`, about `subject`).
async fn at_the_console<'a, T>(
    ctx: &Ctx<'a>,
    workshop_id: i64,
    (what, subject): (Change, Option<i64>),
    change: impl for<'c> FnOnce(
        &'c Write<'a>,
        Scope,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<T, AppError>> + Send + 'c>,
    >,
) -> Result<T, AppError> {
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, what, subject).await?;
    let scope = at_console(&txn, ctx.member()?, ctx.session()?, workshop_id).await?;
    let answer = change(&txn, scope).await?;
    txn.commit().await.map_err(from_db)?;
    Ok(answer)
}

/// Opens or locks joining (the code stays the same).
pub async fn set_joining(ctx: &Ctx<'_>, workshop_id: i64, open: bool) -> Result<(), AppError> {
    at_the_console(ctx, workshop_id, (Change::Joining, None), move |txn, _| {
        Box::pin(async move {
            set(
                txn,
                workshop_id,
                [(workshop::Column::JoiningOpen, Expr::value(open))],
            )
            .await
        })
    })
    .await
}

/// Moves the console to the caller's device (the other one is told).
pub async fn take_console(ctx: &Ctx<'_>, workshop_id: i64) -> Result<(), AppError> {
    let (me, session) = (ctx.member()?, ctx.session()?);
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, Change::Console, None).await?;
    let scope = facilitating(&txn, me, workshop_id).await?;
    if scope.ended() {
        return Err(FormErrors::refuse("workshop", Key::ErrWorkshopEnded));
    }
    let holder = Expr::value(hash_token(session));
    set(
        &txn,
        workshop_id,
        [(workshop::Column::ConsoleSession, holder)],
    )
    .await?;
    txn.commit().await.map_err(from_db)
}

/// Goes from phase `from` to the next one, with a timer of `minutes` (or
/// the phase's default). A second press from the same phase does nothing.
/// The reveal shows the round's contributions; the end frees the code and
/// ends guests' sessions, the round staying open for triage.
pub async fn advance(
    ctx: &Ctx<'_>,
    workshop_id: i64,
    from: Phase,
    minutes: Option<u32>,
) -> Result<(), AppError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (Change::Phase, None),
        move |txn, scope| {
            Box::pin(async move {
                let Some(next) = from.next().filter(|_| scope.phase() == from) else {
                    return Ok(());
                };
                enter(txn, &scope, now, next, minutes).await
            })
        },
    )
    .await
}

/// Ends the workshop from any phase.
pub async fn end(ctx: &Ctx<'_>, workshop_id: i64) -> Result<(), AppError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (Change::Phase, None),
        move |txn, scope| {
            Box::pin(async move { enter(txn, &scope, now, Phase::Ended, None).await })
        },
    )
    .await
}

async fn enter(
    txn: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
    next: Phase,
    minutes: Option<u32>,
) -> Result<(), AppError> {
    let minutes = minutes.or(next.default_minutes());
    let ends_at = minutes.map(|m| now + Duration::minutes(i64::from(m)));
    let mut values = vec![
        (workshop::Column::Phase, Expr::value(next.as_str())),
        (workshop::Column::TimerEndsAt, Expr::value(ends_at)),
        (workshop::Column::TimerPausedLeft, Expr::value(None::<i32>)),
    ];
    if next == Phase::Ended {
        values.extend([
            (workshop::Column::EndedAt, Expr::value(Some(now))),
            (workshop::Column::Code, Expr::value(None::<String>)),
            (workshop::Column::JoiningOpen, Expr::value(false)),
        ]);
    }
    set(txn, scope.workshop.id, values).await?;
    let open = scope.round.status == RoundStatus::Open.as_str();
    if next == Phase::Reveal && open && scope.round.revealed_at.is_none() {
        // Conditional: revealed online meanwhile, the first reveal stands.
        // The room sees this one: nobody is notified.
        round::Entity::update_many()
            .col_expr(round::Column::RevealedAt, Expr::value(Some(now)))
            .filter(round::Column::Id.eq(scope.round.id))
            .filter(round::Column::RevealedAt.is_null())
            .exec(txn)
            .await
            .map_err(from_db)?;
        crate::backend::rounds::maturity::refresh(txn, now, scope.idea.id).await?;
    }
    Ok(())
}

/// What the facilitator does with the timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerAction {
    Pause,
    Resume,
    /// Adds minutes (to a paused timer too; starts one if none runs).
    Extend(u32),
}

pub async fn timer(ctx: &Ctx<'_>, workshop_id: i64, action: TimerAction) -> Result<(), AppError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (Change::Timer, None),
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
                set(txn, workshop_id, timer).await
            })
        },
    )
    .await
}

/// Sets how many dots each participant places, before the vote begins.
pub async fn set_dots(ctx: &Ctx<'_>, workshop_id: i64, dots: i32) -> Result<(), AppError> {
    at_the_console(ctx, workshop_id, (Change::Dots, None), move |txn, scope| {
        Box::pin(async move {
            if scope.phase() >= Phase::Vote {
                return Err(FormErrors::refuse("dots", Key::ErrDotsTooLate));
            }
            set(
                txn,
                workshop_id,
                [(workshop::Column::Dots, Expr::value(dots))],
            )
            .await
        })
    })
    .await
}

/// Deals the round's wanted domains as role cards to everyone in the room,
/// at random; dealt again, they are reshuffled. Before the reveal only.
pub async fn deal(ctx: &Ctx<'_>, workshop_id: i64) -> Result<(), AppError> {
    at_the_console(
        ctx,
        workshop_id,
        (Change::Cards, None),
        move |txn, scope| {
            Box::pin(async move {
                if scope.phase().revealed() {
                    return Err(FormErrors::refuse("cards", Key::ErrCardsTooLate));
                }
                let domains: Vec<i64> = round_domain::Entity::find()
                    .filter(round_domain::Column::RoundId.eq(scope.round.id))
                    .all(txn)
                    .await
                    .map_err(from_db)?
                    .into_iter()
                    .map(|d| d.domain_id)
                    .collect();
                if domains.is_empty() {
                    return Err(FormErrors::refuse("cards", Key::ErrCardsNoDomains));
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
                        .map_err(from_db)?;
                }
                set(
                    txn,
                    workshop_id,
                    [(workshop::Column::CardsDealt, Expr::value(true))],
                )
                .await
            })
        },
    )
    .await
}

/// Everyone in the room, in the order they joined.
pub async fn present(
    db: &impl ConnectionTrait,
    workshop_id: i64,
) -> Result<Vec<workshop_participant::Model>, AppError> {
    use sea_orm::QueryOrder;
    workshop_participant::Entity::find()
        .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
        .filter(workshop_participant::Column::RemovedAt.is_null())
        .order_by_asc(workshop_participant::Column::Id)
        .all(db)
        .await
        .map_err(from_db)
}

/// Removes someone from the room: they can no longer post or vote (a
/// guest's session ends); what they wrote stays, for the facilitator to
/// hide if need be.
pub async fn remove(ctx: &Ctx<'_>, workshop_id: i64, participant_id: i64) -> Result<(), AppError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (Change::Leave, Some(participant_id)),
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
                    .map_err(from_db)?;
                if removed.rows_affected == 0 {
                    return Err(AppError::NotFound);
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
) -> Result<(), AppError> {
    let now = ctx.now();
    let hider = ctx.member()?.id;
    at_the_console(
        ctx,
        workshop_id,
        (Change::Hide, Some(contribution_id)),
        move |txn, scope| {
            Box::pin(async move {
                let round = (scope.round.id, scope.idea.id);
                hide_in_round(txn, round, contribution_id, &reason, hider, now).await
            })
        },
    )
    .await
}
