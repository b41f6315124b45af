//! Accounts: first-run setup, passwords, log-in, sessions.
pub mod invitations;
pub mod login;
pub mod login_limits;
pub mod members;
pub mod passwords;
pub mod sessions;
pub mod setup;
pub mod setup_token;
pub mod tokens;

/// A person's account state, as stored.
pub mod status {
    pub const ACTIVE: &str = "active";
    pub const PENDING: &str = "pending";
    pub const DEACTIVATED: &str = "deactivated";
}
