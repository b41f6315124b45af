#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The idempotency helper, on SQLite and PostgreSQL: the same request sent
//! twice, even at the same time, acts once.

use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::idempotency::{purge_expired, run_once, IdempotencyKey};
use app::backend::testing::TestDb;
use app::db_test;
use app::error::AppError;
use chrono::{Duration, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

fn key(n: u32) -> IdempotencyKey {
    IdempotencyKey::parse(&format!("test-key-{n:08}-abcdef")).unwrap()
}

fn clock() -> ManualClock {
    ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap())
}

/// A table standing for any effect an action may have.
async fn create_effects(db: &DatabaseConnection) {
    db.execute_unprepared("CREATE TABLE effects (id BIGINT PRIMARY KEY, label TEXT NOT NULL)")
        .await
        .unwrap();
}

async fn effects(db: &DatabaseConnection) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM effects",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

async fn add_effect(
    db: &DatabaseConnection,
    clock: &ManualClock,
    scope: &str,
    k: &IdempotencyKey,
    label: &str,
) -> Result<String, AppError> {
    let label = label.to_owned();
    run_once(&Ctx::new(db, clock), scope, k, move |txn| {
        Box::pin(async move {
            let backend = txn.get_database_backend();
            let next: i64 = txn
                .query_one_raw(Statement::from_string(
                    backend,
                    "SELECT COALESCE(MAX(id), 0) + 1 AS n FROM effects",
                ))
                .await
                .map_err(|_| AppError::Internal)?
                .and_then(|r| r.try_get::<i64>("", "n").ok())
                .unwrap_or(1);
            txn.execute_raw(Statement::from_sql_and_values(
                backend,
                match backend {
                    sea_orm::DbBackend::Postgres => {
                        "INSERT INTO effects (id, label) VALUES ($1, $2)"
                    }
                    _ => "INSERT INTO effects (id, label) VALUES (?, ?)",
                },
                [next.into(), label.clone().into()],
            ))
            .await
            .map_err(|_| AppError::Internal)?;
            Ok(format!("{label} #{next}"))
        })
    })
    .await
}

db_test!(
    the_same_key_sent_twice_acts_once_and_answers_the_same,
    |t: TestDb| async move {
        create_effects(&t.db).await;
        let clock = clock();
        let first = add_effect(&t.db, &clock, "person:1", &key(1), "mine")
            .await
            .unwrap();
        let again = add_effect(&t.db, &clock, "person:1", &key(1), "mine")
            .await
            .unwrap();
        assert_eq!(first, "mine #1");
        assert_eq!(again, first);
        assert_eq!(effects(&t.db).await, 1);
    }
);

db_test!(
    concurrent_requests_with_one_key_act_once,
    |t: TestDb| async move {
        create_effects(&t.db).await;
        let clock = clock();
        let tasks = (0..12).map(|_| {
            let db = t.db.clone();
            let clock = clock.clone();
            tokio::spawn(async move { add_effect(&db, &clock, "person:1", &key(7), "retry").await })
        });
        let answers: Vec<String> = futures::future::join_all(tasks)
            .await
            .into_iter()
            .map(|r| r.unwrap().unwrap())
            .collect();
        assert_eq!(effects(&t.db).await, 1);
        assert!(answers.iter().all(|a| a == "retry #1"), "{answers:?}");
    }
);

db_test!(
    different_keys_or_people_act_separately,
    |t: TestDb| async move {
        create_effects(&t.db).await;
        let clock = clock();
        add_effect(&t.db, &clock, "person:1", &key(1), "a")
            .await
            .unwrap();
        add_effect(&t.db, &clock, "person:1", &key(2), "b")
            .await
            .unwrap();
        add_effect(&t.db, &clock, "person:2", &key(1), "c")
            .await
            .unwrap();
        assert_eq!(effects(&t.db).await, 3);
    }
);

db_test!(
    a_failed_action_leaves_nothing_and_may_be_retried,
    |t: TestDb| async move {
        create_effects(&t.db).await;
        let clock = clock();
        let failed: Result<String, AppError> =
            run_once(&Ctx::new(&t.db, &clock), "person:1", &key(3), |_txn| {
                Box::pin(async { Err(AppError::Conflict) })
            })
            .await;
        assert_eq!(failed, Err(AppError::Conflict));
        let retried = add_effect(&t.db, &clock, "person:1", &key(3), "second try")
            .await
            .unwrap();
        assert_eq!(retried, "second try #1");
        assert_eq!(effects(&t.db).await, 1);
    }
);

db_test!(keys_are_forgotten_after_a_day, |t: TestDb| async move {
    create_effects(&t.db).await;
    let clock = clock();
    add_effect(&t.db, &clock, "person:1", &key(4), "old")
        .await
        .unwrap();
    clock.advance(Duration::hours(23));
    assert_eq!(purge_expired(&t.db, &clock).await.unwrap(), 0);
    clock.advance(Duration::hours(2));
    assert_eq!(purge_expired(&t.db, &clock).await.unwrap(), 1);
    add_effect(&t.db, &clock, "person:1", &key(4), "old")
        .await
        .unwrap();
    assert_eq!(effects(&t.db).await, 2);
});
