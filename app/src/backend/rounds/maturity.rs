//! The evidence the maturity rule reads, gathered from an idea's rounds,
//! and the coverage map drawn from the same facts. Only revealed,
//! unhidden contributions count: silent writing stays silent.

use crate::backend::entities::{
    contribution, idea, idea_coauthor, idea_stage_change, idea_version, organisation, round,
};
use crate::backend::store::{Op, StoreError};
use crate::domain::ideas::CoauthorStatus;
use crate::domain::maturity_rule::{assess, Evidence, Maturity, DEFAULT_DOMAINS_NEEDED};
use crate::domain::round_views::{CoverageCell, CoverageState, DomainRef};
use crate::domain::rounds::{is_revealed, ContributionKind, RoundStatus, Severity, TriageKind};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{BTreeMap, HashMap};

/// The facts of one revealed, unhidden contribution that maturity reads.
#[derive(Clone, Debug)]
pub struct Fact {
    pub kind: ContributionKind,
    pub domain_id: Option<i64>,
    pub severity: Option<Severity>,
    pub triage: Option<TriageKind>,
    pub holds_domain: bool,
    /// Written under a workshop role card.
    pub under_card: bool,
    pub id: i64,
    /// A duplicate grouped under this card of its domain: it covers the
    /// domain with that card but is not a mine of its own.
    pub grouped_under: Option<i64>,
}

impl Fact {
    pub fn grouped(&self) -> bool {
        self.grouped_under.is_some()
    }
}

/// The severity of each card's group: the most severe said by the card or
/// a duplicate under it (grouping never makes a blocking mine lighter).
fn group_severity(facts: &[Fact]) -> HashMap<i64, Severity> {
    let mut most: HashMap<i64, Severity> = HashMap::new();
    for fact in facts.iter().filter(|f| f.kind == ContributionKind::Mine) {
        let Some(severity) = fact.severity else {
            continue;
        };
        let card = fact.grouped_under.unwrap_or(fact.id);
        most.entry(card)
            .and_modify(|s| *s = (*s).min(severity))
            .or_insert(severity);
    }
    most
}

/// The revealed, unhidden contributions of an idea.
pub async fn facts(
    db: &impl ConnectionTrait,
    idea_id: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<round::Model>, Vec<Fact>), StoreError> {
    let rounds = round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .order_by_asc(round::Column::Number)
        .all(db)
        .await
        .op("maturity::facts")?;
    let revealed: Vec<i64> = rounds
        .iter()
        .filter(|r| {
            let status = r.status;
            is_revealed(status, r.revealed_at, r.deadline, now)
        })
        .map(|r| r.id)
        .collect();
    if revealed.is_empty() {
        return Ok((rounds, Vec::new()));
    }
    let facts = contribution::Entity::find()
        .filter(contribution::Column::RoundId.is_in(revealed))
        .filter(contribution::Column::HiddenReason.is_null())
        .all(db)
        .await
        .op("maturity::facts")?
        .into_iter()
        .map(|c| Fact {
            kind: c.kind,
            domain_id: c.domain_id,
            severity: c.severity,
            triage: c.triage,
            holds_domain: c.holds_domain,
            under_card: c.under_card,
            id: c.id,
            grouped_under: c.grouped_under,
        })
        .collect();
    Ok((rounds, facts))
}

