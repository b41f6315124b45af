//! What every request handler and server function can reach.

use super::clock::SharedClock;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    pub leptos_options: LeptosOptions,
    /// Cookies get `Secure` when the public URL is https.
    pub secure_cookies: bool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
