//! Database entities: the schema as sea-orm sees it. Behaviour lives in the
//! services beside them, never here.
pub mod audit_entry;
pub mod contribution;
pub mod dot_vote;
pub mod endorsement;
pub mod expertise_domain;
pub mod idea;
pub mod idea_coauthor;
pub mod idea_tag;
pub mod idea_version;
pub mod idempotency_key;
pub mod invitation;
pub mod notification;
pub mod organisation;
pub mod organisation_email_domain;
pub mod password_reset;
pub mod reply;
pub mod round;
pub mod round_domain;
pub mod round_invitee;
pub mod session;
pub mod throttle;
pub mod user;
pub mod user_domain;
pub mod workshop;
pub mod workshop_event;
pub mod workshop_participant;
