#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Live workshops on SQLite and PostgreSQL: join codes and their locking,
//! guessing limits, guests and the end of their seat, phases and the
//! server's timer (settable clock), late posts, dot votes, role cards,
//! the console taken over, and the walls between workshops.
mod common;

use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::rounds::reading as round_reading;
use app::backend::testing::TestDb;
use app::backend::workshops::access::{seat, Caller};
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::joining::{self, join, Joiner};
use app::backend::workshops::posting::{post, vote};
use app::backend::workshops::reading;
use app::backend::workshops::room::{self, TimerAction};
use app::backend::workshops::running;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::round_inputs::Draft;
use app::domain::workshops::{JoinCode, Phase};
use app::i18n::Key;
use chrono::Duration;
use common::as_member;
use common::in_room;
use common::workshop::at_console;
use common::workshop::{as_guest, join_as_guest, mine, workshop, ROOM_IP};
use common::{admin_of, clock, colleague, field_error, key};

async fn join_as(t: &TestDb, clock: &ManualClock, code: &str, me: &CurrentUser) -> Caller {
    join(
        &Ctx::new(&t.db, clock),
        ROOM_IP,
        code,
        Joiner::Member(me.clone()),
    )
    .await
    .unwrap();
    Caller::Member(me.clone())
}

async fn next(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64, from: Phase) {
    running::advance(&at_console(t, clock, by), id, from, None)
        .await
        .unwrap();
}

async fn send(
    t: &TestDb,
    clock: &ManualClock,
    who: &Caller,
    id: i64,
    started_in: Phase,
    draft: Draft,
) -> Result<i64, WorkshopError> {
    post(&in_room(t, clock, who), &key(), id, started_in, draft).await
}

/// What the top of a phone shows (phase, timer), as `who` sees it.
async fn header(
    t: &TestDb,
    clock: &ManualClock,
    who: &Caller,
    workshop_id: i64,
) -> Result<app::domain::workshop_views::WorkshopHeader, WorkshopError> {
    reading::phone(&in_room(t, clock, who), workshop_id)
        .await
        .map(|view| view.header)
}

