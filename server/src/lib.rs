//! The Les Démineurs server: configuration, router, middleware, start-up.

pub mod config;
mod headers;
mod health;
pub mod routes;
mod site;
mod unavailable;

use anyhow::Context;
use app::backend::{
    clock::{SharedClock, SystemClock},
    db,
    state::AppState,
};
use config::Config;
use std::sync::Arc;

/// Connects, migrates, and serves until SIGINT/SIGTERM, finishing the
/// requests under way before exiting.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let state = start(&config, Arc::new(SystemClock)).await?;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    tracing::info!(
        "Les Démineurs: listening on http://{} (public URL {})",
        config.bind,
        config.public_url
    );
    axum::serve(listener, routes::router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Applies pending migrations and exits.
pub async fn migrate_only(config: &Config) -> anyhow::Result<()> {
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    tracing::info!("database is up to date");
    Ok(())
}

/// Opens and migrates the database and builds the state the app runs on.
pub async fn start(config: &Config, clock: SharedClock) -> anyhow::Result<AppState> {
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    Ok(AppState {
        db,
        clock,
        leptos_options: site::leptos_options(config),
        secure_cookies: config.secure_cookies(),
    })
}

async fn open_database(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    if let Some(path) = db::sqlite_file_path(&config.database_url) {
        let shown = std::path::absolute(&path).unwrap_or(path);
        tracing::info!("SQLite database file: {}", shown.display());
    }
    db::connect(&config.database_url)
        .await
        .context("cannot open the database (check DATABASE_URL)")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests under way");
}
