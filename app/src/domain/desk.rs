//! « Mon bureau »: the signed-in home page, what waits for the person.

use super::round_views::NotificationView;
use serde::{Deserialize, Serialize};

/// An open round that asks the person, by one of their domains or by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCall {
    pub idea_id: i64,
    pub idea_title: String,
    pub round_number: i32,
    /// The domain called, when asked as its holder.
    pub domain: Option<String>,
    /// The deadline, Paris time, for a round online.
    pub deadline: Option<String>,
    /// The person wrote in it already.
    pub answered: bool,
}

/// An idea with something waiting on it (mines to triage, a draft, an
/// invitation to co-author), and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskIdea {
    pub idea_id: i64,
    pub title: String,
    pub count: u32,
}

/// A workshop under way the person may join.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskWorkshop {
    pub workshop_id: i64,
    pub idea_title: String,
    /// Joining is open: a phone may come in with the code.
    pub joining_open: bool,
    /// The join code, while joining is open.
    pub code: Option<String>,
}

/// Everything on the desk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desk {
    pub calls: Vec<DeskCall>,
    pub to_triage: Vec<DeskIdea>,
    pub drafts: Vec<DeskIdea>,
    pub coauthor_invitations: Vec<DeskIdea>,
    pub workshops: Vec<DeskWorkshop>,
    /// The latest unread notifications, and how many are unread in all.
    pub unread: Vec<NotificationView>,
    pub unread_count: u32,
}
