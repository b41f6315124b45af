//! Plain types and pure rules: no I/O, no database, no browser.
pub mod accounts;
pub mod board_stage;
pub mod dashboard;
pub mod desk;
pub mod directory;
pub mod idea_summary;
pub mod idea_views;
pub mod ideas;
pub mod library;
pub mod live;
pub mod mail;
pub mod maturity;
pub mod maturity_rule;
pub mod organisation;
/// French time, as deadlines are typed and shown (the zone data stays on the server).
#[cfg(feature = "ssr")]
pub mod paris_time;
pub mod round_forms;
/// The rounds' forms, checked (dates need the server's zone data).
#[cfg(feature = "ssr")]
pub mod round_inputs;
pub mod round_views;
pub mod rounds;
pub mod search;
pub mod workshop_views;
pub mod workshops;
