#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Live updates on SQLite and PostgreSQL: changes numbered by the database
//! in order and without gaps, streams resuming after the last event seen,
//! the stream too far behind told to reload, the stream that fell behind
//! the others catching up, a phone sent only what it shows, who may watch, streams ending when the hub
//! closes; on PostgreSQL, a second instance woken by `NOTIFY`, and still
//! fed after its listening connection is killed.
mod common;

use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::live::{LiveHub, Outgoing, Subscription};
use app::backend::testing::{listeners, wait_for_listeners, TestDb};
use app::backend::workshops::access::Caller;
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::events::{self, bump};
use app::backend::workshops::reading::may_watch;
use app::backend::workshops::room;
use app::backend::workshops::running;
use app::db_test;
use app::domain::live::{Audience, EventKind, LiveEvent, MAX_CATCH_UP, RELOAD};
use app::domain::workshops::Phase;
use common::workshop::at_console;
use common::workshop::{join_as_guest, post_mine, workshop};
use common::{admin_of, clock, colleague, key};
use sea_orm::DbBackend;
use std::sync::Arc;
use std::time::Duration;

/// The next event of a stream, failing the test after 10 s.
async fn next(sub: &mut Subscription) -> Arc<Outgoing> {
    tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .expect("an event within 10 s")
        .expect("the stream is open")
}

fn parsed(event: &Outgoing) -> LiveEvent {
    serde_json::from_str(&event.data).unwrap()
}

/// The hub an instance starts: listening on PostgreSQL.
fn hub(t: &TestDb) -> LiveHub {
    let listen = (t.db.get_database_backend() == DbBackend::Postgres).then(|| t.url.clone());
    LiveHub::start(t.db.clone(), listen)
}

/// `n` timer changes, as many numbers.
async fn changes(t: &TestDb, workshop_id: i64, n: usize) {
    changes_of(t, workshop_id, EventKind::Timer, n).await;
}

/// `n` changes of `kind`, as many numbers.
async fn changes_of(t: &TestDb, workshop_id: i64, kind: EventKind, n: usize) {
    let clock = clock();
    let txn = Ctx::new(&t.db, &clock).write().await.unwrap();
    for _ in 0..n {
        bump(&txn, workshop_id, kind, None).await.unwrap();
    }
    txn.commit().await.unwrap();
}

async fn room(
    t: &TestDb,
    clock: &ManualClock,
) -> (app::domain::accounts::CurrentUser, i64, String) {
    let author = admin_of(t, clock).await;
    let (_, id, code) = workshop(t, clock, &author, vec![1]).await;
    (author, id, code)
}

db_test!(
    changes_are_numbered_in_order_without_gaps,
    |t: TestDb| async move {
        let clock = clock();
        let (author, id, code) = room(&t, &clock).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        // Refused (nothing is written during the pitch): no number taken.
        let early = post_mine(&t, &clock, &lou, &key(), id, Phase::Pitch, "Tôt").await;
        assert!(early.is_err());
        running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
            .await
            .unwrap();
        let k = key();
        let posted = post_mine(&t, &clock, &lou, &k, id, Phase::Writing, "Le RGPD")
            .await
            .unwrap();
        // The same post again (a retry): stored once, no new change.
        let again = post_mine(&t, &clock, &lou, &k, id, Phase::Writing, "Le RGPD")
            .await
            .unwrap();
        assert_eq!(again, posted);

        let rows = events::since(&t.db, id, 0, 100).await.unwrap();
        let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
        let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(seqs, vec![2, 3, 4], "numbers follow the version, one each");
        assert_eq!(kinds, vec!["join", "phase", "post"]);
        assert_eq!(
            rows[2].subject,
            Some(posted),
            "a post names its contribution"
        );
        assert_eq!(events::since(&t.db, id, 3, 100).await.unwrap().len(), 1);
    }
);

db_test!(
    a_stream_resumes_after_the_last_event_it_saw,
    |t: TestDb| async move {
        let clock = clock();
        let (author, id, code) = room(&t, &clock).await;
        let hub = hub(&t);
        // A view rendered now, then three changes it misses.
        let mut live = hub.subscribe(id, None, Audience::Everything).await.unwrap();
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
            .await
            .unwrap();
        let posted = post_mine(&t, &clock, &lou, &key(), id, Phase::Writing, "Le RGPD")
            .await
            .unwrap();
        hub.wake(id);
        let seen: Vec<i64> = vec![
            next(&mut live).await.seq,
            next(&mut live).await.seq,
            next(&mut live).await.seq,
        ];
        assert_eq!(seen, vec![2, 3, 4]);

        // A browser that saw event 2 reconnects: it gets 3 and 4, once.
        let mut resumed = hub
            .subscribe(id, Some(2), Audience::Everything)
            .await
            .unwrap();
        let third = next(&mut resumed).await;
        assert_eq!(third.seq, 3);
        assert_eq!(parsed(&third).kind, "phase");
        let fourth = next(&mut resumed).await;
        assert_eq!((fourth.seq, parsed(&fourth).subject), (4, Some(posted)));
        // Its state is today's: the writing phase, its timer running.
        let event = parsed(&fourth);
        assert_eq!(event.phase, Phase::Writing);
        assert!(event.timer.seconds_left.is_some());
        assert!(event.at > 0);
        assert!(fourth.data.len() <= 1024, "events stay small");

        // A later change reaches both streams, once each.
        room::timer(
            &at_console(&t, &clock, &author),
            id,
            room::TimerAction::Pause,
        )
        .await
        .unwrap();
        hub.wake(id);
        hub.wake(id);
        let fifth = next(&mut live).await;
        assert_eq!(fifth.seq, 5);
        assert!(parsed(&fifth).timer.paused);
        assert_eq!(next(&mut resumed).await.seq, 5);
        assert!(
            next_or_none(&mut live).await.is_none(),
            "two wake-ups, one event"
        );
    }
);

