//! Counts the round services ask of each other (how many rounds an idea has
//! had, how many mines wait for their triage), kept apart so that opening,
//! reading and triage need not reach into one another.

use crate::backend::entities::{contribution, round};
use crate::backend::store::{Op, StoreError};
use crate::domain::rounds::ContributionKind;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Asterisk, Condition, Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Select,
};
use std::collections::HashMap;

/// How many rounds the idea has had.
pub async fn round_count(db: &impl ConnectionTrait, idea_id: i64) -> Result<i32, StoreError> {
    Ok(round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .count(db)
        .await
        .op("count rounds")? as i32)
}

/// A mine still waiting for its triage (hidden ones aside; a group of
/// duplicates is triaged once, at its card).
fn untriaged_mine() -> Condition {
    Condition::all()
        .add(contribution::Column::Kind.eq(ContributionKind::Mine))
        .add(contribution::Column::HiddenReason.is_null())
        .add(contribution::Column::Triage.is_null())
        .add(contribution::Column::GroupedUnder.is_null())
}

/// Mines of a round still waiting for their triage.
pub async fn untriaged_in_round(
    db: &impl ConnectionTrait,
    round_id: i64,
) -> Result<u64, StoreError> {
    contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(round_id))
        .filter(untriaged_mine())
        .count(db)
        .await
        .op("count untriaged mines")
}

/// What the idea page counts in one round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoundTally {
    /// Every contribution, hidden ones too: how many arrived.
    pub total: u32,
    /// The reader's own: all a reader may see before the reveal.
    pub by_reader: u32,
    /// Mines waiting for their triage.
    pub untriaged: u32,
    /// Contributions triaged, and when the last one was.
    pub triaged: u32,
    pub last_triaged_at: Option<DateTime<Utc>>,
}

/// The tallies of several rounds, in one statement whatever their number
/// (the idea page counted five times per round). A round with no
/// contribution has no entry: its tally is all zeros.
pub async fn tallies(
    db: &impl ConnectionTrait,
    reader_id: i64,
    round_ids: &[i64],
) -> Result<HashMap<i64, RoundTally>, StoreError> {
    if round_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows_where = |condition: Condition| Func::sum(Expr::case(condition, 1).finally(0));
    let triaged = || Condition::all().add(contribution::Column::Triage.is_not_null());
    // round, total, by the reader, untriaged, triaged, last triaged at.
    type Row = (i64, i64, i64, i64, i64, Option<DateTime<Utc>>);
    let rows: Vec<Row> = contribution::Entity::find()
        .filter(contribution::Column::RoundId.is_in(round_ids.iter().copied()))
        .select_only()
        .column(contribution::Column::RoundId)
        .expr(Func::count(Expr::col(Asterisk)))
        .expr(rows_where(
            Condition::all().add(contribution::Column::AuthorId.eq(reader_id)),
        ))
        .expr(rows_where(untriaged_mine()))
        .expr(rows_where(triaged()))
        .expr(Func::max(Expr::case(
            triaged(),
            Expr::col(contribution::Column::TriagedAt),
        )))
        .group_by(contribution::Column::RoundId)
        .into_tuple()
        .all(db)
        .await
        .op("count round tallies")?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(rows
        .into_iter()
        .map(
            |(round_id, total, by_reader, untriaged, triaged, last_triaged_at)| {
                let tally = RoundTally {
                    total: count(total),
                    by_reader: count(by_reader),
                    untriaged: count(untriaged),
                    triaged: count(triaged),
                    last_triaged_at,
                };
                (round_id, tally)
            },
        )
        .collect())
}

/// What waits for the authors' answer in a round: its mines not triaged
/// yet and its questions, hidden ones aside, and a group of duplicates
/// once, at its card.
pub fn waiting_for_authors(round_id: i64) -> Select<contribution::Entity> {
    contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(round_id))
        .filter(
            contribution::Column::Kind.is_in([ContributionKind::Mine, ContributionKind::Question]),
        )
        .filter(contribution::Column::HiddenReason.is_null())
        .filter(contribution::Column::Triage.is_null())
        .filter(contribution::Column::GroupedUnder.is_null())
}
