#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Database set-up, on SQLite and PostgreSQL.

use app::backend::db::{begin_write, connect, migrate};
use app::backend::testing::TestDb;
use app::db_test;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

db_test!(migrating_again_changes_nothing, |t: TestDb| async move {
    migrate(&t.db).await.unwrap();
    migrate(&t.db).await.unwrap();
});

db_test!(
    two_instances_starting_on_a_migrated_database_both_succeed,
    |t: TestDb| async move {
        let a = connect(&t.url).await.unwrap();
        let b = connect(&t.url).await.unwrap();
        let (ra, rb) = tokio::join!(migrate(&a), migrate(&b));
        ra.unwrap();
        rb.unwrap();
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_migrating_a_fresh_postgres_database_together_both_succeed() {
    // TestDb migrates; create an empty database by hand instead.
    let admin_url =
        std::env::var(app::backend::testing::PG_URL_VAR).expect("DEMINEURS_TEST_PG_URL");
    let admin = connect(&admin_url).await.unwrap();
    let name = format!("t_{}", uuid_like());
    admin
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("CREATE DATABASE {name}"),
        ))
        .await
        .unwrap();
    let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
    let a = connect(&url).await.unwrap();
    let b = connect(&url).await.unwrap();
    let (ra, rb) = tokio::join!(migrate(&a), migrate(&b));
    ra.unwrap();
    rb.unwrap();
    let row = a
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT COUNT(*) AS n FROM idempotency_keys",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), 0);
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}{}", std::process::id())
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
    let t = TestDb::sqlite().await;
    let pragma = |name: &'static str| {
        let db = t.db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    format!("PRAGMA {name}"),
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap()
        }
    };
    assert_eq!(pragma("journal_mode").await, "wal");
    assert_eq!(pragma("foreign_keys").await, "1");
    assert_eq!(pragma("busy_timeout").await, "5000");
}

/// Two writers that both read first: with deferred transactions the second
/// fails with "database is locked" on upgrade; with IMMEDIATE ones it waits
/// its turn and both succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_write_transactions_wait_for_each_other_instead_of_failing() {
    let t = TestDb::sqlite().await;
    t.db.execute_unprepared(
        "CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0)",
    )
    .await
    .unwrap();
    let tasks = (0..8).map(|_| {
        let db = t.db.clone();
        tokio::spawn(async move {
            let txn = begin_write(&db).await?;
            let row = txn
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "SELECT n FROM counter",
                ))
                .await?
                .unwrap();
            let n: i64 = row.try_get("", "n")?;
            tokio::task::yield_now().await;
            txn.execute_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("UPDATE counter SET n = {}", n + 1),
            ))
            .await?;
            txn.commit().await
        })
    });
    for result in futures::future::join_all(tasks).await {
        result.unwrap().unwrap();
    }
    let row =
        t.db.query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT n FROM counter",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), 8);
}
