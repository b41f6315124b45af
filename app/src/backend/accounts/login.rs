//! Checking an address and a password.

use super::passwords;
use crate::backend::entities::user;
use crate::backend::error::from_db;
use crate::domain::accounts::MemberStatus;
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// What an address and a password open.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The active person with this id.
    Active(i64),
    /// Right password, but an administrator has not approved the account yet.
    Pending,
    /// Right password, but the account is deactivated.
    Deactivated,
    /// Unknown address or wrong password: never says which.
    Refused,
}

/// Checks an address and a password. An unknown address costs a password
/// check all the same, so the answer and its timing say nothing about which
/// addresses exist; an account's state is told only with its password.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<Verdict, AppError> {
    let email = email.trim().to_lowercase();
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .map_err(from_db)?;
    let matches =
        passwords::verify(password, person.as_ref().map(|p| p.password_hash.as_str())).await?;
    Ok(match person {
        Some(p) if matches => match MemberStatus::parse(&p.status) {
            Some(MemberStatus::Active) => Verdict::Active(p.id),
            Some(MemberStatus::Pending) => Verdict::Pending,
            _ => Verdict::Deactivated,
        },
        _ => Verdict::Refused,
    })
}
