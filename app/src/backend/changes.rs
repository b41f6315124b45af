//! What a write changed, said once in the domain's terms, and everything
//! that follows from it derived here: the live event a running workshop's
//! console, board and phones hear, the in-app notifications, and the
//! e-mail that says them (`backend::mail::notices`). A service records the
//! change in its own write ([`Write::record`]); it never writes an event or
//! a notification itself, so a new write cannot forget a consequence, and
//! a reader finds who is told what in one place.
//!
//! A workshop's own changes (a phone's post, a phase, the timer…) are its
//! numbered events (`workshops::events::bump`); these are the changes of a
//! round made from the idea's pages or by the deadline job.

use crate::backend::ctx::Write;
use crate::backend::entities::{idea, round};
use crate::backend::notifications::{notify, About};
use crate::backend::rounds::counts::waiting_for_authors;
use crate::backend::rounds::people::{asked_to, authors_by_id, writers_in, writers_on};
use crate::backend::store::{Op, StoreError};
use crate::backend::workshops::error::WorkshopError;
use crate::backend::workshops::events::round_changed;
use crate::domain::live::EventKind;
use crate::domain::round_views::NotificationKind;
use crate::domain::rounds::RoundStatus;
use sea_orm::{EntityTrait, PaginatorTrait};

/// The round a change is about, as its consequences name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundRef {
    pub id: i64,
    pub number: i32,
    pub idea_id: i64,
    pub idea_author: i64,
}

impl RoundRef {
    pub fn of(round: &round::Model, idea: &idea::Model) -> RoundRef {
        RoundRef {
            id: round.id,
            number: round.number,
            idea_id: idea.id,
            idea_author: idea.author_id,
        }
    }
}

/// A change of a round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A workaround proposed on a revealed mine from the idea's page.
    Proposed { round: RoundRef },
    /// A mine answered by `by`, one of the idea's authors; its writers
    /// are told (the card's and its duplicates', not an author answering
    /// their own mine).
    Triaged {
        round: RoundRef,
        mine: i64,
        writers: Vec<i64>,
        by: i64,
    },
    /// A contribution hidden by a moderator.
    Hidden { round: RoundRef, contribution: i64 },
    /// Everyone's contributions shown, by `by` or at the deadline (`None`);
    /// everyone concerned but `by` is told.
    Revealed { round: RoundRef, by: Option<i64> },
    /// People newly asked to take part: by name, or as holders of the
    /// domain called.
    Asked {
        round: RoundRef,
        domain: Option<i64>,
        people: Vec<i64>,
    },
    /// The round closed with its synthesis: whoever wrote in it is told
    /// (the authors wrote the synthesis).
    Closed { round: RoundRef },
    /// A workshop started on the round, by `by`: everyone asked to the
    /// round is told, with its code.
    WorkshopStarted { round: RoundRef, by: i64 },
    /// The authors decided where the idea goes (launched, parked or
    /// dropped): whoever wrote in one of its rounds is told, with the
    /// lessons learned.
    Decided { idea_id: i64, idea_author: i64 },
}

impl Change {
    /// The round it is about; `None` for a change of the whole idea.
    pub fn round(&self) -> Option<RoundRef> {
        match self {
            Change::Proposed { round }
            | Change::Triaged { round, .. }
            | Change::Hidden { round, .. }
            | Change::Revealed { round, .. }
            | Change::Asked { round, .. }
            | Change::Closed { round }
            | Change::WorkshopStarted { round, .. } => Some(*round),
            Change::Decided { .. } => None,
        }
    }

    /// The idea it is about, and that idea's author.
    fn idea(&self) -> (i64, i64) {
        match self {
            Change::Decided {
                idea_id,
                idea_author,
            } => (*idea_id, *idea_author),
            Change::Proposed { round }
            | Change::Triaged { round, .. }
            | Change::Hidden { round, .. }
            | Change::Revealed { round, .. }
            | Change::Asked { round, .. }
            | Change::Closed { round }
            | Change::WorkshopStarted { round, .. } => (round.idea_id, round.idea_author),
        }
    }

