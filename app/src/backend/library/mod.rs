//! The mine library: leads name the mines an organisation meets again and
//! again, file similar mines under one name, and mark the workarounds
//! that proved themselves; everyone reads it, and forms that open a round
//! or write a mine suggest what was already met. Only revealed, unhidden
//! mines of published ideas are ever shown: the library never tells what
//! a silent round holds.

pub mod curating;
pub mod reading;

use crate::backend::ctx::NotSignedIn;
use crate::backend::entities::{contribution, idea, round};
use crate::backend::store::StoreError;
use crate::domain::accounts::CurrentUser;
use crate::domain::ideas::IdeaStatus;
use crate::domain::rounds::ContributionKind;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// No such known mine, mine or workaround for this caller.
    #[error("not found")]
    NotFound,
    /// Curating is for leads and administrators.
    #[error("not allowed")]
    Forbidden,
    #[error("not signed in")]
    SignInNeeded,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<NotSignedIn> for LibraryError {
    fn from(_: NotSignedIn) -> LibraryError {
        LibraryError::SignInNeeded
    }
}

/// The contributions anyone of `me`'s organisation may read in the
/// library: of a published idea of the organisation, in a revealed round,
/// unhidden. Mines and the workarounds shown beside them both pass here.
pub(crate) fn readable_contributions(
    me: &CurrentUser,
    now: DateTime<Utc>,
) -> Select<contribution::Entity> {
    let published = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .filter(idea::Column::OrganisationId.eq(me.organisation_id))
        .filter(idea::Column::Status.eq(IdeaStatus::Published))
        .into_query();
    let revealed = round::Entity::find()
        .select_only()
        .column(round::Column::Id)
        .filter(round::Column::IdeaId.in_subquery(published.clone()))
        .filter(crate::backend::dashboard::revealed(now))
        .into_query();
    contribution::Entity::find()
        .filter(contribution::Column::HiddenReason.is_null())
        .filter(contribution::Column::IdeaId.in_subquery(published))
        .filter(contribution::Column::RoundId.in_subquery(revealed))
}

/// The mines the library may show (`readable_contributions`).
pub(crate) fn readable_mines(me: &CurrentUser, now: DateTime<Utc>) -> Select<contribution::Entity> {
    readable_contributions(me, now).filter(contribution::Column::Kind.eq(ContributionKind::Mine))
}
