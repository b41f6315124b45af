//! `demineurs seed-demo`: an organisation with a believable story, told
//! through the services as its people would have lived it (a clock set in
//! the past, moved forward event by event), so that every page, the
//! dashboard and the library included, shows what the services recorded.

mod checking;
mod ideas;
pub mod people;
mod story;
mod telling;
mod workshop;

use crate::backend::entities::{mail_outbox, organisation, user};
use crate::backend::store::Op;
use crate::domain::accounts::NewPassword;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

/// The administrator's address, to sign in with.
pub fn administrator_email() -> &'static str {
    people::PEOPLE[0].email
}

/// A password for the demo's people when none is given: random, easy to
/// copy from a terminal (« demo-3f2a-9c1b-77de »).
pub fn generated_password() -> NewPassword {
    let hex = uuid::Uuid::new_v4().simple().to_string();
    let groups: Vec<&str> = (0..3).filter_map(|i| hex.get(i * 4..i * 4 + 4)).collect();
    let raw = format!("demo-{}", groups.join("-"));
    // 19 characters: always long enough.
    NewPassword::parse(&raw).unwrap_or_else(|_| unreachable!("{raw} is a valid password"))
}

/// How seeding went.
#[derive(Debug)]
pub enum Seeding {
    /// The organisation was created: its id, and how many ideas it holds.
    Told { organisation_id: i64, ideas: usize },
    /// It is there already (same name or same addresses): nothing changed.
    AlreadyThere,
}

/// Creates the demo organisation, its people (all with `password`) and
/// its story, ending at `end` (the story's last events are a few days
/// before it; a round still silent ends a few days after it).
pub async fn seed(
    db: &DatabaseConnection,
    password: &NewPassword,
    end: DateTime<Utc>,
) -> Result<Seeding, AppError> {
    if let Err(wrong) = checking::check(ideas::IDEAS, ideas::LIBRARY) {
        tracing::error!("demo story: {wrong}");
        return Err(AppError::Internal);
    }
    if already_there(db).await? {
        return Ok(Seeding::AlreadyThere);
    }
    // Events fall in working hours, whenever the command runs: the story
    // ends at 08:00 UTC (9 or 10 in Paris) of the day.
    let end = end
        .date_naive()
        .and_hms_opt(8, 0, 0)
        .map_or(end, |at| at.and_utc());
    let mut teller = telling::Teller::begin(db, password, end).await?;
    for (n, idea) in ideas::IDEAS.iter().enumerate() {
        teller.tell(n, idea).await?;
    }
    teller.file_library(ideas::LIBRARY).await?;
    let organisation_id = teller.organisation_id();
    unsend(db, organisation_id).await?;
    Ok(Seeding::Told {
        organisation_id,
        ideas: ideas::IDEAS.len(),
    })
}

/// Whether the demo organisation (its name, or one of its addresses) is
/// on this instance already.
pub async fn already_there(db: &DatabaseConnection) -> Result<bool, AppError> {
    let named = organisation::Entity::find()
        .filter(organisation::Column::Name.eq(people::ORGANISATION))
        .count(db)
        .await
        .op("demo: find organisation")?;
    let emails: Vec<&str> = people::PEOPLE.iter().map(|p| p.email).collect();
    let people = user::Entity::find()
        .filter(user::Column::Email.is_in(emails))
        .count(db)
        .await
        .op("demo: find people")?;
    Ok(named > 0 || people > 0)
}

/// The story happened in the past: the e-mail it queued (invitations,
/// rounds, reveals) would reach nobody (`demo.test` is reserved) and is
/// dropped. The notifications stay, as people would find them.
async fn unsend(db: &DatabaseConnection, organisation_id: i64) -> Result<(), AppError> {
    let people = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await
        .op("demo: find people")?
        .into_iter()
        .map(|u| u.id);
    mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::RecipientId.is_in(people))
        .exec(db)
        .await
        .op("demo: drop mail")?;
    mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::ToAddress.like(format!("%@{}", people::EMAIL_DOMAIN)))
        .exec(db)
        .await
        .op("demo: drop mail")?;
    Ok(())
}
