//! Checking an address and a password.

use super::error::AccountError;
use super::{login_limits, passwords};
use crate::backend::ctx::Ctx;
use crate::backend::entities::user;
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A log-in from `ip`: the attempt is reserved first (refused without any
/// hash past the limits), then the password is checked. Returns the active
/// person; no refusal says whether the address exists, except to whoever
/// typed the right password.
pub async fn log_in(
    ctx: &Ctx<'_>,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<i64, AccountError> {
    let db = ctx.db;
    // Counted per address as typed, known or not: the limits say nothing
    // about which addresses exist.
    let address: String = email.trim().to_lowercase().chars().take(254).collect();
    let reservation = login_limits::reserve(db, ctx.now(), &address, ip).await?;
    let verdict = match authenticate(db, &address, password).await {
        Ok(verdict) => verdict,
        Err(unchecked) => {
            login_limits::abandoned(db, reservation).await?;
            return Err(unchecked);
        }
    };
    match verdict {
        Verdict::Active(_) => login_limits::succeeded(db, reservation).await?,
        // A pending request answers as a wrong password does, with the same
        // bookkeeping: otherwise asking to join under an address, then
        // logging in with the password given, would tell whether the
        // address already had an account (the request then made nothing).
        Verdict::Pending | Verdict::Refused => {
            login_limits::failed(db, ctx.now(), reservation).await?
        }
        // The right password of a closed account: said, and the attempt
        // keeps its place (a known password is no way past the limit).
        Verdict::Deactivated => {}
    }
    match verdict {
        Verdict::Active(person) => Ok(person),
        Verdict::Deactivated => Err(AccountError::Deactivated),
        Verdict::Pending | Verdict::Refused => Err(AccountError::BadCredentials),
    }
}

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
) -> Result<Verdict, AccountError> {
    let email = email.trim().to_lowercase();
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
        .op("authenticate: find user")?;
    let matches =
        passwords::verify(password, person.as_ref().map(|p| p.password_hash.as_str())).await?;
    Ok(match person {
        Some(p) if matches => match p.status {
            MemberStatus::Active => Verdict::Active(p.id),
            MemberStatus::Pending => Verdict::Pending,
            // Workshop guests never sign in.
            MemberStatus::Deactivated | MemberStatus::Guest => Verdict::Deactivated,
        },
        _ => Verdict::Refused,
    })
}
