//! Contributing to a round: writing, editing and withdrawing while the
//! round is silent; endorsing and replying once it is revealed.

use super::access::{by_id, contribution as readable, RoundScope};
use super::error::{Action, Problem, Problems, RoundError};
use crate::backend::changes::{Change, RoundRef};
use crate::backend::clock::Clock;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, endorsement, reply};
use crate::backend::expertise;
use crate::backend::idempotency::{run_once, IdempotencyKey};
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::round_inputs::Draft;
use crate::domain::rounds::{ContributionKind, ContributionText, RoundStatus};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

/// What only the database can tell: the domain is the organisation's, the
/// mine answered is one of this idea's that the caller can read, and an
/// author answers rather than objects. Returns whether the caller holds the
/// domain.
pub(crate) async fn check(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    me: &CurrentUser,
    scope: &RoundScope,
    draft: &Draft,
) -> Result<bool, RoundError> {
    let mut problems = Problems::default();
    if scope.is_author() && !draft.kind.open_to_authors() {
        problems.add(Problem::AuthorsAnswer);
    }
    let mut holds = false;
    if let Some(domain) = draft.domain_id {
        let offered = expertise::offered(db, scope.idea.organisation_id).await?;
        if !offered.iter().any(|d| d.id == domain) {
            problems.add(Problem::DomainUnknown);
        }
        holds = expertise::held(db, me.id).await?.contains(&domain);
    }
    if let Some(mine_id) = draft.answers {
        let answered = readable(db, me, now, mine_id).await.ok();
        let is_mine_here = answered
            .is_some_and(|(c, m)| c.idea.id == scope.idea.id && m.kind == ContributionKind::Mine);
        if !is_mine_here {
            problems.add(Problem::AnswersNotAMine);
        }
    }
    problems.into_result()?;
    Ok(holds)
}

fn accepting_or_refuse(
    scope: &RoundScope,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), RoundError> {
    if scope.accepting(now) {
        Ok(())
    } else {
        Err(RoundError::NotAccepting)
    }
}

/// How a contribution was written in a workshop.
#[derive(Clone, Copy, Debug, Default)]
pub struct Marks {
    /// Under a role card: shown « casquette jouée », never covers a domain.
    pub under_card: bool,
    /// After the writing phase (« arrivée tardive »).
    pub late: bool,
}

/// Stores a checked contribution to the round of `scope`; returns its id.
/// The one place a contribution row is made, online or in a workshop.
pub(crate) async fn insert(
    txn: &impl ConnectionTrait,
    scope: &RoundScope,
    author_id: i64,
    draft: Draft,
    holds_domain: bool,
    marks: Marks,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, RoundError> {
    let created = contribution::ActiveModel {
        round_id: Set(scope.round.id),
        idea_id: Set(scope.idea.id),
        author_id: Set(author_id),
        kind: Set(draft.kind),
        domain_id: Set(draft.domain_id),
        severity: Set(draft.severity),
        body: Set(draft.body),
        link: Set(draft.link),
        answers_id: Set(draft.answers),
        // A hat worn in play never covers a domain.
        holds_domain: Set(holds_domain && !marks.under_card),
        under_card: Set(marks.under_card),
        late: Set(marks.late),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .op("contributing::insert")?;
    super::tally::recount(txn, scope.round.id).await?;
    crate::backend::search::indexing::index_contribution(txn, created.id).await?;
    Ok(created.id)
}

/// Writes a contribution while the round is silent; returns its id. The
/// same key twice writes once.
pub async fn contribute(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    round_id: i64,
    draft: Draft,
) -> Result<i64, RoundError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &format!("user:{}", me.id), key, move |txn| {
        Box::pin(async move {
            let scope = by_id(txn, &me, round_id).await?;
            accepting_or_refuse(&scope, now)?;
            let holds = check(txn, now, &me, &scope, &draft).await?;
            insert(txn, &scope, me.id, draft, holds, Marks::default(), now).await
        })
    })
    .await
}

/// The caller's own contribution, while its round is silent.
async fn own_while_silent(
    txn: &impl ConnectionTrait,
    clock: &dyn Clock,
    me: &CurrentUser,
    contribution_id: i64,
) -> Result<(RoundScope, contribution::Model), RoundError> {
    let (scope, found) = readable(txn, me, clock.now(), contribution_id).await?;
    if found.author_id != me.id {
        return Err(RoundError::Forbidden);
    }
    accepting_or_refuse(&scope, clock.now())?;
    Ok((scope, found))
}

