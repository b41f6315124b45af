//! Password reset by a one-time link: the person asks for one on the
//! log-in page (« Mot de passe oublié ? ») and receives it by e-mail, an
//! administrator makes one for a person of their organisation (or
//! `demineurs reset-password` from the shell) and hands it over; whoever
//! opens it within a day chooses a new password, once.

use super::error::AccountError;
use super::tokens::{hash_token, new_token};
use super::{passwords, sessions};
use crate::backend::clock::Clock;
use crate::backend::ctx::Ctx;
use crate::backend::db::begin_write;
use crate::backend::entities::{audit_entry, password_reset, user};
use crate::backend::mail::letter::{Draft, Letter};
use crate::backend::mail::outbox::{queue, Outgoing};
use crate::backend::mail::MailKind;
use crate::backend::store::Op;
use crate::backend::throttle::{self, ThrottleError, Window};
use crate::domain::accounts::{Email, MemberStatus, NewPassword, Role};
use crate::i18n::{t, Key, Locale};
use chrono::Duration;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter,
};

pub const RESET_HOURS: i64 = 24;

/// Links one caller may ask for in an hour, whatever the addresses: a
/// whole office may share one address behind its NAT.
pub const ASKED_BY_CALLER: Window = Window {
    max: 20,
    secs: 3600,
};

/// Messages one address may receive in an hour, whoever asks: a mailbox
/// cannot be filled from many callers.
const SENT_TO_ADDRESS: Window = Window { max: 3, secs: 3600 };

/// Whether a new link cancels the person's earlier unused ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Earlier {
    /// An administrator or the shell: the link handed over is the one.
    Cancelled,
    /// Asked on the log-in page, by anyone who types the address: it must
    /// not cancel a link the person (or an administrator) already has.
    Kept,
}

