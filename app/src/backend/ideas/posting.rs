//! Posting an idea (a draft from its title and problem, then the rest) and
//! editing it. A published idea's substantive edit makes a new version; an
//! edit based on an older revision is refused (`Stale`), never merged
//! silently. Every submission carries a key: a repeat acts once.

use super::access::load_for_edit;
use super::error::IdeaError;
use super::search::fold;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{idea, idea_tag, idea_version};
use crate::backend::idempotency::{run_once, IdempotencyKey};
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::ideas::{IdeaContent, IdeaStatus, IdeaText, IdeaTitle, Tags};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// The first step: enough to save a draft.
#[derive(Debug)]
pub struct NewIdea {
    pub title: IdeaTitle,
    pub problem: IdeaText,
}

/// Every field, as the edit form gives them, parsed.
#[derive(Debug)]
pub struct Edit {
    pub title: IdeaTitle,
    pub problem: IdeaText,
    pub proposal: IdeaText,
    pub beneficiaries: IdeaText,
    pub help_sought: IdeaText,
    pub tags: Tags,
}

impl Edit {
    fn content(&self) -> IdeaContent {
        IdeaContent {
            title: self.title.as_str().to_owned(),
            problem: self.problem.as_str().to_owned(),
            proposal: self.proposal.as_str().to_owned(),
            beneficiaries: self.beneficiaries.as_str().to_owned(),
            help_sought: self.help_sought.as_str().to_owned(),
            tags: self.tags.as_slice().to_vec(),
        }
    }
}

fn search_text(content: &IdeaContent) -> String {
    fold(&format!(
        "{}\n{}\n{}",
        content.title, content.problem, content.proposal
    ))
}

fn scope(me: &CurrentUser) -> String {
    format!("user:{}", me.id)
}

/// Saves a new draft; returns its id. The same key twice makes one draft.
pub async fn create_draft(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    new: NewIdea,
) -> Result<i64, IdeaError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &scope(&me), key, move |txn| {
        Box::pin(async move {
            let content = IdeaContent {
                title: new.title.as_str().to_owned(),
                problem: new.problem.as_str().to_owned(),
                ..Default::default()
            };
            let created = idea::ActiveModel {
                organisation_id: Set(me.organisation_id),
                author_id: Set(me.id),
                status: Set(IdeaStatus::Draft),
                current_version: Set(1),
                revision: Set(1),
                title: Set(content.title.clone()),
                problem: Set(content.problem.clone()),
                search_text: Set(search_text(&content)),
                created_at: Set(now),
                updated_at: Set(now),
                published_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await
            .op("create draft: insert idea")?;
            insert_version(txn, created.id, 1, &content, me.id, now).await?;
            crate::backend::search::indexing::index_idea(txn, created.id).await?;
            Ok(created.id)
        })
    })
    .await
}

async fn insert_version(
    txn: &impl ConnectionTrait,
    idea_id: i64,
    number: i32,
    content: &IdeaContent,
    author_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), IdeaError> {
    idea_version::Entity::insert(version_row(idea_id, number, content, author_id, now))
        .exec_without_returning(txn)
        .await
        .op("insert version: insert idea_version")?;
    Ok(())
}

fn version_row(
    idea_id: i64,
    number: i32,
    content: &IdeaContent,
    author_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> idea_version::ActiveModel {
    idea_version::ActiveModel {
        idea_id: Set(idea_id),
        number: Set(number),
        title: Set(content.title.clone()),
        problem: Set(content.problem.clone()),
        proposal: Set(content.proposal.clone()),
        beneficiaries: Set(content.beneficiaries.clone()),
        help_sought: Set(content.help_sought.clone()),
        tags: Set(content.tags.join(",")),
        author_id: Set(author_id),
        created_at: Set(now),
    }
}

/// What a save did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    /// The idea's version after the save.
    pub version: i32,
    pub published: bool,
}

