//! Live workshops: a round run in a room, phones joining by code or QR
//! code, phases with a shared timer, a projector board and a console.
pub mod access;
pub mod error;
pub mod events;
pub mod grouping;
pub mod joining;
pub mod posting;
pub mod qr;
pub mod reading;
pub mod record;
pub mod room;
pub mod running;
pub mod stage;
pub mod tally;
