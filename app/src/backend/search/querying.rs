//! Searching: the entries holding the most of the query's terms first,
//! then the heaviest (a word in a title weighs more), then known mines
//! before ideas before contributions, newest first. Only what the caller
//! may read is ever found: published ideas and their own drafts, revealed
//! contributions (hidden ones leave the index), the organisation's known
//! mines with an unhidden mine filed (all of them for those who curate).

use super::analysis::{query_terms, too_many_words};
use super::highlight::{extract, mark, matches};
use super::SearchError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{
    contribution, idea, idea_version, known_mine, known_mine_member, round, search_term,
};
use crate::backend::ideas::listing::coauthored_by;
use crate::backend::rounds::access::can_moderate;
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::CurrentUser;
use crate::domain::ideas::{CoauthorStatus, IdeaStatus};
use crate::domain::search::{HitWhat, Marked, SearchHit, SearchKind, SearchResults};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
};
use std::collections::HashMap;

/// Characters of a text shown around its first match.
const EXTRACT_CHARS: usize = 220;
/// What is read of a query (a few words are searched: see `query_terms`).
const QUERY_CHARS: usize = 500;
/// Pages beyond this are not served (nobody reads 10,000 results).
const MAX_PAGE: u32 = 1_000;

/// One page of what `query` finds (of one kind, if asked).
pub async fn search(
    ctx: &Ctx<'_>,
    query: &str,
    kind: Option<SearchKind>,
    page: Option<u32>,
) -> Result<SearchResults, SearchError> {
    let (db, me, now) = (ctx.db, ctx.member()?, ctx.now());
    let query: String = query.chars().take(QUERY_CHARS).collect();
    let terms = query_terms(&query);
    let words_left_out = too_many_words(&query);
    if terms.is_empty() {
        return Ok(SearchResults {
            page: 1,
            page_count: 1,
            ..SearchResults::default()
        });
    }
    let asked = page.unwrap_or(1).clamp(1, MAX_PAGE);
    let mut found = ranked(db, me, now, &terms, kind, asked).await?;
    // Past the last page: its total is only known from the first.
    if found.0.is_empty() && asked > 1 {
        found = ranked(db, me, now, &terms, kind, 1).await?;
    }
    let (sources, total) = found;
    let size = u64::from(SearchResults::PAGE_SIZE);
    let page_count = Ord::max(total.div_ceil(size), 1) as u32;
    let page = Ord::min(asked, page_count);
    let sources = if page == asked {
        sources
    } else {
        ranked(db, me, now, &terms, kind, page).await?.0
    };
    Ok(SearchResults {
        hits: hits(db, me, &terms, &sources).await?,
        total,
        page,
        page_count,
        searched: true,
        words_left_out,
    })
}

/// The page's (kind, source) pairs, best first, and how many match in all.
async fn ranked(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    now: DateTime<Utc>,
    terms: &[String],
    kind: Option<SearchKind>,
    page: u32,
) -> Result<(Vec<(SearchKind, i64)>, u64), StoreError> {
    use search_term::Column as T;
    let col = |c: T| Expr::col((search_term::Entity, c));
    let mut select = Query::select();
    select
        .column((search_term::Entity, T::Kind))
        .column((search_term::Entity, T::SourceId))
        .expr_as(Expr::cust("COUNT(*) OVER ()"), Alias::new("total"))
        .from(search_term::Entity)
        .and_where(col(T::Term).is_in(terms.iter().cloned()))
        .and_where(col(T::OrganisationId).eq(me.organisation_id))
        .cond_where(readable(me, now))
        .group_by_col((search_term::Entity, T::Kind))
        .group_by_col((search_term::Entity, T::SourceId))
        .order_by_expr(Expr::cust("COUNT(*)"), Order::Desc)
        .order_by_expr(col(T::Weight).sum(), Order::Desc)
        .order_by((search_term::Entity, T::Kind), Order::Desc)
        .order_by((search_term::Entity, T::SourceId), Order::Desc)
        .limit(u64::from(SearchResults::PAGE_SIZE))
        .offset(u64::from(page - 1) * u64::from(SearchResults::PAGE_SIZE));
    if let Some(kind) = kind {
        select.and_where(col(T::Kind).eq(kind.as_str()));
    }
    let mut sources = Vec::new();
    let mut total = 0;
    for row in db.query_all(&select).await.op("search: rank")? {
        let kind: String = row.try_get_by_index(0).op("search: rank")?;
        let source: i64 = row.try_get_by_index(1).op("search: rank")?;
        total = row.try_get_by_index::<i64>(2).op("search: rank")? as u64;
        if let Some(kind) = SearchKind::parse(&kind) {
            sources.push((kind, source));
        }
    }
    Ok((sources, total))
}

