//! Creating a person's account, whatever the way in (setup, invitation,
//! request to join, command line).

use super::error::AccountError;
use crate::backend::entities::user;
use crate::backend::store::Op;
use crate::domain::accounts::{DisplayName, Email, MemberStatus, Role};
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
/// an address is one person) is `EmailTaken`.
pub async fn insert(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    person: NewPerson<'_>,
) -> Result<i64, AccountError> {
    if address_taken(txn, person.email).await? {
        return Err(AccountError::EmailTaken);
    }
    let inserted = user::ActiveModel {
        organisation_id: Set(person.organisation_id),
        email: Set(person.email.as_str().to_owned()),
        display_name: Set(person.display_name.as_str().to_owned()),
        service: Set(String::new()),
        password_hash: Set(person.password_hash),
        role: Set(person.role),
        status: Set(person.status),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .op("insert: insert user")?;
    Ok(inserted.id)
}

/// Whether an account, in any state, holds this address.
pub async fn address_taken(
    txn: &impl ConnectionTrait,
    email: &Email,
) -> Result<bool, AccountError> {
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .count(txn)
        .await
        .op("address taken: count user")?;
    Ok(taken > 0)
}

/// Deletes a request to join still pending under this address: an
/// invitation, which an administrator handed over, outranks a request that
/// nothing proves (anyone may type a future colleague's address).
pub async fn drop_pending_request(
    txn: &impl ConnectionTrait,
    email: &Email,
) -> Result<(), AccountError> {
    user::Entity::delete_many()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::Status.eq(MemberStatus::Pending))
        .exec(txn)
        .await
        .op("drop pending request: delete user")?;
    Ok(())
}
