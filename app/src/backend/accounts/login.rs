//! Checking an address and a password.

use super::{passwords, status};
use crate::backend::entities::user;
use crate::backend::error::from_db;
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The id of the active person with this address and password, `None`
/// otherwise. An unknown address costs a password check all the same, so
/// the answer and its timing say nothing about which addresses exist.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<Option<i64>, AppError> {
    let email = email.trim().to_lowercase();
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .map_err(from_db)?;
    let matches =
        passwords::verify(password, person.as_ref().map(|p| p.password_hash.as_str())).await?;
    Ok(person
        .filter(|p| matches && p.status == status::ACTIVE)
        .map(|p| p.id))
}