/// The next event if one comes within half a second.
async fn next_or_none(sub: &mut Subscription) -> Option<Arc<Outgoing>> {
    tokio::time::timeout(Duration::from_millis(500), sub.next())
        .await
        .ok()
        .flatten()
}

db_test!(
    a_stream_too_far_behind_is_told_to_reload,
    |t: TestDb| async move {
        let clock = clock();
        let (_, id, _) = room(&t, &clock).await;
        let hub = hub(&t);
        changes(&t, id, MAX_CATCH_UP as usize + 1).await;
        let latest = 1 + MAX_CATCH_UP as i64 + 1;
        let mut behind = hub
            .subscribe(id, Some(1), Audience::Everything)
            .await
            .unwrap();
        let first = next(&mut behind).await;
        assert_eq!(parsed(&first).kind, RELOAD);
        assert_eq!(first.seq, latest, "it resumes from the latest change");
        // Then it follows as any other stream.
        changes(&t, id, 1).await;
        hub.wake(id);
        assert_eq!(next(&mut behind).await.seq, latest + 1);

        // A number this workshop never gave: reload too.
        let mut lost = hub
            .subscribe(id, Some(latest + 100), Audience::Everything)
            .await
            .unwrap();
        assert_eq!(parsed(&*next(&mut lost).await).kind, RELOAD);
    }
);

db_test!(
    a_stream_that_fell_behind_the_others_catches_up_in_order,
    |t: TestDb| async move {
        let clock = clock();
        let (_, id, _) = room(&t, &clock).await;
        let hub = hub(&t);
        let mut quick = hub.subscribe(id, None, Audience::Everything).await.unwrap();
        let mut slow = hub.subscribe(id, None, Audience::Everything).await.unwrap();
        // More than the channel holds, in bursts, while `slow` reads nothing.
        for _ in 0..12 {
            changes(&t, id, 100).await;
            hub.wake(id);
            for _ in 0..100 {
                next(&mut quick).await;
            }
        }
        let latest = 1 + 1200;
        let mut seen = Vec::new();
        while seen.last().copied().unwrap_or(0) < latest {
            let event = next(&mut slow).await;
            if parsed(&event).kind == RELOAD {
                seen.clear();
            }
            seen.push(event.seq);
        }
        let mut sorted = seen.clone();
        sorted.dedup();
        assert_eq!(sorted, seen, "no event twice");
        assert!(
            seen.windows(2).all(|w| w[1] == w[0] + 1),
            "no gap after a reload"
        );
    }
);

db_test!(
    a_phone_is_sent_only_what_a_phone_shows,
    |t: TestDb| async move {
        let clock = clock();
        let (author, id, code) = room(&t, &clock).await;
        let hub = hub(&t);
        let mut board = hub.subscribe(id, None, Audience::Everything).await.unwrap();
        let mut phone = hub.subscribe(id, None, Audience::Phone).await.unwrap();
        join_as_guest(&t, &clock, &code, "Lou").await; // 2: join
        running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
            .await
            .unwrap(); // 3: phase
        changes_of(&t, id, EventKind::Post, 3).await; // 4 to 6
        changes(&t, id, 1).await; // 7: timer
        hub.wake(id);
        let mut on_board = Vec::new();
        for _ in 2..=7 {
            on_board.push(next(&mut board).await.seq);
        }
        assert_eq!(
            on_board,
            vec![2, 3, 4, 5, 6, 7],
            "the board gets everything"
        );
        assert_eq!(next(&mut phone).await.seq, 3, "the phase");
        assert_eq!(next(&mut phone).await.seq, 7, "the timer, not the posts");
        assert!(next_or_none(&mut phone).await.is_none());

        // A room writing: more posts than a view is sent one by one. The
        // phone that follows, and the one that reconnects after the phase
        // change, get the timer's change without being told to reload.
        changes_of(&t, id, EventKind::Post, MAX_CATCH_UP as usize + 10).await;
        changes(&t, id, 1).await;
        hub.wake(id);
        let latest = 7 + MAX_CATCH_UP as i64 + 10 + 1;
        assert_eq!(next(&mut phone).await.seq, latest);
        let mut back = hub.subscribe(id, Some(3), Audience::Phone).await.unwrap();
        assert_eq!(next(&mut back).await.seq, 7);
        let timer = next(&mut back).await;
        assert_eq!((timer.seq, parsed(&timer).kind.as_str()), (latest, "timer"));
        assert!(next_or_none(&mut back).await.is_none());
        // The board, that far behind, would reload.
        let mut far = hub
            .subscribe(id, Some(3), Audience::Everything)
            .await
            .unwrap();
        assert_eq!(parsed(&*next(&mut far).await).kind, RELOAD);
    }
);

