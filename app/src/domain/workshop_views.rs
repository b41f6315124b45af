//! What the three workshop views show: the phone, the projector board and
//! the facilitator console. Each is read whole by one server function; a
//! view reads again when an event of the workshop's stream concerns it
//! (see [`super::live`]).

use super::round_views::{DomainRef, TriageView};
use super::rounds::{ContributionKind, Severity, TriageKind};
use super::workshops::{Phase, Steps};
use serde::{Deserialize, Serialize};

/// The shared timer, as the server keeps it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    /// `None` when no timer runs for this phase.
    pub seconds_left: Option<i64>,
    pub paused: bool,
}

/// What every view shows at the top.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopHeader {
    pub workshop_id: i64,
    pub idea_id: i64,
    pub round_number: i32,
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub focus: String,
    pub phase: Phase,
    /// The optional steps chosen when the workshop started.
    pub steps: Steps,
    /// Whether the round is revealed: what decides if texts are shown (a
    /// workshop ended before its reveal shows none).
    pub revealed: bool,
    pub timer: Timer,
    pub version: i64,
    pub participants: u32,
    /// How many contributions arrived (the only thing said before the reveal).
    pub contributions: u32,
}

/// A contribution as the room sees it once revealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveContribution {
    pub id: i64,
    pub kind: ContributionKind,
    pub severity: Option<Severity>,
    pub domain: Option<DomainRef>,
    pub body: String,
    pub author: String,
    pub author_guest: bool,
    pub under_card: bool,
    pub late: bool,
    pub dots: u32,
    /// The caller's own dots on it (the phone).
    pub my_dots: u32,
    pub triage: Option<TriageKind>,
    pub hidden_reason: Option<String>,
    /// The mine a workaround answers.
    pub answers: Option<i64>,
    /// The card this one is grouped under, as a duplicate.
    pub grouped_under: Option<i64>,
    /// The duplicates grouped under this card, each with its own text and
    /// writer (filled by [`fold_duplicates`]).
    pub duplicates: Vec<Duplicate>,
}

/// A contribution grouped under another card as saying the same thing:
/// its text and its writer are kept and shown with that card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    pub id: i64,
    pub body: String,
    pub author: String,
    pub author_guest: bool,
}

/// The room's cards: every duplicate folded into the card it is grouped
/// under, its dots added to that card's (the dots go to the group). A
/// duplicate whose card is not among `items` stays a card of its own.
pub fn fold_duplicates(items: Vec<LiveContribution>) -> Vec<LiveContribution> {
    let heads: std::collections::HashSet<i64> = items
        .iter()
        .filter(|c| c.grouped_under.is_none())
        .map(|c| c.id)
        .collect();
    let (folded, mut cards): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|c| c.grouped_under.is_some_and(|head| heads.contains(&head)));
    for duplicate in folded {
        let Some(card) = cards
            .iter_mut()
            .find(|c| Some(c.id) == duplicate.grouped_under)
        else {
            continue;
        };
        card.dots += duplicate.dots;
        card.my_dots += duplicate.my_dots;
        card.severity = most_severe(card.severity, duplicate.severity);
        card.duplicates.push(Duplicate {
            id: duplicate.id,
            body: duplicate.body,
            author: duplicate.author,
            author_guest: duplicate.author_guest,
        });
    }
    cards
}

/// The graver of two severities: a group is as severe as its most severe
/// mine (grouping never makes a blocking mine lighter).
pub fn most_severe(a: Option<Severity>, b: Option<Severity>) -> Option<Severity> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The mines a card may be grouped with as saying the same thing as
/// `card` (itself visible): the other visible mines of its domain, never
/// itself (`cards` are folded: a duplicate is not among them).
pub fn same_idea_candidates(cards: &[LiveContribution], card: i64) -> Vec<&LiveContribution> {
    let Some(chosen) = cards
        .iter()
        .find(|c| c.id == card && c.hidden_reason.is_none())
    else {
        return Vec::new();
    };
    let domain = chosen.domain.as_ref().map(|d| d.id);
    cards
        .iter()
        .filter(|c| c.id != card && c.kind == ContributionKind::Mine)
        .filter(|c| c.hidden_reason.is_none())
        .filter(|c| c.domain.as_ref().map(|d| d.id) == domain)
        .collect()
}

