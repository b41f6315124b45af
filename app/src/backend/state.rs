//! What every request handler and server function can reach.

use super::accounts::setup_token::SetupToken;
use super::clock::SharedClock;
use super::live::LiveHub;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    pub leptos_options: LeptosOptions,
    /// Cookies get `Secure` (and the session cookie the `__Host-` prefix)
    /// when the public URL is https: decided from configuration, never from
    /// the request.
    pub secure_cookies: bool,
    /// The address people use to reach the app, for links (no trailing slash).
    pub public_url: String,
    /// Present while first-run setup is pending.
    pub setup_token: SetupToken,
    /// Reverse proxies whose `X-Forwarded-For` names the caller.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The open event streams of workshops, and what feeds them.
    pub live: LiveHub,
    /// The most guests one workshop takes.
    pub max_guests_per_workshop: u64,
    /// The SQL statements run so far (tests and benchmarks read it).
    pub statements: crate::backend::db::StatementCount,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
