//! Reading the library: `/mines`, and the suggestions beside the forms
//! that open a round or write a mine.

use super::{readable_mines, LibraryError};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{
    contribution, idea, known_mine, known_mine_member, proven_workaround,
};
use crate::backend::rounds::access::can_moderate;
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::library::{KnownMine, KnownWorkaround, MetMine, MineLibrary, MineSuggestion};
use crate::domain::round_views::DomainRef;
use crate::domain::rounds::TriageKind;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use std::collections::{HashMap, HashSet};

/// A readable mine's row, as the library needs it.
type MineRow = (
    i64,
    String,
    Option<i64>,
    i64,
    Option<TriageKind>,
    Option<i64>,
);

/// `/mines`: known mines (of `domain`, if given) with what the caller may
/// read of them; for leads, one page of the mines not filed yet.
pub async fn library(
    ctx: &Ctx<'_>,
    domain: Option<i64>,
    page: Option<u32>,
) -> Result<MineLibrary, LibraryError> {
    let (db, me, now) = (ctx.db, ctx.member()?, ctx.now());
    let domains = domains(db, me.organisation_id).await?;
    let can_curate = can_moderate(me);
    let mut known = known_mines(ctx, domain, &domains).await?;
    // Readers see what was met; an empty name is left to those who curate.
    if !can_curate {
        known.retain(|k| !k.mines.is_empty());
    }
    let (mut unfiled, mut unfiled_total, mut page_count, mut page_shown) = (vec![], 0, 1, 1);
    if can_curate {
        let mut waiting = readable_mines(me, now)
            .filter(contribution::Column::GroupedUnder.is_null())
            .filter(
                contribution::Column::Id.not_in_subquery(
                    known_mine_member::Entity::find()
                        .select_only()
                        .column(known_mine_member::Column::ContributionId)
                        .into_query(),
                ),
            );
        if let Some(domain) = domain {
            waiting = waiting.filter(contribution::Column::DomainId.eq(domain));
        }
        unfiled_total = waiting
            .clone()
            .select_only()
            .column(contribution::Column::Id)
            .count(db)
            .await
            .op("library: unfiled count")? as u32;
        page_count = unfiled_total.div_ceil(MineLibrary::PAGE_SIZE).max(1);
        page_shown = page.unwrap_or(1).clamp(1, page_count);
        let rows = select_rows(waiting)
            .order_by_desc(contribution::Column::CreatedAt)
            .order_by_desc(contribution::Column::Id)
            .offset(u64::from((page_shown - 1) * MineLibrary::PAGE_SIZE))
            .limit(u64::from(MineLibrary::PAGE_SIZE))
            .into_tuple::<MineRow>()
            .all(db)
            .await
            .op("library: unfiled")?;
        let titles = titles(db, rows.iter().map(|r| r.3)).await?;
        unfiled = rows
            .into_iter()
            .map(|r| met_mine(&r, &domains, &titles))
            .collect();
    }
    Ok(MineLibrary {
        known,
        can_curate,
        unfiled,
        unfiled_total,
        page: page_shown,
        page_count,
        domains,
        domain,
    })
}

/// The known mines of the domains the caller works with, met in ideas
/// they may read: beside the forms that open a round on `idea_id` or write
/// a mine in it. The idea must be one the caller may see.
pub async fn suggestions(ctx: &Ctx<'_>, idea_id: i64) -> Result<Vec<MineSuggestion>, LibraryError> {
    let (db, me) = (ctx.db, ctx.member()?);
    crate::backend::ideas::access::load(db, me, idea_id)
        .await
        .map_err(|_| LibraryError::NotFound)?;
    let domains = domains(db, me.organisation_id).await?;
    let known = known_mines(ctx, None, &domains).await?;
    let mut suggested: Vec<MineSuggestion> = known
        .into_iter()
        // Met elsewhere: this idea's own mines are already on its page.
        .map(|mut k| {
            k.mines.retain(|m| m.idea_id != idea_id);
            k
        })
        .filter(|k| !k.mines.is_empty())
        .filter_map(|k| {
            let ideas = k.ideas() as u32;
            Some(MineSuggestion {
                known_mine_id: k.id,
                name: k.name,
                domain: k.domain?,
                ideas,
                defused_by: k
                    .workarounds
                    .into_iter()
                    .map(|w| (w.text, w.proven))
                    .collect(),
            })
        })
        .collect();
    // The organisation's order of domains, the most met first in each.
    let position: HashMap<i64, usize> =
        domains.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    suggested.sort_by_key(|s| {
        (
            position.get(&s.domain.id).copied().unwrap_or(usize::MAX),
            std::cmp::Reverse(s.ideas),
            s.known_mine_id,
        )
    });
    Ok(suggested)
}