/// Which entries `me` may find: the one gate of every search. Written as
/// what may not be read (drafts, rounds not revealed: a few rows) rather
/// than what may (every idea and round): the sets a query checks each
/// matching term against stay small (bench: 55 → 38 ms p95 on SQLite,
/// before the term rows carried these columns themselves).
fn readable(me: &CurrentUser, now: DateTime<Utc>) -> Condition {
    use search_term::Column as E;
    let entry = |c: E| Expr::col((search_term::Entity, c));
    let drafts = || {
        idea::Entity::find()
            .select_only()
            .column(idea::Column::Id)
            .filter(idea::Column::OrganisationId.eq(me.organisation_id))
            .filter(idea::Column::Status.eq(IdeaStatus::Draft))
    };
    // Drafts one neither writes nor is asked to.
    let others_drafts = drafts()
        .filter(idea::Column::AuthorId.ne(me.id))
        .filter(idea::Column::Id.not_in_subquery(coauthored_by(me.id, CoauthorStatus::Accepted)))
        .filter(idea::Column::Id.not_in_subquery(coauthored_by(me.id, CoauthorStatus::Invited)))
        .into_query();
    let silent = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(crate::backend::dashboard::unrevealed(now))
        .into_query();
    let mut known = Condition::all().add(entry(E::Kind).eq(SearchKind::KnownMine.as_str()));
    if !can_moderate(me) {
        known = known.add(entry(E::SourceId).in_subquery(filed()));
    }
    Condition::any()
        .add(
            Condition::all()
                .add(entry(E::Kind).eq(SearchKind::Idea.as_str()))
                .add(entry(E::IdeaId).not_in_subquery(others_drafts)),
        )
        .add(
            Condition::all()
                .add(entry(E::Kind).eq(SearchKind::Contribution.as_str()))
                // Rounds run on published ideas only; said again here.
                .add(entry(E::IdeaId).not_in_subquery(drafts().into_query()))
                .add(entry(E::RoundId).not_in_subquery(silent)),
        )
        .add(known)
}

/// The ideas whose text holds `term` (the idea list's words filter).
pub(crate) fn ideas_with_term(term: &str) -> SelectStatement {
    Query::select()
        .column(search_term::Column::SourceId)
        .from(search_term::Entity)
        .and_where(Expr::col(search_term::Column::Term).eq(term))
        .and_where(Expr::col(search_term::Column::Kind).eq(SearchKind::Idea.as_str()))
        .to_owned()
}

/// Known mines with at least one unhidden mine filed (as `/mines` shows
/// them to those who do not curate).
fn filed() -> SelectStatement {
    Query::select()
        .distinct()
        .column((
            known_mine_member::Entity,
            known_mine_member::Column::KnownMineId,
        ))
        .from(known_mine_member::Entity)
        .inner_join(
            contribution::Entity,
            Expr::col((contribution::Entity, contribution::Column::Id)).equals((
                known_mine_member::Entity,
                known_mine_member::Column::ContributionId,
            )),
        )
        .and_where(Expr::col((contribution::Entity, contribution::Column::HiddenReason)).is_null())
        .to_owned()
}

