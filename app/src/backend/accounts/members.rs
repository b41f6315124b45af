//! The people of an organisation, as administrators see them.

use crate::backend::entities::user;
use crate::backend::error::from_db;
use crate::domain::accounts::{CurrentUser, Member, MemberStatus, Role};
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Everyone in the administrator's organisation, by name. Administrators only.
pub async fn list(db: &impl ConnectionTrait, by: &CurrentUser) -> Result<Vec<Member>, AppError> {
    if by.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let people = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        // Workshop guests are not members.
        .filter(user::Column::Status.ne(crate::backend::workshops::joining::GUEST_STATUS))
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await
        .map_err(from_db)?;
    Ok(people
        .into_iter()
        .filter_map(|p| {
            Some(Member {
                id: p.id,
                role: Role::parse(&p.role)?,
                display_name: p.display_name,
                email: p.email,
                status: MemberStatus::parse(&p.status)?,
            })
        })
        .collect())
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

/// Applies a change with its audit line, in one transaction. Administrators
/// only; the person must belong to their organisation (else `NotFound`), and
/// nobody changes their own account here (an organisation must not lose its
/// last administrator by mistake). Deactivation ends every session at once.
pub async fn apply(
    db: &sea_orm::DatabaseConnection,
    clock: &dyn crate::backend::clock::Clock,
    by: &CurrentUser,
    target_id: i64,
    change: Change,
) -> Result<(), AppError> {
    use crate::backend::db::begin_write;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    if by.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    if target_id == by.id {
        let mut errors = crate::error::FormErrors::default();
        errors.add("user_id", crate::i18n::Key::ErrOwnAccount);
        return Err(AppError::Invalid(errors));
    }
    let txn = begin_write(db).await.map_err(from_db)?;
    let person = user::Entity::find_by_id(target_id)
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        .one(&txn)
        .await
        .map_err(from_db)?
        .ok_or(AppError::NotFound)?;
    // Refusing a request to join deletes it: the address is free again for
    // the person who really holds it (nothing ever proved the requester did).
    if change == Change::Deactivate && person.status == MemberStatus::Pending.as_str() {
        user::Entity::delete_by_id(person.id)
            .exec(&txn)
            .await
            .map_err(from_db)?;
        audit(&txn, clock, by, target_id, "refused", person.display_name).await?;
        return txn.commit().await.map_err(from_db);
    }
    let (action, detail) = match change {
        Change::Role(role) => (
            "role_changed",
            format!("{} -> {}", person.role, role.as_str()),
        ),
        Change::Approve if person.status != MemberStatus::Pending.as_str() => {
            return Err(AppError::Conflict)
        }
        Change::Approve => ("approved", String::new()),
        Change::Deactivate => ("deactivated", String::new()),
        Change::Reactivate => ("reactivated", String::new()),
    };
    let mut edited: user::ActiveModel = person.into();
    match change {
        Change::Role(role) => edited.role = Set(role.as_str().to_owned()),
        Change::Deactivate => edited.status = Set(MemberStatus::Deactivated.as_str().to_owned()),
        Change::Approve | Change::Reactivate => {
            edited.status = Set(MemberStatus::Active.as_str().to_owned())
        }
    }
    edited.update(&txn).await.map_err(from_db)?;
    if change == Change::Deactivate {
        super::sessions::revoke_all(&txn, clock, target_id).await?;
    }
    audit(&txn, clock, by, target_id, action, detail).await?;
    txn.commit().await.map_err(from_db)
}

/// The audit line of an administrator's change.
async fn audit(
    txn: &impl ConnectionTrait,
    clock: &dyn crate::backend::clock::Clock,
    by: &CurrentUser,
    target_id: i64,
    action: &str,
    detail: String,
) -> Result<(), AppError> {
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
    .map_err(from_db)?;
    Ok(())
}