/// A new link for this person.
async fn issue(
    txn: &impl ConnectionTrait,
    clock: &dyn Clock,
    user_id: i64,
    earlier: Earlier,
) -> Result<String, AccountError> {
    let now = clock.now();
    if earlier == Earlier::Cancelled {
        password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, Expr::value(now))
            .filter(password_reset::Column::UserId.eq(user_id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(txn)
            .await
            .op("issue: update password_reset")?;
    }
    let token = new_token();
    password_reset::Entity::insert(password_reset::ActiveModel {
        token_hash: Set(hash_token(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(RESET_HOURS)),
        used_at: Set(None),
    })
    .exec_without_returning(txn)
    .await
    .op("issue: insert password_reset")?;
    Ok(token)
}

/// An administrator's link for an active person of their organisation,
/// with an audit line. Returns the token.
pub async fn create(ctx: &Ctx<'_>, target_id: i64) -> Result<String, AccountError> {
    let by = ctx.member()?;
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden);
    }
    let txn = ctx.write().await?;
    let person = user::Entity::find_by_id(target_id)
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        .one(&txn)
        .await
        .op("create: find user")?
        .ok_or(AccountError::NotFound)?;
    if person.status != MemberStatus::Active {
        return Err(AccountError::ResetInactive);
    }
    let token = issue(&txn, ctx.clock, target_id, Earlier::Cancelled).await?;
    audit_entry::ActiveModel {
        organisation_id: Set(by.organisation_id),
        actor_id: Set(by.id),
        action: Set("password_reset_link".to_owned()),
        target_user_id: Set(target_id),
        detail: Set(String::new()),
        at: Set(ctx.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .op("create: insert audit_entry")?;
    txn.commit().await.op("create: commit")?;
    Ok(token)
}

/// `demineurs reset-password`: a link for the active person with this
/// address (the shell's user is trusted, as with `create-admin`).
pub async fn create_for_email(ctx: &Ctx<'_>, email: &str) -> Result<String, AccountError> {
    let txn = ctx.write().await?;
    let person = user::Entity::find()
        .filter(user::Column::Email.eq(email.trim().to_lowercase()))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .one(&txn)
        .await
        .op("create for email: find user")?
        .ok_or(AccountError::NotFound)?;
    let token = issue(&txn, ctx.clock, person.id, Earlier::Cancelled).await?;
    txn.commit().await.op("create for email: commit")?;
    Ok(token)
}

/// « Mot de passe oublié ? »: e-mails a link to the active person with
/// this address, queued with the link itself. The answer is the same
/// whether or not such a person exists (who has an account is nobody's
/// business), and when the address has had its share of messages this
/// hour; only a caller asking too often is told to wait.
pub async fn request_by_email(
    ctx: &Ctx<'_>,
    ip: &str,
    email: &Email,
    locale: Locale,
) -> Result<(), AccountError> {
    let now = ctx.now().timestamp();
    let txn = begin_write(ctx.db)
        .await
        .op("request reset: begin (limit)")?;
    throttle::take_place(&txn, format!("reset-asked:{ip}"), now, ASKED_BY_CALLER).await?;
    let address_has_room = match throttle::take_place(
        &txn,
        format!("reset-sent:{}", email.as_str()),
        now,
        SENT_TO_ADDRESS,
    )
    .await
    {
        Ok(_) => true,
        Err(ThrottleError::Limited { .. }) => false,
        Err(ThrottleError::Store(err)) => return Err(err.into()),
    };
    txn.commit().await.op("request reset: commit (limit)")?;
    if !address_has_room {
        return Ok(());
    }
    let write = ctx.write().await?;
    let Some(person) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .one(&write)
        .await
        .op("request reset: find user")?
    else {
        return Ok(());
    };
    let token = issue(&write, ctx.clock, person.id, Earlier::Kept).await?;
    // The person's own language, else the page's they asked from.
    let locale = Locale::from_code(&person.language).unwrap_or(locale);
    let letter = reset_letter(locale, ctx.site(), &token);
    queue(
        &write,
        ctx.now(),
        ctx.site(),
        Outgoing {
            recipient_id: Some(person.id),
            to_address: person.email.clone(),
            to_name: person.display_name.clone(),
            kind: MailKind::PasswordReset,
            letter,
            unsubscribe_url: None,
        },
    )
    .await?;
    write.commit().await.op("request reset: commit")?;
    Ok(())
}

/// The message carrying a reset link.
fn reset_letter(locale: Locale, site: &str, token: &str) -> Letter {
    Draft::new(locale, t(locale, Key::MailResetSubject))
        .para(t(locale, Key::MailResetBody))
        .action(
            t(locale, Key::MailResetAction),
            &format!("{site}{}/{token}", crate::accounts::RESET_PATH),
        )
        .para(t(locale, Key::MailResetIgnore))
        .footer(t(locale, Key::MailFooterAccount), &[])
}

/// True when the link can still be used.
pub async fn is_open(ctx: &Ctx<'_>, token: &str) -> Result<bool, AccountError> {
    let open = password_reset::Entity::find_by_id(hash_token(token))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(ctx.now()))
        .count(ctx.db)
        .await
        .op("is open: count password_reset")?;
    Ok(open > 0)
}

/// Sets the new password, spends the link and ends every session of the
/// person (whoever knew the old password is out). Returns the person's id.
/// A used, expired or unknown link, or a person deactivated since, is
/// `NotFound`.
pub async fn complete(
    ctx: &Ctx<'_>,
    token: &str,
    password: &NewPassword,
) -> Result<i64, AccountError> {
    let password_hash = passwords::hash(password).await?;
    let txn = ctx.write().await?;
    let now = ctx.now();
    // Claimed by one conditional update: of two uses at once, the second
    // waits for the first's row lock, then finds it used (PostgreSQL).
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::TokenHash.eq(hash_token(token)))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await
        .op("complete: update password_reset")?;
    if claimed.rows_affected != 1 {
        return Err(AccountError::NotFound);
    }
    let reset = password_reset::Entity::find_by_id(hash_token(token))
        .one(&txn)
        .await
        .op("complete: find password_reset")?
        .ok_or(AccountError::NotFound)?;
    let person = user::Entity::find_by_id(reset.user_id)
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .one(&txn)
        .await
        .op("complete: find user")?
        .ok_or(AccountError::NotFound)?;
    let user_id = person.id;
    let mut changed: user::ActiveModel = person.into();
    changed.password_hash = Set(password_hash);
    changed.update(&txn).await.op("complete: update user")?;
    sessions::revoke_all(&txn, ctx.clock, user_id).await?;
    txn.commit().await.op("complete: commit")?;
    Ok(user_id)
}