db_test!(
    only_people_in_the_room_and_facilitators_may_watch,
    |t: TestDb| async move {
        let clock = clock();
        let (author, id, code) = room(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[1]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        assert!(may_watch(&t.db, &lou, id).await.is_ok());
        assert!(may_watch(&t.db, &Caller::Member(author.clone()), id)
            .await
            .is_ok());
        assert!(matches!(
            may_watch(&t.db, &Caller::Nobody, id).await,
            Err(WorkshopError::SignInNeeded)
        ));
        assert!(matches!(
            may_watch(&t.db, &Caller::Guest("forged".into()), id).await,
            Err(WorkshopError::SignInNeeded)
        ));
        assert!(
            matches!(
                may_watch(&t.db, &Caller::Member(jurist.clone()), id).await,
                Err(WorkshopError::Forbidden)
            ),
            "a colleague who has not joined"
        );
        // Another workshop's guest.
        let (_, other, other_code) = workshop(&t, &clock, &author, vec![1]).await;
        let zoe = join_as_guest(&t, &clock, &other_code, "Zoé").await;
        assert!(matches!(
            may_watch(&t.db, &zoe, id).await,
            Err(WorkshopError::NotFound)
        ));
        assert!(may_watch(&t.db, &zoe, other).await.is_ok());
        // Removed from the room.
        let seat = app::backend::workshops::access::seat(&t.db, &lou, id)
            .await
            .unwrap();
        room::remove(&at_console(&t, &clock, &author), id, seat.participant.id)
            .await
            .unwrap();
        assert!(matches!(
            may_watch(&t.db, &lou, id).await,
            Err(WorkshopError::Removed)
        ));
    }
);

db_test!(streams_end_when_the_hub_closes, |t: TestDb| async move {
    let clock = clock();
    let (_, id, _) = room(&t, &clock).await;
    let hub = hub(&t);
    let mut one = hub.subscribe(id, None, Audience::Everything).await.unwrap();
    let mut two = hub
        .subscribe(id, Some(1), Audience::Everything)
        .await
        .unwrap();
    assert_eq!(hub.streams(), 2);
    hub.close();
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        (one.next().await.is_none(), two.next().await.is_none())
    })
    .await
    .expect("streams end at once");
    assert_eq!(ended, (true, true));
});

/// PostgreSQL only: a change committed through one instance reaches the
/// streams of another, woken by `NOTIFY`; after its listening connection
/// is killed, it reconnects and reads what it missed.
/// Kills B's listening connection once it is back; returns how many were
/// killed. A connection just killed may still be listed for a moment, so
/// "listening" is only believed once a kill has found it.
async fn kill_the_listener(t: &TestDb) -> i64 {
    for _ in 0..50 {
        wait_for_listeners(&t.db, 1).await;
        let killed = listeners(&t.db, true).await;
        if killed > 0 {
            return killed;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_instance_hears_of_changes_even_after_losing_its_listener() {
    let t = TestDb::postgres().await;
    let clock = clock();
    let (author, id, code) = room(&t, &clock).await;
    // Instance A takes the writes (its own hub is never woken here);
    // instance B has its own pool and hub.
    let b_db = app::backend::db::connect(&t.url).await.unwrap();
    // No safety sweep: only the listener can wake B.
    let b = LiveHub::start_with_sweep(b_db.clone(), Some(t.url.clone()), None);
    let mut watching = b.subscribe(id, None, Audience::Everything).await.unwrap();
    // Once B listens, its only way to hear of A's writes is `NOTIFY`.
    wait_for_listeners(&t.db, 1).await;
    let lou = join_as_guest(&t, &clock, &code, "Lou").await;
    assert_eq!(parsed(&*next(&mut watching).await).kind, "join");
    running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
        .await
        .unwrap();
    assert_eq!(parsed(&*next(&mut watching).await).kind, "phase");

    let mut expected = Vec::new();
    for round in 0..3 {
        // Once B listens (again), kill its connection and post at once.
        assert_eq!(kill_the_listener(&t).await, 1, "one listener per instance");
        for i in 0..5 {
            let body = format!("Mine {round}-{i}");
            expected.push(
                post_mine(&t, &clock, &lou, &key(), id, Phase::Writing, &body)
                    .await
                    .unwrap(),
            );
        }
    }
    let mut received = Vec::new();
    while received.len() < expected.len() {
        let event = next(&mut watching).await;
        received.push(parsed(&event).subject.unwrap());
    }
    assert_eq!(received, expected, "every post, in order, once");
    assert!(
        next_or_none(&mut watching).await.is_none(),
        "and nothing more"
    );
}
