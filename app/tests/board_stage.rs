#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The projector board on SQLite and PostgreSQL: during silent writing it
//! says who has written and how many posts each domain received, never a
//! text; from the reveal on, the console puts one mine in focus for the
//! triage (only a visible mine of the round) and pages through the cards
//! beyond one screen.
mod common;

use app::backend::clock::ManualClock;
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::posting::post;
use app::backend::workshops::{reading, room, running, stage};
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::board_stage::BoardShow;
use app::domain::round_inputs::Draft;
use app::domain::rounds::{ContributionKind, ContributionText};
use app::domain::workshop_views::{BoardView, SilentTally, BOARD_MAX_CARDS};
use app::domain::workshops::Phase;
use common::workshop::{at_console, join_as_guest, mine, workshop};
use common::{admin_of, clock, in_room, key};

const PUBLIC: &str = "https://demineurs.example";

async fn board(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64) -> BoardView {
    reading::board(&at_console(t, clock, by), PUBLIC, id)
        .await
        .unwrap()
}

async fn send(t: &TestDb, clock: &ManualClock, who: &Caller, id: i64, draft: Draft) -> i64 {
    post(&in_room(t, clock, who), &key(), id, Phase::Writing, draft)
        .await
        .unwrap()
}

async fn to(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64, from: Phase) {
    running::advance(&at_console(t, clock, by), id, from, None)
        .await
        .unwrap();
}

/// The tally's posts per domain, by domain id (`None`: naming none).
fn per_domain(tally: &SilentTally) -> Vec<(Option<i64>, u32)> {
    tally
        .per_domain
        .iter()
        .map(|c| (c.domain.as_ref().map(|d| d.id), c.posts))
        .collect()
}

fn question(body: &str) -> Draft {
    Draft {
        kind: ContributionKind::Question,
        domain_id: None,
        severity: None,
        body: body.to_owned(),
        link: None,
        answers: None,
    }
}

db_test!(
    silent_writing_shows_who_wrote_and_how_many_per_domain_never_a_text,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (legal, finance, hr) = (1, 2, 3);
        let (_, id, code) = workshop(&t, &clock, &author, vec![legal, finance]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        let sam = join_as_guest(&t, &clock, &code, "Sam").await;
        to(&t, &clock, &author, id, Phase::Pitch).await;
        send(&t, &clock, &lou, id, mine(hr, "Secret RH")).await;
        send(&t, &clock, &sam, id, mine(legal, "Secret juridique")).await;
        send(&t, &clock, &lou, id, mine(hr, "Autre secret")).await;
        send(&t, &clock, &lou, id, question("Secret question ?")).await;

        let seen = board(&t, &clock, &author, id).await;
        let tally = seen.tally.clone().expect("a tally before the reveal");
        let writers: Vec<(&str, bool)> = tally
            .writers
            .iter()
            .map(|w| (w.name.as_str(), w.guest))
            .collect();
        assert_eq!(writers, [("Lou", true), ("Sam", true)]);
        let counts = per_domain(&tally);
        // The round's domains first, even at zero; then the others; then none.
        assert_eq!(
            counts,
            [
                (Some(legal), 1),
                (Some(finance), 0),
                (Some(hr), 2),
                (None, 1)
            ]
        );
        assert!(seen.groups.is_empty() && seen.focus.is_none());
        let whole = format!("{seen:?}");
        assert!(
            !whole.contains("Secret") && !whole.contains("secret"),
            "{whole}"
        );
        // The console says the same, and nothing may be put on the board yet.
        let console = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(console.tally, Some(tally));
        assert!(matches!(
            stage::show(
                &at_console(&t, &clock, &author),
                id,
                BoardShow::Focus(Some(1))
            )
            .await,
            Err(WorkshopError::NotForTheBoard)
        ));

        // From the reveal on: the cards, and no tally.
        to(&t, &clock, &author, id, Phase::Writing).await;
        let seen = board(&t, &clock, &author, id).await;
        assert!(seen.tally.is_none());
        assert_eq!(seen.groups.iter().map(|g| g.items.len()).sum::<usize>(), 4);
    }
);

