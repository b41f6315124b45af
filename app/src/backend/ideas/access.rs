//! Who stands where towards an idea. An idea of another organisation, or a
//! draft the caller does not write, is "not found": its existence is not
//! revealed.

use super::error::IdeaError;
use crate::backend::entities::{idea, idea_coauthor};
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::ideas::{CoauthorStatus, IdeaStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// The caller's place towards an idea.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Author,
    Coauthor,
    /// Invited to co-author, not answered yet: may read a draft to decide.
    Invited,
    Reader,
}

impl Standing {
    /// Authors and co-authors keep the pen.
    pub fn can_edit(self) -> bool {
        matches!(self, Standing::Author | Standing::Coauthor)
    }
}

/// The idea and the caller's standing, or `NotFound`.
pub async fn load(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    idea_id: i64,
) -> Result<(idea::Model, Standing), IdeaError> {
    let found = idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::OrganisationId.eq(me.organisation_id))
        .one(db)
        .await
        .op("load: find idea")?
        .ok_or(IdeaError::NotFound)?;
    let standing = if found.author_id == me.id {
        Standing::Author
    } else {
        let row = idea_coauthor::Entity::find_by_id((idea_id, me.id))
            .one(db)
            .await
            .op("load: find idea_coauthor")?;
        match row.map(|r| r.status) {
            Some(CoauthorStatus::Accepted) => Standing::Coauthor,
            Some(CoauthorStatus::Invited) => Standing::Invited,
            None => Standing::Reader,
        }
    };
    if found.status == IdeaStatus::Draft && standing == Standing::Reader {
        return Err(IdeaError::NotFound);
    }
    Ok((found, standing))
}

/// The idea, if the caller may edit it: `Forbidden` for a reader of a
/// published idea, `NotFound` when they may not even see it.
pub async fn load_for_edit(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    idea_id: i64,
) -> Result<idea::Model, IdeaError> {
    let (found, standing) = load(db, me, idea_id).await?;
    if standing.can_edit() {
        Ok(found)
    } else {
        Err(IdeaError::Forbidden)
    }
}
