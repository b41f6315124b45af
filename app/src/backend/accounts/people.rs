//! Creating a person's account, whatever the way in (setup, invitation,
//! request to join, command line).

use crate::backend::entities::user;
use crate::backend::error::from_db;
use crate::domain::accounts::{DisplayName, Email, MemberStatus, Role};
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};

/// A new account, its password already hashed.
pub struct NewPerson<'a> {
    pub organisation_id: i64,
    pub display_name: &'a DisplayName,
    pub email: &'a Email,
    pub password_hash: String,
    pub role: Role,
    pub status: MemberStatus,
}

/// Inserts the account; an address already in use (in any organisation:
/// an address is one person) is a refusal on the address field.
pub async fn insert(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    person: NewPerson<'_>,
) -> Result<i64, AppError> {
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(person.email.as_str()))
        .count(txn)
        .await
        .map_err(from_db)?;
    if taken > 0 {
        let mut errors = FormErrors::with_input([
            ("display_name", person.display_name.as_str()),
            ("email", person.email.as_str()),
        ]);
        errors.add("email", Key::ErrEmailTaken);
        return Err(AppError::Invalid(errors));
    }
    let inserted = user::ActiveModel {
        organisation_id: Set(person.organisation_id),
        email: Set(person.email.as_str().to_owned()),
        display_name: Set(person.display_name.as_str().to_owned()),
        service: Set(String::new()),
        password_hash: Set(person.password_hash),
        role: Set(person.role.as_str().to_owned()),
        status: Set(person.status.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(from_db)?;
    Ok(inserted.id)
}
