//! Sessions stored in the database, so they survive a restart and work
//! across instances. The cookie holds a random token; the table holds its
//! SHA-256, so a copy of the database yields no usable cookie.

use super::error::AccountError;
use super::tokens::{hash_token, new_token};
use crate::backend::clock::Clock;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{organisation, session, user};
use crate::backend::store::Op;
use crate::domain::accounts::{CurrentUser, MemberStatus};
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// How long a session lasts without logging in again.
pub const SESSION_DAYS: i64 = 30;

/// Opens a session for a person; returns the token for the cookie.
pub async fn open(ctx: &Ctx<'_>, user_id: i64) -> Result<String, AccountError> {
    open_in(ctx.db, ctx.now(), user_id).await
}

/// [`open`] in the caller's transaction, at `now`.
pub async fn open_in(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    user_id: i64,
) -> Result<String, AccountError> {
    let token = new_token();
    session::Entity::insert(session::ActiveModel {
        token_hash: Set(hash_token(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(SESSION_DAYS)),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await
    .op("open: insert session")?;
    Ok(token)
}

/// The person behind a token: `None` when the session is unknown, revoked,
/// expired, or its person is not active any more.
pub async fn current_user(ctx: &Ctx<'_>, token: &str) -> Result<Option<CurrentUser>, AccountError> {
    let db = ctx.db;
    let Some(found) = session::Entity::find_by_id(hash_token(token))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(ctx.now()))
        .one(db)
        .await
        .op("current user: find session")?
    else {
        return Ok(None);
    };
    let Some(person) = user::Entity::find_by_id(found.user_id)
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .one(db)
        .await
        .op("current user: find user")?
    else {
        return Ok(None);
    };
    let Some(org) = organisation::Entity::find_by_id(person.organisation_id)
        .one(db)
        .await
        .op("current user: find organisation")?
    else {
        return Ok(None);
    };
    Ok(Some(CurrentUser {
        id: person.id,
        display_name: person.display_name,
        role: person.role,
        organisation_id: org.id,
        organisation_name: org.name,
    }))
}

/// Ends one session (log out).
pub async fn revoke(ctx: &Ctx<'_>, token: &str) -> Result<(), AccountError> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(ctx.now()))
        .filter(session::Column::TokenHash.eq(hash_token(token)))
        .filter(session::Column::RevokedAt.is_null())
        .exec(ctx.db)
        .await
        .op("revoke: update session")?;
    Ok(())
}

/// Ends every session of a person (deactivation, password reset), in the
/// caller's transaction.
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    clock: &dyn Clock,
    user_id: i64,
) -> Result<u64, AccountError> {
    let result = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(clock.now()))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await
        .op("revoke all: update session")?;
    Ok(result.rows_affected)
}
