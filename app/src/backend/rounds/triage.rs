//! The author's answers: triaging each mine, closing a round with its
//! synthesis, setting the idea's outcome; and moderation by leads.

use super::access::{by_id, can_moderate, contribution as readable};
use super::contributing::{insert, Marks};
use super::error::{Action, RoundError};
use crate::backend::changes::{Change, RoundRef};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, idea};
use crate::backend::ideas::access::load_for_edit;
use crate::backend::idempotency::{run_once, IdempotencyKey};
use crate::backend::store::Op;
use crate::domain::round_inputs::{DefusedBy, Draft, Triage};
use crate::domain::rounds::{ContributionKind, ContributionText, Outcome, RoundStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// Who wrote a mine: its card's writer, then its duplicates' (grouped in
/// a workshop), each once.
async fn group_writers(
    db: &impl ConnectionTrait,
    mine: &contribution::Model,
) -> Result<Vec<i64>, RoundError> {
    let mut writers = vec![mine.author_id];
    for duplicate in contribution::Entity::find()
        .filter(contribution::Column::GroupedUnder.eq(mine.id))
        .all(db)
        .await
        .op("triage::group_writers")?
    {
        if !writers.contains(&duplicate.author_id) {
            writers.push(duplicate.author_id);
        }
    }
    Ok(writers)
}

/// Triages a revealed mine of the author's idea (again, if they change
/// their mind); returns the idea's id. The same key twice acts once.
pub async fn triage(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    mine_id: i64,
    answer: Triage,
) -> Result<i64, RoundError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &format!("user:{}", me.id), key, move |txn| {
        Box::pin(async move {
            let (scope, mine) = readable(txn, &me, now, mine_id).await?;
            if !scope.is_author() {
                return Err(RoundError::Forbidden);
            }
            if mine.kind != ContributionKind::Mine {
                return Err(RoundError::NotAMine(Action::Triage));
            }
            if !scope.revealed(now) {
                return Err(RoundError::NotRevealedYet(Action::Triage));
            }
            if mine.hidden_reason.is_some() {
                return Err(RoundError::Hidden(Action::Triage));
            }
            // A duplicate is answered with its group, at its card.
            if mine.grouped_under.is_some() {
                return Err(RoundError::Grouped);
            }
            // « Mines encore à traiter » on a running console moves at once.
            // The workshop's row first, as every workshop write does: one
            // lock order, no deadlock with the console.
            let round = RoundRef::of(&scope.round, &scope.idea);
            let writers = group_writers(txn, &mine).await?;
            txn.record(Change::Triaged {
                round,
                mine: mine_id,
                writers,
                by: me.id,
            })
            .await?;
            let kind = answer.kind();
            let (mut workaround, mut owner, mut due) = (None, None, None);
            // Why, or what is to be done: every kind may say it.
            let note = match answer {
                Triage::Defused(DefusedBy::Existing(id), why) => {
                    let found = readable(txn, &me, now, id).await.ok();
                    let fits = found.is_some_and(|(c, w)| {
                        c.idea.id == scope.idea.id
                            && w.kind == ContributionKind::Workaround
                            && w.hidden_reason.is_none()
                    });
                    if !fits {
                        return Err(RoundError::NotAWorkaroundHere);
                    }
                    workaround = Some(id);
                    why.map(|w| w.as_str().to_owned())
                }
                Triage::Defused(DefusedBy::New(text), why) => {
                    // The author's own way around, written with the triage,
                    // in the mine's round.
                    let draft = Draft {
                        kind: ContributionKind::Workaround,
                        domain_id: None,
                        severity: None,
                        body: text.as_str().to_owned(),
                        link: None,
                        answers: Some(mine_id),
                    };
                    let marks = Marks::default();
                    let written = insert(txn, &scope, me.id, draft, false, marks, now).await?;
                    workaround = Some(written);
                    why.map(|w| w.as_str().to_owned())
                }
                Triage::Accepted { why } | Triage::Dismissed { why } => {
                    Some(why.as_str().to_owned())
                }
                Triage::ToInvestigate {
                    action,
                    owner: who,
                    due: when,
                } => {
                    owner = Some(who);
                    due = Some(when.format("%Y-%m-%d").to_string());
                    Some(action.as_str().to_owned())
                }
            };
            let idea_id = scope.idea.id;
            let mut row: contribution::ActiveModel = mine.into();
            row.triage = Set(Some(kind));
            row.triage_note = Set(note);
            row.triage_workaround_id = Set(workaround);
            row.triage_owner = Set(owner);
            row.triage_due = Set(due);
            row.triaged_at = Set(Some(now));
            let round_id = scope.round.id;
            row.update(txn).await.op("triage::triage")?;
            super::tally::recount(txn, round_id).await?;
            super::maturity::refresh(txn, now, idea_id).await?;
            Ok(idea_id)
        })
    })
    .await
}

