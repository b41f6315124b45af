//! Plain types and pure rules: no I/O, no database, no browser.
pub mod accounts;
pub mod idea_views;
pub mod ideas;
pub mod live;
pub mod maturity;
pub mod maturity_rule;
pub mod organisation;
pub mod round_views;
pub mod rounds;
pub mod workshop_views;
pub mod workshops;
