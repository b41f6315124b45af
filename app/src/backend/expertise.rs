//! Expertise domains ("casquettes"): the organisation's list, which its
//! administrators edit, and the ones each person holds.

use crate::backend::accounts::error::AccountError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{expertise_domain, user_domain};
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::{CurrentUser, Role};
use crate::domain::organisation::{DomainName, ExpertiseDomain};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

/// The domains an organisation offers now, in the administrator's order.
pub async fn offered(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<ExpertiseDomain>, StoreError> {
    let rows = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::OrganisationId.eq(organisation_id))
        .filter(expertise_domain::Column::Retired.eq(false))
        .order_by_asc(expertise_domain::Column::Position)
        .order_by_asc(expertise_domain::Column::Id)
        .all(db)
        .await
        .op("offered: find expertise_domain")?;
    Ok(rows
        .into_iter()
        .map(|d| ExpertiseDomain {
            id: d.id,
            name: d.name,
        })
        .collect())
}

/// The domains offered, as views name them (`offered`, by id and name).
pub async fn domain_refs(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<crate::domain::round_views::DomainRef>, StoreError> {
    Ok(offered(db, organisation_id)
        .await?
        .into_iter()
        .map(|d| crate::domain::round_views::DomainRef {
            id: d.id,
            name: d.name,
        })
        .collect())
}

/// The ids of the domains a person holds.
pub async fn held(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<i64>, StoreError> {
    user_domain::Entity::find()
        .filter(user_domain::Column::UserId.eq(user_id))
        .select_only()
        .column(user_domain::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .op("held: find user_domain")
}

/// Replaces the domains a person holds. Every id must be one the person's
/// organisation offers, else nothing changes.
pub async fn set_held(
    txn: &impl ConnectionTrait,
    me: &CurrentUser,
    domain_ids: &[i64],
) -> Result<(), AccountError> {
    let offered = offered(txn, me.organisation_id).await?;
    if domain_ids
        .iter()
        .any(|id| !offered.iter().any(|d| d.id == *id))
    {
        return Err(AccountError::UnknownDomains);
    }
    user_domain::Entity::delete_many()
        .filter(user_domain::Column::UserId.eq(me.id))
        .exec(txn)
        .await
        .op("set held: delete user_domain")?;
    let mut ids = domain_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    user_domain::Entity::insert_many(ids.into_iter().map(|domain_id| user_domain::ActiveModel {
        user_id: Set(me.id),
        domain_id: Set(domain_id),
    }))
    .exec_without_returning(txn)
    .await
    .op("set held: insert user_domain")?;
    Ok(())
}

fn require_admin(by: &CurrentUser) -> Result<(), AccountError> {
    if by.role == Role::Admin {
        Ok(())
    } else {
        Err(AccountError::Forbidden)
    }
}

/// The organisation's domain with this name, retired or not.
async fn named(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    name: &DomainName,
) -> Result<Option<expertise_domain::Model>, StoreError> {
    expertise_domain::Entity::find()
        .filter(expertise_domain::Column::OrganisationId.eq(organisation_id))
        .filter(expertise_domain::Column::Name.eq(name.as_str()))
        .one(db)
        .await
        .op("named: find expertise_domain")
}

/// Adds a domain at the end of the list; adding a retired domain's name
/// brings it back, with its history.
pub async fn add(ctx: &Ctx<'_>, name: DomainName) -> Result<(), AccountError> {
    let (db, by) = (ctx.db, ctx.member()?);
    require_admin(by)?;
    // After every domain, retired ones included: positions never tie.
    let last: Option<i32> = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::OrganisationId.eq(by.organisation_id))
        .select_only()
        .column_as(expertise_domain::Column::Position.max(), "last")
        .into_tuple()
        .one(db)
        .await
        .op("add: find expertise_domain")?
        .flatten();
    let last = last.map_or(0, |p| p + 1);
    match named(db, by.organisation_id, &name).await? {
        Some(existing) if !existing.retired => Err(AccountError::DomainNameTaken),
        Some(existing) => {
            let mut back: expertise_domain::ActiveModel = existing.into();
            back.retired = Set(false);
            back.position = Set(last);
            back.update(db).await.op("add: update expertise_domain")?;
            Ok(())
        }
        None => {
            expertise_domain::ActiveModel {
                organisation_id: Set(by.organisation_id),
                name: Set(name.as_str().to_owned()),
                position: Set(last),
                retired: Set(false),
                ..Default::default()
            }
            .insert(db)
            .await
            .op("add: insert expertise_domain")?;
            Ok(())
        }
    }
}

/// One of the organisation's offered domains, or `NotFound`.
async fn own(
    db: &impl ConnectionTrait,
    by: &CurrentUser,
    domain_id: i64,
) -> Result<expertise_domain::Model, AccountError> {
    expertise_domain::Entity::find_by_id(domain_id)
        .filter(expertise_domain::Column::OrganisationId.eq(by.organisation_id))
        .filter(expertise_domain::Column::Retired.eq(false))
        .one(db)
        .await
        .op("own: find expertise_domain")?
        .ok_or(AccountError::NotFound)
}

/// Renames a domain; the people holding it keep it.
pub async fn rename(ctx: &Ctx<'_>, domain_id: i64, name: DomainName) -> Result<(), AccountError> {
    let (db, by) = (ctx.db, ctx.member()?);
    require_admin(by)?;
    let domain = own(db, by, domain_id).await?;
    if let Some(other) = named(db, by.organisation_id, &name).await? {
        if other.id != domain_id {
            return Err(AccountError::DomainNameTaken);
        }
    }
    let mut renamed: expertise_domain::ActiveModel = domain.into();
    renamed.name = Set(name.as_str().to_owned());
    renamed
        .update(db)
        .await
        .op("rename: update expertise_domain")?;
    Ok(())
}

/// Takes a domain off the list: nobody can pick it any more, and the people
/// who held it no longer do. What was said under it stays.
pub async fn retire(ctx: &Ctx<'_>, domain_id: i64) -> Result<(), AccountError> {
    let by = ctx.member()?;
    require_admin(by)?;
    let txn = ctx.write().await?;
    let domain = own(&txn, by, domain_id).await?;
    user_domain::Entity::delete_many()
        .filter(user_domain::Column::DomainId.eq(domain_id))
        .exec(&txn)
        .await
        .op("retire: delete user_domain")?;
    let mut retired: expertise_domain::ActiveModel = domain.into();
    retired.retired = Set(true);
    retired
        .update(&txn)
        .await
        .op("retire: update expertise_domain")?;
    Ok(txn.commit().await.op("retire: commit")?)
}
