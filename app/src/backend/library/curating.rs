//! Curating the library (leads and administrators of the organisation):
//! naming a known mine, filing similar mines under it, marking the
//! workarounds that proved themselves.

use super::{readable_mines, LibraryError};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, known_mine, known_mine_member, proven_workaround};
use crate::backend::rounds::access::can_moderate;
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::library::KnownMineName;
use crate::domain::rounds::TriageKind;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait,
};

/// Where a mine is filed: under a known mine, or a new one named so.
#[derive(Clone, Debug)]
pub enum Filing {
    Under(i64),
    New(KnownMineName),
}

fn curator(ctx: &Ctx<'_>) -> Result<CurrentUser, LibraryError> {
    let me = ctx.member()?;
    if can_moderate(me) {
        Ok(me.clone())
    } else {
        Err(LibraryError::Forbidden)
    }
}

/// A known mine of the caller's organisation.
async fn own(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    id: i64,
) -> Result<known_mine::Model, LibraryError> {
    known_mine::Entity::find_by_id(id)
        .filter(known_mine::Column::OrganisationId.eq(me.organisation_id))
        .one(db)
        .await
        .op("library: known mine")?
        .ok_or(LibraryError::NotFound)
}

/// Files readable mines (not duplicates grouped under another card)
/// under a known mine, moving those filed elsewhere; all or none. Returns
/// the known mine's id; a new one takes the first mine's domain.
pub async fn file(ctx: &Ctx<'_>, mine_ids: &[i64], filing: Filing) -> Result<i64, LibraryError> {
    let me = curator(ctx)?;
    let txn = ctx.write().await?;
    let mut mines = readable_mines(&me, ctx.now())
        .filter(contribution::Column::Id.is_in(mine_ids.iter().copied()))
        .filter(contribution::Column::GroupedUnder.is_null())
        .all(&txn)
        .await
        .op("library: the mines")?;
    mines.sort_by_key(|m| mine_ids.iter().position(|id| *id == m.id));
    let mut wanted = mine_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let Some(mine) = mines.first().filter(|_| mines.len() == wanted.len()) else {
        return Err(LibraryError::NotFound);
    };
    let known_id = match filing {
        Filing::Under(id) => own(&txn, &me, id).await?.id,
        Filing::New(name) => {
            known_mine::ActiveModel {
                organisation_id: Set(me.organisation_id),
                name: Set(name.as_str().to_owned()),
                domain_id: Set(mine.domain_id),
                created_by: Set(me.id),
                created_at: Set(ctx.now()),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .op("library: name a known mine")?
            .id
        }
    };
    known_mine_member::Entity::delete_many()
        .filter(known_mine_member::Column::ContributionId.is_in(wanted.iter().copied()))
        .exec(&txn)
        .await
        .op("library: unfile before filing")?;
    for mine_id in wanted {
        known_mine_member::ActiveModel {
            contribution_id: Set(mine_id),
            known_mine_id: Set(known_id),
        }
        .insert(&txn)
        .await
        .op("library: file")?;
    }
    crate::backend::search::indexing::index_known_mine(&txn, known_id).await?;
    txn.commit().await.op("library: file")?;
    Ok(known_id)
}

/// Takes a mine out of a known mine of the organisation.
pub async fn unfile(ctx: &Ctx<'_>, known_id: i64, mine_id: i64) -> Result<(), LibraryError> {
    let me = curator(ctx)?;
    own(ctx.db, &me, known_id).await?;
    let gone = known_mine_member::Entity::delete_many()
        .filter(known_mine_member::Column::ContributionId.eq(mine_id))
        .filter(known_mine_member::Column::KnownMineId.eq(known_id))
        .exec(ctx.db)
        .await
        .op("library: unfile")?;
    if gone.rows_affected == 0 {
        return Err(LibraryError::NotFound);
    }
    Ok(())
}

/// Renames a known mine.
pub async fn rename(ctx: &Ctx<'_>, known_id: i64, name: KnownMineName) -> Result<(), LibraryError> {
    let me = curator(ctx)?;
    let txn = ctx.write().await?;
    let mut found: known_mine::ActiveModel = own(&txn, &me, known_id).await?.into();
    found.name = Set(name.as_str().to_owned());
    found.update(&txn).await.op("library: rename")?;
    crate::backend::search::indexing::index_known_mine(&txn, known_id).await?;
    txn.commit().await.op("library: rename")?;
    Ok(())
}

/// Forgets a known mine: its mines wait to be filed again; the ideas and
/// their mines are untouched.
pub async fn forget(ctx: &Ctx<'_>, known_id: i64) -> Result<(), LibraryError> {
    let me = curator(ctx)?;
    let txn = ctx.write().await?;
    own(&txn, &me, known_id).await?;
    known_mine::Entity::delete_by_id(known_id)
        .exec(&txn)
        .await
        .op("library: forget")?;
    crate::backend::search::indexing::index_known_mine(&txn, known_id).await?;
    txn.commit().await.op("library: forget")?;
    Ok(())
}

/// Marks (or unmarks) as proven a workaround that defused one of the
/// known mine's mines.
pub async fn set_proven(
    ctx: &Ctx<'_>,
    known_id: i64,
    workaround_id: i64,
    proven: bool,
) -> Result<(), LibraryError> {
    let me = curator(ctx)?;
    let txn = ctx.write().await?;
    own(&txn, &me, known_id).await?;
    let members = known_mine_member::Entity::find()
        .select_only()
        .column(known_mine_member::Column::ContributionId)
        .filter(known_mine_member::Column::KnownMineId.eq(known_id))
        .into_query();
    let defused = readable_mines(&me, ctx.now())
        .filter(contribution::Column::Id.in_subquery(members))
        .filter(contribution::Column::Triage.eq(TriageKind::Defused))
        .filter(contribution::Column::TriageWorkaroundId.eq(workaround_id))
        .one(&txn)
        .await
        .op("library: a mine it defused")?;
    // The workaround itself must be one the library may show.
    let readable = super::readable_contributions(&me, ctx.now())
        .filter(contribution::Column::Id.eq(workaround_id))
        .one(&txn)
        .await
        .op("library: the workaround")?;
    if defused.is_none() || readable.is_none() {
        return Err(LibraryError::NotFound);
    }
    proven_workaround::Entity::delete_by_id((known_id, workaround_id))
        .exec(&txn)
        .await
        .op("library: unmark")?;
    if proven {
        proven_workaround::ActiveModel {
            known_mine_id: Set(known_id),
            contribution_id: Set(workaround_id),
            marked_by: Set(me.id),
            marked_at: Set(ctx.now()),
        }
        .insert(&txn)
        .await
        .op("library: mark proven")?;
    }
    txn.commit().await.op("library: proven")?;
    Ok(())
}
