//! What the projector board shows beyond the phase: one mine in focus
//! during the triage, and, when the cards outnumber one screen, which page
//! of them. Both are chosen from the console; pure rules here.

use super::rounds::ContributionKind;
use super::workshop_views::{DomainGroup, LiveContribution, BOARD_MAX_CARDS};
use crate::i18n::Key;

/// The `focus` a form sends to show every card again (an empty value would
/// reach the server function as no value at all).
pub const NO_FOCUS: &str = "0";

/// A console's choice for the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardShow {
    /// This mine alone, large (`None`: every card again).
    Focus(Option<i64>),
    /// This page of the cards, from 0.
    Page(u32),
}

impl BoardShow {
    /// From the console's form: a `focus` field (a contribution's number,
    /// or [`NO_FOCUS`] to clear it), else a `page` counted from 1.
    pub fn from_form(focus: Option<&str>, page: Option<&str>) -> Result<BoardShow, Key> {
        match (focus.map(str::trim), page.map(str::trim)) {
            (Some(NO_FOCUS), _) => Ok(BoardShow::Focus(None)),
            (Some(id), _) => id
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(|id| BoardShow::Focus(Some(id)))
                .ok_or(Key::ErrInvalidChoice),
            (None, Some(page)) => page
                .parse::<u32>()
                .ok()
                .filter(|p| *p >= 1)
                .map(|p| BoardShow::Page(p - 1))
                .ok_or(Key::ErrInvalidChoice),
            (None, None) => Err(Key::ErrInvalidChoice),
        }
    }
}

/// How many screens `cards` take (at least one).
pub fn pages(cards: usize) -> u32 {
    cards.div_ceil(BOARD_MAX_CARDS).max(1) as u32
}

/// The cards of page `page` (from 0, kept within the pages there are),
/// still grouped by domain in the same order; returns the page shown.
pub fn page_of(groups: Vec<DomainGroup>, page: u32) -> (Vec<DomainGroup>, u32) {
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    let page = page.min(pages(total) - 1);
    let (from, to) = (
        page as usize * BOARD_MAX_CARDS,
        (page as usize + 1) * BOARD_MAX_CARDS,
    );
    let mut seen = 0;
    let mut shown = Vec::new();
    for group in groups {
        let len = group.items.len();
        let items: Vec<_> = group
            .items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| (from..to).contains(&(seen + i)))
            .map(|(_, item)| item)
            .collect();
        seen += len;
        if !items.is_empty() {
            shown.push(DomainGroup {
                domain: group.domain,
                items,
                total: group.total,
            });
        }
    }
    (shown, page)
}

/// The mines the triage may put in focus, in the order the room takes
/// them: most dotted first, then in the order they came (hidden ones and
/// other kinds of contribution never go on the board alone).
pub fn triage_order(groups: &[DomainGroup]) -> Vec<&LiveContribution> {
    let mut mines: Vec<&LiveContribution> = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|c| c.kind == ContributionKind::Mine && c.hidden_reason.is_none())
        .collect();
    mines.sort_by_key(|c| (std::cmp::Reverse(c.dots), c.id));
    mines
}

/// The mine after `current` in the triage's order (the first when none is
/// in focus), if any is left.
pub fn next_in_focus(groups: &[DomainGroup], current: Option<i64>) -> Option<i64> {
    let order = triage_order(groups);
    let at = match current {
        None => 0,
        Some(id) => order.iter().position(|c| c.id == id)? + 1,
    };
    order.get(at).map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::round_views::DomainRef;
    use crate::domain::rounds::ContributionKind;
    use crate::domain::workshop_views::LiveContribution;

    fn group(domain: i64, ids: std::ops::Range<i64>) -> DomainGroup {
        DomainGroup {
            total: ids.clone().count(),
            domain: Some(DomainRef {
                id: domain,
                name: format!("d{domain}"),
            }),
            items: ids
                .map(|id| LiveContribution {
                    id,
                    kind: ContributionKind::Mine,
                    severity: None,
                    domain: None,
                    body: String::new(),
                    author: String::new(),
                    author_guest: false,
                    under_card: false,
                    late: false,
                    dots: 0,
                    my_dots: 0,
                    triage: None,
                    hidden_reason: None,
                    answers: None,
                    grouped_under: None,
                    duplicates: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_triage_goes_from_the_most_dotted_mine_down() {
        let mut groups = vec![group(1, 1..4), group(2, 4..7)];
        groups[1].items[1].dots = 5; // #5
        groups[0].items[2].dots = 2; // #3
        groups[0].items[0].kind = ContributionKind::Question; // #1
        groups[1].items[2].hidden_reason = Some("hors sujet".into()); // #6
        let order: Vec<i64> = triage_order(&groups).iter().map(|c| c.id).collect();
        assert_eq!(order, [5, 3, 2, 4]);
        assert_eq!(next_in_focus(&groups, None), Some(5));
        assert_eq!(next_in_focus(&groups, Some(5)), Some(3));
        assert_eq!(next_in_focus(&groups, Some(4)), None);
        // A mine hidden while in focus: no next one guessed.
        assert_eq!(next_in_focus(&groups, Some(6)), None);
    }

    #[test]
    fn the_console_form_says_focus_or_page() {
        assert_eq!(
            BoardShow::from_form(Some("12"), None),
            Ok(BoardShow::Focus(Some(12)))
        );
        assert_eq!(
            BoardShow::from_form(Some(NO_FOCUS), Some("2")),
            Ok(BoardShow::Focus(None))
        );
        assert_eq!(
            BoardShow::from_form(None, Some("2")),
            Ok(BoardShow::Page(1))
        );
        for (focus, page) in [
            (Some("x"), None),
            (Some(""), None),
            (Some("-3"), None),
            (None, Some("0")),
            (None, None),
        ] {
            assert_eq!(
                BoardShow::from_form(focus, page),
                Err(Key::ErrInvalidChoice)
            );
        }
    }

    #[test]
    fn pages_hold_sixty_cards_in_domain_order() {
        assert_eq!((pages(0), pages(60), pages(61), pages(130)), (1, 1, 2, 3));
        let groups = vec![group(1, 0..50), group(2, 50..75)];
        let (first, at) = page_of(groups.clone(), 0);
        assert_eq!(at, 0);
        assert_eq!(
            first.iter().map(|g| g.items.len()).collect::<Vec<_>>(),
            [50, 10]
        );
        let (second, at) = page_of(groups.clone(), 1);
        assert_eq!(at, 1);
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].items.first().map(|c| c.id), Some(60));
        assert_eq!(second[0].items.len(), 15);
        // The domain's heading still counts all of it.
        assert_eq!((first[1].total, second[0].total), (25, 25));
        // A page past the end (cards hidden since) shows the last one.
        assert_eq!(page_of(groups, 7).1, 1);
    }
}
