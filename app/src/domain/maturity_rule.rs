//! The maturity rule (PRODUCT.md, "Maturity"): an idea's stage and its
//! 0-100 score, derived from the evidence its rounds gathered, never typed
//! in, with every criterion met or missing so the UI can say why.
//!
//! - **Sketch**: the problem, the proposal and the beneficiaries are written,
//!   and one round is closed.
//! - **Demined**: a Sketch, with at least N domains covered (N set per
//!   organisation, 4 by default) by someone who holds the domain, no mine left
//!   untriaged, and no blocking mine left neither defused nor accepted.
//! - **Ready**: Demined, with a help offer or a co-author, and a next step.
//!
//! The score adds the weights of the criteria met (coverage counts in
//! proportion to N). Triage criteria count once a round is closed: before
//! that there is nothing to triage, and an empty round must not look
//! mature. Outcomes (launched, parked, dropped) are the authors' choice and
//! sit beside the stage; they do not change it.

use super::maturity::Stage;
use serde::{Deserialize, Serialize};

/// N when the organisation sets nothing.
pub const DEFAULT_DOMAINS_NEEDED: u32 = 4;

/// What the rule reads from an idea and its rounds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub has_problem: bool,
    pub has_proposal: bool,
    pub has_beneficiaries: bool,
    pub closed_rounds: u32,
    /// Distinct domains with a mine or an all-clear from someone who holds
    /// the domain in their profile (guests and role cards do not count).
    pub covered_domains: u32,
    pub untriaged_mines: u32,
    /// Blocking mines neither defused nor accepted.
    pub open_blocking_mines: u32,
    pub has_help_offer_or_coauthor: bool,
    pub has_next_step: bool,
}

/// One criterion of the rule, as the checklist shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    Problem,
    Proposal,
    Beneficiaries,
    ClosedRound,
    DomainsCovered { covered: u32, needed: u32 },
    EveryMineTriaged,
    NoOpenBlockingMine,
    HelpOfferOrCoauthor,
    NextStep,
}

impl Criterion {
    /// Its weight in the score (they add up to 100 with full coverage).
    fn weight(self) -> u32 {
        match self {
            Criterion::Problem | Criterion::Proposal | Criterion::Beneficiaries => 10,
            Criterion::ClosedRound | Criterion::EveryMineTriaged => 10,
            Criterion::DomainsCovered { .. } => 30,
            Criterion::NoOpenBlockingMine => 5,
            Criterion::HelpOfferOrCoauthor => 8,
            Criterion::NextStep => 7,
        }
    }
}

/// The stage, the score and the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maturity {
    pub stage: Stage,
    pub score: u8,
    pub met: Vec<Criterion>,
    pub missing: Vec<Criterion>,
}

