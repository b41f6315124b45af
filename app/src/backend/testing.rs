#![allow(clippy::expect_used)] // test helpers: a failed set-up should stop the test loudly
//! Fresh databases for tests: each test gets its own SQLite file or its own
//! PostgreSQL database, migrated. PostgreSQL tests need
//! `DEMINEURS_TEST_PG_URL` (an account that may create databases); they fail,
//! never skip, when it is missing, so CI cannot pass without PostgreSQL.

use super::db::{connect, migrate};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

pub const PG_URL_VAR: &str = "DEMINEURS_TEST_PG_URL";

pub struct TestDb {
    pub db: DatabaseConnection,
    pub url: String,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        // The files are kept until the process ends: SQLite keeps a
        // process-wide table of open files by inode, and a file deleted while
        // another test's pool still holds it open could hand its inode to a
        // new test database, which SQLite would then take for the old one
        // ("disk I/O error"). `make test` empties the folder before a run.
        let root = std::env::temp_dir().join("demineurs-tests");
        std::fs::create_dir_all(&root).expect("test folder");
        let dir = tempfile::Builder::new()
            .prefix("sqlite-")
            .tempdir_in(&root)
            .expect("temp dir")
            .keep();
        let url = format!("sqlite://{}?mode=rwc", dir.join("test.db").display());
        let db = connect(&url).await.expect("open SQLite");
        migrate(&db).await.expect("migrate SQLite");
        TestDb { db, url }
    }

    pub async fn postgres() -> TestDb {
        let admin_url = std::env::var(PG_URL_VAR).unwrap_or_else(|_| {
            panic!("{PG_URL_VAR} is not set: PostgreSQL tests cannot run (see README)")
        });
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = connect(&admin_url).await.expect("reach PostgreSQL");
        admin
            .execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("CREATE DATABASE {name}"),
            ))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let url = replace_database(&admin_url, &name);
        let db = connect(&url).await.expect("open test database");
        migrate(&db).await.expect("migrate PostgreSQL");
        TestDb { db, url }
    }
}

/// How many instances listen for workshop events on this PostgreSQL
/// database; with `kill`, their listening connections are ended (as a
/// network failure or a database restart would).
pub async fn listeners(db: &DatabaseConnection, kill: bool) -> i64 {
    let count = if kill {
        "count(pg_terminate_backend(pid))"
    } else {
        "count(*)"
    };
    db.query_one_raw(Statement::from_string(
        DbBackend::Postgres,
        format!(
            "SELECT {count} AS n FROM pg_stat_activity \
             WHERE application_name = '{}' AND datname = current_database()",
            super::live::listener::APPLICATION_NAME
        ),
    ))
    .await
    .expect("query pg_stat_activity")
    .and_then(|row| row.try_get::<i64>("", "n").ok())
    .unwrap_or(0)
}

/// Waits until `n` instances listen on this database (10 s at most).
pub async fn wait_for_listeners(db: &DatabaseConnection, n: i64) {
    for _ in 0..100 {
        if listeners(db, false).await >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{n} listener(s) expected within 10 s");
}

/// The same server URL, another database.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let server = base.rsplit_once('/').map(|(s, _)| s).unwrap_or(base);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// Declares a test that runs twice, on SQLite and on PostgreSQL:
/// `db_test!(name, |db: TestDb| async move { ... });` gives `name::sqlite`
/// and `name::postgres`.
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::backend::testing::TestDb::sqlite().await;
                ($body)(db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::backend::testing::TestDb::postgres().await;
                ($body)(db).await;
            }
        }
    };
}
