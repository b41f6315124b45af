//! « Mon bureau »: what waits for the person signed in, read in a few
//! small queries (each bounded by what concerns them).

use crate::backend::ctx::Ctx;
use crate::backend::entities::{
    contribution, expertise_domain, idea, idea_coauthor, notification, round, round_domain,
    round_invitee, user_domain, workshop,
};
use crate::backend::rounds::counts::untriaged_in_round;
use crate::backend::rounds::error::RoundError;
use crate::backend::store::{Op, StoreError};
use crate::domain::desk::{Desk, DeskCall, DeskIdea, DeskWorkshop};
use crate::domain::ideas::{CoauthorStatus, IdeaStatus};
use crate::domain::rounds::{is_revealed, RoundStatus};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::HashMap;

/// How many unread notifications the desk lists.
pub const UNREAD_SHOWN: u64 = 5;

pub async fn read(ctx: &Ctx<'_>) -> Result<Desk, RoundError> {
    let me = ctx.member()?.clone();
    let db = ctx.db;
    let now = ctx.now();
    let mine = my_ideas(db, me.id).await?;
    let own_ideas: Vec<i64> = mine.iter().map(|i| i.id).collect();
    let mut to_triage = Vec::new();
    let mut drafts = Vec::new();
    for found in &mine {
        match found.status {
            IdeaStatus::Draft => drafts.push(DeskIdea {
                idea_id: found.id,
                title: found.title.clone(),
                count: 0,
            }),
            IdeaStatus::Published => {
                let untriaged = untriaged_on(db, found.id, now).await?;
                if untriaged > 0 {
                    to_triage.push(DeskIdea {
                        idea_id: found.id,
                        title: found.title.clone(),
                        count: untriaged,
                    });
                }
            }
        }
    }
    let unread_rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::ReadAt.is_null())
        .order_by_desc(notification::Column::Id)
        .limit(UNREAD_SHOWN)
        .all(db)
        .await
        .op("desk: unread")?;
    Ok(Desk {
        calls: calls(db, me.id, &own_ideas, now).await?,
        to_triage,
        drafts,
        coauthor_invitations: coauthor_invitations(db, me.id).await?,
        workshops: workshops(db, me.organisation_id).await?,
        unread: crate::backend::notifications::views(db, unread_rows).await?,
        unread_count: crate::backend::notifications::unread_count(db, me.id).await? as u32,
    })
}

/// The ideas the person writes: theirs, and those they co-author.
async fn my_ideas(db: &impl ConnectionTrait, me: i64) -> Result<Vec<idea::Model>, StoreError> {
    let coauthored: Vec<i64> = idea_coauthor::Entity::find()
        .filter(idea_coauthor::Column::UserId.eq(me))
        .filter(idea_coauthor::Column::Status.eq(CoauthorStatus::Accepted))
        .select_only()
        .column(idea_coauthor::Column::IdeaId)
        .into_tuple()
        .all(db)
        .await
        .op("desk: co-authored")?;
    idea::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(idea::Column::AuthorId.eq(me))
                .add(idea::Column::Id.is_in(coauthored)),
        )
        .order_by_desc(idea::Column::UpdatedAt)
        .all(db)
        .await
        .op("desk: my ideas")
}

