#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The two optional steps of a workshop, on SQLite and PostgreSQL.
//! Grouping: a duplicate goes under a card of its domain from a phone or
//! the console, keeps its text and writer, counts once on the coverage map
//! and once to triage, and its dots go to the group. Ways around: the mine
//! on the board is the phones' to answer, and a workaround from a phone
//! lands on the idea linked to it. Without them, the phases skip both.
mod common;

use app::backend::clock::ManualClock;
use app::backend::rounds::reading as round_reading;
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::grouping::{group, ungroup};
use app::backend::workshops::posting::{post, vote};
use app::backend::workshops::record::record;
use app::backend::workshops::{reading, running, stage};
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::board_stage::BoardShow;
use app::domain::round_inputs::Draft;
use app::domain::rounds::ContributionKind;
use app::domain::workshop_views::LiveContribution;
use app::domain::workshops::{Phase, Steps};
use common::workshop::{at_console, join_as_guest, mine, workshop, workshop_with_steps};
use common::{admin_of, as_member, clock, in_room, key};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

async fn send(t: &TestDb, clock: &ManualClock, who: &Caller, id: i64, draft: Draft) -> i64 {
    post_from(t, clock, who, id, Phase::Writing, draft)
        .await
        .unwrap()
}

/// Posts `draft` from `who`'s phone, its form shown in `phase`.
async fn post_from(
    t: &TestDb,
    clock: &ManualClock,
    who: &Caller,
    id: i64,
    phase: Phase,
    draft: Draft,
) -> Result<i64, WorkshopError> {
    post(&in_room(t, clock, who), &key(), id, phase, draft).await
}

/// From phase `from` to the next one the workshop takes; returns it.
async fn next(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64, from: Phase) -> Phase {
    running::advance(&at_console(t, clock, by), id, from, None)
        .await
        .unwrap();
    reading::console(&at_console(t, clock, by), id)
        .await
        .unwrap()
        .header
        .phase
}

fn way_around(mine: i64, body: &str) -> Draft {
    Draft {
        kind: ContributionKind::Workaround,
        domain_id: None,
        severity: None,
        body: body.to_owned(),
        link: None,
        answers: Some(mine),
    }
}

/// The board's cards of one domain: id, dots, and the duplicates' texts
/// with their writers.
async fn cards(
    t: &TestDb,
    clock: &ManualClock,
    by: &CurrentUser,
    id: i64,
    domain: i64,
) -> Vec<(i64, u32, Vec<(String, String)>)> {
    let board = reading::board(&at_console(t, clock, by), "http://salle", id)
        .await
        .unwrap();
    board
        .groups
        .into_iter()
        .filter(|g| g.domain.as_ref().is_some_and(|d| d.id == domain))
        .flat_map(|g| g.items)
        .map(|c: LiveContribution| {
            let same = c
                .duplicates
                .into_iter()
                .map(|d| (d.body, d.author))
                .collect();
            (c.id, c.dots, same)
        })
        .collect()
}

/// The coverage map's mines in `domain`, as the idea's page counts them.
async fn mines_on_the_map(
    t: &TestDb,
    clock: &ManualClock,
    by: &CurrentUser,
    idea: i64,
    domain: i64,
) -> u32 {
    round_reading::panel(&as_member(t, clock, by), idea, None)
        .await
        .unwrap()
        .coverage
        .into_iter()
        .find(|c| c.domain.id == domain)
        .map_or(0, |c| c.mines)
}

