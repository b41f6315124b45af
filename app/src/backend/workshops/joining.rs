//! Joining a workshop from a phone: with one's account, or as a guest who
//! gives a name only. Wrong codes are counted per IP address; a whole room
//! behind one address joins fine, since right codes are never counted.

use super::access::{seat, Caller};
use super::error::WorkshopError;
use super::events::bump;
use crate::backend::accounts::tokens::{hash_token, new_token};
use crate::backend::clock::Clock;
use crate::backend::ctx::Ctx;
use crate::backend::db::begin_write;
use crate::backend::entities::{user, workshop, workshop_participant};
use crate::backend::store::{Op, StoreError};
use crate::backend::throttle::{self, Window};
use crate::domain::accounts::{CurrentUser, DisplayName, MemberStatus, Role};
use crate::domain::live::EventKind;
use crate::domain::workshops::JoinCode;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter,
};

/// Wrong codes allowed per IP address in [`WINDOW_MINUTES`].
pub const MAX_FAILURES: i32 = 10;
pub const WINDOW_MINUTES: i64 = 10;
const WRONG_CODES: Window = Window {
    max: MAX_FAILURES,
    secs: WINDOW_MINUTES * 60,
};

/// Guests one workshop takes by default (`--max-guests-per-workshop`): the
/// room `bench/live.sh` measures on two cores.
pub const DEFAULT_MAX_GUESTS: u64 = 1000;

/// Who joins.
pub enum Joiner {
    Member(CurrentUser),
    /// A guest: their name, if the one typed is acceptable (a guest back
    /// with their cookie needs none), and their cookie's token if they
    /// have one.
    Guest {
        name: Option<DisplayName>,
        token: Option<String>,
    },
}

/// Where joining led: the workshop, and a new guest's cookie token.
#[derive(Debug)]
pub struct Joined {
    pub workshop_id: i64,
    pub guest_token: Option<String>,
}

/// The running workshop a code names, if joining it is open. A wrong code
/// (or a workshop of another organisation than `organisation`, when the
/// caller is a member) is counted against the IP address; the count and
/// the look-up happen in one transaction, so parallel tries cannot pass the
/// limit, and a right code is never counted (a whole room behind one
/// address joins).
async fn open_workshop(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    ip: &str,
    raw_code: &str,
    organisation: Option<i64>,
) -> Result<workshop::Model, WorkshopError> {
    if JoinCode::is_blank(raw_code) {
        return Err(WorkshopError::CodeMissing);
    }
    let code = JoinCode::parse(raw_code).ok();
    let txn = begin_write(db).await.op("open workshop: begin")?;
    throttle::take_place(
        &txn,
        format!("join:{ip}"),
        clock.now().timestamp(),
        WRONG_CODES,
    )
    .await?;
    let found = match code {
        Some(code) => workshop::Entity::find()
            .filter(workshop::Column::Code.eq(code.as_str()))
            .one(&txn)
            .await
            .op("open workshop: find workshop")?,
        None => None,
    }
    .filter(|w| organisation.is_none_or(|o| o == w.organisation_id));
    let Some(found) = found else {
        txn.commit().await.op("open workshop: commit")?;
        return Err(WorkshopError::CodeUnknown);
    };
    // A right code: the place taken is not kept.
    txn.rollback().await.op("open workshop: rollback")?;
    if !found.joining_open {
        return Err(WorkshopError::JoiningLocked);
    }
    Ok(found)
}

/// Joins the workshop a code names, taking at most [`DEFAULT_MAX_GUESTS`].
pub async fn join(
    ctx: &Ctx<'_>,
    ip: &str,
    raw_code: &str,
    joiner: Joiner,
) -> Result<Joined, WorkshopError> {
    join_with_cap(ctx, ip, raw_code, joiner, DEFAULT_MAX_GUESTS).await
}

