//! The summary an idea page opens with: what this reader can do now, most
//! pressing first, from what the page already knows. Pure rules here; the
//! page words and links them.

use super::round_views::{RoundInfo, RoundsPanel};
use super::rounds::RoundStatus;

/// One thing the reader can do on the idea now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderAction {
    /// An author's draft: nobody sees it before it is published.
    Publish,
    /// The open round takes the reader's contributions.
    Contribute,
    /// An author: mines of the open round wait for their triage.
    Triage { round: i32, mines: u32 },
    /// An author: the open round writes in silence until it is revealed
    /// (here, not in a running workshop, whose console reveals it).
    Reveal { round: i32 },
    /// An author: every mine triaged, the round can close.
    Close { round: i32 },
    /// A live round: its workshop is where things happen.
    Workshop { round: i32 },
    /// An author: no round open on a published idea.
    OpenRound,
}

/// The open round, if any.
pub fn open_round(panel: &RoundsPanel) -> Option<&RoundInfo> {
    panel
        .rounds
        .iter()
        .map(|b| &b.info)
        .find(|i| i.status == RoundStatus::Open)
}

/// What the reader can do now; `draft` for an unpublished idea, whose
/// author's only step is publishing it.
pub fn reader_actions(panel: &RoundsPanel, draft: bool, can_edit: bool) -> Vec<ReaderAction> {
    if draft {
        return if can_edit {
            vec![ReaderAction::Publish]
        } else {
            Vec::new()
        };
    }
    let mut actions = Vec::new();
    let open = open_round(panel);
    if panel.can_contribute {
        actions.push(ReaderAction::Contribute);
    }
    if let Some(round) = open {
        let number = round.number;
        if round.workshop_running || round.mode == super::rounds::RoundMode::Live {
            actions.push(ReaderAction::Workshop { round: number });
        }
        if panel.is_author {
            match (round.revealed, round.untriaged) {
                (false, _) if !round.workshop_running => {
                    actions.push(ReaderAction::Reveal { round: number })
                }
                (true, 0) => actions.push(ReaderAction::Close { round: number }),
                (true, mines) => actions.push(ReaderAction::Triage {
                    round: number,
                    mines,
                }),
                _ => {}
            }
        }
    } else if panel.is_author && panel.published {
        actions.push(ReaderAction::OpenRound);
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::maturity::Stage;
    use crate::domain::maturity_rule::Maturity;
    use crate::domain::round_views::RoundBlock;
    use crate::domain::rounds::RoundMode;

    fn round(status: RoundStatus, revealed: bool, untriaged: u32) -> RoundBlock {
        RoundBlock {
            info: RoundInfo {
                id: 1,
                number: 2,
                version: 1,
                focus: String::new(),
                mode: RoundMode::Async,
                status,
                deadline: None,
                deadline_input: None,
                revealed,
                workshop_running: false,
                workshop_record: None,
                wanted: Vec::new(),
                invited: Vec::new(),
                contribution_count: None,
                untriaged,
                synthesis: String::new(),
                next_step: String::new(),
                opened: String::new(),
            },
            contributions: Vec::new(),
            page: 1,
            page_count: 1,
            expanded: false,
        }
    }

    fn panel(rounds: Vec<RoundBlock>, is_author: bool, can_contribute: bool) -> RoundsPanel {
        RoundsPanel {
            idea_id: 1,
            published: true,
            rounds,
            maturity: Maturity {
                stage: Stage::Seed,
                score: 0,
                met: Vec::new(),
                missing: Vec::new(),
            },
            outcome: None,
            outcome_note: String::new(),
            coverage: Vec::new(),
            domains: Vec::new(),
            my_domains: Vec::new(),
            is_author,
            can_moderate: false,
            can_contribute,
            timeline: Vec::new(),
            request_id: String::new(),
        }
    }

    #[test]
    fn a_draft_is_published_first_and_only_by_its_authors() {
        let p = panel(vec![], true, false);
        assert_eq!(reader_actions(&p, true, true), [ReaderAction::Publish]);
        assert!(reader_actions(&p, true, false).is_empty());
    }

    #[test]
    fn an_author_is_told_the_step_the_open_round_waits_for() {
        let silent = panel(vec![round(RoundStatus::Open, false, 0)], true, false);
        assert_eq!(
            reader_actions(&silent, false, true),
            [ReaderAction::Reveal { round: 2 }]
        );
        let to_triage = panel(vec![round(RoundStatus::Open, true, 3)], true, false);
        assert_eq!(
            reader_actions(&to_triage, false, true),
            [ReaderAction::Triage { round: 2, mines: 3 }]
        );
        let done = panel(vec![round(RoundStatus::Open, true, 0)], true, false);
        assert_eq!(
            reader_actions(&done, false, true),
            [ReaderAction::Close { round: 2 }]
        );
        let none_open = panel(vec![round(RoundStatus::Closed, true, 0)], true, false);
        assert_eq!(
            reader_actions(&none_open, false, true),
            [ReaderAction::OpenRound]
        );
    }

    #[test]
    fn a_colleague_contributes_or_has_nothing_to_do() {
        let open = panel(vec![round(RoundStatus::Open, false, 0)], false, true);
        assert_eq!(
            reader_actions(&open, false, false),
            [ReaderAction::Contribute]
        );
        let closed = panel(vec![round(RoundStatus::Closed, true, 0)], false, false);
        assert!(reader_actions(&closed, false, false).is_empty());
    }
}