db_test!(
    a_workshop_runs_from_the_pitch_to_its_end,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (legal, finance) = (1, 2);
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[legal]).await;
        let (idea_id, id, code) = workshop(&t, &clock, &author, vec![legal, finance]).await;
        assert!(JoinCode::parse(&code).is_ok(), "{code}");
        // Starting again finds the same workshop.
        let round_id = round_reading::panel(&as_member(&t, &clock, &author), idea_id, None)
            .await
            .unwrap()
            .rounds[0]
            .info
            .id;
        assert_eq!(
            running::start(
                &as_member(&t, &clock, &author).on_device("other"),
                round_id,
                Default::default(),
            )
            .await
            .unwrap(),
            id
        );

        let anne = join_as(&t, &clock, &code.to_lowercase(), &jurist).await;
        let guest = join_as_guest(&t, &clock, &code, "Lou").await;
        assert_eq!(
            field_error(
                join(&Ctx::new(&t.db, &clock), ROOM_IP, &code, as_guest(" ")).await,
                "name"
            ),
            Key::ErrRequired
        );

        // Nothing is written during the pitch.
        assert_eq!(
            field_error(
                send(&t, &clock, &anne, id, Phase::Pitch, mine(legal, "Trop tôt")).await,
                "body"
            ),
            Key::ErrPostNotSent
        );
        next(&t, &clock, &author, id, Phase::Pitch).await;
        // Pressed twice from the same phase: one step.
        next(&t, &clock, &author, id, Phase::Pitch).await;
        let pulse = header(&t, &clock, &anne, id).await.unwrap();
        assert_eq!(pulse.phase, Phase::Writing);
        assert_eq!(pulse.timer.seconds_left, Some(8 * 60));

        // The server keeps the timer: it runs, pauses, extends, resumes.
        clock.advance(Duration::seconds(100));
        room::timer(&at_console(&t, &clock, &author), id, TimerAction::Pause)
            .await
            .unwrap();
        clock.advance(Duration::seconds(60));
        let paused = header(&t, &clock, &guest, id).await.unwrap().timer;
        assert_eq!((paused.seconds_left, paused.paused), (Some(380), true));
        room::timer(&at_console(&t, &clock, &author), id, TimerAction::Extend(1))
            .await
            .unwrap();
        room::timer(&at_console(&t, &clock, &author), id, TimerAction::Resume)
            .await
            .unwrap();
        clock.advance(Duration::seconds(40));
        let running_timer = header(&t, &clock, &guest, id).await.unwrap().timer;
        assert_eq!(
            (running_timer.seconds_left, running_timer.paused),
            (Some(400), false)
        );

        // Silent writing: each phone sees its own only; the board, a count.
        send(
            &t,
            &clock,
            &anne,
            id,
            Phase::Writing,
            mine(legal, "Le RGPD d’Anne"),
        )
        .await
        .unwrap();
        send(
            &t,
            &clock,
            &guest,
            id,
            Phase::Writing,
            mine(finance, "Le budget de Lou"),
        )
        .await
        .unwrap();
        // A 10 000-character post never becomes a draft.
        let oversized = app::domain::round_forms::ContributionForm {
            kind: "mine".into(),
            domain_id: finance.to_string(),
            severity: "serious".into(),
            body: "x".repeat(10_000),
            ..Default::default()
        };
        let errors = Draft::try_from(&oversized).unwrap_err();
        assert_eq!(errors.message_for("body"), Some(Key::ErrTooLong));
        let lou = reading::phone(&in_room(&t, &clock, &guest), id)
            .await
            .unwrap();
        assert_eq!(lou.mine.len(), 1);
        assert!(lou.mines.is_empty());
        assert!(
            !format!("{lou:?}").contains("Anne"),
            "nothing of Anne's before the reveal"
        );
        let board = reading::board(&as_member(&t, &clock, &author), "http://salle.test", id)
            .await
            .unwrap();
        assert_eq!(board.header.contributions, 2);
        assert!(board.groups.is_empty());
        assert_eq!(
            board.join.unwrap().url,
            format!("http://salle.test/rejoindre/{code}")
        );

        // The reveal: a form opened during writing still gets through, late.
        next(&t, &clock, &author, id, Phase::Writing).await;
        let late = send(
            &t,
            &clock,
            &anne,
            id,
            Phase::Writing,
            mine(legal, "En retard"),
        )
        .await
        .unwrap();
        assert_eq!(
            field_error(
                send(
                    &t,
                    &clock,
                    &anne,
                    id,
                    Phase::Reveal,
                    mine(legal, "Trop tard")
                )
                .await,
                "body"
            ),
            Key::ErrPostNotSent
        );
        let revealed = reading::phone(&in_room(&t, &clock, &guest), id)
            .await
            .unwrap();
        assert_eq!(revealed.mines.len(), 3);
        assert!(revealed.mines.iter().any(|c| c.id == late && c.late));
        let lous = revealed
            .mines
            .iter()
            .find(|c| c.body == "Le budget de Lou")
            .unwrap();
        assert!(lous.author_guest && lous.author == "Lou");

        // Dots: set before the vote, placed within the allowance.
        room::set_dots(&at_console(&t, &clock, &author), id, 2)
            .await
            .unwrap();
        assert_eq!(
            field_error(
                vote(&in_room(&t, &clock, &anne), id, late, true).await,
                "dots"
            ),
            Key::ErrNotVotingTime
        );
        next(&t, &clock, &author, id, Phase::Reveal).await;
        assert_eq!(
            field_error(
                room::set_dots(&at_console(&t, &clock, &author), id, 5).await,
                "dots"
            ),
            Key::ErrDotsTooLate
        );
        assert_eq!(
            field_error(
                send(&t, &clock, &anne, id, Phase::Writing, mine(legal, "Après")).await,
                "body"
            ),
            Key::ErrPostNotSent,
            "after the reveal a late post is handed back"
        );
        vote(&in_room(&t, &clock, &anne), id, late, true)
            .await
            .unwrap();
        vote(&in_room(&t, &clock, &anne), id, late, true)
            .await
            .unwrap();
        assert_eq!(
            field_error(
                vote(&in_room(&t, &clock, &anne), id, lous.id, true).await,
                "dots"
            ),
            Key::ErrNoDotsLeft
        );
        vote(&in_room(&t, &clock, &anne), id, late, false)
            .await
            .unwrap();
        vote(&in_room(&t, &clock, &anne), id, lous.id, true)
            .await
            .unwrap();
        vote(&in_room(&t, &clock, &guest), id, lous.id, true)
            .await
            .unwrap();
        let phone = reading::phone(&in_room(&t, &clock, &anne), id)
            .await
            .unwrap();
        assert_eq!(phone.dots_left, 0);
        assert_eq!(phone.mines[0].id, lous.id, "most dotted first");
        assert_eq!((phone.mines[0].dots, phone.mines[0].my_dots), (2, 1));

        // The end: the code is freed, guests' seats end, the round stays open.
        next(&t, &clock, &author, id, Phase::Vote).await;
        next(&t, &clock, &author, id, Phase::Triage).await;
        let ended = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(ended.header.phase, Phase::Ended);
        assert_eq!(ended.code, None);
        assert_eq!(ended.untriaged, 3);
        assert_eq!(
            field_error(seat(&t.db, &guest, id).await, "workshop"),
            Key::ErrWorkshopEnded
        );
        assert_eq!(
            field_error(
                join(&Ctx::new(&t.db, &clock), ROOM_IP, &code, as_guest("Tard")).await,
                "code"
            ),
            Key::ErrWorkshopCodeUnknown
        );
        let panel = round_reading::panel(&as_member(&t, &clock, &author), idea_id, Some((1, 1)))
            .await
            .unwrap();
        assert_eq!(
            panel.rounds[0].info.status,
            app::domain::rounds::RoundStatus::Open
        );
        let on_idea = &panel.rounds[0].contributions;
        assert!(on_idea
            .iter()
            .any(|c| c.author_guest && c.author.name == "Lou"));
        assert!(on_idea.iter().any(|c| c.late));
        // Dots stay on the idea as workshop votes, apart from endorsements.
        let dotted = on_idea.iter().find(|c| c.id == lous.id).unwrap();
        assert_eq!((dotted.workshop_dots, dotted.endorsements), (2, 0));
    }
);