/// Saves an edit made from `base_revision`, and publishes a draft when
/// asked. A draft's text is rewritten in place (version 1); a published
/// idea gets a new version only when its text changed. The same key twice
/// saves once.
pub async fn save(
    ctx: &Ctx<'_>,
    key: &IdempotencyKey,
    idea_id: i64,
    base_revision: i32,
    edit: Edit,
    publish: bool,
) -> Result<Saved, IdeaError> {
    let me = ctx.member()?.clone();
    let now = ctx.now();
    run_once(ctx, &scope(&me), key, move |txn| {
        Box::pin(async move {
            let found = load_for_edit(txn, &me, idea_id).await?;
            if found.revision != base_revision {
                return Err(IdeaError::Stale);
            }
            let content = edit.content();
            let draft = found.status == IdeaStatus::Draft;
            let current = idea_version::Entity::find_by_id((idea_id, found.current_version))
                .one(txn)
                .await
                .op("save: find idea_version")?
                .ok_or(IdeaError::NotFound)?;
            let changed = super::reading::content_of(&current) != content;
            let publishing = draft && publish;
            if !changed && !publishing {
                return Ok(Saved {
                    version: found.current_version,
                    published: !draft,
                });
            }
            let version = if changed && !draft {
                found.current_version + 1
            } else {
                found.current_version
            };
            // Claim the revision first: of two saves from the same revision,
            // the second waits for the first's row lock (PostgreSQL) or
            // write lock (SQLite), then matches nothing and is refused.
            let mut claim = idea::Entity::update_many()
                .col_expr(idea::Column::CurrentVersion, Expr::value(version))
                .col_expr(idea::Column::Revision, Expr::value(base_revision + 1))
                .col_expr(idea::Column::Title, Expr::value(content.title.clone()))
                .col_expr(idea::Column::Problem, Expr::value(content.problem.clone()))
                .col_expr(idea::Column::SearchText, Expr::value(search_text(&content)))
                .col_expr(idea::Column::UpdatedAt, Expr::value(now));
            if publishing {
                claim = claim
                    .col_expr(idea::Column::Status, Expr::value(IdeaStatus::Published))
                    .col_expr(idea::Column::PublishedAt, Expr::value(Some(now)));
            }
            let claimed = claim
                .filter(idea::Column::Id.eq(idea_id))
                .filter(idea::Column::Revision.eq(base_revision))
                .exec(txn)
                .await
                .op("save: claim idea")?;
            if claimed.rows_affected == 0 {
                return Err(IdeaError::Stale);
            }
            if draft && changed {
                version_row(idea_id, version, &content, me.id, now)
                    .update(txn)
                    .await
                    .op("save: update idea_version")?;
            } else if changed {
                insert_version(txn, idea_id, version, &content, me.id, now).await?;
            }
            replace_tags(txn, idea_id, &content.tags).await?;
            crate::backend::search::indexing::index_idea(txn, idea_id).await?;
            // The text's fields count toward maturity.
            crate::backend::rounds::maturity::refresh(txn, now, idea_id).await?;
            Ok(Saved {
                version,
                published: publishing || !draft,
            })
        })
    })
    .await
}

async fn replace_tags(
    txn: &impl ConnectionTrait,
    idea_id: i64,
    tags: &[String],
) -> Result<(), IdeaError> {
    idea_tag::Entity::delete_many()
        .filter(idea_tag::Column::IdeaId.eq(idea_id))
        .exec(txn)
        .await
        .op("replace tags: delete idea_tag")?;
    if tags.is_empty() {
        return Ok(());
    }
    idea_tag::Entity::insert_many(tags.iter().map(|tag| idea_tag::ActiveModel {
        idea_id: Set(idea_id),
        tag: Set(tag.clone()),
    }))
    .exec_without_returning(txn)
    .await
    .op("replace tags: insert idea_tag")?;
    Ok(())
}

/// Publishes a draft as it stands. Publishing a published idea does nothing.
pub async fn publish(ctx: &Ctx<'_>, idea_id: i64) -> Result<(), IdeaError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let found = load_for_edit(&txn, me, idea_id).await?;
    if found.status == IdeaStatus::Draft {
        let now = ctx.now();
        let revision = found.revision;
        let mut row: idea::ActiveModel = found.into();
        row.status = Set(IdeaStatus::Published);
        row.published_at = Set(Some(now));
        row.updated_at = Set(now);
        row.revision = Set(revision + 1);
        row.update(&txn).await.op("publish: update idea")?;
    }
    Ok(txn.commit().await.op("publish: commit")?)
}
