//! Démining rounds in the UI: the round part of the idea page (maturity,
//! coverage map, rounds and their contributions), opening a round,
//! contributing, a contribution's page with triage, and notifications.
mod api;
mod contribute_page;
mod contribution_item;
mod contribution_page;
mod coverage_map;
mod end_page;
#[cfg(feature = "ssr")]
pub mod fiche_markdown;
mod fiche_page;
pub mod fields;
mod maturity_box;
mod notifications_page;
mod open_page;
mod outcome_page;
mod panel;
#[cfg(feature = "ssr")]
mod refusals;

pub use api::*;
pub use contribute_page::ContributePage;
pub use contribution_page::ContributionPageView;
pub use end_page::{end_round_path, EndRoundPage};
pub use fiche_page::{fiche_path, markdown_path, FichePage};
pub use maturity_box::criterion_text;
pub use notifications_page::{notification_path, notification_sentence, NotificationsPage};
pub use open_page::OpenRoundPage;
pub use outcome_page::{outcome_path, OutcomePage};
pub use panel::RoundsSection;

pub const NOTIFICATIONS_PATH: &str = "/notifications";

/// How many unread notifications the viewer has, provided per page by the
/// server (for the navigation's counter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnreadNotifications(pub u64);

pub fn open_round_path(idea_id: i64) -> String {
    format!("{}/tours/nouveau", crate::ideas::idea_path(idea_id))
}

pub fn contribute_path(idea_id: i64) -> String {
    format!("{}/contribuer", crate::ideas::idea_path(idea_id))
}

pub fn contribution_path(idea_id: i64, contribution_id: i64) -> String {
    format!(
        "{}/contributions/{contribution_id}",
        crate::ideas::idea_path(idea_id)
    )
}

/// The idea page, scrolled to its rounds.
pub fn rounds_anchor(idea_id: i64) -> String {
    format!("{}#tours", crate::ideas::idea_path(idea_id))
}

/// The idea page, scrolled to a round.
pub fn round_anchor(idea_id: i64, number: i32) -> String {
    format!("{}#tour-{number}", crate::ideas::idea_path(idea_id))
}