/// Mines waiting for an answer in the idea's revealed open rounds.
async fn untriaged_on(
    db: &impl ConnectionTrait,
    idea_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u32, StoreError> {
    let rounds = round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .filter(round::Column::Status.eq(RoundStatus::Open))
        .all(db)
        .await
        .op("desk: rounds of my idea")?;
    let mut count = 0;
    for found in rounds {
        if is_revealed(found.status, found.revealed_at, found.deadline, now) {
            count += untriaged_in_round(db, found.id).await? as u32;
        }
    }
    Ok(count)
}

/// Which rounds ask the person, and for which domain: by name or as a
/// holder when the round was opened, and those calling a domain they took
/// on since (the round asked its holders then). Their own ideas' rounds
/// aside: an author answers, never de-mines.
async fn asking(
    db: &impl ConnectionTrait,
    me: i64,
    own_ideas: &[i64],
) -> Result<Vec<(i64, Option<i64>)>, StoreError> {
    let mut asked: Vec<(i64, Option<i64>)> = round_invitee::Entity::find()
        .filter(round_invitee::Column::UserId.eq(me))
        .select_only()
        .column(round_invitee::Column::RoundId)
        .column(round_invitee::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .op("desk: asked")?;
    let held: Vec<i64> = user_domain::Entity::find()
        .filter(user_domain::Column::UserId.eq(me))
        .select_only()
        .column(user_domain::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .op("desk: domains held")?;
    // Open rounds only: a domain's history of calls is no business here.
    let open_rounds = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(round::Column::Status.eq(RoundStatus::Open))
        .into_query();
    let called: Vec<(i64, i64)> = round_domain::Entity::find()
        .filter(round_domain::Column::DomainId.is_in(held))
        .filter(round_domain::Column::RoundId.in_subquery(open_rounds))
        .select_only()
        .column(round_domain::Column::RoundId)
        .column(round_domain::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .op("desk: rounds calling")?;
    for (round_id, domain_id) in called {
        if !asked.iter().any(|(r, _)| *r == round_id) {
            asked.push((round_id, Some(domain_id)));
        }
    }
    let own_rounds: Vec<i64> = round::Entity::find()
        .filter(round::Column::IdeaId.is_in(own_ideas.iter().copied()))
        .select_only()
        .column(round::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("desk: own rounds")?;
    asked.retain(|(r, _)| !own_rounds.contains(r));
    Ok(asked)
}

/// Open rounds asking the person, still silent (before their reveal),
/// soonest deadline first.
async fn calls(
    db: &impl ConnectionTrait,
    me: i64,
    own_ideas: &[i64],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<DeskCall>, StoreError> {
    let asked = asking(db, me, own_ideas).await?;
    let round_ids: Vec<i64> = asked.iter().map(|(r, _)| *r).collect();
    let rounds: Vec<round::Model> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .filter(round::Column::Status.eq(RoundStatus::Open))
        .all(db)
        .await
        .op("desk: rounds asking")?
        .into_iter()
        .filter(|r| !is_revealed(r.status, r.revealed_at, r.deadline, now))
        .collect();
    let titles =
        crate::backend::ideas::reading::titles(db, rounds.iter().map(|r| r.idea_id).collect())
            .await?;
    let domain_ids: Vec<i64> = asked.iter().filter_map(|(_, d)| *d).collect();
    let domains: HashMap<i64, String> = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::Id.is_in(domain_ids))
        .all(db)
        .await
        .op("desk: domains")?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let mut out = Vec::new();
    for found in rounds {
        let Some(title) = titles.get(&found.idea_id) else {
            continue;
        };
        let answered = contribution::Entity::find()
            .filter(contribution::Column::RoundId.eq(found.id))
            .filter(contribution::Column::AuthorId.eq(me))
            .count(db)
            .await
            .op("desk: answered")?
            > 0;
        let domain = asked
            .iter()
            .find(|(r, _)| *r == found.id)
            .and_then(|(_, d)| *d)
            .and_then(|d| domains.get(&d).cloned());
        out.push((
            found.deadline,
            DeskCall {
                idea_id: found.idea_id,
                idea_title: title.clone(),
                round_number: found.number,
                domain,
                deadline: found.deadline.map(crate::domain::paris_time::show),
                answered,
            },
        ));
    }
    // Soonest first; rounds without a deadline (workshops) after.
    out.sort_by_key(|(deadline, _)| (deadline.is_none(), *deadline));
    Ok(out.into_iter().map(|(_, call)| call).collect())
}

async fn coauthor_invitations(
    db: &impl ConnectionTrait,
    me: i64,
) -> Result<Vec<DeskIdea>, StoreError> {
    let invited: Vec<i64> = idea_coauthor::Entity::find()
        .filter(idea_coauthor::Column::UserId.eq(me))
        .filter(idea_coauthor::Column::Status.eq(CoauthorStatus::Invited))
        .select_only()
        .column(idea_coauthor::Column::IdeaId)
        .into_tuple()
        .all(db)
        .await
        .op("desk: invitations")?;
    let titles = crate::backend::ideas::reading::titles(db, invited.clone()).await?;
    Ok(invited
        .into_iter()
        .filter_map(|id| {
            titles.get(&id).map(|title| DeskIdea {
                idea_id: id,
                title: title.clone(),
                count: 0,
            })
        })
        .collect())
}

/// Workshops of the organisation under way.
async fn workshops(
    db: &impl ConnectionTrait,
    organisation: i64,
) -> Result<Vec<DeskWorkshop>, StoreError> {
    let running = workshop::Entity::find()
        .filter(workshop::Column::OrganisationId.eq(organisation))
        .filter(workshop::Column::EndedAt.is_null())
        .order_by_desc(workshop::Column::StartedAt)
        .all(db)
        .await
        .op("desk: workshops")?;
    let titles =
        crate::backend::ideas::reading::titles(db, running.iter().map(|w| w.idea_id).collect())
            .await?;
    Ok(running
        .into_iter()
        .filter_map(|w| {
            titles.get(&w.idea_id).map(|title| DeskWorkshop {
                workshop_id: w.id,
                idea_title: title.clone(),
                joining_open: w.joining_open,
                code: w.code.clone().filter(|_| w.joining_open),
            })
        })
        .collect())
}
