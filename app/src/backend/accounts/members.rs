//! The people of an organisation, as administrators see them.

use super::error::AccountError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::user;
use crate::backend::store::Op;
use crate::domain::accounts::{CurrentUser, Member, MemberList, MemberStatus, Role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Everyone in the administrator's organisation, by name. Administrators only.
pub async fn list(ctx: &Ctx<'_>) -> Result<Vec<Member>, AccountError> {
    let by = admin(ctx)?;
    let people = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        // Workshop guests are not members.
        .filter(user::Column::Status.ne(MemberStatus::Guest))
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .all(ctx.db)
        .await
        .op("list: find user")?;
    Ok(people.into_iter().map(member).collect())
}

/// The members page: the requests to join, then one page of the other
/// accounts by name, those whose name or address holds every word of
/// `search` (any case, any accents). Administrators only.
pub async fn page(
    ctx: &Ctx<'_>,
    search: Option<&str>,
    page: Option<u32>,
) -> Result<MemberList, AccountError> {
    use crate::backend::paging::{one_page, Words};
    let words = Words::of(search);
    let (requests, others): (Vec<Member>, Vec<Member>) = list(ctx)
        .await?
        .into_iter()
        .partition(|m| m.status == MemberStatus::Pending);
    let matching = others
        .into_iter()
        .filter(|m| words.found_in(&format!("{} {}", m.display_name, m.email)))
        .collect();
    let shown = one_page(matching, page, MemberList::PAGE_SIZE);
    Ok(MemberList {
        requests,
        members: shown.items,
        total: shown.total,
        page: shown.page,
        page_count: shown.page_count,
    })
}

/// One account of the administrator's organisation (not a workshop
/// guest), else not found. Administrators only.
pub async fn one(ctx: &Ctx<'_>, id: i64) -> Result<Member, AccountError> {
    let by = admin(ctx)?;
    user::Entity::find_by_id(id)
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        .filter(user::Column::Status.ne(MemberStatus::Guest))
        .one(ctx.db)
        .await
        .op("one: find user")?
        .map(member)
        .ok_or(AccountError::NotFound)
}

fn admin<'a>(ctx: &'a Ctx<'_>) -> Result<&'a CurrentUser, AccountError> {
    let by = ctx.member()?;
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden);
    }
    Ok(by)
}

fn member(p: user::Model) -> Member {
    Member {
        id: p.id,
        role: p.role,
        display_name: p.display_name,
        email: p.email,
        status: p.status,
    }
}

/// A change an administrator makes to another person of their organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Role(Role),
    /// Lets in someone who asked to join.
    Approve,
    Deactivate,
    Reactivate,
}

/// What became of the account a change was applied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Changed,
    /// A request to join refused: the account is gone.
    Removed,
}

