//! Opening a round and asking people: by name, or by calling a domain.

use super::access::{by_id, RoundScope};
use super::error::{Problem, Problems, RoundError};
use super::people::authors_of;
use crate::backend::changes::{Change, RoundRef};
use crate::backend::ctx::{Ctx, Write};
use crate::backend::entities::{idea, round, round_domain, round_invitee, user, user_domain};
use crate::backend::ideas::access::load_for_edit;
use crate::backend::ideas::search::fold;
use crate::backend::idempotency::{run_once, IdempotencyKey};
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::{CurrentUser, MemberStatus};
use crate::domain::ideas::IdeaStatus;
use crate::domain::round_inputs::RoundOpening;
use crate::domain::rounds::{RoundMode, RoundStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};

/// The longest a round may run.
pub const MAX_DAYS: i64 = 180;

/// Checks a deadline against the clock.
pub(super) fn check_deadline(
    deadline: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    problems: &mut Problems,
) -> Option<DateTime<Utc>> {
    match deadline {
        None => problems.add(Problem::DeadlineMissing),
        Some(d) if d <= now => problems.add(Problem::DeadlinePast),
        Some(d) if d > now + Duration::days(MAX_DAYS) => problems.add(Problem::DeadlineTooFar),
        Some(d) => return Some(d),
    }
    None
}

/// The active colleagues named (by display name, case and accents aside,
/// or by e-mail); an unknown name, or one two people share, is a problem.
async fn resolve_names(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    names: &[String],
    problems: &mut Problems,
) -> Result<Vec<i64>, RoundError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let people = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(me.organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .all(db)
        .await
        .op("opening::resolve_names")?;
    let mut ids = Vec::new();
    for name in names {
        // An address names its person first: nobody can take another's
        // address as their name to stand in the way. Then "chloe durand"
        // names Chloé Durand: the directory's names are typed as they come.
        let address = name.trim().to_lowercase();
        let wanted = fold(name.trim());
        let by_address: Vec<_> = people
            .iter()
            .filter(|p| p.email.to_lowercase() == address)
            .collect();
        let mut named = if by_address.is_empty() {
            people
                .iter()
                .filter(|p| fold(&p.display_name) == wanted)
                .collect::<Vec<_>>()
        } else {
            by_address
        }
        .into_iter();
        match (named.next(), named.next()) {
            (Some(p), None) => ids.push(p.id),
            (Some(_), Some(_)) => {
                problems.add(Problem::ColleagueAmbiguous);
                break;
            }
            (None, _) => {
                problems.add(Problem::ColleagueUnknown);
                break;
            }
        }
    }
    Ok(ids)
}

