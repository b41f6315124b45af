//! The Les Démineurs server: configuration, router, middleware, start-up.

mod auth;
pub mod config;
mod csrf;
mod headers;
mod health;
pub mod routes;
mod site;
mod unavailable;

use anyhow::Context;
use app::backend::{
    accounts::{setup, setup_token::SetupToken},
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
    let app = routes::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
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

/// `demineurs create-admin`: the organisation and its first administrator.
pub async fn create_admin(
    config: &Config,
    organisation: &str,
    name: &str,
    email: &str,
) -> anyhow::Result<()> {
    use app::domain::accounts::{DisplayName, Email, NewPassword, OrganisationName};
    use app::i18n::{t, Locale};
    let password = match std::env::var("DEMINEURS_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Password (12 characters at least), then Enter:");
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("cannot read the password")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let say = |key| anyhow::anyhow!(t(Locale::Fr, key));
    let input = setup::FirstAdmin {
        organisation: OrganisationName::parse(organisation)
            .map_err(|k| say(k).context("--organisation"))?,
        display_name: DisplayName::parse(name).map_err(|k| say(k).context("--name"))?,
        email: Email::parse(email).map_err(|k| say(k).context("--email"))?,
        password: NewPassword::parse(&password).map_err(|k| say(k).context("password"))?,
    };
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    match setup::create_first_admin(&db, &SystemClock, input).await {
        Ok(_) => {
            println!(
                "Administrator {} created; log in at {}/connexion",
                email.trim(),
                config.public_url.trim_end_matches('/')
            );
            Ok(())
        }
        Err(app::error::AppError::Conflict) => {
            anyhow::bail!("an administrator exists already: nothing changed")
        }
        Err(e) => anyhow::bail!("cannot create the administrator: {e}"),
    }
}

/// Opens and migrates the database and builds the state the app runs on.
pub async fn start(config: &Config, clock: SharedClock) -> anyhow::Result<AppState> {
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    let setup_token = if setup::needs_setup(&db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        let token = SetupToken::new(config.setup_token.clone());
        tracing::warn!(
            "First run: no administrator yet. Open {}/installation and enter the setup token {}",
            config.public_url.trim_end_matches('/'),
            token.reveal().unwrap_or_default()
        );
        token
    } else {
        SetupToken::none()
    };
    Ok(AppState {
        db,
        clock,
        leptos_options: site::leptos_options(config),
        secure_cookies: config.secure_cookies(),
        public_url: config.public_url.trim_end_matches('/').to_owned(),
        setup_token,
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
