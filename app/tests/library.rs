#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The mine library on SQLite and PostgreSQL: leads file revealed mines
//! under a name and mark the workarounds that proved themselves; everyone
//! reads it and gets it suggested; a silent round, a hidden mine and
//! another organisation never show through; members may not curate.
mod common;

use app::backend::clock::ManualClock;
use app::backend::library::curating::{self, Filing};
use app::backend::library::{reading, LibraryError};
use app::backend::rounds::{course, triage};
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::library::KnownMineName;
use app::domain::round_inputs::{DefusedBy, Triage};
use chrono::Duration;
use common::workshop::mine;
use common::{
    admin_of, as_member, clock, colleague, idea, key, open_for_a_week, other_organisation, post,
    text,
};

const LEGAL: i64 = 1;

fn name(s: &str) -> KnownMineName {
    KnownMineName::parse(s).unwrap()
}

/// Camille (admin) has two ideas: A's round is revealed, Anne's mine on
/// it defused by « Une AIPD »; B's round is still silent, Anne's mine on
/// it unread by anyone.
struct World {
    camille: CurrentUser,
    anne: CurrentUser,
    a: i64,
    b: i64,
    mine_a: i64,
    mine_b: i64,
    round_a: i64,
    round_b: i64,
}

async fn world(t: &TestDb, clock: &ManualClock) -> World {
    let camille = admin_of(t, clock).await;
    let anne = colleague(t, clock, &camille, "Anne Juriste", &[LEGAL]).await;
    let a = idea(t, clock, &camille).await;
    let b = idea(t, clock, &camille).await;
    let round_a = open_for_a_week(t, clock, &camille, a, &[LEGAL]).await;
    let round_b = open_for_a_week(t, clock, &camille, b, &[LEGAL]).await;
    clock.advance(Duration::hours(1));
    let mine_a = post(
        t,
        clock,
        &anne,
        round_a,
        mine(LEGAL, "Des données personnelles"),
    )
    .await;
    let mine_b = post(
        t,
        clock,
        &anne,
        round_b,
        mine(LEGAL, "Un secret encore silencieux"),
    )
    .await;
    let by = as_member(t, clock, &camille);
    course::reveal(&by, round_a).await.unwrap();
    triage::triage(
        &by,
        &key(),
        mine_a,
        Triage::Defused(DefusedBy::New(text("Une AIPD")), None),
    )
    .await
    .unwrap();
    World {
        camille,
        anne,
        a,
        b,
        mine_a,
        mine_b,
        round_a,
        round_b,
    }
}

db_test!(
    leads_file_mines_and_everyone_reads_them,
    |t: TestDb| async move {
        let clock = clock();
        let w = world(&t, &clock).await;
        let lead = as_member(&t, &clock, &w.camille);

        let before = reading::library(&lead, None, None).await.unwrap();
        assert!(before.can_curate && before.known.is_empty());
        let waiting: Vec<i64> = before.unfiled.iter().map(|m| m.id).collect();
        assert_eq!(waiting, [w.mine_a], "the silent round's mine is not shown");
        assert_eq!(before.unfiled[0].idea_id, w.a);

        let known = curating::file(
            &lead,
            &[w.mine_a],
            Filing::New(name("Données personnelles")),
        )
        .await
        .unwrap();
        let after = reading::library(&lead, None, None).await.unwrap();
        assert_eq!(after.unfiled_total, 0);
        let filed = &after.known[0];
        assert_eq!(
            (filed.id, filed.name.as_str()),
            (known, "Données personnelles")
        );
        assert_eq!(
            filed.domain.as_ref().map(|d| d.id),
            Some(LEGAL),
            "the mine's domain"
        );
        assert_eq!(filed.mines.len(), 1);
        let way = &filed.workarounds[0];
        assert_eq!((way.text.as_str(), way.proven), ("Une AIPD", false));

        curating::set_proven(&lead, known, way.id, true)
            .await
            .unwrap();
        // A member reads it, and has it suggested on another idea.
        let anne = as_member(&t, &clock, &w.anne);
        let theirs = reading::library(&anne, None, None).await.unwrap();
        assert!(!theirs.can_curate && theirs.unfiled.is_empty());
        assert!(theirs.known[0].workarounds[0].proven);
        let suggested = reading::suggestions(&anne, w.b).await.unwrap();
        assert_eq!(suggested.len(), 1);
        assert_eq!(suggested[0].name, "Données personnelles");
        assert_eq!(suggested[0].defused_by, [("Une AIPD".to_owned(), true)]);
        assert_eq!(suggested[0].ideas, 1);

        // Renamed, unmarked; a domain filter keeps it or not.
        curating::rename(&lead, known, name("RGPD")).await.unwrap();
        curating::set_proven(&lead, known, way.id, false)
            .await
            .unwrap();
        let legal = reading::library(&anne, Some(LEGAL), None).await.unwrap();
        assert_eq!(legal.known[0].name, "RGPD");
        assert!(!legal.known[0].workarounds[0].proven);
        assert!(reading::library(&anne, Some(LEGAL + 1), None)
            .await
            .unwrap()
            .known
            .is_empty());

        // B's reveal brings its mine to file, under the same name.
        course::reveal(&lead, w.round_b).await.unwrap();
        let now = reading::library(&lead, None, None).await.unwrap();
        assert_eq!(
            now.unfiled.iter().map(|m| m.id).collect::<Vec<_>>(),
            [w.mine_b]
        );
        curating::file(&lead, &[w.mine_b], Filing::Under(known))
            .await
            .unwrap();
        let grouped = reading::library(&anne, None, None).await.unwrap();
        assert_eq!(
            (grouped.known[0].mines.len(), grouped.known[0].ideas()),
            (2, 2)
        );

        // Taken out again, then the name forgotten: the mines wait again.
        curating::unfile(&lead, known, w.mine_b).await.unwrap();
        curating::forget(&lead, known).await.unwrap();
        let forgotten = reading::library(&lead, None, None).await.unwrap();
        assert!(forgotten.known.is_empty());
        assert_eq!(forgotten.unfiled_total, 2);
    }
);