/// Contributions of one domain (or of none), for the board and the console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainGroup {
    /// `None`: questions, workarounds… that name no domain.
    pub domain: Option<DomainRef>,
    pub items: Vec<LiveContribution>,
    /// How many the domain has in all: more than `items` on a board page
    /// that shows only part of it.
    pub total: usize,
}

/// Contributions by domain: the round's wanted domains first, then others,
/// then those naming none; mines most dotted first within each.
pub fn grouped(mut items: Vec<LiveContribution>, wanted: &[i64]) -> Vec<DomainGroup> {
    items.sort_by_key(|c| {
        (
            c.kind != ContributionKind::Mine,
            std::cmp::Reverse(c.dots),
            c.id,
        )
    });
    let mut groups: Vec<DomainGroup> = Vec::new();
    for item in items {
        let key = item.domain.as_ref().map(|d| d.id);
        match groups
            .iter_mut()
            .find(|g| g.domain.as_ref().map(|d| d.id) == key)
        {
            Some(group) => {
                group.items.push(item);
                group.total += 1;
            }
            None => groups.push(DomainGroup {
                domain: item.domain.clone(),
                items: vec![item],
                total: 1,
            }),
        }
    }
    groups.sort_by_key(|g| match &g.domain {
        Some(d) => (
            0,
            wanted.iter().position(|w| *w == d.id).unwrap_or(usize::MAX),
            d.id,
        ),
        None => (1, 0, 0),
    });
    groups
}

/// The phone: the current phase's single task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneView {
    pub header: WorkshopHeader,
    /// The caller's seat: the events naming it (a removal) concern them.
    pub participant_id: i64,
    pub me: String,
    pub guest: bool,
    /// The role card dealt to the caller.
    pub card: Option<DomainRef>,
    /// The caller's own contributions (all they see before the reveal).
    pub mine: Vec<LiveContribution>,
    /// Everyone's mines once revealed, most dotted first, duplicates
    /// folded into their card.
    pub mines: Vec<LiveContribution>,
    /// While ways around are sought: the mine the room is on.
    pub focus: Option<LiveContribution>,
    /// The workarounds proposed so far to the mine in focus.
    pub focus_answers: Vec<LiveContribution>,
    pub dots_allowed: u32,
    pub dots_left: u32,
    /// The round's wanted domains first, then the organisation's others.
    pub domains: Vec<DomainRef>,
    /// An author of the idea: triages, does not post mines.
    pub is_author: bool,
    /// A fresh key for the post form (a retry sends the same).
    pub request_id: String,
}

/// Someone who has written during silent writing (never what).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writer {
    pub name: String,
    pub guest: bool,
}

/// How many posts one domain (or none) received so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCount {
    pub domain: Option<DomainRef>,
    pub posts: u32,
}

/// Silent writing as the room may see it: who has written and how many
/// posts each domain received, never a text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilentTally {
    /// The first [`WRITERS_SHOWN`] to write, in the order they first wrote.
    pub writers: Vec<Writer>,
    /// Everyone who wrote.
    pub writer_count: u32,
    /// The round's wanted domains first (even at zero), then the others
    /// that received posts, then posts naming none.
    pub per_domain: Vec<DomainCount>,
}

/// How many writers the silent tally names; a larger room is counted
/// instead (a list longer than the wall helps nobody).
pub const WRITERS_SHOWN: usize = 40;

