//! The leads' dashboard: what it is asked (filters held in the address)
//! and the figures it answers with, per section.

use super::maturity::Stage;
use super::round_views::DomainRef;
use serde::{Deserialize, Serialize};

/// The dashboard's filters, as the address holds them (`du`, `au`,
/// `service`, `tag`, `casquette`, `etape`, `inactives`): shareable, and
/// sent by a plain GET form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilters {
    /// First day of publication counted, `2026-01-31`.
    pub from: Option<String>,
    /// Last day of publication counted.
    pub to: Option<String>,
    /// The author's service, as people wrote it.
    pub service: Option<String>,
    pub tag: Option<String>,
    /// Ideas a round called the domain on, or with a revealed word in it;
    /// the figures by domain show that domain only.
    pub domain: Option<i64>,
    pub stage: Option<Stage>,
    /// "No activity for N days" (30 when not said).
    pub idle_days: Option<u32>,
}

impl DashboardFilters {
    pub const IDLE_DAYS: u32 = 30;
    /// The query names, in the order links write them.
    pub const NAMES: [&'static str; 7] = [
        "du",
        "au",
        "service",
        "tag",
        "casquette",
        "etape",
        "inactives",
    ];

    /// Reads the filters from an address's query (`get("du")`…): blanks
    /// and nonsense are no filter.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> DashboardFilters {
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let day = |name: &str| text(name).filter(|d| is_day(d));
        DashboardFilters {
            from: day("du"),
            to: day("au"),
            service: text("service"),
            tag: text("tag"),
            domain: text("casquette").and_then(|d| d.parse().ok()),
            stage: text("etape").and_then(|s| Stage::from_slug(&s)),
            idle_days: text("inactives")
                .and_then(|d| d.parse().ok())
                .filter(|d| (1..=3650).contains(d)),
        }
    }

    /// The filters as query pairs (none for what is not set).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let values = [
            self.from.clone(),
            self.to.clone(),
            self.service.clone(),
            self.tag.clone(),
            self.domain.map(|d| d.to_string()),
            self.stage.map(|s| s.slug().to_owned()),
            self.idle_days.map(|d| d.to_string()),
        ];
        Self::NAMES
            .into_iter()
            .zip(values)
            .filter_map(|(name, value)| value.map(|v| (name, v)))
            .collect()
    }

    pub fn any(&self) -> bool {
        !self.pairs().is_empty()
    }

    pub fn idle_days(&self) -> u32 {
        self.idle_days.unwrap_or(Self::IDLE_DAYS)
    }
}

/// `2026-01-31`, as a date input sends it, and a day of the calendar
/// (never the 30th of February).
fn is_day(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(len, p)| p.len() == *len && p.chars().all(|c| c.is_ascii_digit()));
    let number = |i: usize| {
        parts
            .get(i)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (year, month, day) = (number(0), number(1), number(2));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    shaped && (1..=days).contains(&day)
}

/// The dashboard's parts, each a page of its own (light pages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    Overview,
    Coverage,
    Mines,
    Delays,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Overview,
        Section::Coverage,
        Section::Mines,
        Section::Delays,
    ];

    /// The path's last part (`""` for the overview).
    pub fn slug(self) -> &'static str {
        match self {
            Section::Overview => "",
            Section::Coverage => "couverture",
            Section::Mines => "mines",
            Section::Delays => "delais",
        }
    }
}

/// What the filters may choose from, and whose ideas are counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFrame {
    /// Leads and administrators see the organisation; others, their own
    /// ideas (written or co-written).
    pub whole_organisation: bool,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub domains: Vec<DomainRef>,
    /// Published ideas the filters keep.
    pub ideas: u32,
}

/// One stage of the funnel, split by outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRow {
    pub stage: Stage,
    /// No outcome yet.
    pub ongoing: u32,
    pub launched: u32,
    pub parked: u32,
    pub dropped: u32,
}

impl StageRow {
    pub fn total(&self) -> u32 {
        self.ongoing + self.launched + self.parked + self.dropped
    }
}

