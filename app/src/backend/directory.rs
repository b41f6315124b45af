//! The expertise directory: the organisation's active people by domain and
//! service with their availability, a person's page, and the names offered
//! where people are named.

use crate::backend::accounts::error::AccountError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{user, user_domain};
use crate::backend::expertise;
use crate::backend::ideas::search::fold;
use crate::backend::paging::{one_page, Words};
use crate::backend::rounds::error::RoundError;
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use crate::domain::directory::{
    Availability, Directory, DirectoryPerson, DirectoryQuery, DomainHeadcount, NameSuggestion,
    PersonPage, Presence,
};
use crate::domain::organisation::ExpertiseDomain;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use std::collections::HashMap;

/// Today, in France: absences end at the end of their last French day.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive()
}

/// A person's availability as of `today`.
pub fn presence(stored: &str, away_until: Option<NaiveDate>, today: NaiveDate) -> Presence {
    match (Availability::parse(stored).unwrap_or_default(), away_until) {
        (Availability::Away, Some(last)) if last >= today => Presence {
            availability: Availability::Away,
            until: Some(last.format("%d/%m/%Y").to_string()),
        },
        // An absence over (or never dated) reads as available.
        (Availability::Away, _) => Presence::default(),
        (other, _) => Presence {
            availability: other,
            until: None,
        },
    }
}

/// The organisation's active people as the directory reads them.
struct Everyone {
    /// Sorted by name, each with their domains' names in the
    /// organisation's order.
    people: Vec<DirectoryPerson>,
    /// The domain ids each person holds.
    held: HashMap<i64, Vec<i64>>,
    domains: Vec<ExpertiseDomain>,
    emails: HashMap<i64, String>,
}

async fn everyone(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    today: NaiveDate,
) -> Result<Everyone, AccountError> {
    let active = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active));
    let people = active.clone().all(db).await.op("directory: find users")?;
    let domains = expertise::offered(db, organisation_id).await?;
    let mut held: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in user_domain::Entity::find()
        .filter(
            user_domain::Column::UserId
                .in_subquery(active.select_only().column(user::Column::Id).into_query()),
        )
        .all(db)
        .await
        .op("directory: find user_domains")?
    {
        held.entry(row.user_id).or_default().push(row.domain_id);
    }
    let emails = people.iter().map(|p| (p.id, p.email.clone())).collect();
    let mut listed: Vec<DirectoryPerson> = people
        .into_iter()
        .map(|p| {
            let theirs = held.get(&p.id);
            DirectoryPerson {
                id: p.id,
                domains: domains
                    .iter()
                    .filter(|d| theirs.is_some_and(|t| t.contains(&d.id)))
                    .map(|d| d.name.clone())
                    .collect(),
                presence: presence(&p.availability, p.away_until, today),
                name: p.display_name,
                service: p.service,
            }
        })
        .collect();
    listed.sort_by_cached_key(|p| (fold(&p.name), p.id));
    Ok(Everyone {
        people: listed,
        held,
        domains,
        emails,
    })
}

