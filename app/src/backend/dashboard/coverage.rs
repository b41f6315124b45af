//! « Qui est autour de la table ? » across ideas: the domains most often
//! missing, and the heatmap ideas × domains.

use super::{domains, Scope};
use crate::backend::entities::{contribution, idea, round};
use crate::backend::ideas::error::IdeaError;
use crate::backend::store::Op;
use crate::domain::dashboard::{Coverage, CoverageMark, DomainGap, HeatmapRow};
use crate::domain::rounds::ContributionKind;
use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};
use std::collections::HashMap;

/// Mines and « rien à signaler » with a domain: what covers one.
fn spoken(q: Select<contribution::Entity>) -> Select<contribution::Entity> {
    q.filter(contribution::Column::Kind.is_in([ContributionKind::Mine, ContributionKind::AllClear]))
        .filter(contribution::Column::DomainId.is_not_null())
}

/// The section; `page` 0 draws every line of the heatmap (exports).
pub(super) async fn coverage(
    db: &impl ConnectionTrait,
    scope: &Scope,
    page: u32,
) -> Result<Coverage, IdeaError> {
    // The ideas with a revealed round, newest first: their ids alone (a
    // few kilobytes for 10,000), counted and paged here rather than by a
    // second query.
    let with_rounds = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .filter(idea::Column::Id.in_subquery(scope.ideas.clone()))
        .filter(
            idea::Column::Id.in_subquery(
                round::Entity::find()
                    .select_only()
                    .column(round::Column::IdeaId)
                    .filter(round::Column::Id.in_subquery(scope.revealed_rounds()))
                    .into_query(),
            ),
        )
        .order_by_desc(idea::Column::UpdatedAt)
        .order_by_desc(idea::Column::Id)
        .into_tuple::<i64>()
        .all(db);
    let (all, ids, covered) = tokio::try_join!(
        domains(db, scope.organisation_id),
        async { Ok(with_rounds.await.op("dashboard: ideas with rounds")?) },
        covered_by_domain(db, scope),
    )?;
    let columns: Vec<_> = all
        .into_iter()
        .filter(|d| scope.filters.domain.is_none_or(|only| only == d.id))
        .collect();
    let total = ids.len() as u32;
    let mut gaps: Vec<DomainGap> = columns
        .iter()
        .map(|d| DomainGap {
            domain: d.clone(),
            missing: total.saturating_sub(covered.get(&d.id).copied().unwrap_or(0) as u32),
            of: total,
        })
        .collect();
    gaps.sort_by_key(|g| std::cmp::Reverse(g.missing));

    let page_count = total.div_ceil(Coverage::PAGE_SIZE).max(1);
    let page = if page == 0 {
        0
    } else {
        page.clamp(1, page_count)
    };
    let shown: &[i64] = if page == 0 {
        &ids
    } else {
        let first = ((page - 1) * Coverage::PAGE_SIZE) as usize;
        &ids[first.min(ids.len())..(first + Coverage::PAGE_SIZE as usize).min(ids.len())]
    };
    let (lines, marks) = tokio::try_join!(
        titles(db, scope, shown, page),
        marks(db, scope, shown, page)
    )?;
    let rows = shown
        .iter()
        .map(|&idea_id| HeatmapRow {
            marks: columns
                .iter()
                .map(|d| {
                    marks
                        .get(&(idea_id, d.id))
                        .copied()
                        .unwrap_or(CoverageMark::NotLookedAt)
                })
                .collect(),
            idea_id,
            title: lines.get(&idea_id).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(Coverage {
        gaps,
        columns,
        rows,
        ideas_with_rounds: total,
        page: page.max(1),
        page_count,
    })
}

/// A holder's mine outranks their « rien à signaler », which outranks
/// voices without the expertise.
fn strongest(a: CoverageMark, b: CoverageMark) -> CoverageMark {
    let rank = |m: CoverageMark| CoverageMark::ALL.iter().position(|x| *x == m).unwrap_or(3);
    if rank(a) <= rank(b) {
        a
    } else {
        b
    }
}

/// How many ideas someone holding each domain spoke about: the distinct
/// pairs first, then counted (PostgreSQL hashes the pairs, where
/// COUNT(DISTINCT) would sort them).
async fn covered_by_domain(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<HashMap<i64, i64>, IdeaError> {
    let pairs = spoken(scope.contributions())
        .select_only()
        .columns([contribution::Column::DomainId, contribution::Column::IdeaId])
        .distinct()
        .filter(contribution::Column::HoldsDomain.eq(true))
        .into_query();
    let counted = Query::select()
        .column(contribution::Column::DomainId)
        .expr(Func::count(Expr::col(contribution::Column::IdeaId)))
        .from_subquery(pairs, "pairs")
        .group_by_col(contribution::Column::DomainId)
        .to_owned();
    let mut covered = HashMap::new();
    for row in db
        .query_all(&counted)
        .await
        .op("dashboard: covered domains")?
    {
        let domain: i64 = row.try_get_by_index(0).op("dashboard: covered domains")?;
        let ideas: i64 = row.try_get_by_index(1).op("dashboard: covered domains")?;
        covered.insert(domain, ideas);
    }
    Ok(covered)
}

/// Restricts to the ideas shown: the page's few by id, or (`page` 0, the
/// exports) every idea counted, by subquery.
fn only_shown<E: EntityTrait>(
    query: Select<E>,
    column: impl ColumnTrait,
    scope: &Scope,
    shown: &[i64],
    page: u32,
) -> Select<E> {
    if page == 0 {
        query.filter(column.in_subquery(scope.ideas.clone()))
    } else {
        query.filter(column.is_in(shown.iter().copied()))
    }
}

/// The titles of the ideas shown.
async fn titles(
    db: &impl ConnectionTrait,
    scope: &Scope,
    shown: &[i64],
    page: u32,
) -> Result<HashMap<i64, String>, IdeaError> {
    let query = idea::Entity::find()
        .select_only()
        .columns([idea::Column::Id, idea::Column::Title]);
    Ok(only_shown(query, idea::Column::Id, scope, shown, page)
        .into_tuple::<(i64, String)>()
        .all(db)
        .await
        .op("dashboard: heatmap lines")?
        .into_iter()
        .collect())
}

/// Each cell's strongest mark, for the ideas shown.
async fn marks(
    db: &impl ConnectionTrait,
    scope: &Scope,
    shown: &[i64],
    page: u32,
) -> Result<HashMap<(i64, i64), CoverageMark>, IdeaError> {
    let said = spoken(scope.contributions())
        .select_only()
        .columns([
            contribution::Column::IdeaId,
            contribution::Column::DomainId,
            contribution::Column::Kind,
            contribution::Column::HoldsDomain,
        ])
        .distinct();
    let mut marks: HashMap<(i64, i64), CoverageMark> = HashMap::new();
    for (idea_id, domain_id, kind, holder) in
        only_shown(said, contribution::Column::IdeaId, scope, shown, page)
            .into_tuple::<(i64, i64, ContributionKind, bool)>()
            .all(db)
            .await
            .op("dashboard: heatmap cells")?
    {
        let mark = match (holder, kind) {
            (true, ContributionKind::Mine) => CoverageMark::Covered,
            (true, _) => CoverageMark::NothingToReport,
            (false, _) => CoverageMark::RoleCardsOnly,
        };
        let cell = marks.entry((idea_id, domain_id)).or_insert(mark);
        *cell = strongest(*cell, mark);
    }
    Ok(marks)
}
