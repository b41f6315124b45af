//! Who is asking about a workshop: its facilitator (at the console or not),
//! or someone in the room (a member, or a guest whose cookie belongs to
//! this workshop only). A workshop of another organisation, or of another
//! guest's workshop, is "not found".

use super::error::WorkshopError;
use crate::backend::accounts::tokens::hash_token;
use crate::backend::entities::{idea, round, user, workshop, workshop_participant};
use crate::backend::ideas::access::load as load_idea;
use crate::backend::ideas::error::IdeaError;
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::{CurrentUser, Role};
use crate::domain::workshops::{Phase, Steps};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A workshop with its round and idea.
#[derive(Clone, Debug)]
pub struct Scope {
    pub workshop: workshop::Model,
    pub round: round::Model,
    pub idea: idea::Model,
}

/// Whether a workshop runs the round now: its room then reveals it, through
/// the workshop's phases, and nothing else may (the phones promise silence).
pub async fn running_on(db: &impl ConnectionTrait, round_id: i64) -> Result<bool, StoreError> {
    use sea_orm::PaginatorTrait;
    let running = workshop::Entity::find()
        .filter(workshop::Column::RoundId.eq(round_id))
        .filter(workshop::Column::Phase.ne(Phase::Ended))
        .count(db)
        .await
        .op("running on: find workshop")?;
    Ok(running > 0)
}

/// The workshops held on some rounds, as the idea page shows them.
#[derive(Debug, Default)]
pub struct RoundsWorkshops {
    /// Rounds a workshop runs now.
    running: std::collections::HashSet<i64>,
    /// Round → the workshop that ran it and ended (its record is linked
    /// from the round): the first, should there be several.
    ended: std::collections::HashMap<i64, i64>,
}

impl RoundsWorkshops {
    pub fn running_on(&self, round_id: i64) -> bool {
        self.running.contains(&round_id)
    }

    pub fn ended_on(&self, round_id: i64) -> Option<i64> {
        self.ended.get(&round_id).copied()
    }
}