/// The organisation's known mines (of `domain`, if given), each with the
/// readable mines filed under it and the workarounds that defused them.
async fn known_mines(
    ctx: &Ctx<'_>,
    domain: Option<i64>,
    domains: &[DomainRef],
) -> Result<Vec<KnownMine>, LibraryError> {
    let (db, me, now) = (ctx.db, ctx.member()?, ctx.now());
    let mut named = known_mine::Entity::find()
        .filter(known_mine::Column::OrganisationId.eq(me.organisation_id));
    if let Some(domain) = domain {
        named = named.filter(known_mine::Column::DomainId.eq(domain));
    }
    let named = named.all(db).await.op("library: known mines")?;
    let ids: Vec<i64> = named.iter().map(|k| k.id).collect();
    let members: HashMap<i64, i64> = known_mine_member::Entity::find()
        .filter(known_mine_member::Column::KnownMineId.is_in(ids.clone()))
        .all(db)
        .await
        .op("library: members")?
        .into_iter()
        .map(|m| (m.contribution_id, m.known_mine_id))
        .collect();
    let rows: Vec<MineRow> = select_rows(readable_mines(me, now))
        .filter(contribution::Column::Id.is_in(members.keys().copied()))
        .order_by_asc(contribution::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("library: filed mines")?;
    let titles = titles(db, rows.iter().map(|r| r.3)).await?;
    let workarounds = defusing_workarounds(db, me, now, &rows).await?;
    let proven = proven_pairs(db, &ids).await?;
    let mut known: Vec<KnownMine> = named
        .into_iter()
        .map(|k| {
            let theirs: Vec<&MineRow> = rows
                .iter()
                .filter(|r| members.get(&r.0) == Some(&k.id))
                .collect();
            let used: HashSet<i64> = theirs
                .iter()
                .filter(|r| r.4 == Some(TriageKind::Defused))
                .filter_map(|r| r.5)
                .collect();
            let mut ways: Vec<KnownWorkaround> = workarounds
                .iter()
                .filter(|(id, _, _)| used.contains(id))
                .map(|(id, text, idea_id)| KnownWorkaround {
                    id: *id,
                    text: text.clone(),
                    idea_id: *idea_id,
                    idea_title: titles.get(idea_id).cloned().unwrap_or_default(),
                    proven: proven.contains(&(k.id, *id)),
                })
                .collect();
            ways.sort_by_key(|w| (!w.proven, w.id));
            KnownMine {
                id: k.id,
                name: k.name,
                domain: named_domain(domains, k.domain_id),
                mines: theirs
                    .into_iter()
                    .map(|r| met_mine(r, domains, &titles))
                    .collect(),
                workarounds: ways,
            }
        })
        .collect();
    known.sort_by_cached_key(|k| {
        (
            std::cmp::Reverse(k.ideas()),
            crate::backend::ideas::search::fold(&k.name),
        )
    });
    Ok(known)
}

fn select_rows(
    mines: sea_orm::Select<contribution::Entity>,
) -> sea_orm::Select<contribution::Entity> {
    mines.select_only().columns([
        contribution::Column::Id,
        contribution::Column::Body,
        contribution::Column::DomainId,
        contribution::Column::IdeaId,
        contribution::Column::Triage,
        contribution::Column::TriageWorkaroundId,
    ])
}

/// A domain by id, if the organisation still offers it.
fn named_domain(domains: &[DomainRef], id: Option<i64>) -> Option<DomainRef> {
    id.and_then(|d| domains.iter().find(|x| x.id == d).cloned())
}

fn met_mine(row: &MineRow, domains: &[DomainRef], titles: &HashMap<i64, String>) -> MetMine {
    MetMine {
        id: row.0,
        text: row.1.clone(),
        domain: row
            .2
            .and_then(|d| domains.iter().find(|x| x.id == d).cloned()),
        idea_id: row.3,
        idea_title: titles.get(&row.3).cloned().unwrap_or_default(),
        triage: row.4,
    }
}

/// The titles of some ideas.
async fn titles(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, String>, LibraryError> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(idea::Entity::find()
        .select_only()
        .columns([idea::Column::Id, idea::Column::Title])
        .filter(idea::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await
        .op("library: titles")?
        .into_iter()
        .collect())
}

/// The readable workarounds that defused some mines: (id, words, idea).
/// A workaround of a round still silent is not told, even if a mine of
/// an earlier round was triaged with it.
async fn defusing_workarounds(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    now: chrono::DateTime<chrono::Utc>,
    mines: &[MineRow],
) -> Result<Vec<(i64, String, i64)>, LibraryError> {
    let ids: Vec<i64> = mines
        .iter()
        .filter(|r| r.4 == Some(TriageKind::Defused))
        .filter_map(|r| r.5)
        .collect();
    Ok(super::readable_contributions(me, now)
        .select_only()
        .columns([
            contribution::Column::Id,
            contribution::Column::Body,
            contribution::Column::IdeaId,
        ])
        .filter(contribution::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await
        .op("library: workarounds")?)
}

/// (known mine, workaround) pairs marked as proven.
async fn proven_pairs(
    db: &impl ConnectionTrait,
    known: &[i64],
) -> Result<HashSet<(i64, i64)>, LibraryError> {
    Ok(proven_workaround::Entity::find()
        .filter(proven_workaround::Column::KnownMineId.is_in(known.iter().copied()))
        .all(db)
        .await
        .op("library: proven")?
        .into_iter()
        .map(|p| (p.known_mine_id, p.contribution_id))
        .collect())
}

/// The organisation's domains, in its order.
async fn domains(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<DomainRef>, LibraryError> {
    Ok(crate::backend::expertise::domain_refs(db, organisation_id).await?)
}