db_test!(
    a_group_keeps_every_text_and_writer_counts_once_and_takes_the_dots,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let steps = Steps {
            grouping: true,
            ways_around: true,
        };
        let (idea, id, code) =
            workshop_with_steps(&t, &clock, &author, vec![LEGAL, FINANCE], steps).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        let sam = join_as_guest(&t, &clock, &code, "Sam").await;
        let ana = join_as_guest(&t, &clock, &code, "Ana").await;
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Pitch).await,
            Phase::Writing
        );
        let full = send(
            &t,
            &clock,
            &lou,
            id,
            mine(LEGAL, "Les parkings sont pleins"),
        )
        .await;
        let places = send(
            &t,
            &clock,
            &sam,
            id,
            mine(LEGAL, "Plus de places de parking"),
        )
        .await;
        let overflow = send(&t, &clock, &ana, id, mine(LEGAL, "Le parking déborde")).await;
        let money = send(&t, &clock, &sam, id, mine(FINANCE, "Le budget manque")).await;
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Writing).await,
            Phase::Reveal
        );
        // Not before its step.
        let early = group(&in_room(&t, &clock, &sam), id, places, full).await;
        assert!(matches!(early, Err(WorkshopError::NotGroupingTime)));
        assert_eq!(mines_on_the_map(&t, &clock, &author, idea, LEGAL).await, 3);

        assert_eq!(
            next(&t, &clock, &author, id, Phase::Reveal).await,
            Phase::Grouping
        );
        // From a phone: « même idée que… ».
        group(&in_room(&t, &clock, &sam), id, places, full)
            .await
            .unwrap();
        // Under a duplicate is under its card.
        group(&in_room(&t, &clock, &ana), id, overflow, places)
            .await
            .unwrap();
        let expected = vec![(
            full,
            0,
            vec![
                ("Plus de places de parking".to_owned(), "Sam".to_owned()),
                ("Le parking déborde".to_owned(), "Ana".to_owned()),
            ],
        )];
        assert_eq!(cards(&t, &clock, &author, id, LEGAL).await, expected);
        // Once on the coverage map, once to triage.
        assert_eq!(mines_on_the_map(&t, &clock, &author, idea, LEGAL).await, 1);
        // Never across domains, never under itself.
        let across = group(&at_console(&t, &clock, &author), id, money, full).await;
        assert!(matches!(across, Err(WorkshopError::NotSameDomain)));
        let itself = group(&at_console(&t, &clock, &author), id, full, places).await;
        assert!(matches!(itself, Err(WorkshopError::NotGroupable)));

        // The console takes one out, then puts it back.
        ungroup(&at_console(&t, &clock, &author), id, overflow)
            .await
            .unwrap();
        assert_eq!(cards(&t, &clock, &author, id, LEGAL).await.len(), 2);
        assert_eq!(mines_on_the_map(&t, &clock, &author, idea, LEGAL).await, 2);
        group(&at_console(&t, &clock, &author), id, overflow, full)
            .await
            .unwrap();
        let phone = reading::phone(&in_room(&t, &clock, &lou), id)
            .await
            .unwrap();
        assert_eq!(phone.mines.len(), 2, "one card per group on the phone");

        // The vote: a dot on a duplicate goes to its group.
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Grouping).await,
            Phase::Vote
        );
        vote(&in_room(&t, &clock, &lou), id, places, true)
            .await
            .unwrap();
        vote(&in_room(&t, &clock, &ana), id, full, true)
            .await
            .unwrap();
        vote(&in_room(&t, &clock, &sam), id, money, true)
            .await
            .unwrap();
        let legal = cards(&t, &clock, &author, id, LEGAL).await;
        assert_eq!((legal[0].0, legal[0].1, legal[0].2.len()), (full, 2, 2));
        let late = group(&in_room(&t, &clock, &sam), id, money, full).await;
        assert!(matches!(late, Err(WorkshopError::NotGroupingTime)));

        // Ways around: the phones answer the mine on the board.
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Vote).await,
            Phase::WaysAround
        );
        stage::show(
            &at_console(&t, &clock, &author),
            id,
            BoardShow::Focus(Some(full)),
        )
        .await
        .unwrap();
        let phone = reading::phone(&in_room(&t, &clock, &sam), id)
            .await
            .unwrap();
        assert_eq!(phone.focus.as_ref().map(|c| c.id), Some(full));
        let relay = post_from(
            &t,
            &clock,
            &sam,
            id,
            Phase::WaysAround,
            way_around(full, "Un parking relais à la gare"),
        )
        .await
        .unwrap();
        // A mine is not a way around; nor is an answer to no mine of the room.
        let not_one = post_from(
            &t,
            &clock,
            &lou,
            id,
            Phase::WaysAround,
            mine(LEGAL, "Encore une mine"),
        )
        .await;
        assert!(matches!(not_one, Err(WorkshopError::NotAWayAround)));
        let nowhere = post_from(
            &t,
            &clock,
            &lou,
            id,
            Phase::WaysAround,
            way_around(relay, "Une réponse à une parade"),
        )
        .await;
        assert!(matches!(nowhere, Err(WorkshopError::NotAWayAround)));
        // A writing form sent now is refused, its text handed back.
        let writing = post_from(
            &t,
            &clock,
            &lou,
            id,
            Phase::Writing,
            mine(LEGAL, "Trop tard"),
        )
        .await;
        assert!(matches!(writing, Err(WorkshopError::WritingOver)));
        let board = reading::board(&at_console(&t, &clock, &author), "http://salle", id)
            .await
            .unwrap();
        assert_eq!(board.focus.map(|c| c.id), Some(full));
        let proposed: Vec<&str> = board
            .focus_answers
            .iter()
            .map(|c| c.body.as_str())
            .collect();
        assert_eq!(proposed, ["Un parking relais à la gare"]);

        // A way around sent as the room moves on to the triage is taken.
        assert_eq!(
            next(&t, &clock, &author, id, Phase::WaysAround).await,
            Phase::Triage
        );
        post_from(
            &t,
            &clock,
            &ana,
            id,
            Phase::WaysAround,
            way_around(full, "Des vélos de service"),
        )
        .await
        .unwrap();
        // Two mines to triage: the group and the budget.
        let console = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(console.untriaged, 2);

        // On the idea's page, each way around is linked to its mine.
        let panel = round_reading::panel(&as_member(&t, &clock, &author), idea, None)
            .await
            .unwrap();
        let listed = &panel.rounds[0].contributions;
        let linked: Vec<(&str, Option<i64>)> = listed
            .iter()
            .filter(|c| c.kind == ContributionKind::Workaround)
            .map(|c| (c.text.as_str(), c.answers))
            .collect();
        assert_eq!(
            linked,
            [
                ("Un parking relais à la gare", Some(full)),
                ("Des vélos de service", Some(full)),
            ]
        );
        let duplicate = listed.iter().find(|c| c.id == places).expect("listed");
        assert_eq!(duplicate.grouped_under, Some(full));

        // The record: the group with every text and its ways around.
        let seen = record(&in_room(&t, &clock, &lou), id).await.unwrap();
        let content = seen.content.expect("revealed");
        let group = &content.mines[0].mines[0];
        assert_eq!((group.mine.id, group.mine.dots), (full, 2));
        let same: Vec<&str> = group.duplicates.iter().map(|d| d.body.as_str()).collect();
        assert_eq!(same, ["Plus de places de parking", "Le parking déborde"]);
        let ways: Vec<&str> = group.workarounds.iter().map(|w| w.body.as_str()).collect();
        assert_eq!(
            ways,
            ["Un parking relais à la gare", "Des vélos de service"]
        );
    }
);

