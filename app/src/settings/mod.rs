//! Personal settings that need no account: the interface language.
mod api;
mod language_switch;

pub use api::{set_language, SetLanguage};
pub use language_switch::LanguageSwitch;
