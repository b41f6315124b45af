//! Démining rounds: opening and asking people, contributing in silence,
//! the reveal, endorsements and replies, the author's triage and closing,
//! moderation, and the maturity that follows from them.
pub mod access;
pub mod contributing;
pub mod contribution_page;
mod contribution_views;
pub(crate) use contribution_views::triage_view;
pub mod counts;
pub mod course;
pub mod deadlines;
pub mod error;
pub mod fiche;
pub mod links;
pub mod maturity;
pub mod opening;
pub mod people;
pub mod reading;
pub mod revealing;
pub mod tally;
pub mod triage;