/// The page's results, in rank order, with their words marked.
async fn hits(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    terms: &[String],
    sources: &[(SearchKind, i64)],
) -> Result<Vec<SearchHit>, StoreError> {
    let of = |kind: SearchKind| -> Vec<i64> {
        sources
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| *id)
            .collect()
    };
    let domains: HashMap<i64, String> =
        crate::backend::expertise::domain_refs(db, me.organisation_id)
            .await?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
    // Hidden since it was found (a moderator at that moment): not shown.
    let contributions = contribution::Entity::find()
        .filter(contribution::Column::Id.is_in(of(SearchKind::Contribution)))
        .filter(contribution::Column::HiddenReason.is_null())
        .all(db)
        .await
        .op("search: contributions")?;
    let idea_ids: Vec<i64> = of(SearchKind::Idea)
        .into_iter()
        .chain(contributions.iter().map(|c| c.idea_id))
        .collect();
    let ideas: HashMap<i64, idea::Model> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(idea_ids))
        .all(db)
        .await
        .op("search: ideas")?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let versions = current_versions(db, &of(SearchKind::Idea), &ideas).await?;
    let known = known_mine::Entity::find()
        .filter(known_mine::Column::Id.is_in(of(SearchKind::KnownMine)))
        .all(db)
        .await
        .op("search: known mines")?;
    let met_in = ideas_met_in(db, &of(SearchKind::KnownMine)).await?;
    let mut found = HashMap::new();
    for c in contributions {
        let Some(idea) = ideas.get(&c.idea_id) else {
            continue;
        };
        let hit = SearchHit {
            what: HitWhat::Contribution {
                kind: c.kind,
                domain: c.domain_id.and_then(|d| domains.get(&d).cloned()),
            },
            title: mark(&idea.title, terms),
            extract: extract(&c.body, terms, EXTRACT_CHARS),
            href: crate::rounds::contribution_path(c.idea_id, c.id),
        };
        found.insert((SearchKind::Contribution, c.id), hit);
    }
    for id in of(SearchKind::Idea) {
        let (Some(idea), Some(version)) = (ideas.get(&id), versions.get(&id)) else {
            continue;
        };
        let lessons = idea.outcome_note.clone().unwrap_or_default();
        let tags = version.tags.replace(',', ", ");
        let fields = [
            version.problem.as_str(),
            version.proposal.as_str(),
            version.beneficiaries.as_str(),
            version.help_sought.as_str(),
            lessons.as_str(),
            tags.as_str(),
        ];
        let shown = fields
            .iter()
            .find(|text| matches(text, terms))
            .unwrap_or(&fields[0]);
        let hit = SearchHit {
            what: HitWhat::Idea {
                stage: idea.stage,
                outcome: idea.outcome,
            },
            title: mark(&version.title, terms),
            extract: extract(shown, terms, EXTRACT_CHARS),
            href: crate::ideas::idea_path(id),
        };
        found.insert((SearchKind::Idea, id), hit);
    }
    for k in known {
        let hit = SearchHit {
            what: HitWhat::KnownMine {
                domain: k.domain_id.and_then(|d| domains.get(&d).cloned()),
                ideas: met_in.get(&k.id).copied().unwrap_or(0),
            },
            title: mark(&k.name, terms),
            extract: Vec::<Marked>::new(),
            href: format!(
                "{}#{}",
                crate::library::LIBRARY_PATH,
                crate::library::known_mine_anchor(k.id)
            ),
        };
        found.insert((SearchKind::KnownMine, k.id), hit);
    }
    Ok(sources.iter().filter_map(|s| found.remove(s)).collect())
}

/// The current version of each of these ideas.
async fn current_versions(
    db: &impl ConnectionTrait,
    ids: &[i64],
    ideas: &HashMap<i64, idea::Model>,
) -> Result<HashMap<i64, idea_version::Model>, StoreError> {
    Ok(idea_version::Entity::find()
        .filter(idea_version::Column::IdeaId.is_in(ids.iter().copied()))
        .all(db)
        .await
        .op("search: idea versions")?
        .into_iter()
        .filter(|v| ideas.get(&v.idea_id).map(|i| i.current_version) == Some(v.number))
        .map(|v| (v.idea_id, v))
        .collect())
}

/// In how many ideas each known mine's unhidden mines were met.
async fn ideas_met_in(
    db: &impl ConnectionTrait,
    known: &[i64],
) -> Result<HashMap<i64, u32>, StoreError> {
    if known.is_empty() {
        return Ok(HashMap::new());
    }
    let members: Vec<(i64, i64)> = known_mine_member::Entity::find()
        .select_only()
        .column(known_mine_member::Column::ContributionId)
        .column(known_mine_member::Column::KnownMineId)
        .filter(known_mine_member::Column::KnownMineId.is_in(known.iter().copied()))
        .into_tuple()
        .all(db)
        .await
        .op("search: known mine members")?;
    let idea_of: HashMap<i64, i64> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::Id)
        .column(contribution::Column::IdeaId)
        .filter(contribution::Column::Id.is_in(members.iter().map(|m| m.0)))
        .filter(contribution::Column::HiddenReason.is_null())
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .op("search: ideas met in")?
        .into_iter()
        .collect();
    let rows = members
        .into_iter()
        .filter_map(|(mine, known_mine)| Some((known_mine, *idea_of.get(&mine)?)));
    let mut met: HashMap<i64, Vec<i64>> = HashMap::new();
    for (known_mine, idea) in rows {
        let ideas = met.entry(known_mine).or_default();
        if !ideas.contains(&idea) {
            ideas.push(idea);
        }
    }
    Ok(met.into_iter().map(|(k, v)| (k, v.len() as u32)).collect())
}