/// Applies the rule with N = `domains_needed` (at least 1).
pub fn assess(evidence: &Evidence, domains_needed: u32) -> Maturity {
    let needed = domains_needed.max(1);
    let triage_counts = evidence.closed_rounds > 0;
    let checks = [
        (Criterion::Problem, evidence.has_problem),
        (Criterion::Proposal, evidence.has_proposal),
        (Criterion::Beneficiaries, evidence.has_beneficiaries),
        (Criterion::ClosedRound, evidence.closed_rounds > 0),
        (
            Criterion::DomainsCovered {
                covered: evidence.covered_domains,
                needed,
            },
            evidence.covered_domains >= needed,
        ),
        (
            Criterion::EveryMineTriaged,
            triage_counts && evidence.untriaged_mines == 0,
        ),
        (
            Criterion::NoOpenBlockingMine,
            triage_counts && evidence.open_blocking_mines == 0,
        ),
        (
            Criterion::HelpOfferOrCoauthor,
            evidence.has_help_offer_or_coauthor,
        ),
        (Criterion::NextStep, evidence.has_next_step),
    ];
    let met_all = |range: std::ops::Range<usize>| checks[range].iter().all(|(_, ok)| *ok);
    let stage = if !met_all(0..4) {
        Stage::Seed
    } else if !met_all(4..7) {
        Stage::Sketch
    } else if !met_all(7..9) {
        Stage::Demined
    } else {
        Stage::Ready
    };
    let coverage = 30 * evidence.covered_domains.min(needed) / needed;
    let score: u32 = checks
        .iter()
        .map(|(criterion, ok)| match criterion {
            Criterion::DomainsCovered { .. } => coverage,
            other if *ok => other.weight(),
            _ => 0,
        })
        .sum();
    let (met, missing): (Vec<_>, Vec<_>) = checks.iter().partition(|(_, ok)| *ok);
    Maturity {
        stage,
        score: score.min(100) as u8,
        met: met.into_iter().map(|(c, _)| c).collect(),
        missing: missing.into_iter().map(|(c, _)| c).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketch() -> Evidence {
        Evidence {
            has_problem: true,
            has_proposal: true,
            has_beneficiaries: true,
            closed_rounds: 1,
            untriaged_mines: 1,
            ..Default::default()
        }
    }

    fn demined() -> Evidence {
        Evidence {
            covered_domains: 4,
            untriaged_mines: 0,
            ..sketch()
        }
    }

    #[test]
    fn a_new_idea_is_a_seed_with_a_small_score() {
        let fresh = Evidence {
            has_problem: true,
            ..Default::default()
        };
        let m = assess(&fresh, DEFAULT_DOMAINS_NEEDED);
        assert_eq!((m.stage, m.score), (Stage::Seed, 10));
        assert!(m.missing.contains(&Criterion::ClosedRound));
        assert_eq!(m.met, [Criterion::Problem]);
    }

    #[test]
    fn every_stage_is_reached_from_its_evidence() {
        assert_eq!(assess(&sketch(), 4).stage, Stage::Sketch);
        assert_eq!(assess(&demined(), 4).stage, Stage::Demined);
        let ready = Evidence {
            has_help_offer_or_coauthor: true,
            has_next_step: true,
            ..demined()
        };
        let m = assess(&ready, 4);
        assert_eq!((m.stage, m.score), (Stage::Ready, 100));
        assert!(m.missing.is_empty());
    }

    #[test]
    fn n_is_set_per_organisation() {
        let three = Evidence {
            covered_domains: 3,
            ..demined()
        };
        assert_eq!(assess(&three, 4).stage, Stage::Sketch);
        assert_eq!(assess(&three, 3).stage, Stage::Demined);
        assert!(assess(&three, 4)
            .missing
            .contains(&Criterion::DomainsCovered {
                covered: 3,
                needed: 4
            }));
    }

    #[test]
    fn an_untriaged_or_open_blocking_mine_never_raises_the_stage() {
        for base in [sketch(), demined()] {
            let before = assess(&base, 4);
            for worse in [
                Evidence {
                    untriaged_mines: base.untriaged_mines + 1,
                    ..base.clone()
                },
                Evidence {
                    open_blocking_mines: base.open_blocking_mines + 1,
                    ..base.clone()
                },
            ] {
                let after = assess(&worse, 4);
                assert!(after.stage <= before.stage && after.score <= before.score);
            }
        }
    }

    #[test]
    fn triaging_never_lowers_the_stage_or_the_score() {
        for untriaged in 0..4 {
            for blocking in 0..3 {
                for covered in 0..6 {
                    let before = Evidence {
                        covered_domains: covered,
                        untriaged_mines: untriaged + 1,
                        open_blocking_mines: blocking,
                        ..sketch()
                    };
                    // Triaging one mine: either it defuses a blocking mine or not.
                    for defuses_blocking in [false, true] {
                        let after = Evidence {
                            untriaged_mines: untriaged,
                            open_blocking_mines: if defuses_blocking {
                                blocking.saturating_sub(1)
                            } else {
                                blocking
                            },
                            ..before.clone()
                        };
                        let (b, a) = (assess(&before, 4), assess(&after, 4));
                        assert!(a.stage >= b.stage && a.score >= b.score, "{before:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_empty_round_does_not_look_mature() {
        let no_round = Evidence {
            closed_rounds: 0,
            untriaged_mines: 0,
            ..sketch()
        };
        let m = assess(&no_round, 4);
        assert_eq!(m.stage, Stage::Seed);
        assert!(m.missing.contains(&Criterion::EveryMineTriaged));
        assert_eq!(m.score, 30);
    }
}
