//! Ideas in the UI: the list, posting in two steps, the idea page, editing,
//! co-authors and comparing versions.
mod api;
mod coauthors_page;
mod compare_page;
mod edit_page;
mod fields;
mod idea_page;
mod list_page;
mod new_page;
#[cfg(feature = "ssr")]
mod refusals;
mod summary;

pub use api::*;
pub use coauthors_page::{coauthors_path, CoauthorsPage};
pub use compare_page::ComparePage;
pub use edit_page::EditIdeaPage;
#[cfg(feature = "ssr")]
pub use fields::{keyed, request_key};
pub use idea_page::IdeaPage;
pub use list_page::IdeasPage;
pub use new_page::NewIdeaPage;

pub const IDEAS_PATH: &str = "/idees";
pub const NEW_IDEA_PATH: &str = "/idees/nouvelle";

pub fn idea_path(id: i64) -> String {
    format!("{IDEAS_PATH}/{id}")
}

pub fn edit_path(id: i64) -> String {
    format!("{IDEAS_PATH}/{id}/modifier")
}

pub fn compare_path(id: i64, from: i32, to: i32) -> String {
    format!("{IDEAS_PATH}/{id}/versions?de={from}&a={to}")
}
