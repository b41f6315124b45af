//! The digest: what a person chose to read in one message rather than at
//! once, sent each day (or each Monday) at 8:00 Paris time, and not at all
//! when there is nothing new. Run by the housekeeping task of every
//! instance: each person's digest is claimed by moving their `digest_up_to`
//! forward in the transaction that queues it, so two instances write it
//! once, and an instance that was down writes it when it comes back.

use super::letter::{Draft, Letter};
use super::outbox::{queue, Outgoing};
use super::unsubscribe::{self, Stop};
use super::{preferences, MailKind};
use crate::backend::ctx::Write;
use crate::backend::entities::{notification, user};
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::MemberStatus;
use crate::domain::mail::{Delivery, DigestEvery};
use crate::domain::round_views::{NotificationKind, NotificationView};
use crate::i18n::{t, Key, Locale};
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};

/// The hour, Paris time, digests are written.
pub const HOUR: u32 = 8;

/// The furthest back a digest looks (an instance down for long does not
/// send a month of news).
const LOOK_BACK: Duration = Duration::days(8);

/// The latest digest time at or before `now`.
pub fn slot(now: DateTime<Utc>, every: DigestEvery) -> DateTime<Utc> {
    let local = now.with_timezone(&Paris);
    let at = NaiveTime::from_hms_opt(HOUR, 0, 0).unwrap_or_default();
    let mut day = local.date_naive();
    if local.time() < at {
        day = day.pred_opt().unwrap_or(day);
    }
    if every == DigestEvery::Weekly {
        while day.weekday() != Weekday::Mon {
            day = day.pred_opt().unwrap_or(day);
        }
    }
    // 8:00 is never in a daylight-saving gap (those are at night).
    Paris
        .from_local_datetime(&day.and_time(at))
        .earliest()
        .map_or(now, |t| t.with_timezone(&Utc))
}

fn period(every: DigestEvery) -> Duration {
    match every {
        DigestEvery::Daily => Duration::days(1),
        DigestEvery::Weekly => Duration::days(7),
    }
}

/// Writes the digests due at `now`; returns how many were queued.
pub async fn send_due(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
) -> Result<u32, StoreError> {
    // Only people told something lately may have a digest due, and only
    // those whose last digest is older than today's: one small read on
    // most runs, no write at all (a weekly digest is checked in memory).
    let told = notification::Entity::find()
        .filter(notification::Column::CreatedAt.gt(now - LOOK_BACK))
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .into_query();
    let today = slot(now, DigestEvery::Daily);
    let candidates = user::Entity::find()
        .filter(user::Column::Id.in_subquery(told))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .filter(
            Condition::any()
                .add(user::Column::DigestUpTo.is_null())
                .add(user::Column::DigestUpTo.lt(today)),
        )
        .all(db)
        .await
        .op("digest::send_due: people")?;
    let people = candidates.into_iter().filter(|p| {
        let every = DigestEvery::parse(&p.digest_every).unwrap_or(DigestEvery::Daily);
        p.digest_up_to.is_none_or(|up_to| up_to < slot(now, every))
    });
    let people: Vec<i64> = people.map(|p| p.id).collect();
    let mut sent = 0;
    for user_id in people {
        match digest_one(db, site, now, user_id).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            // One person failing must not hold back the others.
            Err(error) => tracing::warn!(user = user_id, ?error, "digest not written"),
        }
    }
    Ok(sent)
}

