//! The mine library in the UI: `/mines`, where leads curate, and the
//! « déjà rencontrée » suggestions beside the forms that open a round or
//! write a mine.
mod api;
mod page;
#[cfg(feature = "ssr")]
mod refusals;
mod suggestions;

pub use api::*;
pub use page::{met_in, LibraryPage};
pub use suggestions::AlreadyMet;

pub const LIBRARY_PATH: &str = "/mines";

/// A known mine's place on `/mines`.
pub fn known_mine_anchor(id: i64) -> String {
    format!("mine-connue-{id}")
}
