//! Organisations: creating one with its default expertise domains, and the
//! settings its administrators edit.

use crate::backend::accounts::error::AccountError;
use crate::backend::accounts::{passwords, people};
use crate::backend::clock::Clock;
use crate::backend::ctx::Ctx;
use crate::backend::db::begin_write;
use crate::backend::entities::{expertise_domain, organisation, organisation_email_domain};
use crate::backend::store::Op;
use crate::domain::accounts::{
    DisplayName, Email, MemberStatus, NewPassword, OrganisationName, Role,
};
use crate::domain::organisation::{EmailDomains, OrganisationSettings, DEFAULT_DOMAINS};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};

/// A new organisation and its first administrator, parsed.
#[derive(Debug)]
pub struct NewOrganisation {
    pub organisation: OrganisationName,
    pub display_name: DisplayName,
    pub email: Email,
    pub password: NewPassword,
}

/// Creates the organisation, its default expertise domains and its first
/// administrator in the caller's transaction; returns the administrator's id.
pub async fn insert_with_admin(
    txn: &impl ConnectionTrait,
    clock: &dyn Clock,
    input: &NewOrganisation,
    password_hash: String,
) -> Result<(i64, i64), AccountError> {
    let now = clock.now();
    let org = organisation::ActiveModel {
        name: Set(input.organisation.as_str().to_owned()),
        email_domains: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .op("insert with admin: insert organisation")?;
    let domains =
        DEFAULT_DOMAINS
            .iter()
            .enumerate()
            .map(|(position, name)| expertise_domain::ActiveModel {
                organisation_id: Set(org.id),
                name: Set((*name).to_owned()),
                position: Set(position as i32),
                retired: Set(false),
                ..Default::default()
            });
    expertise_domain::Entity::insert_many(domains)
        .exec_without_returning(txn)
        .await
        .op("insert with admin: insert expertise_domain")?;
    let admin = people::insert(
        txn,
        now,
        people::NewPerson {
            organisation_id: org.id,
            display_name: &input.display_name,
            email: &input.email,
            password_hash,
            role: Role::Admin,
            status: MemberStatus::Active,
        },
    )
    .await?;
    Ok((org.id, admin))
}

/// `demineurs create-organisation`: another organisation on this instance,
/// with its first administrator. Returns the organisation's id.
pub async fn create(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    input: NewOrganisation,
) -> Result<i64, AccountError> {
    let password_hash = passwords::hash(&input.password).await?;
    let txn = begin_write(db).await.op("create: begin write")?;
    let (org, _) = insert_with_admin(&txn, clock, &input, password_hash).await?;
    txn.commit().await.op("create: commit")?;
    Ok(org)
}

/// The administrator's organisation as its settings page shows it.
pub async fn settings(ctx: &Ctx<'_>) -> Result<OrganisationSettings, AccountError> {
    let (db, by) = (ctx.db, ctx.member()?);
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden);
    }
    let org = organisation::Entity::find_by_id(by.organisation_id)
        .one(db)
        .await
        .op("settings: find organisation")?
        .ok_or(AccountError::NotFound)?;
    Ok(OrganisationSettings {
        name: org.name,
        email_domains: EmailDomains::from_stored(&org.email_domains)
            .as_slice()
            .to_vec(),
        domains: super::expertise::offered(db, by.organisation_id).await?,
        domains_needed: org.domains_needed.max(1) as u32,
    })
}

/// Renames the organisation, sets the e-mail domains that may ask to join
/// and N of the maturity rule (checked by the caller: 1 to 20), in one
/// transaction; every idea's stored stage follows a new N at once (the
/// list filters on it).
pub async fn update(
    ctx: &Ctx<'_>,
    name: OrganisationName,
    email_domains: EmailDomains,
    domains_needed: u32,
) -> Result<(), AccountError> {
    let by = ctx.member()?;
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden);
    }
    let txn = ctx.write().await?;
    let before = organisation::Entity::find_by_id(by.organisation_id)
        .one(&txn)
        .await
        .op("update: find organisation")?
        .ok_or(AccountError::NotFound)?;
    // A domain belongs to one organisation: its people's requests to join
    // must not land in another's hands. Said politely here; the table's key
    // holds it when two administrators save at once.
    for domain in email_domains.as_slice() {
        if accepting(&txn, domain)
            .await?
            .is_some_and(|owner| owner != by.organisation_id)
        {
            return Err(AccountError::EmailDomainTaken);
        }
    }
    organisation_email_domain::Entity::delete_many()
        .filter(organisation_email_domain::Column::OrganisationId.eq(by.organisation_id))
        .exec(&txn)
        .await
        .op("update: delete organisation_email_domain")?;
    if !email_domains.as_slice().is_empty() {
        let rows =
            email_domains
                .as_slice()
                .iter()
                .map(|domain| organisation_email_domain::ActiveModel {
                    domain: Set(domain.clone()),
                    organisation_id: Set(by.organisation_id),
                });
        organisation_email_domain::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await
            .map_err(|_| {
                // The database's words would carry the typed domain: not logged.
                tracing::info!("an e-mail domain was taken meanwhile");
                AccountError::EmailDomainTaken
            })?;
    }
    organisation::ActiveModel {
        id: Set(by.organisation_id),
        name: Set(name.as_str().to_owned()),
        email_domains: Set(email_domains.to_stored()),
        domains_needed: Set(domains_needed as i32),
        ..Default::default()
    }
    .update(&txn)
    .await
    .op("update: update organisation")?;
    if before.domains_needed != domains_needed as i32 {
        crate::backend::rounds::maturity::refresh_organisation(&txn, ctx.now(), by.organisation_id)
            .await?;
    }
    Ok(txn.commit().await.op("update: commit")?)
}

/// The organisation whose e-mail domains include this one, if any.
pub async fn accepting(
    db: &impl ConnectionTrait,
    email_domain: &str,
) -> Result<Option<i64>, AccountError> {
    Ok(
        organisation_email_domain::Entity::find_by_id(email_domain.to_ascii_lowercase())
            .one(db)
            .await
            .op("accepting: find organisation_email_domain")?
            .map(|row| row.organisation_id),
    )
}
