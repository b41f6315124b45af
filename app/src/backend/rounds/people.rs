//! Whom a round concerns: its idea's authors, and everyone who wrote in it.
//! Told when it is revealed or closed.

use super::access::RoundScope;
use crate::backend::entities::idea;
use crate::backend::error::from_db;
use crate::backend::ideas::access::ACCEPTED;
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The idea's author and accepted co-authors.
pub async fn authors_of(
    db: &impl ConnectionTrait,
    idea: &idea::Model,
) -> Result<Vec<i64>, AppError> {
    use crate::backend::entities::idea_coauthor;
    let mut ids: Vec<i64> = idea_coauthor::Entity::find()
        .filter(idea_coauthor::Column::IdeaId.eq(idea.id))
        .filter(idea_coauthor::Column::Status.eq(ACCEPTED))
        .select_only()
        .column(idea_coauthor::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .map_err(from_db)?;
    ids.push(idea.author_id);
    Ok(ids)
}

/// Everyone who wrote in the round, and the authors.
pub(super) async fn concerned(
    txn: &impl ConnectionTrait,
    scope: &RoundScope,
) -> Result<Vec<i64>, AppError> {
    concerned_in(txn, scope.round.id, &scope.idea).await
}

/// Everyone who wrote in round `round_id` of `idea`, and its authors.
pub(super) async fn concerned_in(
    txn: &impl ConnectionTrait,
    round_id: i64,
    idea: &idea::Model,
) -> Result<Vec<i64>, AppError> {
    use crate::backend::entities::contribution;
    let mut people: Vec<i64> = contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(round_id))
        .select_only()
        .column(contribution::Column::AuthorId)
        .into_tuple()
        .all(txn)
        .await
        .map_err(from_db)?;
    people.extend(authors_of(txn, idea).await?);
    Ok(people)
}