/// N of the organisation's rule.
pub async fn domains_needed(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<u32, StoreError> {
    Ok(organisation::Entity::find_by_id(organisation_id)
        .one(db)
        .await
        .op("maturity::domains_needed")?
        .map_or(DEFAULT_DOMAINS_NEEDED, |o| o.domains_needed.max(1) as u32))
}

/// The idea's maturity now.
pub async fn of(
    db: &impl ConnectionTrait,
    found: &idea::Model,
    now: DateTime<Utc>,
) -> Result<Maturity, StoreError> {
    let (rounds, facts) = facts(db, found.id, now).await?;
    from_facts(db, found, &rounds, &facts).await
}

/// The idea's maturity from facts already read.
pub async fn from_facts(
    db: &impl ConnectionTrait,
    found: &idea::Model,
    rounds: &[round::Model],
    facts: &[Fact],
) -> Result<Maturity, StoreError> {
    let current = idea_version::Entity::find_by_id((found.id, found.current_version))
        .one(db)
        .await
        .op("maturity::from_facts")?
        .ok_or_else(|| StoreError::corrupt("maturity: read version", "current version gone"))?;
    let coauthors = idea_coauthor::Entity::find()
        .filter(idea_coauthor::Column::IdeaId.eq(found.id))
        .filter(idea_coauthor::Column::Status.eq(CoauthorStatus::Accepted))
        .count(db)
        .await
        .op("maturity::from_facts")?;
    // A group of duplicates is one mine: its card's.
    let is_mine = |f: &&Fact| f.kind == ContributionKind::Mine && !f.grouped();
    let severity = group_severity(facts);
    let mut covered: Vec<i64> = facts
        .iter()
        .filter(|f| {
            f.holds_domain && matches!(f.kind, ContributionKind::Mine | ContributionKind::AllClear)
        })
        .filter_map(|f| f.domain_id)
        .collect();
    covered.sort_unstable();
    covered.dedup();
    let closed: Vec<&round::Model> = rounds
        .iter()
        .filter(|r| r.status == RoundStatus::Closed)
        .collect();
    let evidence = Evidence {
        has_problem: !current.problem.trim().is_empty(),
        has_proposal: !current.proposal.trim().is_empty(),
        has_beneficiaries: !current.beneficiaries.trim().is_empty(),
        closed_rounds: closed.len() as u32,
        covered_domains: covered.len() as u32,
        untriaged_mines: facts
            .iter()
            .filter(is_mine)
            .filter(|f| f.triage.is_none())
            .count() as u32,
        open_blocking_mines: facts
            .iter()
            .filter(is_mine)
            .filter(|f| severity.get(&f.id) == Some(&Severity::Blocking))
            .filter(|f| !f.triage.is_some_and(TriageKind::settles_blocking))
            .count() as u32,
        has_help_offer_or_coauthor: coauthors > 0
            || facts.iter().any(|f| f.kind == ContributionKind::HelpOffer),
        has_next_step: closed
            .last()
            .is_some_and(|r| !r.next_step.trim().is_empty()),
    };
    let needed = domains_needed(db, found.organisation_id).await?;
    Ok(assess(&evidence, needed))
}

/// Recomputes and stores the idea's stage and score (the list filters on
/// them). Called after every write that can change them; pages compute
/// afresh, since a deadline passing changes what is revealed.
pub async fn refresh(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idea_id: i64,
) -> Result<Maturity, StoreError> {
    let found = idea::Entity::find_by_id(idea_id)
        .one(db)
        .await
        .op("maturity::refresh")?
        .ok_or_else(|| StoreError::corrupt("maturity: read idea", "idea gone"))?;
    let maturity = of(db, &found, now).await?;
    if found.stage != maturity.stage || found.score != i32::from(maturity.score) {
        idea::Entity::update_many()
            .col_expr(idea::Column::Stage, Expr::value(maturity.stage))
            .col_expr(idea::Column::Score, Expr::value(i32::from(maturity.score)))
            .filter(idea::Column::Id.eq(idea_id))
            .exec(db)
            .await
            .op("maturity::refresh")?;
        if found.stage != maturity.stage {
            // Dated for the dashboard's ageing; a second refresh in the
            // same instant (two writes at once) keeps one row.
            idea_stage_change::Entity::insert(idea_stage_change::ActiveModel {
                idea_id: Set(idea_id),
                since: Set(now),
                stage: Set(maturity.stage),
            })
            .on_conflict(
                OnConflict::columns([
                    idea_stage_change::Column::IdeaId,
                    idea_stage_change::Column::Since,
                    idea_stage_change::Column::Stage,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(db)
            .await
            .op("maturity::refresh: record stage")?;
        }
    }
    Ok(maturity)
}

/// Refreshes the stored stage of every idea of an organisation (after its
/// N changed).
pub async fn refresh_organisation(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    organisation_id: i64,
) -> Result<(), StoreError> {
    let ids: Vec<i64> = idea::Entity::find()
        .filter(idea::Column::OrganisationId.eq(organisation_id))
        .select_only()
        .column(idea::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("maturity::refresh_organisation")?;
    for id in ids {
        refresh(db, now, id).await?;
    }
    Ok(())
}

/// Refreshes the stored stage of every idea of the instance: at start, so
/// that a rule changed by a new version (or data repaired by a migration)
/// shows in the list at once. Returns how many ideas there are.
pub async fn refresh_all(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let ids: Vec<i64> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("maturity::refresh_all")?;
    for id in &ids {
        refresh(db, now, *id).await?;
    }
    Ok(ids.len())
}

/// « Qui est autour de la table ? »: every domain of the organisation, with
/// what revealed contributions say of it.
pub fn coverage(domains: &[DomainRef], facts: &[Fact]) -> Vec<CoverageCell> {
    let mut by_domain: BTreeMap<i64, Vec<&Fact>> = BTreeMap::new();
    for fact in facts {
        if let (Some(d), ContributionKind::Mine | ContributionKind::AllClear) =
            (fact.domain_id, fact.kind)
        {
            by_domain.entry(d).or_default().push(fact);
        }
    }
    domains
        .iter()
        .map(|domain| {
            let said = by_domain.get(&domain.id).map(Vec::as_slice).unwrap_or(&[]);
            // A group of duplicates counts once: its card.
            let mines: Vec<&&Fact> = said
                .iter()
                .filter(|f| f.kind == ContributionKind::Mine && !f.grouped())
                .collect();
            let all_clears = said
                .iter()
                .filter(|f| f.kind == ContributionKind::AllClear)
                .count() as u32;
            let state = if said.is_empty() {
                CoverageState::NotLookedAt
            } else if mines.is_empty() {
                CoverageState::AllClear
            } else if mines.iter().all(|m| m.triage.is_some()) {
                CoverageState::MinesHandled
            } else {
                CoverageState::MinesFound
            };
            CoverageCell {
                domain: domain.clone(),
                state,
                mines: mines.len() as u32,
                all_clears,
                counts: said.iter().any(|f| f.holds_domain),
                role_played: said.iter().any(|f| f.under_card),
                called: false,
            }
        })
        .collect()
}