    /// The event the round's workshops hear, with what it is about.
    pub fn live_event(&self) -> Option<(EventKind, Option<i64>)> {
        match self {
            Change::Proposed { .. } => Some((EventKind::Post, None)),
            Change::Triaged { mine, .. } => Some((EventKind::Triage, Some(*mine))),
            Change::Hidden { contribution, .. } => Some((EventKind::Hide, Some(*contribution))),
            Change::Revealed { .. } => Some((EventKind::Reveal, None)),
            Change::Asked { .. }
            | Change::Closed { .. }
            | Change::WorkshopStarted { .. }
            | Change::Decided { .. } => None,
        }
    }

    /// What the people told read about (the authors of a revealed round
    /// may read another: [`Change::told`]).
    pub fn notice(&self) -> Option<About> {
        let about = |kind| About {
            kind,
            idea_id: self.idea().0,
            round_number: self.round().map(|r| r.number),
            domain_id: None,
            contribution_id: None,
        };
        match self {
            Change::Proposed { .. } | Change::Hidden { .. } => None,
            Change::Triaged { mine, .. } => Some(About {
                contribution_id: Some(*mine),
                ..about(NotificationKind::MineTriaged)
            }),
            Change::Revealed { .. } => Some(about(NotificationKind::RoundRevealed)),
            Change::Asked { domain: None, .. } => Some(about(NotificationKind::RoundInvitation)),
            Change::Asked {
                domain: Some(domain),
                ..
            } => Some(About {
                domain_id: Some(*domain),
                ..about(NotificationKind::DomainCalled)
            }),
            Change::Closed { .. } => Some(about(NotificationKind::RoundClosed)),
            Change::WorkshopStarted { .. } => Some(about(NotificationKind::WorkshopStarted)),
            Change::Decided { .. } => Some(about(NotificationKind::IdeaOutcome)),
        }
    }

    /// Who is told what, read in the write. A revealed round's authors are
    /// told what they have to answer, when there is something; everyone
    /// else concerned, that it is revealed.
    async fn told(&self, write: &Write<'_>) -> Result<Vec<(About, Vec<i64>)>, StoreError> {
        let Some(about) = self.notice() else {
            return Ok(Vec::new());
        };
        let (idea_id, idea_author) = self.idea();
        let people = match self {
            Change::Proposed { .. } | Change::Hidden { .. } => Vec::new(),
            Change::Triaged { writers, by, .. } => told_unless(writers.clone(), &[*by]),
            Change::Revealed { round, by } => {
                let authors = authors_by_id(write, idea_id, idea_author).await?;
                let writers = told_unless(writers_in(write, round.id).await?, &authors);
                // A round closed or cancelled past its deadline is revealed
                // on its way out: nothing to answer there any more.
                let still_open = round::Entity::find_by_id(round.id)
                    .one(write)
                    .await
                    .op("changes: read revealed round")?
                    .is_some_and(|r| r.status == RoundStatus::Open);
                let waiting = if still_open {
                    waiting_for_authors(round.id)
                        .count(write)
                        .await
                        .op("changes: count what waits for the authors")?
                } else {
                    0
                };
                let to_answer = if waiting > 0 {
                    About {
                        kind: NotificationKind::MinesToAnswer,
                        ..about
                    }
                } else {
                    about
                };
                return Ok(vec![
                    (to_answer, told_unless(authors, by.as_slice())),
                    (about, told_unless(writers, by.as_slice())),
                ]);
            }
            Change::Asked { people, .. } => people.clone(),
            Change::Closed { round } => {
                let authors = authors_by_id(write, idea_id, idea_author).await?;
                told_unless(writers_in(write, round.id).await?, &authors)
            }
            Change::WorkshopStarted { round, by } => {
                let authors = authors_by_id(write, idea_id, idea_author).await?;
                told_unless(asked_to(write, round.id, &authors).await?, &[*by])
            }
            Change::Decided { .. } => {
                let authors = authors_by_id(write, idea_id, idea_author).await?;
                told_unless(writers_on(write, idea_id).await?, &authors)
            }
        };
        Ok(vec![(about, people)])
    }
}

/// `people` but those in `not`.
fn told_unless(mut people: Vec<i64>, not: &[i64]) -> Vec<i64> {
    people.retain(|p| !not.contains(p));
    people
}

