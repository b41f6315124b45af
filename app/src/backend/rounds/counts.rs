//! Counts the round services ask of each other (how many rounds an idea has
//! had, how many mines wait for their triage), kept apart so that opening,
//! reading and triage need not reach into one another.

use crate::backend::entities::{contribution, round};
use crate::backend::store::{Op, StoreError};
use crate::domain::rounds::ContributionKind;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

/// How many rounds the idea has had.
pub async fn round_count(db: &impl ConnectionTrait, idea_id: i64) -> Result<i32, StoreError> {
    Ok(round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .count(db)
        .await
        .op("count rounds")? as i32)
}

/// Mines of a round still waiting for their triage (hidden ones aside; a
/// group of duplicates is triaged once, at its card).
pub async fn untriaged_in_round(
    db: &impl ConnectionTrait,
    round_id: i64,
) -> Result<u64, StoreError> {
    contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(round_id))
        .filter(contribution::Column::Kind.eq(ContributionKind::Mine))
        .filter(contribution::Column::HiddenReason.is_null())
        .filter(contribution::Column::Triage.is_null())
        .filter(contribution::Column::GroupedUnder.is_null())
        .count(db)
        .await
        .op("count untriaged mines")
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
