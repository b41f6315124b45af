//! The idea list: published ideas of the organisation, newest change
//! first, filtered by tag, by author, by stage and by words; and the caller's own
//! drafts and pending invitations.

use super::error::IdeaError;
use super::reading::{day, names};
use super::search::like_patterns;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{idea, idea_coauthor, idea_tag};
use crate::backend::search::analysis::query_terms;
use crate::backend::search::querying::ideas_with_term;
use crate::backend::store::{Op, StoreError};
use crate::domain::idea_views::{IdeaList, IdeaQuery, IdeaSummary, PersonRef};
use crate::domain::ideas::{CoauthorStatus, IdeaStatus};
use crate::domain::maturity::Stage;
use crate::domain::rounds::Outcome;
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 20;
const EXCERPT_CHARS: usize = 200;

/// Ideas where this person is an accepted co-author (or, with
/// `CoauthorStatus::Invited`, invited).
pub(crate) fn coauthored_by(
    user_id: i64,
    status: CoauthorStatus,
) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(idea_coauthor::Column::IdeaId)
        .from(idea_coauthor::Entity)
        .and_where(idea_coauthor::Column::UserId.eq(user_id))
        .and_where(idea_coauthor::Column::Status.eq(status))
        .to_owned()
}

fn published_in(organisation_id: i64) -> Select<idea::Entity> {
    idea::Entity::find()
        .filter(idea::Column::OrganisationId.eq(organisation_id))
        .filter(idea::Column::Status.eq(IdeaStatus::Published))
}