/// The projector board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    pub header: WorkshopHeader,
    /// Shown while joining is open.
    pub join: Option<JoinInfo>,
    /// Before the reveal: who has written, posts per domain.
    pub tally: Option<SilentTally>,
    /// From the reveal on: contributions by domain, dots counted (the
    /// page shown, when they are more than one screen holds).
    pub groups: Vec<DomainGroup>,
    /// While ways around are sought and during the triage: the mine the
    /// console put in focus.
    pub focus: Option<LiveContribution>,
    /// The workarounds proposed so far to the mine in focus.
    pub focus_answers: Vec<LiveContribution>,
    /// The page shown, from 0, of `pages` (at least 1).
    pub page: u32,
    pub pages: u32,
    /// Once ended, the cards among `groups` beyond the page on screen:
    /// printed only, so that the board on paper holds every card.
    pub print_only: Vec<i64>,
}

/// How to join: the code, the address and its QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinInfo {
    pub code: String,
    pub url: String,
    /// An `<svg>` element, rendered on the server.
    pub qr_svg: String,
}

/// Someone in the room, for the console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    pub id: i64,
    pub name: String,
    pub guest: bool,
    pub card: Option<DomainRef>,
    pub removed: bool,
}

/// The facilitator console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub header: WorkshopHeader,
    pub code: Option<String>,
    pub joining_open: bool,
    /// This device holds the console; otherwise it may take it over.
    pub holds_console: bool,
    /// The facilitator has a seat in the room (else « Vue téléphone » leads
    /// to joining first, not to a refusal).
    pub seated: bool,
    pub dots: u32,
    pub cards_dealt: bool,
    pub round_domains: Vec<DomainRef>,
    pub participants: Vec<ParticipantRow>,
    /// Before the reveal: who has written, posts per domain.
    pub tally: Option<SilentTally>,
    pub groups: Vec<DomainGroup>,
    /// The mine the board shows in focus during the triage.
    pub board_focus: Option<i64>,
    /// The board's page, from 0, of `board_pages`.
    pub board_page: u32,
    pub board_pages: u32,
    /// Mines not triaged yet (the round closes once none is left).
    pub untriaged: u32,
}

/// The join page: what a code leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinTarget {
    pub code: String,
    /// The caller's name when signed in (they join with their account).
    pub member: Option<String>,
}

/// The most cards the board shows on one screen; beyond, it pages.
pub const BOARD_MAX_CARDS: usize = 60;

/// How large the board's cards are: the more there are, the smaller their
/// type and the shorter their visible text, so that all of them fit on one
/// screen (the style sheet sizes each in viewport units, never below
/// 18 px on a 1080-pixel-high screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardDensity {
    Roomy,
    Medium,
    Dense,
}

impl BoardDensity {
    pub fn for_cards(cards: usize) -> BoardDensity {
        match cards {
            0..=12 => BoardDensity::Roomy,
            13..=30 => BoardDensity::Medium,
            _ => BoardDensity::Dense,
        }
    }

    /// The style sheet's class for it.
    pub fn class(self) -> &'static str {
        match self {
            BoardDensity::Roomy => "board-roomy",
            BoardDensity::Medium => "board-medium",
            BoardDensity::Dense => "board-dense",
        }
    }
}

/// A contribution in a workshop's record (« compte rendu »).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEntry {
    pub id: i64,
    pub kind: ContributionKind,
    pub severity: Option<Severity>,
    pub domain: Option<DomainRef>,
    /// Empty when hidden.
    pub body: String,
    pub author: String,
    pub author_guest: bool,
    /// Hidden by moderation: listed as such, without its text.
    pub hidden: bool,
    /// Dots placed on it in the workshop's vote.
    pub dots: u32,
    /// The mine a workaround answers.
    pub answers: Option<i64>,
    /// The mine this one was grouped under, as saying the same thing.
    pub grouped_under: Option<i64>,
    /// A mine's triage, once decided (none said of a hidden one).
    pub triage: Option<TriageView>,
}