db_test!(
    members_and_other_organisations_may_not_curate,
    |t: TestDb| async move {
        let clock = clock();
        let w = world(&t, &clock).await;
        let anne = as_member(&t, &clock, &w.anne);
        let refused = curating::file(&anne, &[w.mine_a], Filing::New(name("Tentative"))).await;
        assert!(matches!(refused, Err(LibraryError::Forbidden)));

        let lead = as_member(&t, &clock, &w.camille);
        let known = curating::file(&lead, &[w.mine_a], Filing::New(name("RGPD")))
            .await
            .unwrap();
        let outsider = other_organisation(&t, &clock).await;
        let theirs = as_member(&t, &clock, &outsider);
        for attempt in [
            curating::file(&theirs, &[w.mine_a], Filing::New(name("Chez nous")))
                .await
                .map(|_| ()),
            curating::file(&theirs, &[w.mine_a], Filing::Under(known))
                .await
                .map(|_| ()),
            curating::rename(&theirs, known, name("Pris")).await,
            curating::forget(&theirs, known).await,
        ] {
            assert!(
                matches!(attempt, Err(LibraryError::NotFound)),
                "{attempt:?}"
            );
        }
        let their_library = reading::library(&theirs, None, None).await.unwrap();
        assert!(their_library.known.is_empty() && their_library.unfiled.is_empty());
        assert!(matches!(
            reading::suggestions(&theirs, w.b).await,
            Err(LibraryError::NotFound)
        ));
        // A silent mine cannot be filed, even by a lead who guesses its id.
        let silent = curating::file(&lead, &[w.mine_b], Filing::Under(known)).await;
        assert!(matches!(silent, Err(LibraryError::NotFound)));
        // All or none: a silent mine among those ticked files nothing.
        let partial = curating::file(&lead, &[w.mine_a, w.mine_b], Filing::New(name("Deux"))).await;
        assert!(matches!(partial, Err(LibraryError::NotFound)));
        let kept = reading::library(&lead, None, None).await.unwrap();
        assert_eq!(kept.known.len(), 1, "no new name");
        assert_eq!(kept.known[0].name, "RGPD");
        // A workaround that defused none of its mines is not marked.
        let stray = curating::set_proven(&lead, known, w.mine_b, true).await;
        assert!(matches!(stray, Err(LibraryError::NotFound)));
    }
);

db_test!(a_hidden_mine_leaves_the_library, |t: TestDb| async move {
    let clock = clock();
    let w = world(&t, &clock).await;
    let lead = as_member(&t, &clock, &w.camille);
    curating::file(&lead, &[w.mine_a], Filing::New(name("RGPD")))
        .await
        .unwrap();
    triage::hide(&lead, w.mine_a, text("Hors sujet"))
        .await
        .unwrap();
    let anne = as_member(&t, &clock, &w.anne);
    assert!(reading::library(&anne, None, None)
        .await
        .unwrap()
        .known
        .is_empty());
    assert!(reading::suggestions(&anne, w.b).await.unwrap().is_empty());
    // The lead still sees the empty name, to forget or refill it.
    let theirs = reading::library(&lead, None, None).await.unwrap();
    assert_eq!((theirs.known.len(), theirs.known[0].mines.len()), (1, 0));
});

db_test!(
    a_workaround_still_silent_is_never_told,
    |t: TestDb| async move {
        // The author re-triages a revealed mine with a workaround written in
        // a round still silent: the library and the suggestions wait for its
        // reveal, and it cannot be marked proven before.
        let clock = clock();
        let w = world(&t, &clock).await;
        let lead = as_member(&t, &clock, &w.camille);
        triage::close(&lead, w.round_a, text("Bilan"), String::new())
            .await
            .unwrap();
        let second = open_for_a_week(&t, &clock, &w.camille, w.a, &[LEGAL]).await;
        let silent_way = app::domain::round_inputs::Draft {
            kind: app::domain::rounds::ContributionKind::Workaround,
            domain_id: None,
            severity: None,
            body: "Une piste encore secrète".into(),
            link: None,
            answers: None,
        };
        let way = post(&t, &clock, &w.camille, second, silent_way).await;
        let known = curating::file(&lead, &[w.mine_a], Filing::New(name("RGPD")))
            .await
            .unwrap();
        let retriaged = triage::triage(
            &lead,
            &key(),
            w.mine_a,
            Triage::Defused(DefusedBy::Existing(way), None),
        )
        .await;
        assert!(retriaged.is_ok(), "{retriaged:?}");
        let anne = as_member(&t, &clock, &w.anne);
        let read = reading::library(&anne, None, None).await.unwrap();
        assert!(read.known[0]
            .workarounds
            .iter()
            .all(|w| w.text != "Une piste encore secrète"));
        let suggested = reading::suggestions(&anne, w.b).await.unwrap();
        assert!(suggested.iter().all(|s| s
            .defused_by
            .iter()
            .all(|d| d.0 != "Une piste encore secrète")));
        let marked = curating::set_proven(&lead, known, way, true).await;
        assert!(matches!(marked, Err(LibraryError::NotFound)));
    }
);

#[test]
fn a_known_mines_name_is_one_line_of_120_characters_at_most() {
    assert!(KnownMineName::parse("  ").is_err());
    assert!(KnownMineName::parse(&"a".repeat(121)).is_err());
    assert_eq!(KnownMineName::parse(" RGPD ").unwrap().as_str(), "RGPD");
}
