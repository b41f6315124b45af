//! One search over ideas, revealed contributions and the mine library, as
//! the server sends its results: ranked, matching words marked.

use super::maturity::Stage;
use super::rounds::{stored_enum, ContributionKind, Outcome};
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// What a result is.
    SearchKind {
        Idea => ("idea", SearchKindIdeas),
        Contribution => ("contribution", SearchKindContributions),
        KnownMine => ("known_mine", SearchKindKnownMines),
    }
}

impl SearchKind {
    /// Its name in the page's address (`/recherche?type=idees`).
    pub fn slug(self) -> &'static str {
        match self {
            SearchKind::Idea => "idees",
            SearchKind::Contribution => "contributions",
            SearchKind::KnownMine => "mines",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SearchKind> {
        Self::ALL.iter().copied().find(|k| k.slug() == slug)
    }
}

/// A piece of shown text; `hit` when it is a word searched for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    pub text: String,
    pub hit: bool,
}

/// What a result is, with what tells it apart in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitWhat {
    Idea {
        stage: Stage,
        outcome: Option<Outcome>,
    },
    Contribution {
        kind: ContributionKind,
        domain: Option<String>,
    },
    KnownMine {
        domain: Option<String>,
        /// How many ideas its mines were met in.
        ideas: u32,
    },
}

/// One result: a title (the idea's, or the known mine's name), an extract
/// around the first match, and where to read it all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub what: HitWhat,
    pub title: Vec<Marked>,
    pub extract: Vec<Marked>,
    pub href: String,
}

/// A page of results, best first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    /// False when the query held no word to search for (empty, or only
    /// words such as « le », « de »).
    pub searched: bool,
    /// The query held more words than are searched for (the first ones).
    pub words_left_out: bool,
}

impl SearchResults {
    pub const PAGE_SIZE: u32 = 10;
}

impl Marked {
    /// The text without its marks.
    pub fn plain(pieces: &[Marked]) -> String {
        pieces.iter().map(|p| p.text.as_str()).collect()
    }
}