/// Every active person of the organisation who holds the domain.
async fn holders(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    domain_id: i64,
) -> Result<Vec<i64>, StoreError> {
    let ids: Vec<i64> = user_domain::Entity::find()
        .filter(user_domain::Column::DomainId.eq(domain_id))
        .select_only()
        .column(user_domain::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .op("opening::holders")?;
    if ids.is_empty() {
        return Ok(ids);
    }
    user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .select_only()
        .column(user::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("opening::holders")
}

/// Asks people to take part: records them once and notifies those newly
/// asked. Authors are never asked to de-mine their own idea.
async fn ask(
    txn: &Write<'_>,
    now: DateTime<Utc>,
    scope: &RoundScope,
    people: &[i64],
    domain_id: Option<i64>,
) -> Result<u32, RoundError> {
    let authors = authors_of(txn, &scope.idea).await?;
    let already: Vec<i64> = round_invitee::Entity::find()
        .filter(round_invitee::Column::RoundId.eq(scope.round.id))
        .select_only()
        .column(round_invitee::Column::UserId)
        .into_tuple()
        .all(txn)
        .await
        .op("opening::ask")?;
    let mut new: Vec<i64> = people
        .iter()
        .copied()
        .filter(|p| !authors.contains(p) && !already.contains(p))
        .collect();
    new.sort_unstable();
    new.dedup();
    if new.is_empty() {
        return Ok(0);
    }
    round_invitee::Entity::insert_many(new.iter().map(|&user_id| round_invitee::ActiveModel {
        round_id: Set(scope.round.id),
        user_id: Set(user_id),
        domain_id: Set(domain_id),
        invited_at: Set(now),
    }))
    .exec_without_returning(txn)
    .await
    .op("opening::ask")?;
    let count = new.len() as u32;
    let round = RoundRef::of(&scope.round, &scope.idea);
    txn.record(Change::Asked {
        round,
        domain: domain_id,
        people: new,
    })
    .await?;
    Ok(count)
}

/// Adds a wanted domain to the round and asks everyone who holds it.
async fn call(
    txn: &Write<'_>,
    now: DateTime<Utc>,
    scope: &RoundScope,
    domain_id: i64,
) -> Result<u32, RoundError> {
    round_domain::Entity::insert(round_domain::ActiveModel {
        round_id: Set(scope.round.id),
        domain_id: Set(domain_id),
    })
    .on_conflict(
        OnConflict::columns([
            round_domain::Column::RoundId,
            round_domain::Column::DomainId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await
    .op("opening::call")?;
    let people = holders(txn, scope.idea.organisation_id, domain_id).await?;
    ask(txn, now, scope, &people, Some(domain_id)).await
}

/// Whether the organisation offers this domain now.
async fn offered(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    domain_id: i64,
) -> Result<bool, RoundError> {
    Ok(crate::backend::expertise::offered(db, organisation_id)
        .await?
        .iter()
        .any(|d| d.id == domain_id))
}

/// Opens a round on the idea's current version; returns its number. One
/// round open per idea; the same key twice opens one round.
pub async fn open(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    idea_id: i64,
    ask_for: RoundOpening,
) -> Result<i32, RoundError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &format!("user:{}", me.id), key, move |txn| {
        Box::pin(async move {
            let found = load_for_edit(txn, &me, idea_id).await?;
            let mut problems = Problems::default();
            if found.status != IdeaStatus::Published {
                return Err(RoundError::IdeaNotPublished);
            }
            if found.open_round.is_some() {
                return Err(RoundError::AlreadyOpen);
            }
            let deadline = match ask_for.mode {
                RoundMode::Async => check_deadline(ask_for.deadline, now, &mut problems),
                RoundMode::Live => None,
            };
            for domain in &ask_for.domains {
                if !offered(txn, me.organisation_id, *domain).await? {
                    problems.add(Problem::DomainsUnknown);
                    break;
                }
            }
            let named = resolve_names(txn, &me, &ask_for.names, &mut problems).await?;
            problems.into_result()?;
            let number = super::counts::round_count(txn, idea_id).await? + 1;
            // Claim the idea's open round: of two openings at once, the
            // second matches nothing and is refused.
            let claimed = idea::Entity::update_many()
                .col_expr(idea::Column::OpenRound, Expr::value(Some(number)))
                .filter(idea::Column::Id.eq(idea_id))
                .filter(idea::Column::OpenRound.is_null())
                .exec(txn)
                .await
                .op("opening::open")?;
            if claimed.rows_affected == 0 {
                return Err(RoundError::AlreadyOpen);
            }
            let created = round::ActiveModel {
                idea_id: Set(idea_id),
                number: Set(number),
                version: Set(found.current_version),
                focus: Set(ask_for.focus.as_str().to_owned()),
                mode: Set(ask_for.mode),
                status: Set(RoundStatus::Open),
                deadline: Set(deadline),
                revealed_at: Set(None),
                opened_by: Set(me.id),
                opened_at: Set(now),
                ended_at: Set(None),
                synthesis: Set(String::new()),
                next_step: Set(String::new()),
                ..Default::default()
            }
            .insert(txn)
            .await
            .op("opening::open")?;
            let scope = RoundScope {
                idea: found,
                standing: crate::backend::ideas::Standing::Author,
                round: created,
            };
            ask(txn, now, &scope, &named, None).await?;
            for domain in ask_for.domains {
                call(txn, now, &scope, domain).await?;
            }
            Ok(number)
        })
    })
    .await
}

/// The round, if the caller is an author of its idea and it is still open.
pub(super) async fn open_for_author(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    round_id: i64,
) -> Result<RoundScope, RoundError> {
    let scope = by_id(db, me, round_id).await?;
    if !scope.is_author() {
        return Err(RoundError::Forbidden);
    }
    if scope.status() != RoundStatus::Open {
        return Err(RoundError::NotOpen(None));
    }
    Ok(scope)
}

/// Calls a domain of the organisation on an open round that still accepts
/// contributions; returns how many people were newly asked.
pub async fn call_domain(ctx: &Ctx<'_>, round_id: i64, domain_id: i64) -> Result<u32, RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let scope = open_for_author(&txn, me, round_id).await?;
    if !scope.accepting(ctx.now()) {
        return Err(RoundError::NotAccepting);
    }
    if !offered(&txn, me.organisation_id, domain_id).await? {
        return Err(RoundError::Invalid(vec![Problem::DomainUnknown]));
    }
    let count = call(&txn, ctx.now(), &scope, domain_id).await?;
    txn.commit().await.op("opening::call_domain")?;
    Ok(count)
}

/// Asks colleagues by name on an open round that still accepts
/// contributions; returns how many were newly asked.
pub async fn invite(ctx: &Ctx<'_>, round_id: i64, names: &[String]) -> Result<u32, RoundError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let scope = open_for_author(&txn, me, round_id).await?;
    if !scope.accepting(ctx.now()) {
        return Err(RoundError::NotAccepting);
    }
    let mut problems = Problems::default();
    if names.is_empty() {
        problems.add(Problem::InviteesMissing);
    }
    let people = resolve_names(&txn, me, names, &mut problems).await?;
    problems.into_result()?;
    let count = ask(&txn, ctx.now(), &scope, &people, None).await?;
    txn.commit().await.op("opening::invite")?;
    Ok(count)
}
