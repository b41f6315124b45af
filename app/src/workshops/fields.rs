//! The names of the workshop forms' fields, shared by the pages that draw
//! them, the functions that read them and the refusals that point at them.

/// The join code (join page).
pub const CODE: &str = "code";
/// A guest's name (join page).
pub const NAME: &str = "name";
/// Dots: the allowance on the console, a dot placed on the phone.
pub const DOTS: &str = "dots";
/// The role cards (console).
pub const CARDS: &str = "cards";
/// The console itself (held by another device).
pub const CONSOLE: &str = "console";
/// The workshop as a whole (ended, or the person removed from it).
pub const WORKSHOP: &str = "workshop";
/// The round a workshop is started on (idea page).
pub const ROUND: &str = "round";