/// Rewrites one's own contribution before the reveal.
pub async fn edit(ctx: &Ctx<'_>, contribution_id: i64, draft: Draft) -> Result<(), RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let (scope, found) = own_while_silent(&txn, ctx.clock, me, contribution_id).await?;
    let holds = check(&txn, ctx.now(), me, &scope, &draft).await?;
    let found_under_card = found.under_card;
    let mut row: contribution::ActiveModel = found.into();
    row.kind = Set(draft.kind);
    row.domain_id = Set(draft.domain_id);
    row.severity = Set(draft.severity);
    row.body = Set(draft.body);
    row.link = Set(draft.link);
    row.answers_id = Set(draft.answers);
    // Written under a role card, it stays a role played, whatever its new
    // domain: it never covers one.
    row.holds_domain = Set(holds && !found_under_card);
    row.updated_at = Set(ctx.now());
    row.update(&txn).await.op("contributing::edit")?;
    crate::backend::search::indexing::index_contribution(&txn, contribution_id).await?;
    txn.commit().await.op("contributing::edit")?;
    Ok(())
}

/// Withdraws one's own contribution before the reveal: nobody saw it, so
/// it goes entirely.
pub async fn withdraw(ctx: &Ctx<'_>, contribution_id: i64) -> Result<i64, RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let (scope, _) = own_while_silent(&txn, ctx.clock, me, contribution_id).await?;
    contribution::Entity::delete_by_id(contribution_id)
        .exec(&txn)
        .await
        .op("contributing::withdraw")?;
    super::tally::recount(&txn, scope.round.id).await?;
    crate::backend::search::indexing::index_contribution(&txn, contribution_id).await?;
    txn.commit().await.op("contributing::withdraw")?;
    Ok(scope.idea.id)
}

/// A contribution of a revealed round, not hidden.
async fn revealed_of_other(
    txn: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    me: &CurrentUser,
    contribution_id: i64,
) -> Result<(RoundScope, contribution::Model), RoundError> {
    let (scope, found) = readable(txn, me, now, contribution_id).await?;
    if !scope.revealed(now) {
        return Err(RoundError::NotRevealedYet(Action::Respond));
    }
    if found.hidden_reason.is_some() {
        return Err(RoundError::Hidden(Action::Respond));
    }
    Ok((scope, found))
}

/// "Moi aussi": once per person, never on one's own contribution.
pub async fn endorse(ctx: &Ctx<'_>, contribution_id: i64) -> Result<i64, RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let (scope, found) = revealed_of_other(&txn, ctx.now(), me, contribution_id).await?;
    if found.author_id == me.id {
        return Err(RoundError::OwnContribution);
    }
    let inserted = endorsement::Entity::insert(endorsement::ActiveModel {
        contribution_id: Set(contribution_id),
        user_id: Set(me.id),
        created_at: Set(ctx.now()),
    })
    .on_conflict(
        OnConflict::columns([
            endorsement::Column::ContributionId,
            endorsement::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await
    .op("contributing::endorse")?;
    if inserted == 0 {
        return Err(RoundError::AlreadyEndorsed);
    }
    txn.commit().await.op("contributing::endorse")?;
    Ok(scope.idea.id)
}

/// Replies under a revealed contribution; the same key twice replies once.
pub async fn reply(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    contribution_id: i64,
    text: ContributionText,
) -> Result<i64, RoundError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &format!("user:{}", me.id), key, move |txn| {
        Box::pin(async move {
            let (scope, _) = revealed_of_other(txn, now, &me, contribution_id).await?;
            reply::ActiveModel {
                contribution_id: Set(contribution_id),
                idea_id: Set(scope.idea.id),
                author_id: Set(me.id),
                body: Set(text.as_str().to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await
            .op("contributing::reply")?;
            Ok(scope.idea.id)
        })
    })
    .await
}

/// Proposes a workaround to a revealed mine of an open round, whoever wrote
/// the mine; returns the idea's id. The same key twice proposes once.
pub async fn propose_workaround(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    mine_id: i64,
    text: ContributionText,
) -> Result<i64, RoundError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &format!("user:{}", me.id), key, move |txn| {
        Box::pin(async move {
            let (scope, mine) = revealed_of_other(txn, now, &me, mine_id).await?;
            if mine.kind != ContributionKind::Mine {
                return Err(RoundError::NotAMine(Action::Respond));
            }
            if scope.status() != RoundStatus::Open {
                return Err(RoundError::NotOpen(Some(Action::Respond)));
            }
            // A running workshop hears of it (its row first: one lock order).
            let round = RoundRef::of(&scope.round, &scope.idea);
            txn.record(Change::Proposed { round }).await?;
            let draft = Draft {
                kind: ContributionKind::Workaround,
                domain_id: None,
                severity: None,
                body: text.as_str().to_owned(),
                link: None,
                answers: Some(mine_id),
            };
            insert(txn, &scope, me.id, draft, false, Marks::default(), now).await?;
            Ok(scope.idea.id)
        })
    })
    .await
}