db_test!(
    hiding_a_card_hands_its_group_to_its_first_duplicate,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let steps = Steps {
            grouping: true,
            ways_around: false,
        };
        let (_, id, code) = workshop_with_steps(&t, &clock, &author, vec![LEGAL], steps).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        next(&t, &clock, &author, id, Phase::Pitch).await;
        let a = send(&t, &clock, &lou, id, mine(LEGAL, "Première")).await;
        let b = send(&t, &clock, &lou, id, mine(LEGAL, "Deuxième")).await;
        let c = send(&t, &clock, &lou, id, mine(LEGAL, "Troisième")).await;
        next(&t, &clock, &author, id, Phase::Writing).await;
        next(&t, &clock, &author, id, Phase::Reveal).await;
        group(&in_room(&t, &clock, &lou), id, b, a).await.unwrap();
        group(&in_room(&t, &clock, &lou), id, c, a).await.unwrap();
        // Pressed twice: done once, no error.
        group(&in_room(&t, &clock, &lou), id, c, a).await.unwrap();
        // Two dots on the group, then its card is hidden: they stay with
        // the group's new card.
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Grouping).await,
            Phase::Vote
        );
        vote(&in_room(&t, &clock, &lou), id, a, true).await.unwrap();
        vote(&in_room(&t, &clock, &lou), id, b, true).await.unwrap();
        app::backend::workshops::room::hide(
            &at_console(&t, &clock, &author),
            id,
            a,
            common::text("Hors sujet"),
        )
        .await
        .unwrap();
        let legal = cards(&t, &clock, &author, id, LEGAL).await;
        let layout: Vec<(i64, u32, usize)> = legal
            .iter()
            .map(|(id, dots, same)| (*id, *dots, same.len()))
            .collect();
        assert_eq!(layout, [(b, 2, 1), (a, 0, 0)]);
        // Without ways around, the vote leads to the triage.
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Vote).await,
            Phase::Triage
        );
    }
);

