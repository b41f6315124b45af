//! Whom a round concerns: its idea's authors, everyone asked to it, and
//! everyone who wrote in it. Told when it is revealed, closed, held as a
//! workshop, and when the idea's fate is decided.

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

/// Everyone who wrote in one of the rounds of idea `idea_id` (once each).
pub(crate) async fn writers_on(
    db: &impl ConnectionTrait,
    idea_id: i64,
) -> Result<Vec<i64>, StoreError> {
    use crate::backend::entities::contribution;
    contribution::Entity::find()
        .filter(contribution::Column::IdeaId.eq(idea_id))
        .select_only()
        .column(contribution::Column::AuthorId)
        .distinct()
        .into_tuple()
        .all(db)
        .await
        .op("writers: find contribution on idea")
}

/// Everyone asked to round `round_id`: by name or as a holder when it
/// opened, and the active holders of a domain it calls who took it on
/// since (as « Mon bureau » lists the round to them). Authors aside.
pub(crate) async fn asked_to(
    db: &impl ConnectionTrait,
    round_id: i64,
    authors: &[i64],
) -> Result<Vec<i64>, StoreError> {
    use crate::backend::entities::{round_domain, round_invitee, user, user_domain};
    use crate::domain::accounts::MemberStatus;
    let mut people: Vec<i64> = round_invitee::Entity::find()
        .filter(round_invitee::Column::RoundId.eq(round_id))
        .select_only()
        .column(round_invitee::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .op("asked: find round_invitee")?;
    let called: Vec<i64> = round_domain::Entity::find()
        .filter(round_domain::Column::RoundId.eq(round_id))
        .select_only()
        .column(round_domain::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .op("asked: find round_domain")?;
    let holders: Vec<i64> = user_domain::Entity::find()
        .filter(user_domain::Column::DomainId.is_in(called))
        .select_only()
        .column(user_domain::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .op("asked: find user_domain")?;
    let active: Vec<i64> = user::Entity::find()
        .filter(user::Column::Id.is_in(holders))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .select_only()
        .column(user::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("asked: find user")?;
    people.extend(active);
    people.sort_unstable();
    people.dedup();
    people.retain(|p| !authors.contains(p));
    Ok(people)
}
