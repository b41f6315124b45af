//! Server-only code: the database and the services, in their own terms.
pub mod accounts;
pub mod changes;
pub mod client_ip;
pub mod clock;
pub mod ctx;
pub mod db;
pub mod desk;
pub mod entities;
pub mod expertise;
pub mod housekeeping;
pub mod ideas;
pub mod idempotency;
pub mod live;
pub mod mail;
pub mod migration;
pub mod notifications;
pub mod organisations;
pub mod rounds;
pub mod state;
pub mod store;
pub mod throttle;
pub mod workshops;

#[cfg(feature = "testing")]
pub mod smtp_sink;
#[cfg(feature = "testing")]
pub mod testing;
