//! The mine library: mines met again and again across ideas, named by
//! leads, with the workarounds that defused them; suggested to whoever
//! opens a round or writes a mine in their domain.

use super::round_views::DomainRef;
use super::rounds::TriageKind;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// A known mine's name: one line, 120 characters at most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownMineName(String);

impl KnownMineName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<KnownMineName, Key> {
        super::accounts::parse_text(raw, Self::MAX_CHARS).map(KnownMineName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Filing mines, as the form on `/mines` sends it: the mines ticked, and
/// a known mine chosen or a new name typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingForm {
    /// None ticked: the field may be absent.
    #[serde(default)]
    pub mines: Vec<String>,
    #[serde(default)]
    pub known_mine_id: String,
    #[serde(default)]
    pub name: String,
}

impl FilingForm {
    pub const MINE_BOXES: &'static str = "mines[]";
    /// The field a refusal of the ticks names.
    pub const MINES: &'static str = "mines";
    pub const NAME: &'static str = "name";

    /// The mines ticked (anything else than an id is no mine).
    pub fn mine_ids(&self) -> Vec<i64> {
        self.mines
            .iter()
            .filter_map(|m| m.trim().parse().ok())
            .collect()
    }

    /// The known mine chosen, if any.
    pub fn under(&self) -> Option<i64> {
        self.known_mine_id.trim().parse().ok()
    }
}

/// A mine as the library shows it: its words and where it was met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetMine {
    /// The contribution.
    pub id: i64,
    pub text: String,
    pub domain: Option<DomainRef>,
    pub idea_id: i64,
    pub idea_title: String,
    pub triage: Option<TriageKind>,
}

/// A workaround that defused one of a known mine's mines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownWorkaround {
    /// The contribution.
    pub id: i64,
    pub text: String,
    pub idea_id: i64,
    pub idea_title: String,
    pub proven: bool,
}

/// A named group of similar mines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownMine {
    pub id: i64,
    pub name: String,
    pub domain: Option<DomainRef>,
    /// The mines filed under it that the reader may see.
    pub mines: Vec<MetMine>,
    /// Proven ones first.
    pub workarounds: Vec<KnownWorkaround>,
}

impl KnownMine {
    /// How many ideas it was met in.
    pub fn ideas(&self) -> usize {
        let mut ids: Vec<i64> = self.mines.iter().map(|m| m.idea_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// `/mines`: the known mines (of a domain, if asked) and, for leads, the
/// revealed mines not filed yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MineLibrary {
    pub known: Vec<KnownMine>,
    /// Leads and administrators name, file and mark.
    pub can_curate: bool,
    /// Newest first, one page (leads only; empty otherwise).
    pub unfiled: Vec<MetMine>,
    pub unfiled_total: u32,
    pub page: u32,
    pub page_count: u32,
    pub domains: Vec<DomainRef>,
    pub domain: Option<i64>,
}

impl MineLibrary {
    pub const PAGE_SIZE: u32 = 20;
}

/// « Déjà rencontrée » beside a form that opens a round or writes a mine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MineSuggestion {
    pub known_mine_id: i64,
    pub name: String,
    pub domain: DomainRef,
    /// Ideas it was met in (that the reader may see).
    pub ideas: u32,
    /// The workarounds' words, proven ones first.
    pub defused_by: Vec<(String, bool)>,
}