/// A mine of the record and the workarounds proposed for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMine {
    pub mine: RecordEntry,
    /// The mines grouped under it as saying the same thing, each with its
    /// own text and writer (their dots are counted in the mine's).
    pub duplicates: Vec<RecordEntry>,
    /// Oldest first.
    pub workarounds: Vec<RecordEntry>,
}

/// The mines of one domain (or of none), most dotted first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDomain {
    /// `None`: mines naming no domain.
    pub domain: Option<DomainRef>,
    pub mines: Vec<RecordMine>,
}

/// The contributions of one other kind (questions, resources…), oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordKind {
    pub kind: ContributionKind,
    pub items: Vec<RecordEntry>,
}

/// What a revealed round left in the record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordContent {
    /// By domain: the round's wanted domains first, then the others, then
    /// mines naming none.
    pub mines: Vec<RecordDomain>,
    /// Workarounds answering no mine of the round, oldest first.
    pub workarounds: Vec<RecordEntry>,
    /// Questions first, then the other kinds.
    pub others: Vec<RecordKind>,
}

/// A workshop's record: what everyone leaves the room with, guests
/// included. Nothing of the contributions before the round is revealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopRecord {
    pub workshop_id: i64,
    pub idea_id: i64,
    pub title: String,
    /// The idea's problem, as the round's version states it.
    pub problem: String,
    pub round_number: i32,
    pub focus: String,
    /// The day the workshop was held, in France: `29/11/2026`.
    pub date: String,
    pub ended: bool,
    /// People in the room (those removed are not counted).
    pub participants: u32,
    /// How many contributions arrived (all that is said before the reveal).
    pub contributions: u32,
    /// `None` until the round is revealed.
    pub content: Option<RecordContent>,
    /// The reader is a member: the idea's page is theirs to open.
    pub member: bool,
}

