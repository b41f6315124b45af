#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! `seed-demo` on SQLite and PostgreSQL: the demo organisation's story is
//! told through the services, so its ideas stand at every stage, its
//! dashboard, library, directory and search show it, its people sign in
//! with the password given, nothing is e-mailed, a round still silent
//! stays silent, and a second run changes nothing.
mod common;

use app::backend::accounts::login::{self, Verdict};
use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::dashboard;
use app::backend::demo::{self, Seeding};
use app::backend::entities::{idea, mail_outbox, workshop};
use app::backend::library::reading as library;
use app::backend::search::querying::search;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::NewPassword;
use app::domain::dashboard::DashboardFilters;
use app::domain::ideas::IdeaStatus;
use app::domain::maturity::Stage;
use app::domain::rounds::Outcome;
use app::domain::search::Marked;
use app::domain::workshops::Phase;
use chrono::{TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const PASSWORD: &str = "la démo du Val-de-Loire";

fn end() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap()
}

async fn seeded(t: &TestDb) -> (i64, app::domain::accounts::CurrentUser, ManualClock) {
    let password = NewPassword::parse(PASSWORD).unwrap();
    let Seeding::Told {
        organisation_id,
        ideas,
    } = demo::seed(&t.db, &password, end()).await.unwrap()
    else {
        panic!("a fresh instance is seeded")
    };
    assert_eq!(ideas, 12);
    let clock = ManualClock::at(end());
    let Verdict::Active(id) = login::authenticate(&t.db, demo::administrator_email(), PASSWORD)
        .await
        .unwrap()
    else {
        panic!("Claire signs in with the password given")
    };
    let claire = common::signed_in(t, &clock, id).await;
    assert_eq!(claire.organisation_id, organisation_id);
    (organisation_id, claire, clock)
}

db_test!(every_stage_and_outcome_is_there, |t: TestDb| async move {
    let (organisation_id, _, _) = seeded(&t).await;
    let ideas = idea::Entity::find()
        .filter(idea::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(idea::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    let told: Vec<(&str, Stage, Option<Outcome>, bool)> = ideas
        .iter()
        .map(|i| {
            let title = i.title.split_whitespace().take(3).collect::<Vec<_>>();
            let short = ideas_short(&title.join(" "));
            (short, i.stage, i.outcome, i.status == IdeaStatus::Draft)
        })
        .collect();
    use Outcome::*;
    use Stage::*;
    assert_eq!(
        told,
        [
            ("rendez-vous", Ready, Some(Launched), false),
            ("affichage", Sketch, Some(Dropped), false),
            ("vélos", Demined, None, false),
            ("parcours", Sketch, None, false),
            ("covoiturage", Sketch, Some(Parked), false),
            ("subventions", Ready, None, false),
            ("composteur", Ready, None, false),
            ("courriers", Sketch, None, false),
            ("frais", Seed, None, false),
            ("déchèteries", Seed, None, false),
            ("actes", Seed, None, false),
            ("baromètre", Seed, None, true),
        ]
    );
    // The story is in the past: not one message waits to be sent, nor
    // when its silent rounds reach their deadline (their addresses reach
    // nobody).
    assert_eq!(mail_outbox::Entity::find().count(&t.db).await.unwrap(), 0);
    let later = end() + chrono::Duration::days(6);
    let revealed = app::backend::rounds::deadlines::reveal_due(&t.db, "http://x", later)
        .await
        .unwrap();
    assert_eq!(revealed, 2, "the two silent rounds");
    assert_eq!(mail_outbox::Entity::find().count(&t.db).await.unwrap(), 0);
    // One workshop, held and ended, with two guests in the room.
    let held = workshop::Entity::find().all(&t.db).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].phase, Phase::Ended);
});

/// A word of each idea's title that names it.
fn ideas_short(start: &str) -> &'static str {
    [
        ("Un rendez-vous", "rendez-vous"),
        ("Un affichage", "affichage"),
        ("Des vélos", "vélos"),
        ("Un parcours", "parcours"),
        ("Du covoiturage", "covoiturage"),
        ("Simplifier les demandes", "subventions"),
        ("Un composteur", "composteur"),
        ("Des courriers", "courriers"),
        ("Des notes", "frais"),
        ("Ouvrir les données", "déchèteries"),
        ("Signer les actes", "actes"),
        ("Un baromètre", "baromètre"),
    ]
    .iter()
    .find(|(prefix, _)| start.starts_with(prefix))
    .map(|(_, short)| *short)
    .unwrap_or_else(|| panic!("unexpected idea {start}"))
}

db_test!(
    the_dashboard_library_and_search_show_it,
    |t: TestDb| async move {
        let (_, claire, clock) = seeded(&t).await;
        let by = Ctx::new(&t.db, &clock).member_acting(&claire);

        let (frame, overview) = dashboard::read_overview(&by, &DashboardFilters::default(), 1)
            .await
            .unwrap();
        assert_eq!(frame.ideas, 11, "every published idea, not the draft");
        let funnel: Vec<(Stage, u32)> = overview
            .funnel
            .iter()
            .map(|r| (r.stage, r.total()))
            .collect();
        use Stage::*;
        assert_eq!(funnel, [(Seed, 3), (Sketch, 4), (Demined, 1), (Ready, 3)]);
        assert_eq!(frame.services.len(), 10, "every service of the directory");

        let shelf = library::library(&by, None, None).await.unwrap();
        let names: Vec<&str> = shelf.known.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names.len(), 5, "{names:?}");
        assert!(names.contains(&"Conformité au RGAA"));
        let proven = shelf
            .known
            .iter()
            .filter(|k| k.workarounds.iter().any(|w| w.proven))
            .count();
        assert_eq!(proven, 4);

        // Found by its words in other forms, without accents.
        let found = search(&by, "velo", None, None).await.unwrap();
        assert!(
            found
                .hits
                .iter()
                .any(|h| Marked::plain(&h.title).contains("vélos de service")),
            "{:?}",
            found.hits
        );
        // The parapheur's round is still silent: its mines stay hidden,
        // from its author too.
        let silent = search(&by, "certificat", None, None).await.unwrap();
        assert_eq!(silent.total, 0, "{:?}", silent.hits);
    }
);

db_test!(a_second_run_changes_nothing, |t: TestDb| async move {
    let (organisation_id, _, _) = seeded(&t).await;
    let before = idea::Entity::find().count(&t.db).await.unwrap();
    let password = NewPassword::parse("un autre mot de passe").unwrap();
    let again = demo::seed(&t.db, &password, end()).await.unwrap();
    assert!(matches!(again, Seeding::AlreadyThere));
    assert_eq!(idea::Entity::find().count(&t.db).await.unwrap(), before);
    // The first password still opens the door.
    let verdict = login::authenticate(&t.db, demo::administrator_email(), PASSWORD)
        .await
        .unwrap();
    assert!(matches!(verdict, Verdict::Active(_)));
    assert!(organisation_id > 0);
});