/// Applies a change with its audit line, in one transaction. Administrators
/// only; the person must belong to their organisation (else `NotFound`), and
/// nobody changes their own account here (an organisation must not lose its
/// last administrator by mistake). Deactivation ends every session at once.
pub async fn apply(ctx: &Ctx<'_>, target_id: i64, change: Change) -> Result<Applied, AccountError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    let by = admin(ctx)?;
    let clock = ctx.clock;
    if target_id == by.id {
        return Err(AccountError::OwnAccount);
    }
    let txn = ctx.write().await?;
    let person = user::Entity::find_by_id(target_id)
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        // Workshop guests are not members: nothing here applies to them.
        .filter(user::Column::Status.ne(MemberStatus::Guest))
        .one(&txn)
        .await
        .op("apply: find user")?
        .ok_or(AccountError::NotFound)?;
    // Refusing a request to join deletes it: the address is free again for
    // the person who really holds it (nothing ever proved the requester did).
    if change == Change::Deactivate && person.status == MemberStatus::Pending {
        user::Entity::delete_by_id(person.id)
            .exec(&txn)
            .await
            .op("apply: delete user")?;
        audit(&txn, clock, by, target_id, "refused", person.display_name).await?;
        txn.commit().await.op("apply: commit")?;
        return Ok(Applied::Removed);
    }
    let (action, detail) = match change {
        Change::Role(role) => (
            "role_changed",
            format!("{} -> {}", person.role.as_str(), role.as_str()),
        ),
        Change::Approve if person.status != MemberStatus::Pending => {
            return Err(AccountError::NotPending)
        }
        Change::Approve => ("approved", String::new()),
        // A request is approved (with its e-mail), never "reactivated".
        Change::Reactivate if person.status == MemberStatus::Pending => {
            return Err(AccountError::NotPending)
        }
        Change::Deactivate => ("deactivated", String::new()),
        Change::Reactivate => ("reactivated", String::new()),
    };
    let approved = (change == Change::Approve).then(|| person.clone());
    let mut edited: user::ActiveModel = person.into();
    match change {
        Change::Role(role) => edited.role = Set(role),
        Change::Deactivate => edited.status = Set(MemberStatus::Deactivated),
        Change::Approve | Change::Reactivate => edited.status = Set(MemberStatus::Active),
    }
    edited.update(&txn).await.op("apply: update user")?;
    if let Some(person) = approved {
        tell_approved(&txn, ctx, by, person).await?;
    }
    if change == Change::Deactivate {
        super::sessions::revoke_all(&txn, clock, target_id).await?;
    }
    audit(&txn, clock, by, target_id, action, detail).await?;
    txn.commit().await.op("apply: commit")?;
    Ok(Applied::Changed)
}

/// The audit line of an administrator's change.
async fn audit(
    txn: &impl ConnectionTrait,
    clock: &dyn crate::backend::clock::Clock,
    by: &CurrentUser,
    target_id: i64,
    action: &str,
    detail: String,
) -> Result<(), AccountError> {
    use crate::backend::entities::audit_entry;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    audit_entry::ActiveModel {
        organisation_id: Set(by.organisation_id),
        actor_id: Set(by.id),
        action: Set(action.to_owned()),
        target_user_id: Set(target_id),
        detail: Set(detail),
        at: Set(clock.now()),
        ..Default::default()
    }
    .insert(txn)
    .await
    .op("audit: insert audit_entry")?;
    Ok(())
}

/// Tells someone whose request to join was approved that they may log in,
/// in their language, queued with the approval.
async fn tell_approved(
    txn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    by: &CurrentUser,
    person: user::Model,
) -> Result<(), AccountError> {
    use crate::backend::entities::organisation;
    use crate::backend::mail::letter::Draft;
    use crate::backend::mail::outbox::{queue, Outgoing};
    use crate::backend::mail::MailKind;
    use crate::i18n::{t, Key, Locale};
    let organisation = organisation::Entity::find_by_id(by.organisation_id)
        .one(txn)
        .await
        .op("approved: find organisation")?
        .map(|o| o.name)
        .unwrap_or_default();
    let locale = Locale::from_code(&person.language).unwrap_or_default();
    let site = ctx.site();
    let fill = |key| t(locale, key).replace("{organisation}", &organisation);
    let letter = Draft::new(locale, fill(Key::MailApprovedSubject))
        .para(&t(locale, Key::MailGreeting).replace("{name}", &person.display_name))
        .para(&fill(Key::MailApprovedBody))
        .action(
            t(locale, Key::MailApprovedAction),
            &format!("{site}{}", crate::accounts::LOGIN_PATH),
        )
        .footer(t(locale, Key::MailFooterAccount), &[]);
    queue(
        txn,
        ctx.now(),
        site,
        Outgoing {
            recipient_id: Some(person.id),
            to_address: person.email.clone(),
            to_name: person.display_name.clone(),
            kind: MailKind::JoinApproved,
            letter,
            unsubscribe_url: None,
        },
    )
    .await?;
    Ok(())
}