/// How long ideas stay in a stage: the median of their stays, the one
/// under way included (up to now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageAge {
    pub stage: Stage,
    /// Ideas that have been in the stage.
    pub ideas: u32,
    pub median_days: Option<u32>,
}

/// An idea nobody has moved for a while.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleIdea {
    pub id: i64,
    pub title: String,
    pub stage: Stage,
    /// `05/12/2026`.
    pub last_activity: String,
    pub days: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub funnel: Vec<StageRow>,
    pub ages: Vec<StageAge>,
    /// The longest idle first, at most [`Overview::IDLE_SHOWN`].
    pub idle: Vec<IdleIdea>,
    pub idle_total: u32,
    pub idle_days: u32,
}

impl Overview {
    pub const IDLE_SHOWN: usize = 20;
}

/// What a domain's column says of an idea.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoverageMark {
    /// Someone who holds the domain raised a mine.
    Covered,
    /// Someone who holds it said « rien à signaler », and no mine.
    NothingToReport,
    /// Only role cards (or people who do not hold it) spoke for it.
    RoleCardsOnly,
    NotLookedAt,
}

impl CoverageMark {
    pub const ALL: [CoverageMark; 4] = [
        CoverageMark::Covered,
        CoverageMark::NothingToReport,
        CoverageMark::RoleCardsOnly,
        CoverageMark::NotLookedAt,
    ];

    /// A mark readable without colour (the cell's text).
    pub fn symbol(self) -> &'static str {
        match self {
            CoverageMark::Covered => "●",
            CoverageMark::NothingToReport => "✓",
            CoverageMark::RoleCardsOnly => "◐",
            CoverageMark::NotLookedAt => "·",
        }
    }

    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::Key;
        match self {
            CoverageMark::Covered => Key::DashMarkCovered,
            CoverageMark::NothingToReport => Key::DashMarkNothing,
            CoverageMark::RoleCardsOnly => Key::DashMarkCards,
            CoverageMark::NotLookedAt => Key::DashMarkNone,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CoverageMark::Covered => "covered",
            CoverageMark::NothingToReport => "nothing_to_report",
            CoverageMark::RoleCardsOnly => "role_cards_only",
            CoverageMark::NotLookedAt => "not_looked_at",
        }
    }
}

/// One idea's line of the heatmap, its marks in the domains' order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatmapRow {
    pub idea_id: i64,
    pub title: String,
    pub marks: Vec<CoverageMark>,
}

/// How often a domain is missing around the tables: of the ideas with a
/// revealed round, those where nobody holding it spoke.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainGap {
    pub domain: DomainRef,
    pub missing: u32,
    pub of: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Most often missing first.
    pub gaps: Vec<DomainGap>,
    /// The heatmap's columns (the domain filter keeps one).
    pub columns: Vec<DomainRef>,
    pub rows: Vec<HeatmapRow>,
    /// Ideas with a revealed round (the heatmap's lines, all pages).
    pub ideas_with_rounds: u32,
    pub page: u32,
    pub page_count: u32,
}

impl Coverage {
    pub const PAGE_SIZE: u32 = 15;
}

/// The mines raised in a domain and how their authors answered them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainMines {
    pub domain: DomainRef,
    pub mines: u32,
    pub defused: u32,
    pub accepted: u32,
    pub investigate: u32,
    pub dismissed: u32,
    pub untriaged: u32,
}

/// Who took part, for a domain (people holding it) or a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    /// The domain's or the service's name; empty for "not given".
    pub name: String,
    /// People who could (holders of the domain, members of the service).
    pub people: u32,
    /// Of them, people with a revealed contribution.
    pub contributors: u32,
    pub contributions: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinesAndPeople {
    /// Most mines first.
    pub mines: Vec<DomainMines>,
    pub by_domain: Vec<Participation>,
    pub by_service: Vec<Participation>,
    /// Revealed contributions of workshop guests (no service).
    pub guest_contributions: u32,
}