/// Joins the workshop a code names; a workshop takes at most `max_guests`
/// guests. A member of another organisation is told the code is unknown,
/// as it is for them.
pub async fn join_with_cap(
    ctx: &Ctx<'_>,
    ip: &str,
    raw_code: &str,
    joiner: Joiner,
    max_guests: u64,
) -> Result<Joined, WorkshopError> {
    let (db, clock) = (ctx.db, ctx.clock);
    let organisation = match &joiner {
        Joiner::Member(me) => Some(me.organisation_id),
        Joiner::Guest { .. } => None,
    };
    let found = open_workshop(db, clock, ip, raw_code, organisation).await?;
    let now = clock.now();
    match joiner {
        Joiner::Member(me) => {
            let txn = ctx.write().await?;
            bump(&txn, found.id, EventKind::Join, None).await?;
            let already = workshop_participant::Entity::find()
                .filter(workshop_participant::Column::WorkshopId.eq(found.id))
                .filter(workshop_participant::Column::UserId.eq(me.id))
                .one(&txn)
                .await
                .op("join: find workshop_participant")?;
            match already {
                Some(p) if p.removed_at.is_some() => return Err(WorkshopError::Removed),
                Some(_) => {}
                None => {
                    participant(found.id, me.id, None, now)
                        .insert(&txn)
                        .await
                        .op("join: insert participant")?;
                }
            }
            txn.commit().await.op("join: commit")?;
            Ok(Joined {
                workshop_id: found.id,
                guest_token: None,
            })
        }
        Joiner::Guest { name, token } => {
            // Back on the join page with a cookie of this workshop: same seat.
            // A guest the facilitator removed stays out.
            if let Some(token) = token {
                match seat(db, &Caller::Guest(token), found.id).await {
                    Ok(_) => {
                        return Ok(Joined {
                            workshop_id: found.id,
                            guest_token: None,
                        })
                    }
                    Err(WorkshopError::Removed) => return Err(WorkshopError::Removed),
                    Err(_) => {}
                }
            }
            let name = name.ok_or(WorkshopError::NameNeeded)?;
            let token = new_token();
            let txn = ctx.write().await?;
            bump(&txn, found.id, EventKind::Join, None).await?;
            // Counted after `bump` locked the workshop's row: two phones
            // cannot both take the last place.
            let guests = workshop_participant::Entity::find()
                .filter(workshop_participant::Column::WorkshopId.eq(found.id))
                .filter(workshop_participant::Column::Guest.eq(true))
                .count(&txn)
                .await
                .op("join: find workshop_participant")?;
            if guests >= max_guests {
                return Err(WorkshopError::Full);
            }
            let person = user::ActiveModel {
                organisation_id: Set(found.organisation_id),
                // Unique, and in a domain that can never receive mail.
                email: Set(format!("{}@invite.invalid", &hash_token(&token)[..24])),
                display_name: Set(name.as_str().to_owned()),
                service: Set(String::new()),
                password_hash: Set(String::new()),
                role: Set(Role::Member),
                status: Set(MemberStatus::Guest),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .op("join: insert guest")?;
            participant(found.id, person.id, Some(hash_token(&token)), now)
                .insert(&txn)
                .await
                .op("join: insert participant")?;
            txn.commit().await.op("join: commit")?;
            Ok(Joined {
                workshop_id: found.id,
                guest_token: Some(token),
            })
        }
    }
}

fn participant(
    workshop_id: i64,
    user_id: i64,
    guest_token_hash: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> workshop_participant::ActiveModel {
    workshop_participant::ActiveModel {
        workshop_id: Set(workshop_id),
        user_id: Set(user_id),
        guest: Set(guest_token_hash.is_some()),
        guest_token_hash: Set(guest_token_hash),
        card_domain_id: Set(None),
        joined_at: Set(now),
        removed_at: Set(None),
        ..Default::default()
    }
}

/// Which of these people are workshop guests.
pub async fn guests_among(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = &i64>,
) -> Result<std::collections::HashSet<i64>, StoreError> {
    let ids: Vec<i64> = ids.into_iter().copied().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Status.eq(MemberStatus::Guest))
        .all(db)
        .await
        .op("guests among: find user")?
        .into_iter()
        .map(|u| u.id)
        .collect())
}
