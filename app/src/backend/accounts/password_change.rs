//! A person changes their own password: the current one first (a session
//! left open on a shared computer is not enough), then every session of
//! theirs ends, this device's included, and this device gets a new one: a
//! copy of its cookie taken before the change opens nothing after it.

use super::error::AccountError;
use super::tokens::hash_token;
use super::{login_limits, passwords, sessions};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{session, user};
use crate::backend::store::Op;
use crate::domain::accounts::NewPassword;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Replaces the caller's password with `new` when `current` is theirs, and
/// returns the token of this device's new session. Wrong guesses count like
/// wrong log-ins for the person's address from `ip`: a stolen session
/// cannot try passwords without limit.
pub async fn change_own(
    ctx: &Ctx<'_>,
    current: &str,
    new: &NewPassword,
    ip: &str,
) -> Result<String, AccountError> {
    let me = ctx.member()?;
    let this_device = ctx.session()?;
    let person = user::Entity::find_by_id(me.id)
        .one(ctx.db)
        .await
        .op("change password: find user")?
        .ok_or(AccountError::SignInNeeded)?;
    let reservation = login_limits::reserve(ctx.db, ctx.now(), &person.email, ip).await?;
    let right = match passwords::verify(current, Some(&person.password_hash)).await {
        Ok(right) => right,
        Err(unchecked) => {
            login_limits::abandoned(ctx.db, reservation).await?;
            return Err(unchecked);
        }
    };
    if !right {
        login_limits::failed(ctx.db, ctx.now(), reservation).await?;
        return Err(AccountError::WrongCurrentPassword);
    }
    login_limits::succeeded(ctx.db, reservation).await?;
    let password_hash = passwords::hash(new).await?;

    let txn = ctx.write().await?;
    // This device's session must still be open: another change or a
    // deactivation may have ended it while the password was checked.
    let still_open = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(ctx.now()))
        .filter(session::Column::TokenHash.eq(hash_token(this_device)))
        .filter(session::Column::UserId.eq(me.id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await
        .op("change password: end this session")?;
    if still_open.rows_affected != 1 {
        return Err(AccountError::SignInNeeded);
    }
    // Only over the password just checked: a reset link used, or another
    // change, since then wins, and this one is refused.
    let replaced = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .filter(user::Column::Id.eq(me.id))
        .filter(user::Column::PasswordHash.eq(person.password_hash))
        .exec(&txn)
        .await
        .op("change password: update user")?;
    if replaced.rows_affected != 1 {
        return Err(AccountError::WrongCurrentPassword);
    }
    sessions::revoke_all(&txn, ctx.clock, me.id).await?;
    let token = sessions::open_in(&txn, ctx.now(), me.id).await?;
    txn.commit().await.op("change password: commit")?;
    Ok(token)
}