/// Closes a revealed round once every mine of it is triaged, with a
/// synthesis and, optionally, the next step.
pub async fn close(
    ctx: &Ctx<'_>,
    round_id: i64,
    synthesis: ContributionText,
    next_step: String,
) -> Result<i64, RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let scope = by_id(&txn, me, round_id).await?;
    if !scope.is_author() {
        return Err(RoundError::Forbidden);
    }
    let now = ctx.now();
    if scope.status() != RoundStatus::Open {
        return Err(RoundError::NotOpen(Some(Action::Close)));
    }
    if !scope.revealed(now) {
        return Err(RoundError::NotRevealedYet(Action::Close));
    }
    if super::counts::untriaged_in_round(&txn, round_id).await? > 0 {
        return Err(RoundError::MinesUntriaged);
    }
    super::course::end(
        &txn,
        &scope,
        RoundStatus::Closed,
        synthesis.as_str(),
        &next_step,
    )
    .await?;
    super::maturity::refresh(&txn, now, scope.idea.id).await?;
    txn.commit().await.op("triage::close")?;
    Ok(scope.idea.id)
}

/// Hides a contribution with a reason shown to everyone. Leads and
/// administrators of the organisation.
pub async fn hide(
    ctx: &Ctx<'_>,
    contribution_id: i64,
    reason: ContributionText,
) -> Result<i64, RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let (scope, found) = readable(&txn, me, ctx.now(), contribution_id).await?;
    if !can_moderate(me) {
        return Err(RoundError::Forbidden);
    }
    let (round_id, idea_id) = (scope.round.id, scope.idea.id);
    // A running workshop's console and board drop it at once (the
    // workshop's row first: the console's lock order).
    let round = RoundRef::of(&scope.round, &scope.idea);
    txn.record(Change::Hidden {
        round,
        contribution: found.id,
    })
    .await?;
    hide_in_round(
        &txn,
        (round_id, idea_id),
        found.id,
        &reason,
        me.id,
        ctx.now(),
    )
    .await?;
    txn.commit().await.op("triage::hide")?;
    Ok(scope.idea.id)
}

/// Hides a contribution of a round (`NotFound` if it is not one of its
/// own) and recomputes its idea's maturity. Moderators online
/// and workshop facilitators both come here, their rights checked first.
pub(crate) async fn hide_in_round(
    txn: &impl ConnectionTrait,
    (round_id, idea_id): (i64, i64),
    contribution_id: i64,
    reason: &ContributionText,
    by: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), RoundError> {
    crate::backend::workshops::grouping::leave_group(txn, contribution_id).await?;
    let hidden = contribution::Entity::update_many()
        .col_expr(
            contribution::Column::HiddenReason,
            Expr::value(Some(reason.as_str().to_owned())),
        )
        .col_expr(contribution::Column::HiddenBy, Expr::value(Some(by)))
        .filter(contribution::Column::Id.eq(contribution_id))
        .filter(contribution::Column::RoundId.eq(round_id))
        .exec(txn)
        .await
        .op("triage::hide_in_round")?;
    if hidden.rows_affected == 0 {
        return Err(RoundError::NotFound);
    }
    super::tally::recount(txn, round_id).await?;
    crate::backend::search::indexing::index_contribution(txn, contribution_id).await?;
    super::maturity::refresh(txn, now, idea_id).await?;
    Ok(())
}

/// Sets (or clears) where the authors took the idea. Dropping it asks for
/// the lessons learned.
pub async fn set_outcome(
    ctx: &Ctx<'_>,
    idea_id: i64,
    outcome: Option<Outcome>,
    note: String,
) -> Result<(), RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let found = load_for_edit(&txn, me, idea_id).await?;
    if outcome == Some(Outcome::Dropped) && note.trim().is_empty() {
        return Err(RoundError::LessonsRequired);
    }
    // Whoever wrote on the idea hears of a new decision, not of an edit
    // of its lessons nor of a decision taken back.
    let decided = outcome.is_some() && outcome != found.outcome;
    let (idea_id, idea_author) = (found.id, found.author_id);
    let mut row: idea::ActiveModel = found.into();
    row.outcome = Set(outcome);
    row.outcome_note = Set(outcome.map(|_| note));
    row.update(&txn).await.op("triage::set_outcome")?;
    // The lessons are searched with the idea.
    crate::backend::search::indexing::index_idea(&txn, idea_id).await?;
    if decided {
        txn.record(Change::Decided {
            idea_id,
            idea_author,
        })
        .await?;
    }
    txn.commit().await.op("triage::set_outcome")?;
    Ok(())
}
