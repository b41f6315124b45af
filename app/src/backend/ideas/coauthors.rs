//! Co-authors: an author invites a colleague of the organisation, who
//! accepts (and then edits like the author) or declines.

use super::access::{load, load_for_edit, Standing};
use super::error::IdeaError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{idea_coauthor, user};
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use crate::domain::ideas::CoauthorStatus;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Invites an active colleague of the caller's organisation to co-author.
pub async fn invite(ctx: &Ctx<'_>, idea_id: i64, user_id: i64) -> Result<(), IdeaError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let found = load_for_edit(&txn, me, idea_id).await?;
    let colleague = user::Entity::find_by_id(user_id)
        .filter(user::Column::OrganisationId.eq(me.organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .one(&txn)
        .await
        .op("invite: find user")?;
    if colleague.is_none() {
        return Err(IdeaError::NotAColleague);
    }
    let already = idea_coauthor::Entity::find_by_id((idea_id, user_id))
        .one(&txn)
        .await
        .op("invite: find idea_coauthor")?;
    if already.is_some() || user_id == found.author_id {
        return Err(IdeaError::AlreadyCoauthor);
    }
    idea_coauthor::Entity::insert(idea_coauthor::ActiveModel {
        idea_id: Set(idea_id),
        user_id: Set(user_id),
        status: Set(CoauthorStatus::Invited),
        invited_by: Set(me.id),
        created_at: Set(ctx.now()),
    })
    .exec_without_returning(&txn)
    .await
    .op("invite: insert idea_coauthor")?;
    Ok(txn.commit().await.op("invite: commit")?)
}

/// The invited colleague accepts (becomes a co-author) or declines.
pub async fn respond(ctx: &Ctx<'_>, idea_id: i64, accept: bool) -> Result<(), IdeaError> {
    let me = ctx.member()?;
    let txn = ctx.write().await?;
    let (_, standing) = load(&txn, me, idea_id).await?;
    if standing != Standing::Invited {
        return Err(IdeaError::Forbidden);
    }
    let invitation = idea_coauthor::Entity::find_by_id((idea_id, me.id))
        .one(&txn)
        .await
        .op("respond: find idea_coauthor")?
        .ok_or(IdeaError::NotFound)?;
    if accept {
        let mut accepted: idea_coauthor::ActiveModel = invitation.into();
        accepted.status = Set(CoauthorStatus::Accepted);
        accepted
            .update(&txn)
            .await
            .op("respond: update idea_coauthor")?;
    } else {
        idea_coauthor::Entity::delete_by_id((idea_id, me.id))
            .exec(&txn)
            .await
            .op("respond: delete idea_coauthor")?;
    }
    // A co-author counts toward maturity.
    crate::backend::rounds::maturity::refresh(&txn, ctx.now(), idea_id).await?;
    Ok(txn.commit().await.op("respond: commit")?)
}
