//! Plain types and pure rules: no I/O, no database, no browser.
pub mod accounts;
pub mod maturity;
pub mod organisation;
