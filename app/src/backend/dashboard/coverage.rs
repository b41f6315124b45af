//! « Qui est autour de la table ? » across ideas: the domains most often
//! missing, and the heatmap ideas × domains.

use super::{domains, Scope};
use crate::backend::entities::{contribution, idea, round};
use crate::backend::ideas::error::IdeaError;
use crate::backend::store::Op;
use crate::domain::dashboard::{Coverage, CoverageMark, DomainGap, HeatmapRow};
use crate::domain::rounds::ContributionKind;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::HashMap;

/// The section; `page` 0 draws every line of the heatmap (exports).
pub(super) async fn coverage(
    db: &impl ConnectionTrait,
    scope: &Scope,
    page: u32,
) -> Result<Coverage, IdeaError> {
    let all = domains(db, scope.organisation_id).await?;
    let columns: Vec<_> = all
        .into_iter()
        .filter(|d| scope.filters.domain.is_none_or(|only| only == d.id))
        .collect();
    let with_rounds = idea::Entity::find()
        .select_only()
        .columns([idea::Column::Id, idea::Column::Title])
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
        .order_by_desc(idea::Column::Id);
    let total = with_rounds
        .clone()
        .count(db)
        .await
        .op("dashboard: ideas with rounds")? as u32;
    let spoken = |q: sea_orm::Select<contribution::Entity>| {
        q.filter(
            contribution::Column::Kind.is_in([ContributionKind::Mine, ContributionKind::AllClear]),
        )
        .filter(contribution::Column::DomainId.is_not_null())
    };
    // Ideas where someone holding the domain spoke, per domain.
    let covered: HashMap<i64, i64> = spoken(scope.contributions())
        .select_only()
        .column(contribution::Column::DomainId)
        .column_as(
            Expr::from(Func::count_distinct(Expr::col(
                contribution::Column::IdeaId,
            ))),
            "ideas",
        )
        .filter(contribution::Column::HoldsDomain.eq(true))
        .group_by(contribution::Column::DomainId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .op("dashboard: covered domains")?
        .into_iter()
        .collect();
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
    let lines: Vec<(i64, String)> = if page == 0 {
        with_rounds.into_tuple().all(db).await
    } else {
        with_rounds
            .offset(u64::from((page - 1) * Coverage::PAGE_SIZE))
            .limit(u64::from(Coverage::PAGE_SIZE))
            .into_tuple()
            .all(db)
            .await
    }
    .op("dashboard: heatmap lines")?;
    let mut said = spoken(scope.contributions())
        .select_only()
        .columns([
            contribution::Column::IdeaId,
            contribution::Column::DomainId,
            contribution::Column::Kind,
            contribution::Column::HoldsDomain,
        ])
        .distinct();
    if page != 0 {
        said = said.filter(contribution::Column::IdeaId.is_in(lines.iter().map(|l| l.0)));
    }
    let mut marks: HashMap<(i64, i64), CoverageMark> = HashMap::new();
    for (idea_id, domain_id, kind, holder) in said
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
    let rows = lines
        .into_iter()
        .map(|(idea_id, title)| HeatmapRow {
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
            title,
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
