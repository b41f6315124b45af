//! Ideas: posting in two steps, editing with versions, co-authors, the list
//! with its filters and search, comparing versions.
pub(crate) mod access;
pub mod coauthors;
pub mod diff;
pub mod error;
pub mod listing;
pub mod posting;
pub mod reading;
pub mod search;

pub use access::Standing;