db_test!(
    a_large_room_names_the_first_forty_writers_and_counts_everyone,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        let mut guests = Vec::new();
        for n in 0..45 {
            guests.push(join_as_guest(&t, &clock, &code, &format!("Invité {n:02}")).await);
        }
        to(&t, &clock, &author, id, Phase::Pitch).await;
        // The last guest writes first; everyone else then writes once, and
        // the first guest a second time, last: writing again does not move
        // anyone in the list nor count them twice.
        send(&t, &clock, &guests[44], id, mine(1, "Premier")).await;
        for guest in &guests[..44] {
            send(&t, &clock, guest, id, question("Une question ?")).await;
        }
        send(&t, &clock, &guests[0], id, mine(1, "Encore")).await;

        let tally = board(&t, &clock, &author, id).await.tally.unwrap();
        assert_eq!(tally.writer_count, 45);
        let names: Vec<String> = tally.writers.iter().map(|w| w.name.clone()).collect();
        let expected: Vec<String> = std::iter::once("Invité 44".to_owned())
            .chain((0..39).map(|n| format!("Invité {n:02}")))
            .collect();
        assert_eq!(names, expected);
        let counts = per_domain(&tally);
        assert_eq!(counts, [(Some(1), 2), (None, 44)]);
    }
);

db_test!(
    the_console_puts_one_visible_mine_of_the_round_in_focus_during_the_triage,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        let (_, other, other_code) = workshop(&t, &clock, &author, vec![1]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        let elsewhere = join_as_guest(&t, &clock, &other_code, "Sam").await;
        to(&t, &clock, &author, id, Phase::Pitch).await;
        to(&t, &clock, &author, other, Phase::Pitch).await;
        let kept = send(&t, &clock, &lou, id, mine(1, "La mine à trier")).await;
        let hidden = send(&t, &clock, &lou, id, mine(1, "Propos déplacé")).await;
        let asked = send(&t, &clock, &lou, id, question("Une question ?")).await;
        let foreign = send(&t, &clock, &elsewhere, other, mine(1, "Ailleurs")).await;
        to(&t, &clock, &author, id, Phase::Writing).await;
        let reason = ContributionText::parse("Hors sujet").unwrap();
        room::hide(&at_console(&t, &clock, &author), id, hidden, reason)
            .await
            .unwrap();
        let console = at_console(&t, &clock, &author);
        for refused in [hidden, asked, foreign, 999_999] {
            assert!(
                matches!(
                    stage::show(&console, id, BoardShow::Focus(Some(refused))).await,
                    Err(WorkshopError::NotForTheBoard)
                ),
                "{refused}"
            );
        }
        // Someone in the room is not the console.
        assert!(
            stage::show(&in_room(&t, &clock, &lou), id, BoardShow::Focus(Some(kept)))
                .await
                .is_err()
        );

        stage::show(&console, id, BoardShow::Focus(Some(kept)))
            .await
            .unwrap();
        // Chosen during the reveal, shown from the triage on.
        assert!(board(&t, &clock, &author, id).await.focus.is_none());
        to(&t, &clock, &author, id, Phase::Reveal).await;
        to(&t, &clock, &author, id, Phase::Vote).await;
        let seen = board(&t, &clock, &author, id).await;
        let focus = seen.focus.expect("the mine in focus");
        assert_eq!((focus.id, focus.body.as_str()), (kept, "La mine à trier"));
        let console_view = reading::console(&console, id).await.unwrap();
        assert_eq!(console_view.board_focus, Some(kept));

        stage::show(&console, id, BoardShow::Focus(None))
            .await
            .unwrap();
        assert!(board(&t, &clock, &author, id).await.focus.is_none());
    }
);

db_test!(
    beyond_one_screen_the_console_pages_through_the_cards,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1, 2]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        to(&t, &clock, &author, id, Phase::Pitch).await;
        let total = BOARD_MAX_CARDS + 5;
        for n in 0..total {
            let domain = 1 + (n % 2) as i64;
            send(&t, &clock, &lou, id, mine(domain, &format!("Mine {n}"))).await;
        }
        to(&t, &clock, &author, id, Phase::Writing).await;
        let cards = |b: &BoardView| b.groups.iter().map(|g| g.items.len()).sum::<usize>();
        let first = board(&t, &clock, &author, id).await;
        assert_eq!(
            (first.page, first.pages, cards(&first)),
            (0, 2, BOARD_MAX_CARDS)
        );

        let console = at_console(&t, &clock, &author);
        stage::show(&console, id, BoardShow::Page(1)).await.unwrap();
        let second = board(&t, &clock, &author, id).await;
        assert_eq!((second.page, cards(&second)), (1, 5));
        // Each card once over both pages.
        let mut ids: Vec<i64> = [&first, &second]
            .iter()
            .flat_map(|b| b.groups.iter().flat_map(|g| g.items.iter().map(|c| c.id)))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), total);
        // A page past the end shows the last one.
        stage::show(&console, id, BoardShow::Page(9)).await.unwrap();
        assert_eq!(board(&t, &clock, &author, id).await.page, 1);
        let console_view = reading::console(&console, id).await.unwrap();
        assert_eq!((console_view.board_page, console_view.board_pages), (1, 2));
    }
);