impl Write<'_> {
    /// Records `change` in this write: its workshops' event at once, its
    /// notifications and e-mail when the write commits. Rolled back with
    /// the write; heard by the views when it commits. Record before touching the round's rows when a console
    /// may be running (a workshop's row first: the lock order of every
    /// workshop write); a reveal records after claiming the round, which
    /// only happens with no console running (`course::reveal` refuses).
    pub async fn record(&self, change: Change) -> Result<(), StoreError> {
        if let (Some(round), Some((kind, subject))) = (change.round(), change.live_event()) {
            round_changed(self, round.id, kind, subject)
                .await
                .map_err(|err| match err {
                    WorkshopError::Store(err) => err,
                    // The workshops were read in this write: one cannot
                    // vanish before it is bumped.
                    other => StoreError::corrupt("record: bump workshop", other),
                })?;
        }
        if change.notice().is_some() {
            self.defer(change);
        }
        Ok(())
    }

    /// Tells the people each change recorded in this write concerns, in
    /// the app and by e-mail, just before it commits: who is told and what
    /// the messages say are read from the write's final state (a triage
    /// recorded before its answer is written is mailed with the answer).
    pub(crate) async fn tell_recorded(&self) -> Result<(), StoreError> {
        for change in self.take_recorded() {
            for (about, people) in change.told(self).await? {
                notify(self, self.now(), people.iter().copied(), about).await?;
                crate::backend::mail::notices::queue_for(self, &people, about).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUND: RoundRef = RoundRef {
        id: 7,
        number: 2,
        idea_id: 3,
        idea_author: 11,
    };

    #[test]
    fn a_hide_and_a_proposal_reach_the_room_and_tell_nobody() {
        let hidden = Change::Hidden {
            round: ROUND,
            contribution: 40,
        };
        assert_eq!(hidden.live_event(), Some((EventKind::Hide, Some(40))));
        assert!(hidden.notice().is_none());
        let proposed = Change::Proposed { round: ROUND };
        assert_eq!(proposed.live_event(), Some((EventKind::Post, None)));
        assert!(proposed.notice().is_none());
    }

    #[test]
    fn a_triage_tells_its_writer_about_that_mine() {
        let triaged = Change::Triaged {
            round: ROUND,
            mine: 40,
            writers: vec![5],
            by: 11,
        };
        assert_eq!(triaged.live_event(), Some((EventKind::Triage, Some(40))));
        let about = triaged.notice().expect("a notice");
        assert_eq!(about.kind, NotificationKind::MineTriaged);
        assert_eq!(about.contribution_id, Some(40));
        assert_eq!(about.round_number, Some(2));
    }

    #[test]
    fn asking_names_the_domain_when_one_was_called() {
        let called = Change::Asked {
            round: ROUND,
            domain: Some(9),
            people: vec![5],
        };
        let about = called.notice().expect("a notice");
        assert_eq!(about.kind, NotificationKind::DomainCalled);
        assert_eq!(about.domain_id, Some(9));
        assert!(called.live_event().is_none());
        let named = Change::Asked {
            round: ROUND,
            domain: None,
            people: vec![5],
        };
        let about = named.notice().expect("a notice");
        assert_eq!(about.kind, NotificationKind::RoundInvitation);
        assert_eq!(about.domain_id, None);
    }

    #[test]
    fn a_decision_is_about_the_idea_and_a_workshop_start_about_its_round() {
        let decided = Change::Decided {
            idea_id: 3,
            idea_author: 11,
        };
        assert!(decided.round().is_none());
        assert!(decided.live_event().is_none());
        let about = decided.notice().expect("a notice");
        assert_eq!(about.kind, NotificationKind::IdeaOutcome);
        assert_eq!((about.idea_id, about.round_number), (3, None));
        let started = Change::WorkshopStarted {
            round: ROUND,
            by: 11,
        };
        assert!(started.live_event().is_none(), "its own events say it");
        let about = started.notice().expect("a notice");
        assert_eq!(about.kind, NotificationKind::WorkshopStarted);
        assert_eq!(about.round_number, Some(2));
    }

    #[test]
    fn a_notice_kind_is_stored_as_its_word() {
        use sea_orm::ActiveEnum;
        for kind in NotificationKind::ALL {
            assert_eq!(kind.to_value(), kind.as_str());
        }
    }

    #[test]
    fn whoever_made_the_change_is_not_told_of_it() {
        assert_eq!(told_unless(vec![5, 11, 6], &[11]), vec![5, 6]);
        assert_eq!(told_unless(vec![11], &[11]), Vec::<i64>::new());
        assert_eq!(told_unless(vec![5, 6], &[]), vec![5, 6]);
    }
}