db_test!(
    joining_is_locked_and_guessing_is_limited_per_address,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        running::set_joining(&at_console(&t, &clock, &author), id, false)
            .await
            .unwrap();
        let locked = join(&Ctx::new(&t.db, &clock), ROOM_IP, &code, as_guest("A")).await;
        assert_eq!(field_error(locked, "code"), Key::ErrJoiningLocked);
        running::set_joining(&at_console(&t, &clock, &author), id, true)
            .await
            .unwrap();
        // A whole room behind one address joins: right codes are not counted.
        for n in 0..(joining::MAX_FAILURES + 5) {
            join(
                &Ctx::new(&t.db, &clock),
                ROOM_IP,
                &code,
                as_guest(&format!("P{n}")),
            )
            .await
            .unwrap();
        }
        let wrong = if code == "ABCDEF" { "ABCDEG" } else { "ABCDEF" };
        for _ in 0..joining::MAX_FAILURES {
            let refused = join(
                &Ctx::new(&t.db, &clock),
                "198.51.100.1",
                wrong,
                as_guest("X"),
            )
            .await;
            assert_eq!(field_error(refused, "code"), Key::ErrWorkshopCodeUnknown);
        }
        let limited = join(
            &Ctx::new(&t.db, &clock),
            "198.51.100.1",
            &code,
            as_guest("X"),
        )
        .await;
        assert!(
            matches!(limited, Err(WorkshopError::TooManyTries { .. })),
            "{limited:?}"
        );
        join(&Ctx::new(&t.db, &clock), ROOM_IP, &code, as_guest("Y"))
            .await
            .unwrap();
        clock.advance(Duration::minutes(joining::WINDOW_MINUTES + 1));
        join(
            &Ctx::new(&t.db, &clock),
            "198.51.100.1",
            &code,
            as_guest("X"),
        )
        .await
        .unwrap();
        // Guests are not members of the organisation.
        let members = app::backend::accounts::members::list(&as_member(&t, &clock, &author))
            .await
            .unwrap();
        assert_eq!(members.len(), 1);
    }
);

db_test!(
    role_cards_give_every_domain_a_hat_that_never_counts,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (legal, finance) = (1, 2);
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[legal]).await;
        let (idea_id, id, code) = workshop(&t, &clock, &author, vec![legal, finance]).await;
        let anne = join_as(&t, &clock, &code, &jurist).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        let sam = join_as_guest(&t, &clock, &code, "Sam").await;
        room::deal(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        let mut cards = Vec::new();
        for who in [&anne, &lou, &sam] {
            cards.push(
                reading::phone(&in_room(&t, &clock, who), id)
                    .await
                    .unwrap()
                    .card
                    .unwrap()
                    .id,
            );
        }
        assert!(
            cards.contains(&legal) && cards.contains(&finance),
            "{cards:?}"
        );
        assert_ne!(
            cards[0], legal,
            "Anne holds Juridique: she wears another hat"
        );
        next(&t, &clock, &author, id, Phase::Pitch).await;
        let (lou_card, anne_card) = (cards[1], cards[0]);
        send(
            &t,
            &clock,
            &lou,
            id,
            Phase::Writing,
            mine(lou_card, "Sous casquette"),
        )
        .await
        .unwrap();
        send(
            &t,
            &clock,
            &anne,
            id,
            Phase::Writing,
            mine(anne_card, "Anne joue un rôle"),
        )
        .await
        .unwrap();
        next(&t, &clock, &author, id, Phase::Writing).await;
        assert_eq!(
            field_error(
                room::deal(&at_console(&t, &clock, &author), id).await,
                "cards"
            ),
            Key::ErrCardsTooLate
        );
        let panel = round_reading::panel(&as_member(&t, &clock, &author), idea_id, None)
            .await
            .unwrap();
        for domain in [lou_card, anne_card] {
            let cell = panel
                .coverage
                .iter()
                .find(|c| c.domain.id == domain)
                .unwrap();
            assert!(cell.role_played && !cell.counts, "{cell:?}");
        }
    }
);