/// How long a round waited for its first contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wait {
    UnderADay,
    OneToThreeDays,
    ThreeToSevenDays,
    OverAWeek,
    Nothing,
}

impl Wait {
    pub const ALL: [Wait; 5] = [
        Wait::UnderADay,
        Wait::OneToThreeDays,
        Wait::ThreeToSevenDays,
        Wait::OverAWeek,
        Wait::Nothing,
    ];

    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::Key;
        match self {
            Wait::UnderADay => Key::DashWaitDay,
            Wait::OneToThreeDays => Key::DashWaitThreeDays,
            Wait::ThreeToSevenDays => Key::DashWaitWeek,
            Wait::OverAWeek => Key::DashWaitMore,
            Wait::Nothing => Key::DashWaitNone,
        }
    }

    pub fn of_hours(hours: Option<i64>) -> Wait {
        match hours {
            None => Wait::Nothing,
            Some(h) if h < 24 => Wait::UnderADay,
            Some(h) if h < 72 => Wait::OneToThreeDays,
            Some(h) if h < 168 => Wait::ThreeToSevenDays,
            Some(_) => Wait::OverAWeek,
        }
    }
}

/// Rounds whose writing time is over, by how they were closed: within a
/// week after it, later, or not yet though the week has passed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub on_time: u32,
    pub late: u32,
    pub overdue: u32,
}

impl Closing {
    /// Days to triage and close after the writing time.
    pub const GRACE_DAYS: i64 = 7;
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delays {
    /// Revealed rounds by their wait for a first contribution, in
    /// [`Wait::ALL`]'s order.
    pub waits: Vec<(Wait, u32)>,
    pub median_hours: Option<u32>,
    pub closing: Closing,
}

/// Every section at once: the exports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub filters: DashboardFilters,
    pub frame: DashboardFrame,
    pub overview: Overview,
    pub coverage: Coverage,
    pub mines: MinesAndPeople,
    pub delays: Delays,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_from_the_address_and_back() {
        let query = [
            ("du", "2026-01-01"),
            ("au", "nonsense"),
            ("service", " DSI "),
            ("tag", ""),
            ("casquette", "3"),
            ("etape", "esquisse"),
            ("inactives", "0"),
        ];
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let filters = DashboardFilters::from_query(get);
        assert_eq!(filters.from.as_deref(), Some("2026-01-01"));
        assert_eq!(filters.to, None, "not a day");
        let february =
            DashboardFilters::from_query(|n| (n == "du").then(|| "2026-02-30".to_owned()));
        assert_eq!(february.from, None, "not a day of the calendar");
        let leap = DashboardFilters::from_query(|n| (n == "du").then(|| "2028-02-29".to_owned()));
        assert_eq!(leap.from.as_deref(), Some("2028-02-29"));
        assert_eq!(filters.service.as_deref(), Some("DSI"));
        assert_eq!(filters.tag, None);
        assert_eq!(filters.domain, Some(3));
        assert_eq!(filters.stage, Some(Stage::Sketch));
        assert_eq!(
            filters.idle_days(),
            DashboardFilters::IDLE_DAYS,
            "0 days is no filter"
        );
        assert_eq!(
            filters.pairs(),
            [
                ("du", "2026-01-01".to_owned()),
                ("service", "DSI".to_owned()),
                ("casquette", "3".to_owned()),
                ("etape", "esquisse".to_owned()),
            ]
        );
    }

    #[test]
    fn waits_fall_in_their_bucket() {
        assert_eq!(Wait::of_hours(Some(0)), Wait::UnderADay);
        assert_eq!(Wait::of_hours(Some(24)), Wait::OneToThreeDays);
        assert_eq!(Wait::of_hours(Some(100)), Wait::ThreeToSevenDays);
        assert_eq!(Wait::of_hours(Some(168)), Wait::OverAWeek);
        assert_eq!(Wait::of_hours(None), Wait::Nothing);
    }
}
