//! The mines met most often, by domain, with how they were answered; who
//! takes part, by domain (of the people holding it) and by service.

use super::{domains, Scope};
use crate::backend::entities::{contribution, user, user_domain};
use crate::backend::ideas::error::IdeaError;
use crate::backend::ideas::search::fold;
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use crate::domain::dashboard::{DomainMines, MinesAndPeople, Participation};
use crate::domain::rounds::{ContributionKind, TriageKind};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use std::collections::{BTreeMap, HashMap};

pub(super) async fn mines_and_people(
    db: &impl ConnectionTrait,
    scope: &Scope,
    _page: u32,
) -> Result<MinesAndPeople, IdeaError> {
    // Four independent reads, side by side on the pool.
    let (all, counted, written, (people, held)) = tokio::try_join!(
        domains(db, scope.organisation_id),
        mines_by_triage(db, scope),
        written_by(db, scope),
        people(db, scope.organisation_id),
    )?;
    let columns: Vec<_> = all
        .into_iter()
        .filter(|d| scope.filters.domain.is_none_or(|only| only == d.id))
        .collect();
    let mut mines: Vec<DomainMines> = columns
        .iter()
        .map(|d| {
            let of = |triage: Option<TriageKind>| {
                counted
                    .iter()
                    .filter(|(domain, t, _)| *domain == d.id && *t == triage)
                    .map(|c| c.2 as u32)
                    .sum::<u32>()
            };
            let row = DomainMines {
                domain: d.clone(),
                mines: 0,
                defused: of(Some(TriageKind::Defused)),
                accepted: of(Some(TriageKind::Accepted)),
                investigate: of(Some(TriageKind::ToInvestigate)),
                dismissed: of(Some(TriageKind::Dismissed)),
                untriaged: of(None),
            };
            DomainMines {
                mines: row.defused + row.accepted + row.investigate + row.dismissed + row.untriaged,
                ..row
            }
        })
        .collect();
    mines.sort_by_key(|m| std::cmp::Reverse(m.mines));
    let active = |status: MemberStatus| status == MemberStatus::Active;
    let by_domain = columns
        .iter()
        .map(|d| {
            let holders: Vec<i64> = held.iter().filter(|h| h.1 == d.id).map(|h| h.0).collect();
            tally(d.name.clone(), &holders, &written)
        })
        .collect();
    let mut services: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut guest_contributions = 0;
    for (id, service, status) in &people {
        if *status == MemberStatus::Guest {
            guest_contributions += written.get(id).copied().unwrap_or(0);
        } else if active(*status) || written.contains_key(id) {
            services
                .entry(service.trim().to_owned())
                .or_default()
                .push(*id);
        }
    }
    // Everyone of the service now, and those who have left but wrote.
    let mut by_service: Vec<Participation> = services
        .into_iter()
        .map(|(name, ids)| tally(name, &ids, &written))
        .collect();
    by_service.sort_by_cached_key(|p| (std::cmp::Reverse(p.contributions), fold(&p.name)));
    Ok(MinesAndPeople {
        mines,
        by_domain,
        by_service,
        guest_contributions,
    })
}

/// How many of `people` wrote, and how much.
fn tally(name: String, people: &[i64], written: &HashMap<i64, u32>) -> Participation {
    let theirs: Vec<u32> = people
        .iter()
        .filter_map(|id| written.get(id).copied())
        .collect();
    Participation {
        name,
        people: people.len() as u32,
        contributors: theirs.len() as u32,
        contributions: theirs.iter().sum(),
    }
}

/// Mines by domain and triage; a group of duplicates is one mine: its
/// card's.
async fn mines_by_triage(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<(i64, Option<TriageKind>, i64)>, IdeaError> {
    Ok(scope
        .contributions()
        .select_only()
        .column(contribution::Column::DomainId)
        .column(contribution::Column::Triage)
        .column_as(count_rows(), "mines")
        .filter(contribution::Column::Kind.eq(ContributionKind::Mine))
        .filter(contribution::Column::GroupedUnder.is_null())
        .filter(contribution::Column::DomainId.is_not_null())
        .group_by(contribution::Column::DomainId)
        .group_by(contribution::Column::Triage)
        .into_tuple()
        .all(db)
        .await
        .op("dashboard: mines by domain")?)
}

/// Revealed contributions per writer (in the domain filtered on, if any).
async fn written_by(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<HashMap<i64, u32>, IdeaError> {
    let mut by_writer = scope.contributions();
    if let Some(only) = scope.filters.domain {
        by_writer = by_writer.filter(contribution::Column::DomainId.eq(only));
    }
    Ok(by_writer
        .select_only()
        .column(contribution::Column::AuthorId)
        .column_as(count_rows(), "written")
        .group_by(contribution::Column::AuthorId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .op("dashboard: contributions by writer")?
        .into_iter()
        .map(|(id, n)| (id, n as u32))
        .collect())
}

/// The organisation's people (id, service, status), and the domains its
/// active people hold (person, domain).
type People = (Vec<(i64, String, MemberStatus)>, Vec<(i64, i64)>);

async fn people(db: &impl ConnectionTrait, organisation_id: i64) -> Result<People, IdeaError> {
    let people = user::Entity::find()
        .select_only()
        .columns([
            user::Column::Id,
            user::Column::Service,
            user::Column::Status,
        ])
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .into_tuple()
        .all(db)
        .await
        .op("dashboard: people")?;
    let held = user_domain::Entity::find()
        .select_only()
        .columns([user_domain::Column::UserId, user_domain::Column::DomainId])
        .filter(
            user_domain::Column::UserId.in_subquery(
                user::Entity::find()
                    .select_only()
                    .column(user::Column::Id)
                    .filter(user::Column::OrganisationId.eq(organisation_id))
                    .filter(user::Column::Status.eq(MemberStatus::Active))
                    .into_query(),
            ),
        )
        .into_tuple()
        .all(db)
        .await
        .op("dashboard: domains held")?;
    Ok((people, held))
}

/// `COUNT(*)`: unlike `COUNT(id)`, answered from the covering indexes
/// alone (PostgreSQL's index-only scans).
fn count_rows() -> sea_orm::sea_query::Expr {
    sea_orm::sea_query::Func::count(sea_orm::sea_query::Expr::col(sea_orm::sea_query::Asterisk))
        .into()
}
