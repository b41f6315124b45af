//! How the facilitator runs a workshop: start it on a live round, open and
//! lock joining, take the console over, move through the phases, end it.

use super::access::{at_console, facilitating, may_facilitate, Scope};
use super::error::WorkshopError;
use super::events::bump;
use crate::backend::accounts::tokens::hash_token;
use crate::backend::changes::{Change, RoundRef};
use crate::backend::ctx::{Ctx, Write};
use crate::backend::entities::{round, workshop};
use crate::backend::rounds::access::by_id as round_by_id;
use crate::backend::store::{Op, StoreError};
use crate::domain::live::EventKind;
use crate::domain::rounds::{RoundMode, RoundStatus};
use crate::domain::workshops::{JoinCode, Phase, Steps};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// Sets columns of one workshop.
pub(super) async fn set(
    db: &impl ConnectionTrait,
    workshop_id: i64,
    values: impl IntoIterator<Item = (workshop::Column, SimpleExpr)>,
) -> Result<(), StoreError> {
    values
        .into_iter()
        .fold(
            workshop::Entity::update_many(),
            |update, (column, value)| update.col_expr(column, value),
        )
        .filter(workshop::Column::Id.eq(workshop_id))
        .exec(db)
        .await
        .op("update workshop")?;
    Ok(())
}

/// Starts the workshop of a live round (or finds the one started, its
/// steps unchanged) with the optional `steps` chosen; the caller's device
/// holds the console. Returns its id.
pub async fn start(ctx: &Ctx<'_>, round_id: i64, steps: Steps) -> Result<i64, WorkshopError> {
    let (me, session) = (ctx.member()?, ctx.session()?);
    let txn = ctx.write().await?;
    let scope = round_by_id(&txn, me, round_id).await?;
    if !may_facilitate(&txn, me, scope.idea.id).await? {
        return Err(WorkshopError::Forbidden);
    }
    let existing = workshop::Entity::find()
        .filter(workshop::Column::RoundId.eq(round_id))
        .one(&txn)
        .await
        .op("start: find workshop")?;
    if let Some(found) = existing {
        txn.commit().await.op("start: commit")?;
        return Ok(found.id);
    }
    let now = ctx.now();
    if scope.round.mode != RoundMode::Live || !scope.accepting(now) {
        return Err(WorkshopError::NeedsLiveRound);
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
        phase: Set(Phase::Pitch),
        version: Set(1),
        timer_ends_at: Set(None),
        timer_paused_left: Set(None),
        dots: Set(3),
        cards_dealt: Set(false),
        started_at: Set(now),
        ended_at: Set(None),
        grouping: Set(steps.grouping),
        ways_around: Set(steps.ways_around),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .op("start: insert workshop")?;
    let round = RoundRef::of(&scope.round, &scope.idea);
    txn.record(Change::WorkshopStarted { round, by: me.id })
        .await?;
    txn.commit().await.op("start: commit")?;
    Ok(created.id)
}

/// A code no running workshop uses (31^6 codes: a clash is rare, and the
/// unique index stops the rarer race).
async fn free_code(db: &impl ConnectionTrait) -> Result<String, WorkshopError> {
    for _ in 0..20 {
        let code = JoinCode::random().as_str().to_owned();
        let taken = workshop::Entity::find()
            .filter(workshop::Column::Code.eq(code.clone()))
            .one(db)
            .await
            .op("free code: find workshop")?;
        if taken.is_none() {
            return Ok(code);
        }
    }
    Err(WorkshopError::NoFreeCode)
}

/// Runs `change` on a workshop the caller drives from the console, in one
/// transaction that first marks the change (`what`, about `subject`).
pub(super) async fn at_the_console<'a, T>(
    ctx: &Ctx<'a>,
    workshop_id: i64,
    (what, subject): (EventKind, Option<i64>),
    change: impl for<'c> FnOnce(
        &'c Write<'a>,
        Scope,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<T, WorkshopError>> + Send + 'c>,
    >,
) -> Result<T, WorkshopError> {
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, what, subject).await?;
    let scope = at_console(&txn, ctx.member()?, ctx.session()?, workshop_id).await?;
    let answer = change(&txn, scope).await?;
    txn.commit().await.op("at the console: commit")?;
    Ok(answer)
}

/// Opens or locks joining (the code stays the same).
pub async fn set_joining(ctx: &Ctx<'_>, workshop_id: i64, open: bool) -> Result<(), WorkshopError> {
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Joining, None),
        move |txn, _| {
            Box::pin(async move {
                set(
                    txn,
                    workshop_id,
                    [(workshop::Column::JoiningOpen, Expr::value(open))],
                )
                .await?;
                Ok(())
            })
        },
    )
    .await
}

/// Moves the console to the caller's device (the other one is told).
pub async fn take_console(ctx: &Ctx<'_>, workshop_id: i64) -> Result<(), WorkshopError> {
    let (me, session) = (ctx.member()?, ctx.session()?);
    let txn = ctx.write().await?;
    bump(&txn, workshop_id, EventKind::Console, None).await?;
    let scope = facilitating(&txn, me, workshop_id).await?;
    if scope.ended() {
        return Err(WorkshopError::Ended);
    }
    let holder = Expr::value(hash_token(session));
    set(
        &txn,
        workshop_id,
        [(workshop::Column::ConsoleSession, holder)],
    )
    .await?;
    Ok(txn.commit().await.op("take console: commit")?)
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
) -> Result<(), WorkshopError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Phase, None),
        move |txn, scope| {
            Box::pin(async move {
                let Some(next) = scope.steps().after(from).filter(|_| scope.phase() == from) else {
                    return Ok(());
                };
                enter(txn, &scope, now, next, minutes).await
            })
        },
    )
    .await
}

/// Ends the workshop from any phase.
pub async fn end(ctx: &Ctx<'_>, workshop_id: i64) -> Result<(), WorkshopError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Phase, None),
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
) -> Result<(), WorkshopError> {
    let minutes = minutes.or(next.default_minutes());
    let ends_at = minutes.map(|m| now + Duration::minutes(i64::from(m)));
    let mut values = vec![
        (workshop::Column::Phase, Expr::value(next)),
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
    let open = scope.round.status == RoundStatus::Open;
    if next == Phase::Reveal && open && scope.round.revealed_at.is_none() {
        // Conditional: revealed online meanwhile, the first reveal stands.
        // The room sees this one: nobody is notified.
        round::Entity::update_many()
            .col_expr(round::Column::RevealedAt, Expr::value(Some(now)))
            .filter(round::Column::Id.eq(scope.round.id))
            .filter(round::Column::RevealedAt.is_null())
            .exec(txn)
            .await
            .op("enter: update round")?;
        crate::backend::rounds::maturity::refresh(txn, now, scope.idea.id).await?;
    }
    Ok(())
}
