//! The expertise directory in the UI: who holds which domain, a person's
//! page, and the names offered wherever people are named.
mod api;
mod list_page;
mod names;
mod person_page;
mod presence;

pub use api::*;
pub use list_page::DirectoryPage;
pub use names::{NameSuggestions, NAMES_LIST};
pub use person_page::PersonPageView;
pub use presence::{presence_text, RecognitionList};

pub const DIRECTORY_PATH: &str = "/annuaire";

pub fn person_path(id: i64) -> String {
    format!("{DIRECTORY_PATH}/{id}")
}
