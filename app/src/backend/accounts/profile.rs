//! A person's own profile: name, service, and the expertise domains they hold.

use super::error::AccountError;
use crate::backend::ctx::Ctx;
use crate::backend::entities::user;
use crate::backend::expertise;
use crate::backend::store::Op;
use crate::domain::accounts::DisplayName;
use crate::domain::directory::Availability;
use crate::domain::organisation::{Profile, ServiceName};
use crate::i18n::Key;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    EntityTrait,
};

pub async fn get(ctx: &Ctx<'_>) -> Result<Profile, AccountError> {
    let (db, me) = (ctx.db, ctx.member()?);
    let person = user::Entity::find_by_id(me.id)
        .one(db)
        .await
        .op("get: find user")?
        .ok_or(AccountError::SignInNeeded)?;
    let today = crate::backend::directory::today(ctx.now());
    let now = crate::backend::directory::presence(&person.availability, person.away_until, today);
    Ok(Profile {
        display_name: person.display_name,
        email: person.email,
        service: person.service,
        offered: expertise::offered(db, me.organisation_id).await?,
        held: expertise::held(db, me.id).await?,
        // An absence over reads as available: the form offers what is true
        // today, never a past last day it would refuse.
        availability: now.availability,
        away_until: match now.availability {
            Availability::Away => person
                .away_until
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            _ => String::new(),
        },
    })
}

/// What the profile form gives, parsed.
#[derive(Debug)]
pub struct ProfileUpdate {
    pub display_name: DisplayName,
    pub service: ServiceName,
    pub domain_ids: Vec<i64>,
    /// `None` (a form from before availability existed) keeps it as is.
    pub availability: Option<Availability>,
    /// The absence's last day; required when away, ignored otherwise.
    pub away_until: Option<NaiveDate>,
}

/// The longest absence one can announce, in days.
pub const LONGEST_ABSENCE_DAYS: i64 = 366;

/// The absence's last day as stored: a day from today to a year on when
/// away, nothing otherwise.
fn away_until(input: &ProfileUpdate, today: NaiveDate) -> Result<Option<NaiveDate>, AccountError> {
    if input.availability != Some(Availability::Away) {
        return Ok(None);
    }
    match input.away_until {
        None => Err(AccountError::AwayUntil(Key::ErrAwayUntilMissing)),
        Some(last) if last < today => Err(AccountError::AwayUntil(Key::ErrAwayUntilPast)),
        Some(last) if (last - today).num_days() > LONGEST_ABSENCE_DAYS => {
            Err(AccountError::AwayUntil(Key::ErrAwayUntilTooFar))
        }
        Some(last) => Ok(Some(last)),
    }
}

/// Saves the profile in one transaction: all of it, or nothing.
pub async fn update(ctx: &Ctx<'_>, input: ProfileUpdate) -> Result<(), AccountError> {
    let me = ctx.member()?;
    let away_until = away_until(&input, crate::backend::directory::today(ctx.now()))?;
    let txn = ctx.write().await?;
    expertise::set_held(&txn, me, &input.domain_ids).await?;
    user::ActiveModel {
        id: Set(me.id),
        display_name: Set(input.display_name.as_str().to_owned()),
        service: Set(input.service.as_str().to_owned()),
        availability: match input.availability {
            Some(chosen) => Set(chosen.as_str().to_owned()),
            None => NotSet,
        },
        away_until: match input.availability {
            Some(_) => Set(away_until),
            None => NotSet,
        },
        ..Default::default()
    }
    .update(&txn)
    .await
    .op("update: update user")?;
    Ok(txn.commit().await.op("update: commit")?)
}

/// Keeps the caller's language for their e-mails (the interface's is a
/// cookie of each browser). Nobody signed in: nothing to keep.
pub async fn set_language(ctx: &Ctx<'_>, locale: crate::i18n::Locale) -> Result<(), AccountError> {
    let Ok(me) = ctx.member() else {
        return Ok(());
    };
    remember_language(ctx.db, me.id, locale).await
}

/// Keeps `locale` (the one the person reads the site in as they log in or
/// sign up) as the language of their e-mails.
pub async fn remember_language(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i64,
    locale: crate::i18n::Locale,
) -> Result<(), AccountError> {
    use sea_orm::{sea_query::Expr, ColumnTrait, QueryFilter};
    user::Entity::update_many()
        .col_expr(user::Column::Language, Expr::value(locale.code()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .op("remember language: update user")?;
    Ok(())
}
