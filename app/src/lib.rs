//! Les Démineurs: the shared crate. Domain types, pages, islands and server
//! functions compile for both the server (`ssr`) and the browser (`hydrate`);
//! `backend` is server-only.
#![recursion_limit = "256"]

pub mod accounts;
pub mod app;
pub mod dashboard;
pub mod directory;
pub mod domain;
pub mod error;
pub mod home;
pub mod i18n;
pub mod ideas;
pub mod library;
pub mod members;
pub mod organisation;
pub mod profile;
pub mod rounds;
pub mod search;
pub mod settings;
pub mod ui;
pub mod workshops;

#[cfg(feature = "ssr")]
pub mod backend;
/// The web adapter: a request's context, cookies, and refusals kept for
/// the page they go back to.
#[cfg(feature = "ssr")]
pub mod web;

pub use app::{shell, App};
