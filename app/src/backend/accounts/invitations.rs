//! Invitation links: an administrator creates one for a role; whoever opens
//! it within a week may create one account in the organisation, once.

use super::error::AccountError;
use super::tokens::{hash_token, new_token};
use super::{passwords, people};
use crate::backend::ctx::Ctx;
use crate::backend::entities::invitation;
use crate::backend::store::Op;
use crate::domain::accounts::{DisplayName, Email, MemberStatus, NewPassword, Role};
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub const INVITATION_DAYS: i64 = 7;

/// Creates an invitation to the administrator's organisation; returns the
/// token for the link. Only administrators may invite.
pub async fn create(ctx: &Ctx<'_>, role: Role) -> Result<String, AccountError> {
    let by = ctx.member()?;
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden);
    }
    let token = new_token();
    let now = ctx.now();
    invitation::Entity::insert(invitation::ActiveModel {
        token_hash: Set(hash_token(&token)),
        organisation_id: Set(by.organisation_id),
        role: Set(role),
        created_by: Set(by.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        used_at: Set(None),
    })
    .exec_without_returning(ctx.db)
    .await
    .op("create: insert invitation")?;
    Ok(token)
}

/// True when the link can still be used.
pub async fn is_open(ctx: &Ctx<'_>, token: &str) -> Result<bool, AccountError> {
    let open = invitation::Entity::find_by_id(hash_token(token))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(ctx.now()))
        .count(ctx.db)
        .await
        .op("is open: count invitation")?;
    Ok(open > 0)
}

/// What the sign-up form gives, parsed.
#[derive(Debug)]
pub struct SignUp {
    pub display_name: DisplayName,
    pub email: Email,
    pub password: NewPassword,
}

/// Creates the account an invitation allows, and spends the invitation.
/// A used, expired or unknown link is `NotFound`; an address already in use
/// is `EmailTaken` (the invitee already has an account),
/// unless only a pending request holds it: the invitation replaces it.
pub async fn accept(ctx: &Ctx<'_>, token: &str, input: SignUp) -> Result<i64, AccountError> {
    let password_hash = passwords::hash(&input.password).await?;
    let txn = ctx.write().await?;
    let now = ctx.now();
    // Claimed by one conditional update: of two uses at once, the second
    // waits for the first's row lock, then finds it used (PostgreSQL).
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(Some(now)))
        .filter(invitation::Column::TokenHash.eq(hash_token(token)))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await
        .op("accept: update invitation")?;
    if claimed.rows_affected != 1 {
        return Err(AccountError::NotFound);
    }
    let Some(invite) = invitation::Entity::find_by_id(hash_token(token))
        .one(&txn)
        .await
        .op("accept: find invitation")?
    else {
        return Err(AccountError::NotFound);
    };
    people::drop_pending_request(&txn, &input.email).await?;
    let person = people::insert(
        &txn,
        now,
        people::NewPerson {
            organisation_id: invite.organisation_id,
            display_name: &input.display_name,
            email: &input.email,
            password_hash,
            role: invite.role,
            status: MemberStatus::Active,
        },
    )
    .await?;
    txn.commit().await.op("accept: commit")?;
    Ok(person)
}
