//! Live updates of workshops, pushed to open views as server-sent events.
//!
//! Every change of a workshop is a numbered row (see
//! [`crate::backend::workshops::events`]). Each instance keeps one
//! [`LiveHub`]: one reader that, when woken, reads the rows after the last
//! one it saw for every workshop someone watches, and broadcasts them to
//! the streams of that workshop. It is woken in-process after a commit
//! (every database) and, on PostgreSQL, by `NOTIFY` from any instance
//! through one `LISTEN` connection ([`listener`]). Each stream
//! ([`Subscription`]) forwards events in order, skips those it already
//! sent, and reads the database itself when it finds a gap: a reconnecting
//! view (`Last-Event-ID`) gets everything it missed, or `reload` when it
//! is too far behind.

mod feed;
mod hub;
pub mod listener;
mod subscription;

pub use feed::Outgoing;
pub use hub::LiveHub;
pub use subscription::Subscription;