/// A revealed round's contributions as the record lists them: mines by
/// domain (the domains in `order` first, in that order, then any other by
/// id, then mines naming none), most dotted first, each with the
/// workarounds answering it; the workarounds answering no mine listed; then
/// the other kinds, questions first.
pub fn arrange(mut entries: Vec<RecordEntry>, order: &[i64]) -> RecordContent {
    entries.sort_by_key(|e| e.id);
    let (mines, rest): (Vec<RecordEntry>, Vec<RecordEntry>) = entries
        .into_iter()
        .partition(|e| e.kind == ContributionKind::Mine);
    let heads: Vec<i64> = mines
        .iter()
        .filter(|m| m.grouped_under.is_none())
        .map(|m| m.id)
        .collect();
    let (duplicates, mines): (Vec<RecordEntry>, Vec<RecordEntry>) = mines
        .into_iter()
        .partition(|m| m.grouped_under.is_some_and(|h| heads.contains(&h)));
    let mut mines: Vec<RecordMine> = mines
        .into_iter()
        .map(|mine| RecordMine {
            mine,
            duplicates: Vec::new(),
            workarounds: Vec::new(),
        })
        .collect();
    for duplicate in duplicates {
        if let Some(group) = mines
            .iter_mut()
            .find(|m| Some(m.mine.id) == duplicate.grouped_under)
        {
            group.mine.dots += duplicate.dots;
            group.mine.severity = most_severe(group.mine.severity, duplicate.severity);
            group.duplicates.push(duplicate);
        }
    }
    let mut loose: Vec<RecordEntry> = Vec::new();
    let mut others: Vec<RecordKind> = Vec::new();
    for entry in rest {
        let kind = entry.kind;
        if kind == ContributionKind::Workaround {
            // A way around a duplicate answers its group.
            let answered = entry.answers.and_then(|id| {
                mines
                    .iter()
                    .position(|m| m.mine.id == id || m.duplicates.iter().any(|d| d.id == id))
            });
            match answered {
                Some(at) => mines[at].workarounds.push(entry),
                None => loose.push(entry),
            }
            continue;
        }
        match others.iter_mut().find(|g| g.kind == kind) {
            Some(group) => group.items.push(entry),
            None => others.push(RecordKind {
                kind,
                items: vec![entry],
            }),
        }
    }
    // The kinds in their declared order: questions come first.
    others.sort_by_key(|g| g.kind);
    mines.sort_by_key(|m| (std::cmp::Reverse(m.mine.dots), m.mine.id));
    let mut groups: Vec<RecordDomain> = Vec::new();
    for mine in mines {
        let key = mine.mine.domain.as_ref().map(|d| d.id);
        match groups
            .iter_mut()
            .find(|g| g.domain.as_ref().map(|d| d.id) == key)
        {
            Some(group) => group.mines.push(mine),
            None => groups.push(RecordDomain {
                domain: mine.mine.domain.clone(),
                mines: vec![mine],
            }),
        }
    }
    groups.sort_by_key(|g| match &g.domain {
        Some(d) => (
            0,
            order.iter().position(|o| *o == d.id).unwrap_or(usize::MAX),
            d.id,
        ),
        None => (1, 0, 0),
    });
    RecordContent {
        mines: groups,
        workarounds: loose,
        others,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_cards_make_denser_boards() {
        assert_eq!(BoardDensity::for_cards(0), BoardDensity::Roomy);
        assert_eq!(BoardDensity::for_cards(12), BoardDensity::Roomy);
        assert_eq!(BoardDensity::for_cards(13), BoardDensity::Medium);
        assert_eq!(BoardDensity::for_cards(30), BoardDensity::Medium);
        assert_eq!(
            BoardDensity::for_cards(BOARD_MAX_CARDS),
            BoardDensity::Dense
        );
    }

    fn entry(id: i64, kind: ContributionKind, domain: Option<i64>, dots: u32) -> RecordEntry {
        RecordEntry {
            id,
            kind,
            severity: None,
            domain: domain.map(|id| DomainRef {
                id,
                name: format!("Domaine {id}"),
            }),
            body: format!("Texte {id}"),
            author: "Lou".into(),
            author_guest: true,
            hidden: false,
            dots,
            answers: None,
            grouped_under: None,
            triage: None,
        }
    }

    fn answering(id: i64, mine: Option<i64>) -> RecordEntry {
        RecordEntry {
            answers: mine,
            ..entry(id, ContributionKind::Workaround, None, 0)
        }
    }

    #[test]
    fn the_record_lists_mines_by_domain_most_dotted_first() {
        use crate::domain::rounds::ContributionKind::Mine;
        let entries = vec![
            entry(1, Mine, Some(3), 1),
            entry(2, Mine, Some(1), 0),
            entry(3, Mine, None, 5),
            entry(4, Mine, Some(1), 4),
            entry(5, Mine, Some(9), 2),
            entry(6, Mine, Some(1), 4),
        ];
        // Domain 1 is the round's; 3 comes next in the organisation's order.
        let got = arrange(entries, &[1, 3]);
        let layout: Vec<(Option<i64>, Vec<i64>)> = got
            .mines
            .iter()
            .map(|g| {
                let ids = g.mines.iter().map(|m| m.mine.id).collect();
                (g.domain.as_ref().map(|d| d.id), ids)
            })
            .collect();
        assert_eq!(
            layout,
            [
                (Some(1), vec![4, 6, 2]),
                (Some(3), vec![1]),
                (Some(9), vec![5]),
                (None, vec![3]),
            ]
        );
        assert!(got.workarounds.is_empty() && got.others.is_empty());
    }

    #[test]
    fn a_workaround_goes_under_the_mine_it_answers_the_others_apart() {
        use crate::domain::rounds::ContributionKind::Mine;
        let entries = vec![
            answering(7, Some(2)),
            entry(2, Mine, Some(1), 0),
            answering(5, Some(2)),
            // A mine of another round, or none: listed on their own.
            answering(6, Some(99)),
            answering(8, None),
        ];
        let got = arrange(entries, &[]);
        let under: Vec<i64> = got.mines[0].mines[0]
            .workarounds
            .iter()
            .map(|w| w.id)
            .collect();
        assert_eq!(under, [5, 7]);
        let loose: Vec<i64> = got.workarounds.iter().map(|w| w.id).collect();
        assert_eq!(loose, [6, 8]);
    }

    #[test]
    fn questions_come_before_the_other_kinds() {
        use crate::domain::rounds::ContributionKind::{AllClear, HelpOffer, Question, Resource};
        let entries = vec![
            entry(1, AllClear, Some(1), 0),
            entry(2, Resource, None, 0),
            entry(3, Question, None, 0),
            entry(4, HelpOffer, Some(2), 0),
            entry(5, Question, None, 0),
        ];
        let got = arrange(entries, &[]);
        let kinds: Vec<(ContributionKind, Vec<i64>)> = got
            .others
            .iter()
            .map(|g| (g.kind, g.items.iter().map(|e| e.id).collect()))
            .collect();
        assert_eq!(
            kinds,
            [
                (Question, vec![3, 5]),
                (Resource, vec![2]),
                (HelpOffer, vec![4]),
                (AllClear, vec![1]),
            ]
        );
        assert!(got.mines.is_empty());
    }

    #[test]
    fn a_group_lists_once_with_its_duplicates_their_dots_and_ways_around() {
        use crate::domain::rounds::ContributionKind::Mine;
        let entries = vec![
            entry(1, Mine, Some(1), 2),
            RecordEntry {
                grouped_under: Some(1),
                ..entry(2, Mine, Some(1), 3)
            },
            entry(3, Mine, Some(1), 4),
            answering(4, Some(2)),
        ];
        let got = arrange(entries, &[1]);
        let mines = &got.mines[0].mines;
        let ids: Vec<(i64, u32)> = mines.iter().map(|m| (m.mine.id, m.mine.dots)).collect();
        // The group's 5 dots put it first.
        assert_eq!(ids, [(1, 5), (3, 4)]);
        assert_eq!(mines[0].duplicates.len(), 1);
        assert_eq!(mines[0].duplicates[0].body, "Texte 2");
        assert_eq!(mines[0].workarounds[0].id, 4);
    }

    fn card(id: i64, domain: i64, dots: u32) -> LiveContribution {
        LiveContribution {
            id,
            kind: ContributionKind::Mine,
            severity: None,
            domain: Some(DomainRef {
                id: domain,
                name: format!("d{domain}"),
            }),
            body: format!("Texte {id}"),
            author: format!("Personne {id}"),
            author_guest: false,
            under_card: false,
            late: false,
            dots,
            my_dots: 0,
            triage: None,
            hidden_reason: None,
            answers: None,
            grouped_under: None,
            duplicates: Vec::new(),
        }
    }

    #[test]
    fn duplicates_fold_into_their_card_with_text_writer_and_dots() {
        let items = vec![
            card(1, 1, 1),
            LiveContribution {
                grouped_under: Some(1),
                severity: Some(Severity::Blocking),
                ..card(2, 1, 2)
            },
            // Its card is not among these (hidden since): a card again.
            LiveContribution {
                grouped_under: Some(9),
                ..card(3, 1, 0)
            },
            card(4, 2, 0),
        ];
        let cards = fold_duplicates(items);
        let ids: Vec<i64> = cards.iter().map(|c| c.id).collect();
        assert_eq!(ids, [1, 3, 4]);
        assert_eq!(cards[0].dots, 3);
        // The group is as severe as its gravest mine.
        assert_eq!(cards[0].severity, Some(Severity::Blocking));
        assert_eq!(
            cards[0].duplicates,
            [Duplicate {
                id: 2,
                body: "Texte 2".into(),
                author: "Personne 2".into(),
                author_guest: false,
            }]
        );
        // Same idea as 1: the other visible mines of its domain only.
        let offered: Vec<i64> = same_idea_candidates(&cards, 1)
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(offered, [3]);
        assert!(same_idea_candidates(&cards, 77).is_empty());
    }
}
