//! A contribution's own page, and what other pages need of an idea's
//! contributions: the workarounds a triage may name, the mines a workaround
//! may answer, and what a person's démining added up to.

use super::access::{can_moderate, contribution as readable, RoundScope};
use super::error::RoundError;
use super::maturity::facts;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, reply, round};
use crate::backend::ideas::reading::{day, names};
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::round_views::{ContributionPage, Recognition, ReplyView};
use crate::domain::rounds::{is_revealed, ContributionKind, RoundStatus, TriageKind};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

use super::contribution_views::{contribution_view, domains, reactions};

/// The idea's rounds whose contributions everyone may read by `now`.
async fn revealed_rounds(
    db: &impl ConnectionTrait,
    idea_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, RoundError> {
    let (rounds, _) = facts(db, idea_id, now).await?;
    Ok(rounds
        .iter()
        .filter(|r| super::access::revealed(r, now))
        .map(|r| r.id)
        .collect())
}

/// The revealed, unhidden workarounds of an idea, for the triage form.
async fn workarounds(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idea_id: i64,
) -> Result<Vec<(i64, String)>, RoundError> {
    let revealed = revealed_rounds(db, idea_id, now).await?;
    Ok(contribution::Entity::find()
        .filter(contribution::Column::RoundId.is_in(revealed))
        .filter(contribution::Column::Kind.eq(ContributionKind::Workaround))
        .filter(contribution::Column::HiddenReason.is_null())
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .op("contribution_page::workarounds")?
        .into_iter()
        .map(|w| (w.id, w.body.chars().take(80).collect()))
        .collect())
}

/// A contribution's page: the contribution, its replies, and what the
/// caller may do with it. Someone else's unrevealed contribution is "not
/// found".
pub async fn contribution_page(
    ctx: &Ctx<'_>,
    contribution_id: i64,
) -> Result<ContributionPage, RoundError> {
    let (db, now, me) = (ctx.db, ctx.now(), ctx.member()?);
    let (scope, found): (RoundScope, contribution::Model) =
        readable(db, me, now, contribution_id).await?;
    let revealed = scope.revealed(now);
    let replies = reply::Entity::find()
        .filter(reply::Column::ContributionId.eq(contribution_id))
        .order_by_asc(reply::Column::Id)
        .all(db)
        .await
        .op("contribution_page::contribution_page")?;
    let writers: Vec<i64> = replies
        .iter()
        .map(|r| r.author_id)
        .chain(std::iter::once(found.author_id))
        .collect();
    let people = names(db, writers).await?;
    let guests = crate::backend::workshops::joining::guests_among(db, people.keys()).await?;
    let (domain_names, offered) = domains(db, scope.idea.organisation_id).await?;
    let reactions = reactions(db, me, &[found.id]).await?;
    let accepting = scope.accepting(now);
    let mut contribution = contribution_view(
        &found,
        scope.round.number,
        (&people, &guests),
        &domain_names,
        &reactions,
        me,
        accepting,
    )
    .ok_or(RoundError::NotFound)?;
    super::links::read(db, me, now, scope.idea.id, std::slice::from_ref(&found))
        .await?
        .apply(&mut contribution);
    let is_author = scope.is_author();
    let may_propose = revealed
        && scope.status() == RoundStatus::Open
        && found.kind == ContributionKind::Mine
        && found.hidden_reason.is_none();
    let mines = if contribution.editable {
        readable_mines(db, me, now, scope.idea.id).await?
    } else {
        Vec::new()
    };
    Ok(ContributionPage {
        idea_id: scope.idea.id,
        idea_title: scope.idea.title.clone(),
        replies: replies
            .into_iter()
            .map(|r| ReplyView {
                author: people.get(&r.author_id).cloned().unwrap_or_default(),
                text: r.body,
                created: day(r.created_at),
            })
            .collect(),
        round_open: scope.status() == RoundStatus::Open,
        revealed,
        is_author,
        can_moderate: can_moderate(me),
        workarounds: if is_author && revealed {
            workarounds(db, now, scope.idea.id).await?
        } else {
            Vec::new()
        },
        mines,
        may_propose,
        contribution,
        domains: offered,
        request_id: uuid::Uuid::new_v4().to_string(),
    })
}

/// The mines of an idea a person may read (revealed, or their own), not
/// hidden: what a workaround may answer.
pub async fn readable_mines(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    now: DateTime<Utc>,
    idea_id: i64,
) -> Result<Vec<(i64, String)>, RoundError> {
    let revealed = revealed_rounds(db, idea_id, now).await?;
    Ok(contribution::Entity::find()
        .filter(contribution::Column::IdeaId.eq(idea_id))
        .filter(contribution::Column::Kind.eq(ContributionKind::Mine))
        .filter(contribution::Column::HiddenReason.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(contribution::Column::RoundId.is_in(revealed))
                .add(contribution::Column::AuthorId.eq(me.id)),
        )
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .op("contribution_page::readable_mines")?
        .into_iter()
        .map(|m| (m.id, super::links::excerpt(&m.body)))
        .collect())
}

/// What the caller's démining added up to, for their profile.
pub async fn recognition(ctx: &Ctx<'_>) -> Result<Recognition, RoundError> {
    recognition_of(ctx.db, ctx.now(), ctx.member()?.id).await
}

/// What a person's démining added up to, for their profile and their page
/// in the directory: revealed, unhidden contributions only (a silent one
/// is nobody's business yet); counts, no comparison with anyone.
pub async fn recognition_of(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: i64,
) -> Result<Recognition, RoundError> {
    let theirs = contribution::Entity::find()
        .filter(contribution::Column::AuthorId.eq(user_id))
        .filter(contribution::Column::HiddenReason.is_null())
        .all(db)
        .await
        .op("contribution_page::recognition")?;
    let round_ids: Vec<i64> = theirs.iter().map(|c| c.round_id).collect();
    let rounds: HashMap<i64, round::Model> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .all(db)
        .await
        .op("contribution_page::recognition")?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let revealed: Vec<&contribution::Model> = theirs
        .iter()
        .filter(|c| {
            rounds
                .get(&c.round_id)
                .is_some_and(|r| is_revealed(r.status, r.revealed_at, r.deadline, now))
        })
        .collect();
    let of_kind = |kind: ContributionKind| revealed.iter().filter(move |c| c.kind == kind);
    // A workaround is adopted when an author defused a (visible) mine with
    // it; once, however many mines it defused.
    let ids: Vec<i64> = of_kind(ContributionKind::Workaround)
        .map(|c| c.id)
        .collect();
    let adopted = if ids.is_empty() {
        0
    } else {
        contribution::Entity::find()
            .select_only()
            .column(contribution::Column::TriageWorkaroundId)
            .distinct()
            .filter(contribution::Column::TriageWorkaroundId.is_in(ids))
            .filter(contribution::Column::Triage.eq(TriageKind::Defused))
            .filter(contribution::Column::HiddenReason.is_null())
            .into_tuple::<Option<i64>>()
            .all(db)
            .await
            .op("contribution_page::recognition")?
            .len() as u32
    };
    // A duplicate grouped under another card is answered with that card.
    let heads: Vec<i64> = of_kind(ContributionKind::Mine)
        .filter_map(|c| c.grouped_under)
        .collect();
    let defused_heads: Vec<i64> = if heads.is_empty() {
        Vec::new()
    } else {
        contribution::Entity::find()
            .select_only()
            .column(contribution::Column::Id)
            .filter(contribution::Column::Id.is_in(heads))
            .filter(contribution::Column::Triage.eq(TriageKind::Defused))
            .into_tuple()
            .all(db)
            .await
            .op("contribution_page::recognition")?
    };
    let defused = |c: &&&contribution::Model| match c.grouped_under {
        Some(head) => defused_heads.contains(&head),
        None => c.triage == Some(TriageKind::Defused),
    };
    let mut taken_part: Vec<i64> = revealed.iter().map(|c| c.round_id).collect();
    taken_part.sort_unstable();
    taken_part.dedup();
    Ok(Recognition {
        mines_caught: of_kind(ContributionKind::Mine).count() as u32,
        mines_defused: of_kind(ContributionKind::Mine).filter(defused).count() as u32,
        workarounds_adopted: adopted,
        help_offered: of_kind(ContributionKind::HelpOffer).count() as u32,
        rounds_taken_part: taken_part.len() as u32,
    })
}
