//! Components shared by every page.
pub mod forms;
pub mod layout;
pub mod not_found;
pub mod status;