db_test!(
    a_workshop_without_the_steps_skips_them,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        next(&t, &clock, &author, id, Phase::Pitch).await;
        let a = send(&t, &clock, &lou, id, mine(LEGAL, "Première")).await;
        let b = send(&t, &clock, &lou, id, mine(LEGAL, "Deuxième")).await;
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Writing).await,
            Phase::Reveal
        );
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Reveal).await,
            Phase::Vote
        );
        let refused = group(&in_room(&t, &clock, &lou), id, b, a).await;
        assert!(matches!(refused, Err(WorkshopError::NotGroupingTime)));
        let way = post_from(
            &t,
            &clock,
            &lou,
            id,
            Phase::WaysAround,
            way_around(a, "Une parade"),
        )
        .await;
        assert!(matches!(way, Err(WorkshopError::WritingOver)));
        assert_eq!(
            next(&t, &clock, &author, id, Phase::Vote).await,
            Phase::Triage
        );
    }
);

db_test!(
    a_group_is_as_grave_as_its_gravest_mine_and_triaged_once_for_all_its_writers,
    |t: TestDb| async move {
        use app::backend::rounds::error::RoundError;
        use app::domain::maturity_rule::Criterion;
        use app::domain::round_inputs::Triage;
        use app::domain::round_views::NotificationKind;
        use app::domain::rounds::Severity;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let anne = common::colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let steps = Steps {
            grouping: true,
            ways_around: false,
        };
        let (idea, id, code) = workshop_with_steps(&t, &clock, &author, vec![LEGAL], steps).await;
        app::backend::workshops::joining::join(
            &app::backend::ctx::Ctx::new(&t.db, &clock),
            common::workshop::ROOM_IP,
            &code,
            app::backend::workshops::joining::Joiner::Member(anne.clone()),
        )
        .await
        .unwrap();
        let anne_phone = Caller::Member(anne.clone());
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        next(&t, &clock, &author, id, Phase::Pitch).await;
        let serious = send(
            &t,
            &clock,
            &lou,
            id,
            mine(LEGAL, "Les parkings sont pleins"),
        )
        .await;
        let blocking = send(
            &t,
            &clock,
            &anne_phone,
            id,
            Draft {
                severity: Some(Severity::Blocking),
                ..mine(LEGAL, "Aucune place : le projet est impossible")
            },
        )
        .await;
        next(&t, &clock, &author, id, Phase::Writing).await;
        next(&t, &clock, &author, id, Phase::Reveal).await;
        group(&in_room(&t, &clock, &lou), id, blocking, serious)
            .await
            .unwrap();
        // The blocking mine still holds the idea back, through its group.
        let maturity = round_reading::panel(&as_member(&t, &clock, &author), idea, None)
            .await
            .unwrap()
            .maturity;
        assert!(maturity.missing.contains(&Criterion::NoOpenBlockingMine));
        let board = reading::board(&at_console(&t, &clock, &author), "http://salle", id)
            .await
            .unwrap();
        let card = board.groups[0].items[0].clone();
        assert_eq!(
            (card.id, card.severity),
            (serious, Some(Severity::Blocking))
        );

        // A duplicate is triaged with its group, at its card; both writers
        // hear of it.
        let refused = app::backend::rounds::triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            blocking,
            Triage::Accepted {
                why: common::text("Assumé"),
            },
        )
        .await;
        assert!(matches!(refused, Err(RoundError::Grouped)));
        app::backend::rounds::triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            serious,
            Triage::Accepted {
                why: common::text("Assumé"),
            },
        )
        .await
        .unwrap();
        let told = app::backend::notifications::list(&as_member(&t, &clock, &anne))
            .await
            .unwrap();
        assert!(
            told.items
                .iter()
                .any(|n| n.kind == NotificationKind::MineTriaged
                    && n.contribution_id == Some(serious))
        );
        let console = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(console.untriaged, 0);
    }
);
