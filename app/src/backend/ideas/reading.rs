//! The idea page and the comparison of two versions.

use super::access::{load, Standing};
use super::error::IdeaError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{idea_coauthor, idea_version, user};
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::{CurrentUser, MemberStatus};
use crate::domain::idea_views::{IdeaView, PersonRef, VersionComparison, VersionInfo};
use crate::domain::ideas::{CoauthorStatus, IdeaContent};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// A day as people read it, in Paris: `29/11/2026` (23:30 UTC on the 28th
/// is already the 29th in France).
pub fn day(at: DateTime<Utc>) -> String {
    crate::domain::paris_time::day(at)
}

/// A stored version's text.
pub fn content_of(version: &idea_version::Model) -> IdeaContent {
    IdeaContent {
        title: version.title.clone(),
        problem: version.problem.clone(),
        proposal: version.proposal.clone(),
        beneficiaries: version.beneficiaries.clone(),
        help_sought: version.help_sought.clone(),
        tags: version
            .tags
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}

/// Display names by id.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, StoreError> {
    Ok(users_by_id(db, ids)
        .await?
        .into_iter()
        .map(|(id, u)| (id, u.display_name))
        .collect())
}

/// The people `ids` name, by id (one query; none for no id).
pub async fn users_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, user::Model>, StoreError> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await
        .op("users by id: find user")?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

fn person(names: &HashMap<i64, String>, id: i64) -> PersonRef {
    PersonRef {
        id,
        name: names.get(&id).cloned().unwrap_or_default(),
    }
}

/// The idea page as the caller may see it.
pub async fn view(ctx: &Ctx<'_>, idea_id: i64) -> Result<IdeaView, IdeaError> {
    let me = ctx.member()?;
    // One connection (one transaction) for the page's reads.
    let txn = ctx.read().await?;
    let db = &txn;
    let (found, standing) = load(db, me, idea_id).await?;
    let versions = idea_version::Entity::find()
        .filter(idea_version::Column::IdeaId.eq(idea_id))
        .order_by_desc(idea_version::Column::Number)
        .all(db)
        .await
        .op("view: find idea_version")?;
    let current = versions
        .iter()
        .find(|v| v.number == found.current_version)
        .ok_or(IdeaError::NotFound)?;
    let coauthors = idea_coauthor::Entity::find()
        .filter(idea_coauthor::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_coauthor::Column::CreatedAt)
        .all(db)
        .await
        .op("view: find idea_coauthor")?;
    let names = names(
        db,
        versions
            .iter()
            .map(|v| v.author_id)
            .chain(coauthors.iter().map(|c| c.user_id))
            .chain([found.author_id]),
    )
    .await?;
    let candidates = if standing.can_edit() {
        candidates(db, me, found.author_id, &coauthors).await?
    } else {
        Vec::new()
    };
    txn.commit().await.op("view: end read")?;
    let (accepted, invited): (Vec<_>, Vec<_>) = coauthors
        .iter()
        .partition(|c| c.status == CoauthorStatus::Accepted);
    Ok(IdeaView {
        id: found.id,
        status: found.status,
        content: content_of(current),
        version: found.current_version,
        revision: found.revision,
        author: person(&names, found.author_id),
        coauthors: accepted.iter().map(|c| person(&names, c.user_id)).collect(),
        invited: invited.iter().map(|c| person(&names, c.user_id)).collect(),
        versions: versions
            .iter()
            .map(|v| VersionInfo {
                number: v.number,
                author: names.get(&v.author_id).cloned().unwrap_or_default(),
                date: day(v.created_at),
            })
            .collect(),
        created: day(found.created_at),
        can_edit: standing.can_edit(),
        invites_viewer: standing == Standing::Invited,
        candidates,
    })
}

/// Active colleagues who are neither the author nor already asked, each
/// named with their service as the directory shows it (two people may
/// share a name).
async fn candidates(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    author_id: i64,
    coauthors: &[idea_coauthor::Model],
) -> Result<Vec<PersonRef>, IdeaError> {
    let people = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(me.organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await
        .op("candidates: find user")?;
    Ok(people
        .into_iter()
        .filter(|p| p.id != author_id && !coauthors.iter().any(|c| c.user_id == p.id))
        .map(|p| PersonRef {
            id: p.id,
            name: match p.service.trim() {
                "" => p.display_name,
                service => format!("{} — {service}", p.display_name),
            },
        })
        .collect())
}

/// Two versions of an idea the caller may see, compared word by word.
pub async fn compare(
    ctx: &Ctx<'_>,
    idea_id: i64,
    from: i32,
    to: i32,
) -> Result<VersionComparison, IdeaError> {
    let (db, me) = (ctx.db, ctx.member()?);
    let (found, _) = load(db, me, idea_id).await?;
    let versions = idea_version::Entity::find()
        .filter(idea_version::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_version::Column::Number)
        .all(db)
        .await
        .op("compare: find idea_version")?;
    let pick = |n: i32| {
        versions
            .iter()
            .find(|v| v.number == n)
            .ok_or(IdeaError::NotFound)
    };
    let (old, new) = (content_of(pick(from)?), content_of(pick(to)?));
    Ok(VersionComparison {
        idea_id,
        title: found.title,
        from,
        to,
        versions: versions.iter().map(|v| v.number).collect(),
        fields: super::diff::fields(&old, &new),
    })
}

/// The titles of ideas by id (what lists of notifications and the desk
/// name them by); an id that names nothing is absent.
pub async fn titles(
    db: &impl sea_orm::ConnectionTrait,
    ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, String>, crate::backend::store::StoreError> {
    use crate::backend::entities::idea;
    use crate::backend::store::Op;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    Ok(idea::Entity::find()
        .filter(idea::Column::Id.is_in(ids))
        .select_only()
        .column(idea::Column::Id)
        .column(idea::Column::Title)
        .into_tuple()
        .all(db)
        .await
        .op("ideas::titles")?
        .into_iter()
        .collect())
}
