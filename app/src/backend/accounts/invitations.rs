//! Invitation links: an administrator creates one for a role, and hands it
//! over or has it e-mailed; whoever opens it within a week may create one
//! account in the organisation, once.

use super::error::AccountError;
use super::tokens::{hash_token, new_token};
use super::{passwords, people};
use crate::backend::ctx::Ctx;
use crate::backend::db::begin_write;
use crate::backend::entities::{invitation, organisation, user};
use crate::backend::mail::letter::{Draft, Letter};
use crate::backend::mail::outbox::{queue, Outgoing};
use crate::backend::mail::MailKind;
use crate::backend::store::Op;
use crate::backend::throttle::{self, Window};
use crate::domain::accounts::{DisplayName, Email, MemberStatus, NewPassword, Role};
use crate::i18n::{t, Key, Locale};
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub const INVITATION_DAYS: i64 = 7;

/// Invitations one administrator may e-mail in an hour.
const SENT_BY_ADMIN: Window = Window {
    max: 50,
    secs: 3600,
};

/// Creates an invitation to the administrator's organisation; returns the
/// token for the link, which the administrator hands over. Only
/// administrators may invite.
pub async fn create(ctx: &Ctx<'_>, role: Role) -> Result<String, AccountError> {
    invite(ctx, role, None).await
}

/// Creates an invitation and e-mails its link to `to`, queued with it (in
/// `locale`, the administrator's: the invitee's is not known yet); returns
/// the token, shown to the administrator as well. An address that has an
/// account already is `InviteeHasAccount`; a pending request to join does
/// not stop it (the invitation will replace it).
pub async fn send(
    ctx: &Ctx<'_>,
    role: Role,
    to: &Email,
    locale: Locale,
) -> Result<String, AccountError> {
    invite(ctx, role, Some((to, locale))).await
}

async fn invite(
    ctx: &Ctx<'_>,
    role: Role,
    to: Option<(&Email, Locale)>,
) -> Result<String, AccountError> {
    let by = ctx.member()?;
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden);
    }
    let token = new_token();
    let now = ctx.now();
    if to.is_some() {
        // Each message leaves the organisation: an administrator's
        // session, even a stolen one, cannot flood mailboxes with them.
        let txn = begin_write(ctx.db).await.op("invite: begin (limit)")?;
        throttle::take_place(
            &txn,
            format!("invites-sent:{}", by.id),
            now.timestamp(),
            SENT_BY_ADMIN,
        )
        .await?;
        txn.commit().await.op("invite: commit (limit)")?;
    }
    let txn = ctx.write().await?;
    invitation::Entity::insert(invitation::ActiveModel {
        token_hash: Set(hash_token(&token)),
        organisation_id: Set(by.organisation_id),
        role: Set(role),
        created_by: Set(by.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        used_at: Set(None),
    })
    .exec_without_returning(&txn)
    .await
    .op("create: insert invitation")?;
    if let Some((to, locale)) = to {
        // Only the organisation's own people are said to have an account:
        // whether another organisation has one for the address is none of
        // this administrator's business (signing up will say it to the
        // address's owner).
        let has_account = user::Entity::find()
            .filter(user::Column::Email.eq(to.as_str()))
            .filter(user::Column::OrganisationId.eq(by.organisation_id))
            .filter(user::Column::Status.ne(MemberStatus::Pending))
            .count(&txn)
            .await
            .op("invite: find user")?
            > 0;
        if has_account {
            return Err(AccountError::InviteeHasAccount);
        }
        let organisation = organisation::Entity::find_by_id(by.organisation_id)
            .one(&txn)
            .await
            .op("invite: find organisation")?
            .map(|o| o.name)
            .unwrap_or_default();
        let letter = invitation_letter(locale, ctx.site(), &by.display_name, &organisation, &token);
        queue(
            &txn,
            now,
            ctx.site(),
            Outgoing {
                recipient_id: None,
                to_address: to.as_str().to_owned(),
                to_name: String::new(),
                kind: MailKind::Invitation,
                letter,
                unsubscribe_url: None,
            },
        )
        .await?;
    }
    txn.commit().await.op("create: commit")?;
    Ok(token)
}

/// The message carrying an invitation link.
fn invitation_letter(
    locale: Locale,
    site: &str,
    inviter: &str,
    organisation: &str,
    token: &str,
) -> Letter {
    // What people typed goes in last.
    let fill = |key| {
        t(locale, key)
            .replace("{organisation}", organisation)
            .replace("{inviter}", inviter)
    };
    Draft::new(locale, fill(Key::MailInviteSubject))
        .para(&fill(Key::MailInviteBody))
        .action(
            t(locale, Key::MailInviteAction),
            &format!("{site}{}/{token}", crate::accounts::SIGN_UP_PATH),
        )
        .para(&t(locale, Key::MailInviteExpiry).replace("{days}", &INVITATION_DAYS.to_string()))
        .footer(t(locale, Key::MailFooterInvite), &[])
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