/// The list as the caller may see it.
pub async fn list(ctx: &Ctx<'_>, query: &IdeaQuery) -> Result<IdeaList, IdeaError> {
    let me = ctx.member()?;
    // One connection (one transaction) for the list's reads.
    let txn = ctx.read().await?;
    let db = &txn;
    let mut found = published_in(me.organisation_id);
    if let Some(tag) = query.tag.as_deref().filter(|t| !t.is_empty()) {
        found = found.filter(
            idea::Column::Id.in_subquery(
                Query::select()
                    .column(idea_tag::Column::IdeaId)
                    .from(idea_tag::Entity)
                    .and_where(idea_tag::Column::Tag.eq(tag.to_lowercase()))
                    .to_owned(),
            ),
        );
    }
    if let Some(author) = query.author {
        let coauthored = coauthored_by(author, CoauthorStatus::Accepted);
        found = found.filter(
            Condition::any()
                .add(idea::Column::AuthorId.eq(author))
                .add(idea::Column::Id.in_subquery(coauthored)),
        );
    }
    if let Some(stage) = query.stage.as_deref().and_then(Stage::from_slug) {
        found = found.filter(idea::Column::Stage.eq(stage));
    }
    if let Some(outcome) = query.outcome.as_deref().and_then(Outcome::from_slug) {
        found = found.filter(idea::Column::Outcome.eq(outcome));
    }
    // Each word typed, as part of a word ("rés" finds "réseau") or in
    // another form of it ("réseaux" finds "réseau").
    for word in query
        .q
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .take(8)
    {
        let mut either = Condition::any();
        for pattern in like_patterns(word) {
            either = either.add(
                Expr::col((idea::Entity, idea::Column::SearchText))
                    .like(LikeExpr::new(pattern).escape('\\')),
            );
        }
        let terms = query_terms(word);
        if !terms.is_empty() {
            let mut stemmed = Condition::all();
            for term in &terms {
                stemmed = stemmed.add(idea::Column::Id.in_subquery(ideas_with_term(term)));
            }
            either = either.add(stemmed);
        }
        found = found.filter(either);
    }
    let total = found.clone().count(db).await.op("list: count idea")?;
    let page_count = Ord::max(total.div_ceil(PAGE_SIZE), 1) as u32;
    let page = query.page.unwrap_or(1).clamp(1, page_count);
    let items = found
        .order_by_desc(idea::Column::UpdatedAt)
        .order_by_desc(idea::Column::Id)
        .offset(u64::from(page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await
        .op("list: find idea (page)")?;
    let drafts = idea::Entity::find()
        .filter(idea::Column::OrganisationId.eq(me.organisation_id))
        .filter(idea::Column::Status.eq(IdeaStatus::Draft))
        .filter(
            Condition::any()
                .add(idea::Column::AuthorId.eq(me.id))
                .add(idea::Column::Id.in_subquery(coauthored_by(me.id, CoauthorStatus::Accepted))),
        )
        .order_by_desc(idea::Column::UpdatedAt)
        .all(db)
        .await
        .op("list: find idea (drafts)")?;
    let invitations = idea::Entity::find()
        .filter(idea::Column::OrganisationId.eq(me.organisation_id))
        .filter(idea::Column::Id.in_subquery(coauthored_by(me.id, CoauthorStatus::Invited)))
        .order_by_desc(idea::Column::UpdatedAt)
        .all(db)
        .await
        .op("list: find idea (invitations)")?;
    let list = IdeaList {
        items: summaries(db, items).await?,
        total,
        page,
        page_count,
        drafts: summaries(db, drafts).await?,
        invitations: summaries(db, invitations).await?,
        tags: tags_in_use(db, me.organisation_id).await?,
        authors: authors(db, me.organisation_id).await?,
    };
    txn.commit().await.op("list: end read")?;
    Ok(list)
}

/// List lines for these ideas, with their authors' names and tags.
async fn summaries(
    db: &impl ConnectionTrait,
    ideas: Vec<idea::Model>,
) -> Result<Vec<IdeaSummary>, StoreError> {
    let names = names(db, ideas.iter().map(|i| i.author_id)).await?;
    let ids: Vec<i64> = ideas.iter().map(|i| i.id).collect();
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    if !ids.is_empty() {
        for row in idea_tag::Entity::find()
            .filter(idea_tag::Column::IdeaId.is_in(ids))
            .order_by_asc(idea_tag::Column::Tag)
            .all(db)
            .await
            .op("summaries: find idea_tag")?
        {
            tags.entry(row.idea_id).or_default().push(row.tag);
        }
    }
    Ok(ideas
        .into_iter()
        .map(|i| IdeaSummary {
            id: i.id,
            excerpt: excerpt(&i.problem),
            status: i.status,
            author: names.get(&i.author_id).cloned().unwrap_or_default(),
            tags: tags.remove(&i.id).unwrap_or_default(),
            version: i.current_version,
            updated: day(i.updated_at),
            stage: i.stage,
            outcome: i.outcome,
            lessons: i.outcome.and(i.outcome_note.as_deref()).map(excerpt),
            title: i.title,
        })
        .collect())
}

fn excerpt(text: &str) -> String {
    let mut cut: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        cut.push('…');
    }
    cut
}

/// The tags of the organisation's published ideas, for the tag filter.
pub(crate) async fn tags_in_use(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<String>, StoreError> {
    idea_tag::Entity::find()
        .filter(
            idea_tag::Column::IdeaId.in_subquery(
                Query::select()
                    .column(idea::Column::Id)
                    .from(idea::Entity)
                    .and_where(idea::Column::OrganisationId.eq(organisation_id))
                    .and_where(idea::Column::Status.eq(IdeaStatus::Published))
                    .to_owned(),
            ),
        )
        .select_only()
        .column(idea_tag::Column::Tag)
        .distinct()
        .order_by_asc(idea_tag::Column::Tag)
        .limit(200)
        .into_tuple()
        .all(db)
        .await
        .op("tags in use: find idea_tag")
}

/// The authors of the organisation's published ideas, for the author filter.
async fn authors(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<PersonRef>, StoreError> {
    let ids: Vec<i64> = published_in(organisation_id)
        .select_only()
        .column(idea::Column::AuthorId)
        .distinct()
        .into_tuple()
        .all(db)
        .await
        .op("authors: find idea")?;
    let mut people: Vec<PersonRef> = names(db, ids)
        .await?
        .into_iter()
        .map(|(id, name)| PersonRef { id, name })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(people)
}
