//! What each person chose to receive, and when: for every kind of message
//! at once, in the digest, or never; a kind never chosen keeps its default
//! (`Delivery::default_for`: quiet).

use crate::backend::ctx::Ctx;
use crate::backend::entities::{mail_preference, user};
use crate::backend::store::{Op, StoreError};
use crate::domain::mail::{Delivery, DigestEvery, MailSettings};
use crate::domain::round_views::NotificationKind;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// A person's choices, by kind (kinds never chosen are absent).
pub type Choices = HashMap<NotificationKind, Delivery>;

/// The choices of one person.
pub async fn of(db: &impl ConnectionTrait, user_id: i64) -> Result<Choices, StoreError> {
    Ok(mail_preference::Entity::find()
        .filter(mail_preference::Column::UserId.eq(user_id))
        .all(db)
        .await
        .op("mail::preferences::of")?
        .into_iter()
        .map(|p| (p.kind, p.delivery))
        .collect())
}

/// How `kind` reaches a person with these choices.
pub fn delivery(choices: &Choices, kind: NotificationKind) -> Delivery {
    choices
        .get(&kind)
        .copied()
        .unwrap_or_else(|| Delivery::default_for(kind))
}

/// How `kind` reaches each of `people`.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    people: &[i64],
    kind: NotificationKind,
) -> Result<HashMap<i64, Delivery>, StoreError> {
    let chosen: HashMap<i64, Delivery> = mail_preference::Entity::find()
        .filter(mail_preference::Column::UserId.is_in(people.iter().copied()))
        .filter(mail_preference::Column::Kind.eq(kind))
        .all(db)
        .await
        .op("mail::preferences::deliveries")?
        .into_iter()
        .map(|p| (p.user_id, p.delivery))
        .collect();
    Ok(people
        .iter()
        .map(|p| {
            (
                *p,
                chosen
                    .get(p)
                    .copied()
                    .unwrap_or_else(|| Delivery::default_for(kind)),
            )
        })
        .collect())
}

/// Records one choice (replacing the earlier one).
pub async fn set(
    db: &impl ConnectionTrait,
    user_id: i64,
    kind: NotificationKind,
    delivery: Delivery,
) -> Result<(), StoreError> {
    mail_preference::Entity::insert(mail_preference::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind),
        delivery: Set(delivery),
    })
    .on_conflict(
        OnConflict::columns([
            mail_preference::Column::UserId,
            mail_preference::Column::Kind,
        ])
        .update_column(mail_preference::Column::Delivery)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await
    .op("mail::preferences::set")?;
    Ok(())
}

/// The caller's settings, every kind listed.
pub async fn settings(
    ctx: &Ctx<'_>,
) -> Result<MailSettings, crate::backend::accounts::error::AccountError> {
    let me = ctx.member()?;
    let person = user::Entity::find_by_id(me.id)
        .one(ctx.db)
        .await
        .op("mail::preferences::settings")?
        .ok_or(crate::backend::accounts::error::AccountError::NotFound)?;
    let chosen = of(ctx.db, me.id).await?;
    Ok(MailSettings {
        choices: NotificationKind::ALL
            .into_iter()
            .map(|k| (k, delivery(&chosen, k)))
            .collect(),
        digest_every: DigestEvery::parse(&person.digest_every).unwrap_or(DigestEvery::Daily),
        address: person.email,
    })
}

/// Saves the caller's settings in one write.
pub async fn save(
    ctx: &Ctx<'_>,
    choices: &[(NotificationKind, Delivery)],
    every: DigestEvery,
) -> Result<(), crate::backend::accounts::error::AccountError> {
    let me = ctx.member()?;
    let write = ctx.write().await?;
    for (kind, delivery) in choices {
        set(&write, me.id, *kind, *delivery).await?;
    }
    user::Entity::update_many()
        .col_expr(user::Column::DigestEvery, Expr::value(every.as_str()))
        .filter(user::Column::Id.eq(me.id))
        .exec(&write)
        .await
        .op("mail::preferences::save")?;
    write.commit().await.op("mail::preferences::save: commit")?;
    Ok(())
}
