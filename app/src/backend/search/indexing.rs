//! Keeping the search index: each write of a searchable text rewrites its
//! entry in the write's transaction, so a search never finds a text that
//! is gone nor misses one acknowledged; a start-up fills the whole index
//! when the code that makes it changed (`INDEX_VERSION`).

use super::analysis::words;
use crate::backend::entities::{
    contribution, idea, idea_version, known_mine, search_index_state, search_term,
};
use crate::backend::store::{Op, StoreError};
use crate::domain::search::SearchKind;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::{BTreeMap, HashMap};

/// Bump when `analysis` or the weights change: the next start rebuilds.
pub const INDEX_VERSION: i32 = 1;

/// What a word weighs in each part of a text.
const TITLE: i32 = 6;
const TAGS: i32 = 3;
const LESSONS: i32 = 2;
const BODY: i32 = 1;
/// A word said fifty times does not make a text fifty times as relevant.
const MAX_WEIGHT: i32 = 24;

/// Rows written per statement (7 values each: well under SQLite's 32,766
/// and PostgreSQL's 65,535 bound parameters).
const ROWS_PER_INSERT: usize = 2_000;
/// Sources read per step of a rebuild.
const REBUILD_BATCH: u64 = 1_000;

/// Where an entry's text comes from, and who may find it.
struct Entry {
    kind: SearchKind,
    source_id: i64,
    organisation_id: i64,
    idea_id: Option<i64>,
    round_id: Option<i64>,
    terms: BTreeMap<String, i32>,
}

/// Terms of these (text, weight) parts with their summed weights.
fn weigh(parts: &[(&str, i32)]) -> BTreeMap<String, i32> {
    let mut terms = BTreeMap::new();
    for (text, weight) in parts {
        for word in words(text) {
            let sum: &mut i32 = terms.entry(word.term).or_default();
            *sum = (*sum + weight).min(MAX_WEIGHT);
        }
    }
    terms
}

fn idea_entry(found: &idea::Model, version: Option<&idea_version::Model>) -> Entry {
    let lessons = found.outcome_note.as_deref().unwrap_or_default();
    let parts = match version {
        Some(v) => vec![
            (v.title.as_str(), TITLE),
            (v.tags.as_str(), TAGS),
            (v.problem.as_str(), BODY),
            (v.proposal.as_str(), BODY),
            (v.beneficiaries.as_str(), BODY),
            (v.help_sought.as_str(), BODY),
            (lessons, LESSONS),
        ],
        None => vec![
            (found.title.as_str(), TITLE),
            (found.problem.as_str(), BODY),
            (lessons, LESSONS),
        ],
    };
    Entry {
        kind: SearchKind::Idea,
        source_id: found.id,
        organisation_id: found.organisation_id,
        idea_id: Some(found.id),
        round_id: None,
        terms: weigh(&parts),
    }
}

fn contribution_entry(found: &contribution::Model, organisation_id: i64) -> Entry {
    Entry {
        kind: SearchKind::Contribution,
        source_id: found.id,
        organisation_id,
        idea_id: Some(found.idea_id),
        round_id: Some(found.round_id),
        terms: weigh(&[(found.body.as_str(), BODY)]),
    }
}

fn known_mine_entry(found: &known_mine::Model) -> Entry {
    Entry {
        kind: SearchKind::KnownMine,
        source_id: found.id,
        organisation_id: found.organisation_id,
        idea_id: None,
        round_id: None,
        terms: weigh(&[(found.name.as_str(), TITLE)]),
    }
}

/// Rewrites the idea's entry from its current version and lessons.
pub async fn index_idea(db: &impl ConnectionTrait, idea_id: i64) -> Result<(), StoreError> {
    let Some(found) = idea::Entity::find_by_id(idea_id)
        .one(db)
        .await
        .op("search: find idea")?
    else {
        return unindex(db, SearchKind::Idea, idea_id).await;
    };
    let version = idea_version::Entity::find_by_id((idea_id, found.current_version))
        .one(db)
        .await
        .op("search: find idea_version")?;
    replace(db, idea_entry(&found, version.as_ref())).await
}

/// Rewrites a contribution's entry; a hidden or withdrawn one leaves the
/// index.
pub async fn index_contribution(
    db: &impl ConnectionTrait,
    contribution_id: i64,
) -> Result<(), StoreError> {
    let found = contribution::Entity::find_by_id(contribution_id)
        .one(db)
        .await
        .op("search: find contribution")?;
    let Some(found) = found.filter(|c| c.hidden_reason.is_none()) else {
        return unindex(db, SearchKind::Contribution, contribution_id).await;
    };
    let organisations = organisations_of(db, [found.idea_id]).await?;
    let Some(&organisation_id) = organisations.get(&found.idea_id) else {
        return Ok(());
    };
    replace(db, contribution_entry(&found, organisation_id)).await
}

/// Rewrites a known mine's entry; a forgotten one leaves the index.
pub async fn index_known_mine(
    db: &impl ConnectionTrait,
    known_mine_id: i64,
) -> Result<(), StoreError> {
    // Locked (PostgreSQL): two curators filing under one name at once
    // rewrite its entry one after the other.
    match known_mine::Entity::find_by_id(known_mine_id)
        .lock_exclusive()
        .one(db)
        .await
        .op("search: find known_mine")?
    {
        Some(found) => replace(db, known_mine_entry(&found)).await,
        None => unindex(db, SearchKind::KnownMine, known_mine_id).await,
    }
}