/// One page of the directory, filtered as asked. Signed-in members.
pub async fn list(ctx: &Ctx<'_>, query: &DirectoryQuery) -> Result<Directory, AccountError> {
    let me = ctx.member()?;
    let Everyone {
        people,
        held,
        domains,
        ..
    } = everyone(ctx.db, me.organisation_id, today(ctx.now())).await?;
    let headcounts = domains
        .iter()
        .map(|d| {
            let holders = people
                .iter()
                .filter(|p| held.get(&p.id).is_some_and(|t| t.contains(&d.id)));
            DomainHeadcount {
                id: d.id,
                name: d.name.clone(),
                people: holders.clone().count() as u32,
                available: holders
                    .filter(|p| p.presence.availability == Availability::Available)
                    .count() as u32,
            }
        })
        .collect();
    let mut services: Vec<String> = people
        .iter()
        .map(|p| p.service.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    services.sort_by_cached_key(|s| fold(s));
    // "Juridique" and "juridique" filter the same: offered once.
    services.dedup_by_key(|s| fold(s));
    let words = Words::of(query.q.as_deref());
    let service = query.service.as_deref().map(|s| fold(s.trim()));
    let matching: Vec<DirectoryPerson> = people
        .into_iter()
        .filter(|p| words.found_in(&p.name))
        .filter(|p| {
            query
                .domain
                .is_none_or(|d| held.get(&p.id).is_some_and(|t| t.contains(&d)))
        })
        .filter(|p| {
            service
                .as_ref()
                .is_none_or(|s| fold(p.service.trim()) == *s)
        })
        .filter(|p| !query.available_only || p.presence.availability == Availability::Available)
        .collect();
    let shown = one_page(matching, query.page, Directory::PAGE_SIZE);
    Ok(Directory {
        people: shown.items,
        total: shown.total,
        page: shown.page,
        page_count: shown.page_count,
        domains: headcounts,
        services,
    })
}

/// A person's page: an active person of the caller's organisation, else
/// not found.
pub async fn person(ctx: &Ctx<'_>, id: i64) -> Result<PersonPage, AccountError> {
    let me = ctx.member()?;
    let found = user::Entity::find_by_id(id)
        .one(ctx.db)
        .await
        .op("directory: find user")?
        .filter(|p| p.organisation_id == me.organisation_id && p.status == MemberStatus::Active)
        .ok_or(AccountError::NotFound)?;
    let domains = expertise::offered(ctx.db, me.organisation_id).await?;
    let held = expertise::held(ctx.db, id).await?;
    let recognition =
        crate::backend::rounds::contribution_page::recognition_of(ctx.db, ctx.now(), id)
            .await
            .map_err(|err| match err {
                RoundError::Store(err) => AccountError::Store(err),
                _ => AccountError::NotFound,
            })?;
    Ok(PersonPage {
        person: DirectoryPerson {
            id,
            name: found.display_name,
            service: found.service,
            domains: domains
                .into_iter()
                .filter(|d| held.contains(&d.id))
                .map(|d| d.name)
                .collect(),
            presence: presence(&found.availability, found.away_until, today(ctx.now())),
        },
        email: found.email,
        recognition,
        is_me: id == me.id,
    })
}

/// The names offered where the caller names colleagues: everyone active
/// but them. A name two people share is offered as each one's address, so
/// that the choice names one person.
pub async fn suggestions(ctx: &Ctx<'_>) -> Result<Vec<NameSuggestion>, AccountError> {
    let me = ctx.member()?;
    let Everyone { people, emails, .. } =
        everyone(ctx.db, me.organisation_id, today(ctx.now())).await?;
    let mut seen: HashMap<String, u32> = HashMap::new();
    for p in &people {
        *seen.entry(fold(&p.name)).or_default() += 1;
    }
    Ok(people
        .into_iter()
        .filter(|p| p.id != me.id)
        .map(|p| {
            // A comma or semicolon would split the name in the field.
            let shared =
                seen.get(&fold(&p.name)).is_some_and(|n| *n > 1) || p.name.contains([',', ';']);
            let value = if shared {
                emails.get(&p.id).cloned().unwrap_or_default()
            } else {
                p.name.clone()
            };
            NameSuggestion {
                value,
                label: describe(&p),
                presence: p.presence.clone(),
            }
        })
        .collect())
}

/// "Alice Martin — Service juridique — Juridique, RH": who it is, without
/// the words of a language (availability is said on the directory).
fn describe(p: &DirectoryPerson) -> String {
    let mut parts = vec![p.name.as_str()];
    if !p.service.trim().is_empty() {
        parts.push(p.service.trim());
    }
    let domains = p.domains.join(", ");
    if !domains.is_empty() {
        parts.push(&domains);
    }
    parts.join(" — ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absence_ends_after_its_last_day() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let away = presence("away", Some(day(10)), day(10));
        assert_eq!(away.availability, Availability::Away);
        assert_eq!(away.until.as_deref(), Some("10/12/2026"));
        assert_eq!(presence("away", Some(day(9)), day(10)), Presence::default());
        assert_eq!(presence("away", None, day(10)), Presence::default());
        assert_eq!(
            presence("busy", None, day(10)).availability,
            Availability::Busy
        );
        assert_eq!(presence("???", None, day(10)), Presence::default());
    }

    #[test]
    fn the_french_day_turns_at_paris_midnight() {
        use chrono::TimeZone;
        let late = Utc.with_ymd_and_hms(2026, 12, 9, 23, 30, 0).unwrap();
        assert_eq!(today(late), NaiveDate::from_ymd_opt(2026, 12, 10).unwrap());
    }
}
