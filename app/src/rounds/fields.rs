//! The names of the rounds' form fields that a refusal points at: the pages
//! name their inputs with them, the refusals find them back.

/// The round itself (a refusal about the whole form: opening, asking).
pub const ROUND: &str = "round";
pub const DEADLINE: &str = "deadline";
/// The domains asked for when opening a round.
pub const DOMAINS: &str = "domains";
/// One domain: called on a round, or a contribution's.
pub const DOMAIN_ID: &str = "domain_id";
/// Colleagues asked by name.
pub const INVITEES: &str = "invitees";
pub const KIND: &str = "kind";
/// The mine a contribution answers.
pub const ANSWERS: &str = "answers";
pub const TRIAGE: &str = "triage";
/// The way around chosen when triaging a mine as defused.
pub const WORKAROUND: &str = "workaround";
pub const SYNTHESIS: &str = "synthesis";
/// A revealed contribution reacted to (endorsed, replied to…).
pub const CONTRIBUTION: &str = "contribution";
/// The lessons learned, when an idea is dropped.
pub const NOTE: &str = "note";
/// The whole of a one-button form (« Dévoiler maintenant »).
pub const FORM: &str = "form";
