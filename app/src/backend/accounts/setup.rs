//! First-run setup: the organisation and its first administrator.

use super::{passwords, status};
use crate::backend::clock::Clock;
use crate::backend::db::begin_write;
use crate::backend::entities::{organisation, user};
use crate::backend::error::from_db;
use crate::domain::accounts::{DisplayName, Email, NewPassword, OrganisationName, Role};
use crate::error::AppError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter,
};

/// What the setup form (or `demineurs create-admin`) gives, parsed.
#[derive(Debug)]
pub struct FirstAdmin {
    pub organisation: OrganisationName,
    pub display_name: DisplayName,
    pub email: Email,
    pub password: NewPassword,
}

/// True while no active administrator exists: the app then leads to setup.
pub async fn needs_setup(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .filter(user::Column::Status.eq(status::ACTIVE))
        .count(db)
        .await
        .map_err(from_db)?;
    Ok(admins == 0)
}

/// Creates the organisation and its administrator, once: a second call
/// (or two at the same time) gets `Conflict` and changes nothing.
/// Returns the new administrator's id.
pub async fn create_first_admin(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    input: FirstAdmin,
) -> Result<i64, AppError> {
    // Hash before taking the write lock: hashing is slow on purpose.
    let password_hash = passwords::hash(&input.password).await?;
    let txn = begin_write(db).await.map_err(from_db)?;
    if !needs_setup(&txn).await? {
        return Err(AppError::Conflict);
    }
    let now = clock.now();
    let org = organisation::ActiveModel {
        name: Set(input.organisation.as_str().to_owned()),
        email_domains: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(from_db)?;
    let admin = user::ActiveModel {
        organisation_id: Set(org.id),
        email: Set(input.email.as_str().to_owned()),
        display_name: Set(input.display_name.as_str().to_owned()),
        service: Set(String::new()),
        password_hash: Set(password_hash),
        role: Set(Role::Admin.as_str().to_owned()),
        status: Set(status::ACTIVE.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(from_db)?;
    txn.commit().await.map_err(from_db)?;
    Ok(admin.id)
}
