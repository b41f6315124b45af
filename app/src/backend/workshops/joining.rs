//! Joining a workshop from a phone: with one's account, or as a guest who
//! gives a name only. Wrong codes are counted per IP address; a whole room
//! behind one address joins fine, since right codes are never counted.

use super::access::{seat, Caller};
use super::events::bump;
use crate::backend::accounts::tokens::{hash_token, new_token};
use crate::backend::clock::Clock;
use crate::backend::db::begin_write;
use crate::backend::entities::{idea, join_failure, user, workshop, workshop_participant};
use crate::backend::error::from_db;
use crate::domain::accounts::{CurrentUser, DisplayName, Role};
use crate::domain::live::Change;
use crate::domain::workshop_views::JoinTarget;
use crate::domain::workshops::JoinCode;
use crate::error::{AppError, FormErrors};
use crate::i18n::Key;
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter,
};

/// Wrong codes allowed per IP address in [`WINDOW_MINUTES`].
pub const MAX_FAILURES: u64 = 10;
pub const WINDOW_MINUTES: i64 = 10;

/// The user status of guests: never signs in, never listed as a member.
pub const GUEST_STATUS: &str = "guest";

/// Who joins.
pub enum Joiner {
    Member(CurrentUser),
    /// A guest's name as typed, and their cookie's token if they have one.
    Guest {
        name: String,
        token: Option<String>,
    },
}

/// Where joining led: the workshop, and a new guest's cookie token.
#[derive(Debug)]
pub struct Joined {
    pub workshop_id: i64,
    pub guest_token: Option<String>,
}

async fn refuse_if_guessing(
    db: &impl ConnectionTrait,
    clock: &dyn Clock,
    ip: &str,
) -> Result<(), AppError> {
    let since = clock.now() - Duration::minutes(WINDOW_MINUTES);
    let recent = join_failure::Entity::find()
        .filter(join_failure::Column::Ip.eq(ip))
        .filter(join_failure::Column::FailedAt.gt(since))
        .count(db)
        .await
        .map_err(from_db)?;
    if recent >= MAX_FAILURES {
        return Err(AppError::RateLimited {
            retry_after_secs: (WINDOW_MINUTES * 60) as u64,
        });
    }
    Ok(())
}

async fn count_failure(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    ip: &str,
) -> Result<(), AppError> {
    let now = clock.now();
    join_failure::Entity::insert(join_failure::ActiveModel {
        ip: sea_orm::ActiveValue::Set(ip.to_owned()),
        failed_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await
    .map_err(from_db)?;
    join_failure::Entity::delete_many()
        .filter(join_failure::Column::FailedAt.lt(now - Duration::days(1)))
        .exec(db)
        .await
        .map_err(from_db)?;
    Ok(())
}

/// The running workshop a code names, if joining it is open. A wrong code
/// is counted against the IP address.
async fn open_workshop(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    ip: &str,
    raw_code: &str,
) -> Result<workshop::Model, AppError> {
    refuse_if_guessing(db, clock, ip).await?;
    let found = match JoinCode::parse(raw_code) {
        Ok(code) => workshop::Entity::find()
            .filter(workshop::Column::Code.eq(code.as_str()))
            .one(db)
            .await
            .map_err(from_db)?,
        Err(Key::ErrRequired) => return Err(FormErrors::refuse("code", Key::ErrRequired)),
        Err(_) => None,
    };
    let Some(found) = found else {
        count_failure(db, clock, ip).await?;
        return Err(FormErrors::refuse("code", Key::ErrWorkshopCodeUnknown));
    };
    if !found.joining_open {
        return Err(FormErrors::refuse("code", Key::ErrJoiningLocked));
    }
    Ok(found)
}

/// What the join page shows for a code.
pub async fn target(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    me: Option<&CurrentUser>,
    ip: &str,
    raw_code: &str,
) -> Result<JoinTarget, AppError> {
    let found = open_workshop(db, clock, ip, raw_code).await?;
    let title = idea::Entity::find_by_id(found.idea_id)
        .one(db)
        .await
        .map_err(from_db)?
        .map(|i| i.title)
        .unwrap_or_default();
    Ok(JoinTarget {
        code: found.code.unwrap_or_default(),
        title,
        member: me
            .filter(|m| m.organisation_id == found.organisation_id)
            .map(|m| m.display_name.clone()),
    })
}

/// Joins the workshop a code names. A member of another organisation is
/// told the code is unknown, as it is for them.
pub async fn join(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    ip: &str,
    raw_code: &str,
    joiner: Joiner,
) -> Result<Joined, AppError> {
    let found = open_workshop(db, clock, ip, raw_code).await?;
    let now = clock.now();
    match joiner {
        Joiner::Member(me) => {
            if me.organisation_id != found.organisation_id {
                count_failure(db, clock, ip).await?;
                return Err(FormErrors::refuse("code", Key::ErrWorkshopCodeUnknown));
            }
            let txn = begin_write(db).await.map_err(from_db)?;
            bump(&txn, found.id, Change::Join, None).await?;
            let already = workshop_participant::Entity::find()
                .filter(workshop_participant::Column::WorkshopId.eq(found.id))
                .filter(workshop_participant::Column::UserId.eq(me.id))
                .one(&txn)
                .await
                .map_err(from_db)?;
            match already {
                Some(p) if p.removed_at.is_some() => {
                    return Err(FormErrors::refuse("code", Key::ErrParticipantRemoved))
                }
                Some(_) => {}
                None => {
                    participant(found.id, me.id, None, now)
                        .insert(&txn)
                        .await
                        .map_err(from_db)?;
                }
            }
            txn.commit().await.map_err(from_db)?;
            Ok(Joined {
                workshop_id: found.id,
                guest_token: None,
            })
        }
        Joiner::Guest { name, token } => {
            // Back on the join page with a cookie of this workshop: same seat.
            if let Some(token) = token {
                if seat(db, &Caller::Guest(token), found.id).await.is_ok() {
                    return Ok(Joined {
                        workshop_id: found.id,
                        guest_token: None,
                    });
                }
            }
            let name = DisplayName::parse(&name).map_err(|k| FormErrors::refuse("name", k))?;
            let token = new_token();
            let txn = begin_write(db).await.map_err(from_db)?;
            bump(&txn, found.id, Change::Join, None).await?;
            let person = user::ActiveModel {
                organisation_id: Set(found.organisation_id),
                // Unique, and in a domain that can never receive mail.
                email: Set(format!("{}@invite.invalid", &hash_token(&token)[..24])),
                display_name: Set(name.as_str().to_owned()),
                service: Set(String::new()),
                password_hash: Set(String::new()),
                role: Set(Role::Member.as_str().to_owned()),
                status: Set(GUEST_STATUS.to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(from_db)?;
            participant(found.id, person.id, Some(hash_token(&token)), now)
                .insert(&txn)
                .await
                .map_err(from_db)?;
            txn.commit().await.map_err(from_db)?;
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
) -> Result<std::collections::HashSet<i64>, AppError> {
    let ids: Vec<i64> = ids.into_iter().copied().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Status.eq(GUEST_STATUS))
        .all(db)
        .await
        .map_err(from_db)?
        .into_iter()
        .map(|u| u.id)
        .collect())
}
