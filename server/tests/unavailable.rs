#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! While PostgreSQL refuses connections, pages answer a French 503 and the
//! health check fails; when it accepts them again, everything comes back.
mod common;

use app::backend::testing::{TestDb, PG_URL_VAR};
use common::spawn_app_on;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn admin_exec(sql: String) {
    let admin = app::backend::db::connect(&std::env::var(PG_URL_VAR).unwrap())
        .await
        .unwrap();
    admin
        .execute_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap();
    admin.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_down_gives_a_french_503_page_then_recovers() {
    let db = TestDb::postgres().await;
    let name = db
        .url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let app = spawn_app_on(db).await;
    assert_eq!(app.get("/").await.status(), 200);

    admin_exec(format!(
        "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"
    ))
    .await;
    admin_exec(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .await;

    let down = app.get("/").await;
    assert_eq!(down.status(), 503);
    assert_eq!(down.headers()["retry-after"], "10");
    let body = down.text().await.unwrap();
    assert!(
        body.contains("Service momentanément indisponible"),
        "{body}"
    );
    assert!(
        !body.to_lowercase().contains("sqlx") && !body.contains("postgres"),
        "no internal cause shown"
    );
    assert_eq!(app.get("/healthz").await.status(), 503);

    admin_exec(format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true")).await;
    assert_eq!(app.get("/").await.status(), 200);
    assert_eq!(app.get("/healthz").await.status(), 200);
}
