//! What the idea pages show, as the server sends it: plain data, dates
//! already written out, no database types.

use super::ideas::{IdeaContent, IdeaStatus};
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// A person, as a name with an id (for links and forms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
}

/// One line of the idea list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaSummary {
    pub id: i64,
    pub title: String,
    /// The problem's first characters.
    pub excerpt: String,
    pub status: IdeaStatus,
    pub author: String,
    pub tags: Vec<String>,
    pub version: i32,
    /// Day of the last change, as `29/11/2026`.
    pub updated: String,
    /// The maturity stage as last computed.
    pub stage: super::maturity::Stage,
    pub outcome: Option<super::rounds::Outcome>,
    /// What the authors learned, when they took the idea somewhere.
    pub lessons: Option<String>,
}

/// What the list is asked for: all optional, page 1 by default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaQuery {
    pub page: Option<u32>,
    pub tag: Option<String>,
    pub author: Option<i64>,
    pub q: Option<String>,
    /// A stage's slug (`esquisse`…).
    pub stage: Option<String>,
    /// An outcome's slug (`abandonnee`…).
    pub outcome: Option<String>,
}

/// One page of published ideas, the caller's drafts, and what the filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaList {
    pub items: Vec<IdeaSummary>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub drafts: Vec<IdeaSummary>,
    /// Invitations to co-author that wait for the caller's answer.
    pub invitations: Vec<IdeaSummary>,
    pub tags: Vec<String>,
    pub authors: Vec<PersonRef>,
}

/// One version in an idea's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub number: i32,
    pub author: String,
    pub date: String,
}

/// The idea page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaView {
    pub id: i64,
    pub status: IdeaStatus,
    pub content: IdeaContent,
    pub version: i32,
    /// The revision an edit form starts from.
    pub revision: i32,
    pub author: PersonRef,
    /// Accepted co-authors.
    pub coauthors: Vec<PersonRef>,
    /// Invited, not answered yet.
    pub invited: Vec<PersonRef>,
    /// Newest first.
    pub versions: Vec<VersionInfo>,
    pub created: String,
    /// The caller may edit (author or accepted co-author).
    pub can_edit: bool,
    /// The caller is invited to co-author and has not answered.
    pub invites_viewer: bool,
    /// Colleagues the caller may invite (authors only; empty otherwise).
    pub candidates: Vec<PersonRef>,
}

/// A piece of a word-level diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// One field of two versions, compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDiff {
    pub label: Key,
    pub changed: bool,
    pub parts: Vec<DiffPart>,
}

/// Two versions of an idea, compared field by field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionComparison {
    pub idea_id: i64,
    pub title: String,
    pub from: i32,
    pub to: i32,
    /// Every version number, for the choice of two.
    pub versions: Vec<i32>,
    pub fields: Vec<FieldDiff>,
}

/// What the edit form needs: the idea as it stands and a fresh key for the
/// submission (a repeated submission then acts once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaDraftForm {
    pub idea: Option<IdeaView>,
    pub request_id: String,
}
