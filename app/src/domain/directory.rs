//! The expertise directory: who holds which domain, in which service, and
//! whether they are free to help now.

use super::round_views::Recognition;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// What a person says of their availability for démining, on their
/// profile. An absence ends by itself after its last day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    #[default]
    Available,
    Busy,
    Away,
}

impl Availability {
    pub const ALL: [Availability; 3] = [
        Availability::Available,
        Availability::Busy,
        Availability::Away,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Available => "available",
            Availability::Busy => "busy",
            Availability::Away => "away",
        }
    }

    /// Unknown words read as available: the column's default.
    pub fn parse(raw: &str) -> Option<Availability> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }

    /// The profile's choice.
    pub fn label(self) -> Key {
        match self {
            Availability::Available => Key::AvailabilityAvailable,
            Availability::Busy => Key::AvailabilityBusy,
            Availability::Away => Key::AvailabilityAway,
        }
    }
}

/// A person's availability as of today: an absence whose last day has
/// passed reads as available.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub availability: Availability,
    /// The absence's last day, `05/12/2026`, when away.
    pub until: Option<String>,
}

/// One person of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPerson {
    pub id: i64,
    pub name: String,
    pub service: String,
    /// The names of the domains they hold, in the organisation's order.
    pub domains: Vec<String>,
    pub presence: Presence,
}

/// How many people hold a domain, and how many of them are available.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainHeadcount {
    pub id: i64,
    pub name: String,
    pub people: u32,
    pub available: u32,
}

/// What the directory's filters ask for (all optional, in the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// Part of a name, any case, any accents.
    pub q: Option<String>,
    pub domain: Option<i64>,
    pub service: Option<String>,
    pub available_only: bool,
    pub page: Option<u32>,
}

/// One page of the directory, and what its filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub people: Vec<DirectoryPerson>,
    pub total: u32,
    pub page: u32,
    pub page_count: u32,
    /// Every domain of the organisation, with its headcount (whatever the
    /// filters say).
    pub domains: Vec<DomainHeadcount>,
    /// The services people wrote, each once, sorted.
    pub services: Vec<String>,
}

impl Directory {
    /// People shown on one page.
    pub const PAGE_SIZE: u32 = 50;
}

/// A person's page in the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPage {
    pub person: DirectoryPerson,
    pub email: String,
    pub recognition: Recognition,
    /// The viewer's own page (a link to edit it).
    pub is_me: bool,
}

/// A name offered where people are named (round invitations): `value` is
/// what the field takes, `label` says who it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameSuggestion {
    pub value: String,
    pub label: String,
    /// Said after the label, in the reader's language.
    pub presence: Presence,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_round_trips_and_defaults_to_available() {
        for a in Availability::ALL {
            assert_eq!(Availability::parse(a.as_str()), Some(a));
        }
        assert_eq!(Availability::parse("holidays"), None);
        assert_eq!(Availability::default(), Availability::Available);
    }
}
