//! Sessions stored in the database, so they survive a restart and work
//! across instances. The cookie holds a random token; the table holds its
//! SHA-256, so a copy of the database yields no usable cookie.

use super::error::AccountError;
use super::tokens::{hash_token, new_token};
use crate::backend::clock::Clock;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{organisation, session, user};
use crate::backend::store::Op;
use crate::domain::accounts::{CurrentUser, MemberStatus, Role};
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect,
};

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
    // One statement, on every request that carries a cookie: the session,
    // its person and their organisation, joined.
    let person = session::Entity::belongs_to(user::Entity)
        .from(session::Column::UserId)
        .to(user::Column::Id);
    let their_organisation = user::Entity::belongs_to(organisation::Entity)
        .from(user::Column::OrganisationId)
        .to(organisation::Column::Id);
    let found: Option<(i64, String, Role, i64, String)> =
        session::Entity::find_by_id(hash_token(token))
            .filter(session::Column::RevokedAt.is_null())
            .filter(session::Column::ExpiresAt.gt(ctx.now()))
            .join(JoinType::InnerJoin, person.into())
            .join(JoinType::InnerJoin, their_organisation.into())
            .filter(user::Column::Status.eq(MemberStatus::Active))
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::DisplayName)
            .column(user::Column::Role)
            .column(organisation::Column::Id)
            .column(organisation::Column::Name)
            .into_tuple()
            .one(ctx.db)
            .await
            .op("current user: find session")?;
    Ok(found.map(
        |(id, display_name, role, organisation_id, organisation_name)| CurrentUser {
            id,
            display_name,
            role,
            organisation_id,
            organisation_name,
        },
    ))
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
