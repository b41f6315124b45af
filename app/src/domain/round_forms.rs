//! The rounds' forms as the browser sends them: text, field by field. The
//! field names are constants here, so that the page that draws a form, the
//! server function that reads it and the refusal that echoes it use the
//! same ones. `round_inputs` turns each form into a checked input.
//!
//! Numbers come as text too: a server function reads these forms flattened
//! among its other arguments, and a flattened form loses the types of what
//! it holds when it is decoded.

use serde::{Deserialize, Serialize};

/// A contribution: written online (new or edited) or on a workshop phone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionForm {
    pub kind: String,
    pub domain_id: String,
    pub severity: String,
    pub body: String,
    /// A resource's address; a workshop phone does not send it.
    #[serde(default)]
    pub link: String,
    /// The mine a workaround answers; a workshop phone sends it only for a
    /// way around the mine in focus.
    #[serde(default)]
    pub answers: String,
}

impl ContributionForm {
    pub const KIND: &'static str = "kind";
    pub const DOMAIN: &'static str = "domain_id";
    pub const SEVERITY: &'static str = "severity";
    pub const BODY: &'static str = "body";
    pub const LINK: &'static str = "link";
    pub const ANSWERS: &'static str = "answers";

    /// What was typed, field by field, to echo in a refusal.
    pub fn input(&self) -> [(&str, &str); 6] {
        [
            (Self::KIND, self.kind.as_str()),
            (Self::DOMAIN, self.domain_id.as_str()),
            (Self::SEVERITY, self.severity.as_str()),
            (Self::BODY, self.body.as_str()),
            (Self::LINK, self.link.as_str()),
            (Self::ANSWERS, self.answers.as_str()),
        ]
    }
}

/// The author's triage of a revealed mine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageForm {
    pub triage: String,
    /// A workaround already proposed that defuses the mine…
    pub workaround_id: String,
    /// …or one the author writes now.
    pub workaround_text: String,
    /// Why (accepted, dismissed, why the workaround holds) or what is
    /// investigated.
    pub note: String,
    pub owner: String,
    pub due: String,
}

impl TriageForm {
    pub const TRIAGE: &'static str = "triage";
    pub const WORKAROUND: &'static str = "workaround_id";
    pub const WORKAROUND_TEXT: &'static str = "workaround_text";
    pub const NOTE: &'static str = "note";
    pub const OWNER: &'static str = "owner";
    pub const DUE: &'static str = "due";

    /// What was typed, field by field, to echo in a refusal.
    pub fn input(&self) -> [(&str, &str); 6] {
        [
            (Self::TRIAGE, self.triage.as_str()),
            (Self::WORKAROUND, self.workaround_id.as_str()),
            (Self::WORKAROUND_TEXT, self.workaround_text.as_str()),
            (Self::NOTE, self.note.as_str()),
            (Self::OWNER, self.owner.as_str()),
            (Self::DUE, self.due.as_str()),
        ]
    }
}

/// Opening a round on an idea.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRoundForm {
    pub focus: String,
    pub mode: String,
    /// French time, as a `datetime-local` input sends it; asynchronous
    /// rounds only.
    pub deadline: String,
    /// The domains ticked (none when nothing is ticked, so it may be absent).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Colleagues asked by name or address, separated by commas or lines.
    pub invitees: String,
}

impl OpenRoundForm {
    pub const FOCUS: &'static str = "focus";
    pub const MODE: &'static str = "mode";
    pub const DEADLINE: &'static str = "deadline";
    /// The checkboxes' name: each ticked box adds one value.
    pub const DOMAIN_BOXES: &'static str = "domains[]";
    /// The field a refusal of the domains names.
    pub const DOMAINS: &'static str = "domains";
    pub const INVITEES: &'static str = "invitees";

    /// What was typed, field by field, to echo in a refusal (ticked boxes
    /// come back from the page's own state).
    pub fn input(&self) -> [(&str, &str); 4] {
        [
            (Self::FOCUS, self.focus.as_str()),
            (Self::MODE, self.mode.as_str()),
            (Self::DEADLINE, self.deadline.as_str()),
            (Self::INVITEES, self.invitees.as_str()),
        ]
    }
}
