//! The Les Démineurs server: configuration, router, middleware, start-up.

mod auth;
mod body_limit;
pub mod config;
mod csrf;
mod dashboard_export;
mod demo;
mod fiche;
mod headers;
mod health;
mod live;
pub mod memory;
mod refusals;
pub mod routes;
mod site;
mod stream_seats;
mod unavailable;
mod unsubscribe;
mod whole_compression;

use anyhow::Context;
use app::backend::{
    accounts::{error::AccountError, setup, setup_token::SetupToken},
    clock::{SharedClock, SystemClock},
    ctx::Ctx,
    db,
    state::AppState,
};
use config::Config;
pub use demo::seed_demo;
use std::sync::Arc;

/// Connects, migrates, and serves until SIGINT/SIGTERM, finishing the
/// requests under way before exiting.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let state = start(&config, Arc::new(SystemClock)).await?;
    // Deadlines and clean-up, on every instance (each step is claimed or
    // idempotent); ends with the process.
    app::backend::housekeeping::spawn(
        state.db.clone(),
        state.clock.clone(),
        state.public_url.clone(),
    );
    // E-mail due, on every instance (each message is claimed).
    let (transport, from) = mail_transport(&config)?;
    app::backend::mail::sender::spawn(state.db.clone(), transport, from, state.clock.clone());
    let signal = shutdown_signal();
    let live = state.live.clone();
    // Open event streams never end by themselves: they are ended first, so
    // that the graceful shutdown waits only for the requests under way.
    let shutdown = async move {
        signal.await;
        live.close();
    };
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
        .with_graceful_shutdown(shutdown)
        .await
        .context("server error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Where e-mail goes (SMTP, else a folder of `.eml` files) and from whom.
fn mail_transport(
    config: &Config,
) -> anyhow::Result<(
    app::backend::mail::transport::Transport,
    app::backend::mail::Mailbox,
)> {
    use app::backend::mail::{compose, transport::Transport};
    let transport = match &config.smtp_url {
        Some(url) => Transport::smtp(url).map_err(|e| anyhow::anyhow!(e))?,
        None => Transport::folder(&config.mail_dir),
    };
    let from = compose::sender(&config.mail_from()).map_err(|e| anyhow::anyhow!(e))?;
    Ok((transport, from))
}

/// Applies pending migrations and exits.
pub async fn migrate_only(config: &Config) -> anyhow::Result<()> {
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    tracing::info!("database is up to date");
    Ok(())
}

/// `demineurs create-admin`: the organisation and its first administrator,
/// while the instance has none.
pub async fn create_admin(
    config: &Config,
    organisation: &str,
    name: &str,
    email: &str,
) -> anyhow::Result<()> {
    let input = new_organisation(organisation, name, email)?;
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    match setup::create_first_admin(&Ctx::new(&db, &SystemClock), input).await {
        Ok(_) => {
            // No address echoed: output often ends up in shared logs.
            println!(
                "Administrator created; log in at {}/connexion",
                config.public_url.trim_end_matches('/')
            );
            Ok(())
        }
        Err(AccountError::AlreadySetUp) => {
            anyhow::bail!("an administrator exists already: nothing changed")
        }
        Err(e) => anyhow::bail!("cannot create the administrator: {}", explain(&e.into())),
    }
}

/// `demineurs create-organisation`: one more organisation and its first
/// administrator.
pub async fn create_organisation(
    config: &Config,
    organisation: &str,
    name: &str,
    email: &str,
) -> anyhow::Result<()> {
    let input = new_organisation(organisation, name, email)?;
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    match app::backend::organisations::create(&db, &SystemClock, input).await {
        Ok(_) => {
            println!(
                "Organisation {} created with its administrator; log in at {}/connexion",
                organisation.trim(),
                config.public_url.trim_end_matches('/')
            );
            Ok(())
        }
        Err(e) => anyhow::bail!("cannot create the organisation: {}", explain(&e.into())),
    }
}

/// `demineurs reset-password`: prints a one-time link to choose a new password.
pub async fn reset_password(config: &Config, email: &str) -> anyhow::Result<()> {
    let db = open_database(config).await?;
    db::migrate(&db).await.context("migration failed")?;
    let ctx = Ctx::new(&db, &SystemClock);
    match app::backend::accounts::resets::create_for_email(&ctx, email).await {
        Ok(token) => {
            println!(
                "{}{}/{token}",
                config.public_url.trim_end_matches('/'),
                app::accounts::RESET_PATH
            );
            eprintln!("Hand this link to its owner: it works once, within 24 hours.");
            Ok(())
        }
        Err(AccountError::NotFound) => {
            anyhow::bail!("no active account has this address: nothing changed")
        }
        Err(e) => anyhow::bail!("cannot create the link: {}", explain(&e.into())),
    }
}

/// An error in French words, for the shell.
pub(crate) fn explain(error: &app::error::AppError) -> String {
    use app::i18n::{t, Locale};
    match error.form_errors() {
        Some(errors) => errors
            .fields
            .iter()
            .map(|f| format!("{}: {}", f.field, t(Locale::Fr, f.message)))
            .collect::<Vec<_>>()
            .join("; "),
        None => t(Locale::Fr, error.message()).to_owned(),
    }
}

/// The organisation and administrator named on the command line; the
/// password from DEMINEURS_ADMIN_PASSWORD, else the first line of stdin.
fn new_organisation(
    organisation: &str,
    name: &str,
    email: &str,
) -> anyhow::Result<app::backend::organisations::NewOrganisation> {
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
    Ok(app::backend::organisations::NewOrganisation {
        organisation: OrganisationName::parse(organisation)
            .map_err(|k| say(k).context("--organisation"))?,
        display_name: DisplayName::parse(name).map_err(|k| say(k).context("--name"))?,
        email: Email::parse(email).map_err(|k| say(k).context("--email"))?,
        password: NewPassword::parse(&password).map_err(|k| say(k).context("password"))?,
    })
}

/// Opens and migrates the database and builds the state the app runs on.
pub async fn start(config: &Config, clock: SharedClock) -> anyhow::Result<AppState> {
    let mut db = open_database(config).await?;
    let statements = db::StatementCount::attach(&mut db);
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
    let listen_url = config
        .database_url
        .starts_with("postgres")
        .then(|| config.database_url.clone());
    Ok(AppState {
        live: app::backend::live::LiveHub::start(db.clone(), listen_url),
        db,
        clock,
        leptos_options: site::leptos_options(config),
        secure_cookies: config.secure_cookies(),
        public_url: config.public_url.trim_end_matches('/').to_owned(),
        setup_token,
        trusted_proxies: config.trusted_proxies.clone(),
        max_guests_per_workshop: config.max_guests_per_workshop,
        statements,
    })
}

pub(crate) async fn open_database(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    if let Some(path) = db::sqlite_file_path(&config.database_url) {
        let shown = std::path::absolute(&path).unwrap_or(path);
        tracing::info!("SQLite database file: {}", shown.display());
    }
    let durability = db::Durability::parse(&config.sqlite_synchronous).unwrap_or_default();
    db::connect_with(&config.database_url, durability)
        .await
        .context("cannot open the database (check DATABASE_URL)")
}

/// Resolves when the signal arrives; never when it could not be watched.
#[cfg(unix)]
async fn received(signal: Option<tokio::signal::unix::Signal>) {
    match signal {
        Some(mut signal) => {
            signal.recv().await;
        }
        None => std::future::pending::<()>().await,
    }
}

/// Resolves on SIGINT or SIGTERM. The handlers are installed when this is
/// called, not when first polled: a signal sent as soon as the port opens
/// still stops the server cleanly instead of killing it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{signal, SignalKind};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (terminate, interrupt) = signals;
            tokio::select! {
                _ = received(terminate) => {},
                _ = received(interrupt) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down: finishing requests under way");
    }
}