/// The digest of one person, if due and not empty; `true` when queued.
async fn digest_one(
    db: &DatabaseConnection,
    site: &str,
    now: DateTime<Utc>,
    user_id: i64,
) -> Result<bool, StoreError> {
    let write = Write::detached(db, now, site).await?;
    let Some(person) = user::Entity::find_by_id(user_id)
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .one(&write)
        .await
        .op("digest: read person")?
    else {
        return Ok(false);
    };
    let every = DigestEvery::parse(&person.digest_every).unwrap_or(DigestEvery::Daily);
    let slot = slot(now, every);
    if person.digest_up_to.is_some_and(|up_to| up_to >= slot) {
        return Ok(false);
    }
    // Claimed: another instance's update waits for this one, then finds
    // the digest written.
    let claimed = user::Entity::update_many()
        .col_expr(user::Column::DigestUpTo, Expr::value(Some(slot)))
        .filter(user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(user::Column::DigestUpTo.is_null())
                .add(user::Column::DigestUpTo.lt(slot)),
        )
        .exec(&write)
        .await
        .op("digest: claim")?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let from = person
        .digest_up_to
        .unwrap_or(slot - period(every))
        .max(slot - LOOK_BACK);
    let chosen = preferences::of(&write, user_id).await?;
    let kinds: Vec<NotificationKind> = NotificationKind::ALL
        .into_iter()
        .filter(|k| preferences::delivery(&chosen, *k) == Delivery::Digest)
        .collect();
    let rows = if kinds.is_empty() {
        Vec::new()
    } else {
        notification::Entity::find()
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::CreatedAt.gt(from))
            .filter(notification::Column::CreatedAt.lte(slot))
            .filter(notification::Column::Kind.is_in(kinds))
            .order_by_asc(notification::Column::Id)
            .all(&write)
            .await
            .op("digest: read news")?
    };
    if rows.is_empty() {
        // Nothing new: the claim moves on, nothing is sent.
        write.commit().await.op("digest: commit (empty)")?;
        return Ok(false);
    }
    let news = crate::backend::notifications::views(&write, rows).await?;
    let locale = Locale::from_code(&person.language).unwrap_or_default();
    let secret = unsubscribe::secret(&write).await?;
    let stop = unsubscribe::link(site, &secret, user_id, Stop::Digest);
    let letter = digest_letter(locale, site, &person, every, &news, &stop);
    let mail = Outgoing {
        recipient_id: Some(user_id),
        to_address: person.email.clone(),
        to_name: person.display_name.clone(),
        kind: MailKind::Digest,
        letter,
        unsubscribe_url: Some(stop),
    };
    queue(&write, now, site, mail).await?;
    write.commit().await.op("digest: commit")?;
    Ok(true)
}

fn digest_letter(
    locale: Locale,
    site: &str,
    person: &user::Model,
    every: DigestEvery,
    news: &[NotificationView],
    stop: &str,
) -> Letter {
    let items: Vec<(String, String)> = news
        .iter()
        .map(|n| {
            (
                format!(
                    "« {} » — {}",
                    n.idea_title,
                    crate::rounds::notification_sentence(locale, n)
                ),
                format!("{site}{}", crate::rounds::notification_path(n)),
            )
        })
        .collect();
    let why = match every {
        DigestEvery::Daily => Key::MailDigestWhyDaily,
        DigestEvery::Weekly => Key::MailDigestWhyWeekly,
    };
    let subject = t(locale, Key::MailDigestSubject).replace("{n}", &news.len().to_string());
    Draft::new(locale, subject)
        .para(&t(locale, Key::MailGreeting).replace("{name}", &person.display_name))
        .para(t(locale, Key::MailDigestIntro))
        .list(&items)
        .footer(
            t(locale, why),
            &[
                (
                    t(locale, Key::MailSettingsLink),
                    &format!("{site}{}", crate::settings::MAIL_SETTINGS_PATH),
                ),
                (t(locale, Key::MailDigestStop), stop),
            ],
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Paris
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn digests_fall_at_eight_in_paris_daily_or_on_mondays() {
        // Thursday 3 December 2026.
        assert_eq!(
            slot(paris(2026, 12, 3, 9, 30), DigestEvery::Daily),
            paris(2026, 12, 3, 8, 0)
        );
        assert_eq!(
            slot(paris(2026, 12, 3, 7, 59), DigestEvery::Daily),
            paris(2026, 12, 2, 8, 0)
        );
        assert_eq!(
            slot(paris(2026, 12, 3, 9, 30), DigestEvery::Weekly),
            paris(2026, 11, 30, 8, 0)
        );
        // Monday before eight: the Monday before.
        assert_eq!(
            slot(paris(2026, 11, 30, 7, 0), DigestEvery::Weekly),
            paris(2026, 11, 23, 8, 0)
        );
        // Summer time.
        assert_eq!(
            slot(paris(2026, 7, 1, 8, 0), DigestEvery::Daily),
            paris(2026, 7, 1, 8, 0)
        );
    }
}
