//! Accounts: first-run setup, passwords, log-in, sessions.
pub mod error;
pub mod invitations;
pub mod login;
pub mod login_limits;
pub mod members;
pub mod password_change;
pub mod passwords;
pub mod people;
pub mod profile;
pub mod requests;
pub mod resets;
pub mod sessions;
pub mod setup;
pub mod setup_token;
pub mod tokens;