/// Takes a text's terms out of the index.
async fn unindex(
    db: &impl ConnectionTrait,
    kind: SearchKind,
    source_id: i64,
) -> Result<(), StoreError> {
    search_term::Entity::delete_many()
        .filter(search_term::Column::Kind.eq(kind))
        .filter(search_term::Column::SourceId.eq(source_id))
        .exec(db)
        .await
        .op("search: delete terms")?;
    Ok(())
}

/// Writes a text's terms, replacing any it had.
async fn replace(db: &impl ConnectionTrait, entry: Entry) -> Result<(), StoreError> {
    unindex(db, entry.kind, entry.source_id).await?;
    insert(db, &[entry]).await
}

/// Writes the terms of entries that have none yet.
async fn insert(db: &impl ConnectionTrait, entries: &[Entry]) -> Result<(), StoreError> {
    let terms: Vec<search_term::ActiveModel> = entries
        .iter()
        .flat_map(|e| {
            e.terms
                .iter()
                .map(move |(term, weight)| search_term::ActiveModel {
                    term: Set(term.clone()),
                    organisation_id: Set(e.organisation_id),
                    kind: Set(e.kind),
                    source_id: Set(e.source_id),
                    idea_id: Set(e.idea_id),
                    round_id: Set(e.round_id),
                    weight: Set(*weight),
                })
        })
        .collect();
    for chunk in terms.chunks(ROWS_PER_INSERT) {
        search_term::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .op("search: insert terms")?;
    }
    Ok(())
}

/// The organisation of each idea.
async fn organisations_of(
    db: &impl ConnectionTrait,
    ideas: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, i64>, StoreError> {
    let rows = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .column(idea::Column::OrganisationId)
        .filter(idea::Column::Id.is_in(ideas))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .op("search: organisations of ideas")?;
    Ok(rows.into_iter().collect())
}

/// Rebuilds the whole index when it was made by another version of the
/// code; run in the start-up's migration transaction, so one instance
/// does it while the others wait. Returns the texts indexed, if any.
pub async fn rebuild_if_stale(db: &impl ConnectionTrait) -> Result<Option<u64>, StoreError> {
    let state = search_index_state::Entity::find_by_id(1)
        .one(db)
        .await
        .op("search: read index state")?;
    // An older binary started during a rolling deploy leaves a newer
    // index alone.
    if state.is_some_and(|s| s.version >= INDEX_VERSION) {
        return Ok(None);
    }
    // Instances already serving keep writing during the rebuild: on
    // PostgreSQL they wait for it, then rewrite their text over its rows
    // (SQLite's write lock already makes them wait).
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("LOCK TABLE search_terms IN EXCLUSIVE MODE")
            .await
            .op("search: lock the index")?;
    }
    let written = rebuild(db).await?;
    search_index_state::Entity::insert(search_index_state::ActiveModel {
        id: Set(1),
        version: Set(INDEX_VERSION),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::column(search_index_state::Column::Id)
            .update_column(search_index_state::Column::Version)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await
    .op("search: write index state")?;
    Ok(Some(written))
}

/// Empties the index and indexes every idea, visible contribution and
/// known mine again, a batch at a time. Returns the texts indexed.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    search_term::Entity::delete_many()
        .exec(db)
        .await
        .op("search: empty terms")?;
    let mut written = 0;
    let mut after = 0;
    loop {
        let ideas = idea::Entity::find()
            .filter(idea::Column::Id.gt(after))
            .order_by_asc(idea::Column::Id)
            .limit(REBUILD_BATCH)
            .all(db)
            .await
            .op("search: rebuild ideas")?;
        let Some(last) = ideas.last() else { break };
        after = last.id;
        let current: HashMap<i64, i32> = ideas.iter().map(|i| (i.id, i.current_version)).collect();
        let versions: HashMap<i64, idea_version::Model> = idea_version::Entity::find()
            .filter(idea_version::Column::IdeaId.is_in(current.keys().copied()))
            .all(db)
            .await
            .op("search: rebuild idea versions")?
            .into_iter()
            .filter(|v| current.get(&v.idea_id) == Some(&v.number))
            .map(|v| (v.idea_id, v))
            .collect();
        let entries: Vec<Entry> = ideas
            .iter()
            .map(|i| idea_entry(i, versions.get(&i.id)))
            .collect();
        written += entries.len() as u64;
        insert(db, &entries).await?;
    }
    after = 0;
    loop {
        let batch = contribution::Entity::find()
            .filter(contribution::Column::Id.gt(after))
            .filter(contribution::Column::HiddenReason.is_null())
            .order_by_asc(contribution::Column::Id)
            .limit(REBUILD_BATCH)
            .all(db)
            .await
            .op("search: rebuild contributions")?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let organisations = organisations_of(db, batch.iter().map(|c| c.idea_id)).await?;
        let entries: Vec<Entry> = batch
            .iter()
            .filter_map(|c| Some(contribution_entry(c, *organisations.get(&c.idea_id)?)))
            .collect();
        written += entries.len() as u64;
        insert(db, &entries).await?;
    }
    let known = known_mine::Entity::find()
        .all(db)
        .await
        .op("search: rebuild known mines")?;
    let entries: Vec<Entry> = known.iter().map(known_mine_entry).collect();
    written += entries.len() as u64;
    insert(db, &entries).await?;
    Ok(written)
}
