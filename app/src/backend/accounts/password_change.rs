//! A person changes their own password: the current one first (a session
//! left open on a shared computer is not enough), then every other session
//! of theirs ends; the device that changed it stays signed in.

use super::error::AccountError;
use super::tokens::hash_token;
use super::{login_limits, passwords};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{session, user};
use crate::backend::store::Op;
use crate::domain::accounts::NewPassword;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// Replaces the caller's password with `new` when `current` is theirs.
/// Wrong guesses count like wrong log-ins for the person's address from
/// `ip`: a stolen session cannot try passwords without limit. Returns how
/// many other sessions ended.
pub async fn change_own(
    ctx: &Ctx<'_>,
    current: &str,
    new: &NewPassword,
    ip: &str,
) -> Result<u64, AccountError> {
    let me = ctx.member()?;
    let this_device = ctx.session()?;
    let person = user::Entity::find_by_id(me.id)
        .one(ctx.db)
        .await
        .op("change password: find user")?
        .ok_or(AccountError::SignInNeeded)?;
    let reservation = login_limits::reserve(ctx.db, ctx.now(), &person.email, ip).await?;
    if !passwords::verify(current, Some(&person.password_hash)).await? {
        login_limits::failed(ctx.db, ctx.now(), reservation).await?;
        return Err(AccountError::WrongCurrentPassword);
    }
    login_limits::succeeded(ctx.db, reservation).await?;
    let password_hash = passwords::hash(new).await?;
    let txn = ctx.write().await?;
    user::ActiveModel {
        id: Set(me.id),
        password_hash: Set(password_hash),
        ..Default::default()
    }
    .update(&txn)
    .await
    .op("change password: update user")?;
    let others = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(ctx.now()))
        .filter(session::Column::UserId.eq(me.id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::TokenHash.ne(hash_token(this_device)))
        .exec(&txn)
        .await
        .op("change password: update session")?;
    txn.commit().await.op("change password: commit")?;
    Ok(others.rows_affected)
}
