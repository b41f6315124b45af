//! Whom a round concerns: its idea's authors, and everyone who wrote in it.
//! Told when it is revealed or closed.

use crate::backend::entities::idea;
use crate::backend::store::{Op, StoreError};
use crate::domain::ideas::CoauthorStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The idea's author and accepted co-authors.
pub async fn authors_of(
    db: &impl ConnectionTrait,
    idea: &idea::Model,
) -> Result<Vec<i64>, StoreError> {
    authors_by_id(db, idea.id, idea.author_id).await
}

/// The author (`author_id`) and accepted co-authors of idea `idea_id`.
pub async fn authors_by_id(
    db: &impl ConnectionTrait,
    idea_id: i64,
    author_id: i64,
) -> Result<Vec<i64>, StoreError> {
    use crate::backend::entities::idea_coauthor;
    let mut ids: Vec<i64> = idea_coauthor::Entity::find()
        .filter(idea_coauthor::Column::IdeaId.eq(idea_id))
        .filter(idea_coauthor::Column::Status.eq(CoauthorStatus::Accepted))
        .select_only()
        .column(idea_coauthor::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .op("authors: find idea_coauthor")?;
    ids.push(author_id);
    Ok(ids)
}

/// Everyone who wrote in round `round_id`, and the authors of its idea.
pub(crate) async fn concerned_in(
    db: &impl ConnectionTrait,
    round_id: i64,
    idea_id: i64,
    author_id: i64,
) -> Result<Vec<i64>, StoreError> {
    let mut people = writers_in(db, round_id).await?;
    people.extend(authors_by_id(db, idea_id, author_id).await?);
    Ok(people)
}

/// Everyone who wrote in round `round_id` (once per contribution).
pub(crate) async fn writers_in(
    db: &impl ConnectionTrait,
    round_id: i64,
) -> Result<Vec<i64>, StoreError> {
    use crate::backend::entities::contribution;
    contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(round_id))
        .select_only()
        .column(contribution::Column::AuthorId)
        .into_tuple()
        .all(db)
        .await
        .op("writers: find contribution")
}
