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
/// What the board shows (console): a mine in focus, or a page.
pub const BOARD: &str = "board";
/// The mine the board puts in focus; empty to show them all again.
pub const FOCUS: &str = "focus";
/// The board's page, from 1, when the cards are more than one screen holds.
pub const PAGE: &str = "page";
/// The card a duplicate is grouped under (« même idée que… »).
pub const GROUPING: &str = "under";
