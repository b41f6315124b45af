//! Server-only code: database, services, request context.
pub mod accounts;
pub mod changes;
pub mod client_ip;
pub mod clock;
pub mod ctx;
pub mod db;
pub mod entities;
pub mod error;
pub mod expertise;
pub mod housekeeping;
pub mod http;
pub mod ideas;
pub mod idempotency;
pub mod live;
pub mod migration;
pub mod notifications;
pub mod organisations;
pub mod refusals;
pub mod rounds;
pub mod state;
pub mod store;
pub mod throttle;
pub mod workshops;

#[cfg(feature = "testing")]
pub mod testing;
