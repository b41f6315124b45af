//! Connecting, migrating and writing.
//!
//! SQLite (the embedded default) runs in WAL mode with a busy timeout and
//! foreign keys on, `synchronous = FULL` (every commit reaches the disk
//! before it is acknowledged: a power cut loses nothing a person was told
//! was saved; with NORMAL, the last commits before the cut could vanish),
//! and every write transaction starts `IMMEDIATE`: a
//! deferred transaction that reads first and then upgrades to a write fails
//! with "database is locked" instead of waiting. Migrations run under a
//! lock so that instances starting together all succeed.

use super::migration::Migrator;
use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

/// The key of the advisory lock taken while migrating PostgreSQL.
const MIGRATION_LOCK_KEY: i64 = 0x6465_6d69_6e65_7572; // "deminuer", any constant will do

/// How long a request waits for a pooled connection before the database
/// counts as unreachable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// When a SQLite commit is acknowledged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Durability {
    /// Once on disk (`synchronous = FULL`): a power cut loses nothing that
    /// anyone was told was saved. The default.
    #[default]
    Full,
    /// Once in the write-ahead log (`synchronous = NORMAL`): faster, and a
    /// power cut may lose the last commits (never corrupts the file). For an
    /// operator whose storage survives power cuts.
    Normal,
}

impl Durability {
    pub fn parse(raw: &str) -> Option<Durability> {
        match raw.trim() {
            "full" => Some(Durability::Full),
            "normal" => Some(Durability::Normal),
            _ => None,
        }
    }
}

/// Opens the pool for a `sqlite:` or `postgres:` URL, commits durable.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, Durability::Full).await
}

/// Opens the pool, SQLite commits acknowledged as `durability` says.
pub async fn connect_with(url: &str, durability: Durability) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        ensure_sqlite_directory(url);
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if sqlite { 4 } else { 16 })
        // sqlx pings each connection it hands out, by default: a trip to
        // the connection's thread before every statement. An embedded file
        // cannot drop a connection, so SQLite skips it (a page of 40
        // statements made 80 trips); a PostgreSQL server, a proxy or a
        // restart can, so PostgreSQL keeps it.
        .test_before_acquire(!sqlite)
        .min_connections(1)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_timeout(ACQUIRE_TIMEOUT)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |opts| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            let synchronous = match durability {
                Durability::Full => SqliteSynchronous::Full,
                Durability::Normal => SqliteSynchronous::Normal,
            };
            opts.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(synchronous)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                // Statistics for the query planner, as SQLite advises for
                // long-lived databases: refreshed when needed as a
                // connection opens (the pool renews them) and closes.
                // Without them, the dashboard's aggregates pick an index
                // that reads ten times the rows. No analysis limit: a
                // sample of 400 rows per index misled the planner as badly
                // (about 80 ms for 200,000 contributions, and only when
                // the tables have changed much).
                .pragma("optimize", "0x10002")
                .optimize_on_close(true, None)
        });
    Database::connect(options).await
}

/// Counts the SQL statements run through one connection pool (every clone
/// of it, transactions included): read by the tests that hold a page's
/// statements steady whatever its data, and by the benchmarks.
#[derive(Clone, Debug, Default)]
pub struct StatementCount(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl StatementCount {
    /// Starts counting on `db`, before it is cloned.
    pub fn attach(db: &mut DatabaseConnection) -> StatementCount {
        let count = StatementCount::default();
        let counter = count.0.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        count
    }

    /// Statements run so far.
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Creates the folder of a SQLite file so a first run needs no set-up.
fn ensure_sqlite_directory(url: &str) {
    if let Some(path) = sqlite_file_path(url) {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Err(err) = std::fs::create_dir_all(parent) {
                tracing::warn!(error = %err, dir = %parent.display(), "cannot create the database folder");
            }
        }
    }
}

/// The file behind a `sqlite:` URL, or `None` for an in-memory database.
pub fn sqlite_file_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| std::path::PathBuf::from(path))
}

/// Applies every pending migration, in one transaction that holds the
/// write lock (SQLite) or an advisory lock (PostgreSQL): an instance that
/// starts meanwhile waits, then finds nothing left to do.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"),
        ))
        .await?;
    }
    Migrator::up(&txn, None).await?;
    // Under the same lock: one instance fills a stale search index.
    let started = std::time::Instant::now();
    if let Some(entries) = crate::backend::search::indexing::rebuild_if_stale(&txn)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?
    {
        tracing::info!(
            entries,
            millis = started.elapsed().as_millis() as u64,
            "search index rebuilt"
        );
    }
    txn.commit().await
}

/// Begins a transaction that will write: `IMMEDIATE` on SQLite, so it takes
/// the write lock at once (waiting up to the busy timeout) rather than
/// failing on upgrade.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Starts a read-only transaction for a page's reads. Its statements run
/// on one connection taken from the pool once: taken and given back per
/// statement, each is pinged on its way back (a trip to SQLite's thread, or
/// to the PostgreSQL server), which cost as much as the statements on the
/// idea page. On SQLite they also read one snapshot (the deferred
/// transaction's, from its first read). PostgreSQL's stays READ COMMITTED
/// (each statement sees what was committed before it, as without the
/// transaction) and is declared read-only, so a write through it fails.
pub async fn begin_read(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let access_mode =
        (db.get_database_backend() == DbBackend::Postgres).then_some(AccessMode::ReadOnly);
    db.begin_with_options(TransactionOptions {
        access_mode,
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sqlite_file_is_read_from_the_url() {
        assert_eq!(
            sqlite_file_path("sqlite://data/demineurs.db?mode=rwc"),
            Some("data/demineurs.db".into())
        );
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://x/y"), None);
    }
}
