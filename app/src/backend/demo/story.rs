//! What the demo story is made of: people, ideas, rounds, what was said
//! and how the authors answered. Plain data (`people.rs`, `ideas.rs`);
//! `telling.rs` walks it through the services.

use crate::domain::rounds::{ContributionKind, Outcome, Severity};

/// Someone of the organisation: name, service and the domains they hold
/// (by their default names).
pub struct Person {
    pub name: &'static str,
    pub email: &'static str,
    pub service: &'static str,
    pub domains: &'static [&'static str],
    pub away: Away,
}

/// Where someone stands in the directory.
#[derive(Clone, Copy)]
pub enum Away {
    Available,
    Busy,
    /// Away for this many days from the end of the story.
    ForDays(i64),
}

/// Who said something: an index in `PEOPLE`, or a guest of the workshop
/// (an index in its `guests`).
#[derive(Clone, Copy)]
pub enum Who {
    Person(usize),
    Guest(usize),
}

/// A contribution.
pub struct Said {
    pub by: Who,
    pub kind: ContributionKind,
    pub domain: Option<&'static str>,
    pub severity: Option<Severity>,
    pub body: &'static str,
}

/// The author's answer to a mine, in the order the round's mines were said.
pub enum Answer {
    /// Defused by the workaround said at this index of the round.
    DefusedBy(usize),
    /// Defused by a way around the author writes.
    Defused(&'static str),
    Accepted(&'static str),
    /// To investigate: the action, who, in how many days.
    Investigate(&'static str, &'static str, i64),
    Dismissed(&'static str),
}

/// How far a round went.
pub enum Course {
    /// Still silent: its deadline is a few days after the story's end.
    Silent,
    /// Revealed; the author has not answered yet.
    Revealed,
    /// Answered and closed with a synthesis and, maybe, a next step.
    Closed {
        synthesis: &'static str,
        next_step: &'static str,
    },
}

/// A round of démining: its question and domains, online (`workshop`
/// `None`) or live in a workshop with these guests.
pub struct Round {
    /// When it opens, in days after the idea was posted.
    pub day: i64,
    pub focus: &'static str,
    pub domains: &'static [&'static str],
    pub workshop: Option<&'static [&'static str]>,
    pub said: &'static [Said],
    pub answers: &'static [Answer],
    pub course: Course,
}

/// An idea and how far it went.
pub struct Idea {
    pub author: usize,
    /// When it was posted, in days before the story's end.
    pub days_ago: i64,
    /// Still a draft: only its author sees it.
    pub draft: bool,
    pub title: &'static str,
    pub problem: &'static str,
    pub proposal: &'static str,
    pub beneficiaries: &'static str,
    pub help_sought: &'static str,
    pub tags: &'static str,
    pub rounds: &'static [Round],
    pub outcome: Option<(Outcome, &'static str)>,
}

/// A name under which the innovation mission filed mines met more than
/// once: (idea, said index) of each, and whether the first way around is
/// marked as proven.
pub struct Known {
    pub name: &'static str,
    pub mines: &'static [(usize, usize)],
    pub proven: bool,
}

pub const fn person(i: usize) -> Who {
    Who::Person(i)
}

pub const fn guest(i: usize) -> Who {
    Who::Guest(i)
}

pub const fn mine(by: Who, domain: &'static str, severity: Severity, body: &'static str) -> Said {
    Said {
        by,
        kind: ContributionKind::Mine,
        domain: Some(domain),
        severity: Some(severity),
        body,
    }
}

pub const fn all_clear(by: Who, domain: &'static str, body: &'static str) -> Said {
    Said {
        by,
        kind: ContributionKind::AllClear,
        domain: Some(domain),
        severity: None,
        body,
    }
}

/// A workaround, a question or a help offer: no domain.
pub const fn said(by: Who, kind: ContributionKind, body: &'static str) -> Said {
    Said {
        by,
        kind,
        domain: None,
        severity: None,
        body,
    }
}