db_test!(
    the_console_moves_and_workshops_stay_apart,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let member = colleague(&t, &clock, &author, "Paul Membre", &[]).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        let (_, other, other_code) = workshop(&t, &clock, &author, vec![1]).await;
        let guest = join_as_guest(&t, &clock, &code, "Lou").await;
        let elsewhere = join_as_guest(&t, &clock, &other_code, "Max").await;

        // Another device takes the console; the first is told.
        running::take_console(
            &as_member(&t, &clock, &author).on_device("second-device"),
            id,
        )
        .await
        .unwrap();
        assert_eq!(
            field_error(
                running::set_joining(&at_console(&t, &clock, &author), id, false).await,
                "console"
            ),
            Key::ErrConsoleElsewhere
        );
        running::set_joining(
            &as_member(&t, &clock, &author).on_device("second-device"),
            id,
            true,
        )
        .await
        .unwrap();
        // A member may not drive a workshop, nor read one they did not join.
        assert!(matches!(
            running::take_console(&as_member(&t, &clock, &member).on_device("m"), id).await,
            Err(WorkshopError::Forbidden)
        ));
        assert!(matches!(
            reading::phone(
                &Ctx::new(&t.db, &clock).acting_as(Caller::clone(&Caller::Member(member.clone()))),
                id
            )
            .await,
            Err(WorkshopError::Forbidden)
        ));
        // A guest of one workshop reads nothing of another.
        assert!(matches!(
            reading::phone(&in_room(&t, &clock, &elsewhere), id).await,
            Err(WorkshopError::NotFound)
        ));
        assert!(matches!(
            header(&t, &clock, &Caller::Guest("forged".into()), id).await,
            Err(WorkshopError::SignInNeeded)
        ));
        assert!(matches!(
            reading::phone(&in_room(&t, &clock, &guest), other).await,
            Err(WorkshopError::NotFound)
        ));

        // Removed, a guest can no longer act.
        let lou = reading::console(
            &as_member(&t, &clock, &author).on_device("second-device"),
            id,
        )
        .await
        .unwrap()
        .participants
        .into_iter()
        .find(|p| p.name == "Lou")
        .unwrap();
        assert!(lou.guest);
        room::remove(
            &as_member(&t, &clock, &author).on_device("second-device"),
            id,
            lou.id,
        )
        .await
        .unwrap();
        next_from(&t, &clock, &author, id).await;
        assert_eq!(
            field_error(
                send(
                    &t,
                    &clock,
                    &guest,
                    id,
                    Phase::Writing,
                    mine(1, "Encore moi")
                )
                .await,
                "workshop"
            ),
            Key::ErrParticipantRemoved
        );
    }
);

async fn next_from(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64) {
    running::advance(
        &as_member(t, clock, by).on_device("second-device"),
        id,
        Phase::Pitch,
        None,
    )
    .await
    .unwrap();
}

db_test!(
    a_phase_the_code_does_not_know_fails_the_read_instead_of_ending_the_workshop,
    |t: TestDb| async move {
        use sea_orm::ConnectionTrait;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        let guest = join_as_guest(&t, &clock, &code, "Lou").await;
        // Written by something else than this code (a newer version, a
        // hand-made fix): the phase column holds a word it does not know.
        t.db.execute_unprepared(&format!(
            "UPDATE workshops SET phase = 'dancing' WHERE id = {id}"
        ))
        .await
        .unwrap();
        // Read as "ended", a guest would be shown out of a running room.
        let read = reading::phone(&in_room(&t, &clock, &guest), id).await;
        assert!(matches!(read, Err(WorkshopError::Store(_))), "{read:?}");
    }
);
