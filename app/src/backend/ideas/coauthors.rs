//! Co-authors: an author invites a colleague of the organisation, who
//! accepts (and then edits like the author) or declines.

use super::access::{load, load_for_edit, Standing, ACCEPTED, INVITED};
use crate::backend::clock::Clock;
use crate::backend::entities::{idea_coauthor, user};
use crate::backend::error::from_db;
use crate::domain::accounts::{CurrentUser, MemberStatus};
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

/// Invites an active colleague of the caller's organisation to co-author.
pub async fn invite(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    me: &CurrentUser,
    idea_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let txn = crate::backend::db::begin_write(db).await.map_err(from_db)?;
    let found = load_for_edit(&txn, me, idea_id).await?;
    let colleague = user::Entity::find_by_id(user_id)
        .filter(user::Column::OrganisationId.eq(me.organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active.as_str()))
        .one(&txn)
        .await
        .map_err(from_db)?;
    if colleague.is_none() {
        return Err(FormErrors::refuse("user_id", Key::ErrNotAColleague));
    }
    let already = idea_coauthor::Entity::find_by_id((idea_id, user_id))
        .one(&txn)
        .await
        .map_err(from_db)?;
    if already.is_some() || user_id == found.author_id {
        return Err(FormErrors::refuse("user_id", Key::ErrAlreadyCoauthor));
    }
    idea_coauthor::Entity::insert(idea_coauthor::ActiveModel {
        idea_id: Set(idea_id),
        user_id: Set(user_id),
        status: Set(INVITED.to_owned()),
        invited_by: Set(me.id),
        created_at: Set(clock.now()),
    })
    .exec_without_returning(&txn)
    .await
    .map_err(from_db)?;
    txn.commit().await.map_err(from_db)
}

/// The invited colleague accepts (becomes a co-author) or declines.
pub async fn respond(
    db: &DatabaseConnection,
    clock: &dyn crate::backend::clock::Clock,
    me: &CurrentUser,
    idea_id: i64,
    accept: bool,
) -> Result<(), AppError> {
    let txn = crate::backend::db::begin_write(db).await.map_err(from_db)?;
    let (_, standing) = load(&txn, me, idea_id).await?;
    if standing != Standing::Invited {
        return Err(AppError::Forbidden);
    }
    let invitation = idea_coauthor::Entity::find_by_id((idea_id, me.id))
        .one(&txn)
        .await
        .map_err(from_db)?
        .ok_or(AppError::NotFound)?;
    if accept {
        let mut accepted: idea_coauthor::ActiveModel = invitation.into();
        accepted.status = Set(ACCEPTED.to_owned());
        accepted.update(&txn).await.map_err(from_db)?;
    } else {
        idea_coauthor::Entity::delete_by_id((idea_id, me.id))
            .exec(&txn)
            .await
            .map_err(from_db)?;
    }
    // A co-author counts toward maturity.
    crate::backend::rounds::maturity::refresh(&txn, clock.now(), idea_id).await?;
    txn.commit().await.map_err(from_db)
}