/// The workshops of several rounds, in one statement.
pub async fn on_rounds(
    db: &impl ConnectionTrait,
    round_ids: &[i64],
) -> Result<RoundsWorkshops, StoreError> {
    use sea_orm::{QueryOrder, QuerySelect};
    let mut found = RoundsWorkshops::default();
    if round_ids.is_empty() {
        return Ok(found);
    }
    let rows: Vec<(i64, i64, Phase)> = workshop::Entity::find()
        .filter(workshop::Column::RoundId.is_in(round_ids.iter().copied()))
        .select_only()
        .column(workshop::Column::Id)
        .column(workshop::Column::RoundId)
        .column(workshop::Column::Phase)
        .order_by_asc(workshop::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("workshops on rounds")?;
    for (id, round_id, phase) in rows {
        if phase == Phase::Ended {
            found.ended.entry(round_id).or_insert(id);
        } else {
            found.running.insert(round_id);
        }
    }
    Ok(found)
}

impl Scope {
    pub fn phase(&self) -> Phase {
        self.workshop.phase
    }

    /// The optional steps chosen when the workshop started.
    pub fn steps(&self) -> Steps {
        Steps {
            grouping: self.workshop.grouping,
            ways_around: self.workshop.ways_around,
        }
    }

    pub fn ended(&self) -> bool {
        self.phase() == Phase::Ended
    }

    /// Whether the room may see everyone's contributions: the round says,
    /// not the phase (a workshop ended before its reveal shows nothing).
    pub fn revealed(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        crate::backend::rounds::access::revealed(&self.round, now)
    }
}

/// Who calls a workshop function.
#[derive(Clone, Debug)]
pub enum Caller {
    Member(CurrentUser),
    /// The token of a guest cookie.
    Guest(String),
    Nobody,
}

/// A participant's place: the workshop, their row, and who they are as the
/// round services see them (a guest is a member of status `guest`).
#[derive(Clone, Debug)]
pub struct Seat {
    pub scope: Scope,
    pub participant: workshop_participant::Model,
    pub me: CurrentUser,
}

/// A workshop's row alone (no check: callers check who asks).
pub(crate) async fn workshop_row(
    db: &impl ConnectionTrait,
    workshop_id: i64,
) -> Result<workshop::Model, WorkshopError> {
    workshop::Entity::find_by_id(workshop_id)
        .one(db)
        .await
        .op("find workshop")?
        .ok_or(WorkshopError::NotFound)
}

async fn by_id(db: &impl ConnectionTrait, workshop_id: i64) -> Result<Scope, WorkshopError> {
    with_round(db, workshop_row(db, workshop_id).await?).await
}

async fn with_round(
    db: &impl ConnectionTrait,
    workshop: workshop::Model,
) -> Result<Scope, WorkshopError> {
    let round = round::Entity::find_by_id(workshop.round_id)
        .one(db)
        .await
        .op("with round: find round")?
        .ok_or(WorkshopError::NotFound)?;
    let idea = idea::Entity::find_by_id(workshop.idea_id)
        .one(db)
        .await
        .op("with round: find idea")?
        .ok_or(WorkshopError::NotFound)?;
    Ok(Scope {
        workshop,
        round,
        idea,
    })
}

/// Facilitators of the organisation (and leads, administrators) run any
/// workshop; an author of the idea runs the workshops of their idea.
pub async fn may_facilitate(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    idea_id: i64,
) -> Result<bool, WorkshopError> {
    let (_, standing) = load_idea(db, me, idea_id).await?;
    Ok(me.role >= Role::Facilitator || standing.can_edit())
}

/// The workshop, if the caller may facilitate it.
pub async fn facilitating(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    workshop_id: i64,
) -> Result<Scope, WorkshopError> {
    let scope = by_id(db, workshop_id).await?;
    if scope.workshop.organisation_id != me.organisation_id {
        return Err(WorkshopError::NotFound);
    }
    if !may_facilitate(db, me, scope.idea.id).await? {
        return Err(WorkshopError::Forbidden);
    }
    Ok(scope)
}

/// The workshop, if the caller facilitates it from the device holding the
/// console (`session` is the caller's session token) and it has not ended.
pub async fn at_console(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    session: &str,
    workshop_id: i64,
) -> Result<Scope, WorkshopError> {
    let scope = facilitating(db, me, workshop_id).await?;
    if scope.workshop.console_session != hash_token(session) {
        return Err(WorkshopError::ConsoleElsewhere);
    }
    if scope.ended() {
        return Err(WorkshopError::Ended);
    }
    Ok(scope)
}

/// The caller's place in the room: the workshop row and their own, after
/// every check `seat` makes; all the pulse needs, in two queries. 401 for
/// nobody, 404 for another organisation's workshop or another workshop's
/// guest, 403 for a member who has not joined; a guest after the end or
/// after removal is told so.
pub async fn place(
    db: &impl ConnectionTrait,
    caller: &Caller,
    workshop_id: i64,
) -> Result<(workshop::Model, workshop_participant::Model), WorkshopError> {
    let participant = match caller {
        Caller::Nobody => return Err(WorkshopError::SignInNeeded),
        Caller::Member(me) => workshop_participant::Entity::find()
            .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
            .filter(workshop_participant::Column::UserId.eq(me.id))
            .one(db)
            .await
            .op("place: find participant")?,
        Caller::Guest(token) => Some(guest_participant(db, token, workshop_id).await?),
    };
    let workshop = workshop_row(db, workshop_id).await?;
    let participant = match (participant, caller) {
        (Some(p), _) => p,
        (None, Caller::Member(me)) if me.organisation_id == workshop.organisation_id => {
            return Err(WorkshopError::Forbidden)
        }
        _ => return Err(WorkshopError::NotFound),
    };
    if participant.removed_at.is_some() {
        return Err(WorkshopError::Removed);
    }
    // A guest's seat ends with the workshop; its record alone stays open to
    // them, read only ([`for_the_record`]).
    if matches!(caller, Caller::Guest(_)) && workshop.phase == Phase::Ended {
        return Err(WorkshopError::Ended);
    }
    Ok((workshop, participant))
}

/// The seat a guest's cookie holds in this workshop: 401 for a cookie that
/// names nobody, 404 for another workshop's guest.
async fn guest_participant(
    db: &impl ConnectionTrait,
    token: &str,
    workshop_id: i64,
) -> Result<workshop_participant::Model, WorkshopError> {
    let found = workshop_participant::Entity::find()
        .filter(workshop_participant::Column::GuestTokenHash.eq(hash_token(token)))
        .one(db)
        .await
        .op("place: find guest")?
        .ok_or(WorkshopError::SignInNeeded)?;
    if found.workshop_id != workshop_id {
        return Err(WorkshopError::NotFound);
    }
    Ok(found)
}

/// The workshop, if the caller may read its record: a member who may see
/// the idea (its facilitators do), or who has a seat in the room; a guest
/// of this workshop, after its end too: the one thing a guest's seat still
/// opens once the workshop is over, and it is read only. A removed guest is
/// told so; without a session or a seat, 401; another organisation's member
/// or another workshop's guest, 404.
pub async fn for_the_record(
    db: &impl ConnectionTrait,
    caller: &Caller,
    workshop_id: i64,
) -> Result<Scope, WorkshopError> {
    match caller {
        Caller::Nobody => Err(WorkshopError::SignInNeeded),
        Caller::Guest(token) => {
            let participant = guest_participant(db, token, workshop_id).await?;
            if participant.removed_at.is_some() {
                return Err(WorkshopError::Removed);
            }
            by_id(db, workshop_id).await
        }
        Caller::Member(me) => {
            let scope = by_id(db, workshop_id).await?;
            if scope.workshop.organisation_id != me.organisation_id {
                return Err(WorkshopError::NotFound);
            }
            match load_idea(db, me, scope.idea.id).await {
                Ok(_) => Ok(scope),
                // An idea they may not see (a draft): their seat in the
                // room still opens the record, unless they were removed.
                Err(IdeaError::NotFound) => {
                    let seated = workshop_participant::Entity::find()
                        .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
                        .filter(workshop_participant::Column::UserId.eq(me.id))
                        .filter(workshop_participant::Column::RemovedAt.is_null())
                        .one(db)
                        .await
                        .op("for the record: find participant")?;
                    match seated {
                        Some(_) => Ok(scope),
                        None => Err(WorkshopError::NotFound),
                    }
                }
                Err(error) => Err(error.into()),
            }
        }
    }
}

/// The caller's seat in the workshop, with its round and idea (refusals
/// as for [`place`]).
pub async fn seat(
    db: &impl ConnectionTrait,
    caller: &Caller,
    workshop_id: i64,
) -> Result<Seat, WorkshopError> {
    let (workshop, participant) = place(db, caller, workshop_id).await?;
    let scope = with_round(db, workshop).await?;
    let me = match caller {
        Caller::Member(me) => me.clone(),
        _ => guest_as_user(db, participant.user_id).await?,
    };
    Ok(Seat {
        scope,
        participant,
        me,
    })
}

/// A guest as the round services see them: a member of the organisation
/// with no role beyond member and no domain.
async fn guest_as_user(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<CurrentUser, WorkshopError> {
    let person = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .op("guest as user: find user")?
        .ok_or(WorkshopError::SignInNeeded)?;
    Ok(CurrentUser {
        id: person.id,
        display_name: person.display_name,
        role: Role::Member,
        organisation_id: person.organisation_id,
        organisation_name: String::new(),
    })
}
