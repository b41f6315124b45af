//! `/recherche`: one search over ideas, revealed contributions and the
//! mine library, ranked, matching words marked; a plain GET form.
mod api;
mod page;

pub use api::*;
pub use page::SearchPage;

pub const SEARCH_PATH: &str = "/recherche";
