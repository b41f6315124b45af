//! Components shared by every page.
pub mod forms;
pub mod guard;
pub mod hydration;
pub mod layout;
pub mod mark;
pub mod not_found;
pub mod pager;
pub mod raw_text;
pub mod status;
