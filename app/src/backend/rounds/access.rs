//! A round or a contribution with the idea it belongs to and the caller's
//! standing: what every round service checks first. Another organisation's
//! round, or one on a draft the caller does not write, is "not found".

use super::error::RoundError;
use crate::backend::entities::{contribution, idea, round};
use crate::backend::ideas::access::load;
use crate::backend::ideas::Standing;
use crate::backend::store::Op;
use crate::domain::accounts::{CurrentUser, Role};
use crate::domain::rounds::{is_revealed, RoundStatus};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A round, its idea, and where the caller stands.
#[derive(Clone, Debug)]
pub struct RoundScope {
    pub idea: idea::Model,
    pub standing: Standing,
    pub round: round::Model,
}

/// Whether a round's contributions may be seen by everyone who may see the
/// idea ([`is_revealed`] on a stored row).
pub fn revealed(round: &round::Model, now: DateTime<Utc>) -> bool {
    let status = round.status;
    is_revealed(status, round.revealed_at, round.deadline, now)
}

impl RoundScope {
    pub fn status(&self) -> RoundStatus {
        self.round.status
    }

    pub fn revealed(&self, now: DateTime<Utc>) -> bool {
        revealed(&self.round, now)
    }

    /// Open and not revealed: contributions may be written, edited, withdrawn.
    pub fn accepting(&self, now: DateTime<Utc>) -> bool {
        self.status() == RoundStatus::Open && !self.revealed(now)
    }

    pub fn is_author(&self) -> bool {
        self.standing.can_edit()
    }

    /// Whether the caller may read this contribution now: everyone after
    /// the reveal, only its writer before (silent writing).
    pub fn may_read(&self, c: &contribution::Model, me: &CurrentUser, now: DateTime<Utc>) -> bool {
        c.author_id == me.id || self.revealed(now)
    }
}

/// Leads and administrators moderate.
pub fn can_moderate(me: &CurrentUser) -> bool {
    matches!(me.role, Role::Lead | Role::Admin)
}

/// Round `number` of an idea.
pub async fn by_number(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    idea_id: i64,
    number: i32,
) -> Result<RoundScope, RoundError> {
    let (idea, standing) = load(db, me, idea_id).await?;
    let round = round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .filter(round::Column::Number.eq(number))
        .one(db)
        .await
        .op("access::by_number")?
        .ok_or(RoundError::NotFound)?;
    Ok(RoundScope {
        idea,
        standing,
        round,
    })
}

/// A round by its id.
pub async fn by_id(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    round_id: i64,
) -> Result<RoundScope, RoundError> {
    let round = round::Entity::find_by_id(round_id)
        .one(db)
        .await
        .op("access::by_id")?
        .ok_or(RoundError::NotFound)?;
    let (idea, standing) = load(db, me, round.idea_id).await?;
    Ok(RoundScope {
        idea,
        standing,
        round,
    })
}

/// A contribution the caller may read now, with its round. An unrevealed
/// contribution of someone else is "not found", like one that does not exist.
pub async fn contribution(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    now: DateTime<Utc>,
    contribution_id: i64,
) -> Result<(RoundScope, contribution::Model), RoundError> {
    let found = contribution::Entity::find_by_id(contribution_id)
        .one(db)
        .await
        .op("access::contribution")?
        .ok_or(RoundError::NotFound)?;
    let scope = by_id(db, me, found.round_id).await?;
    if !scope.may_read(&found, me, now) {
        return Err(RoundError::NotFound);
    }
    Ok((scope, found))
}
