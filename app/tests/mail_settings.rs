#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Quiet by default, as each person chooses: at once, in the digest (daily
//! or on Mondays, written once by whichever instance gets there, never
//! empty), or never; and the one-click unsubscribe link of every message.
mod common;

use app::backend::clock::{Clock, ManualClock};
use app::backend::ctx::DEFAULT_SITE;
use app::backend::entities::mail_outbox;
use app::backend::housekeeping;
use app::backend::mail::{preferences, unsubscribe};
use app::backend::rounds::opening;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::mail::{Delivery, DigestEvery};
use app::domain::round_inputs::RoundOpening;
use app::domain::round_views::NotificationKind;
use app::domain::rounds::{FocusQuestion, RoundMode};
use chrono::{Duration, TimeZone, Utc};
use common::{admin_of, as_member, clock, colleague, idea, key};
use sea_orm::{EntityTrait, QueryOrder};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

fn round_calling(clock: &ManualClock, domain: i64, names: &[&str]) -> RoundOpening {
    RoundOpening {
        focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
        mode: RoundMode::Async,
        deadline: Some(clock.now() + Duration::days(7)),
        domains: vec![domain],
        names: names.iter().map(|n| n.to_string()).collect(),
    }
}

async fn outbox(t: &TestDb) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
}

async fn choose(
    t: &TestDb,
    clock: &ManualClock,
    who: &CurrentUser,
    kind: NotificationKind,
    delivery: Delivery,
    every: DigestEvery,
) {
    preferences::save(&as_member(t, clock, who), &[(kind, delivery)], every)
        .await
        .unwrap();
}

/// Two instances run their housekeeping at once; the digests they wrote.
async fn housekeeping_twice(t: &TestDb, clock: &ManualClock) -> u32 {
    let now = clock.now();
    let (a, b) = tokio::join!(
        housekeeping::run_once(&t.db, DEFAULT_SITE, now),
        housekeeping::run_once(&t.db, DEFAULT_SITE, now)
    );
    a.unwrap().digests + b.unwrap().digests
}

db_test!(
    each_kind_comes_at_once_in_the_digest_or_never_as_chosen,
    |t: TestDb| async move {
        // Sunday 29 November 2026, 11:00 in Paris.
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let finance = colleague(&t, &clock, &author, "Paul Finances", &[FINANCE]).await;
        choose(
            &t,
            &clock,
            &jurist,
            NotificationKind::DomainCalled,
            Delivery::Never,
            DigestEvery::Daily,
        )
        .await;
        choose(
            &t,
            &clock,
            &finance,
            NotificationKind::RoundInvitation,
            Delivery::Digest,
            DigestEvery::Daily,
        )
        .await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            round_calling(&clock, LEGAL, &["Paul Finances"]),
        )
        .await
        .unwrap();
        assert!(
            outbox(&t).await.is_empty(),
            "one chose never, the other the digest"
        );
        // Still Sunday: the digest waits for Monday 8:00.
        assert_eq!(housekeeping_twice(&t, &clock).await, 0);
        clock.set(Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap());
        assert_eq!(housekeeping_twice(&t, &clock).await, 1, "written once");
        let rows = outbox(&t).await;
        assert_eq!(rows.len(), 1);
        let digest = &rows[0];
        assert_eq!(
            (digest.kind.as_str(), digest.recipient_id),
            ("digest", Some(finance.id))
        );
        assert_eq!(
            digest.subject,
            "Votre résumé Les Démineurs : 1 nouveauté(s)"
        );
        assert!(digest.body_text.contains("Covoiturage des agents"));
        assert!(digest
            .body_text
            .contains(&format!("{DEFAULT_SITE}/idees/{idea_id}#tour-1")));
        let stop = digest.unsubscribe_url.clone().unwrap();
        assert!(stop.starts_with(&format!(
            "{DEFAULT_SITE}/desabonnement?u={}&k=digest&s=",
            finance.id
        )));
        assert!(digest.body_text.contains(&stop) && digest.body_html.contains("/desabonnement?u="));
        // Nothing new the next day: nothing sent.
        clock.advance(Duration::days(1));
        assert_eq!(housekeeping_twice(&t, &clock).await, 0);
        assert_eq!(outbox(&t).await.len(), 1);
    }
);

db_test!(
    a_weekly_digest_comes_on_monday_only,
    |t: TestDb| async move {
        let clock = clock();
        clock.set(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()); // Tuesday
        let author = admin_of(&t, &clock).await;
        let finance = colleague(&t, &clock, &author, "Paul Finances", &[FINANCE]).await;
        choose(
            &t,
            &clock,
            &finance,
            NotificationKind::DomainCalled,
            Delivery::Digest,
            DigestEvery::Weekly,
        )
        .await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            round_calling(&clock, FINANCE, &[]),
        )
        .await
        .unwrap();
        clock.set(Utc.with_ymd_and_hms(2026, 12, 2, 7, 30, 0).unwrap()); // Wednesday 8:30
        assert_eq!(housekeeping_twice(&t, &clock).await, 0);
        clock.set(Utc.with_ymd_and_hms(2026, 12, 7, 7, 30, 0).unwrap()); // Monday 8:30
        assert_eq!(housekeeping_twice(&t, &clock).await, 1);
        assert!(outbox(&t).await[0].body_text.contains("chaque lundi"));
    }
);

db_test!(
    an_unsubscribe_link_stops_its_kind_for_its_person_only,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            round_calling(&clock, LEGAL, &[]),
        )
        .await
        .unwrap();
        let mail = outbox(&t).await.pop().unwrap();
        let link = mail.unsubscribe_url.clone().unwrap();
        assert!(
            mail.body_text.contains(&link),
            "the link is in the message too"
        );
        let query: std::collections::HashMap<&str, &str> = link
            .split_once('?')
            .unwrap()
            .1
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect();
        let stop = unsubscribe::Stop::parse(query["k"]).unwrap();
        let secret = unsubscribe::secret(&t.db).await.unwrap();
        assert!(unsubscribe::is_signed(&secret, jurist.id, stop, query["s"]));
        assert!(
            !unsubscribe::is_signed(&secret, author.id, stop, query["s"]),
            "someone else's"
        );
        unsubscribe::apply(&t.db, jurist.id, stop).await.unwrap();
        let chosen = preferences::of(&t.db, jurist.id).await.unwrap();
        assert_eq!(
            preferences::delivery(&chosen, NotificationKind::DomainCalled),
            Delivery::Never
        );
        assert_eq!(
            preferences::delivery(&chosen, NotificationKind::MineTriaged),
            Delivery::AtOnce
        );
        assert!(preferences::of(&t.db, author.id).await.unwrap().is_empty());
    }
);
