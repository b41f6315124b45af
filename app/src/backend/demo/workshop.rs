//! The story's workshop: a live round held in a room, the author at the
//! console, colleagues and two guests on their phones writing in silence,
//! the reveal, the vote, the triage in the room, the end.

use super::story::{Round, Who};
use super::telling::{checked, key, Teller};
use crate::backend::ctx::Ctx;
use crate::backend::workshops::access::Caller;
use crate::backend::workshops::joining::{join, Joiner};
use crate::backend::workshops::{posting, reading, running};
use crate::domain::accounts::DisplayName;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshops::{Phase, Steps};
use crate::error::AppError;
use chrono::Duration;

/// The device holding the console (a session token nobody else has).
const CONSOLE: &str = "demo-story-console-of-the-workshop";
/// Where the room's phones come from (TEST-NET-1: no real address).
const ROOM_IP: &str = "192.0.2.10";

impl Teller<'_> {
    fn at_console(&self, author: usize) -> Ctx<'_> {
        self.as_person(author).on_device(CONSOLE)
    }

    /// Runs the workshop of a live round; the contributions' ids in the
    /// order said. The triage is done in the room, before the end.
    pub(super) async fn hold_workshop(
        &self,
        author: usize,
        round_id: i64,
        round: &Round,
        guests: &[&str],
    ) -> Result<Vec<i64>, AppError> {
        let console = self.at_console(author);
        let id = running::start(&console, round_id, Steps::default()).await?;
        let code = reading::console(&console, id)
            .await?
            .code
            .ok_or(AppError::NotFound)?;
        let mut seats: Vec<(Who, Caller)> = Vec::new();
        for said in round.said {
            if seats.iter().any(|(who, _)| same(*who, said.by)) {
                continue;
            }
            let caller = self.join(&code, said.by, guests).await?;
            seats.push((said.by, caller));
        }
        self.clock.advance(Duration::minutes(10));
        running::advance(&self.at_console(author), id, Phase::Pitch, None).await?;
        let mut ids = Vec::new();
        for said in round.said {
            self.clock.advance(Duration::minutes(1));
            let caller = seat_of(&seats, said.by)?;
            let room = Ctx::new(self.db, &self.clock).acting_as(caller.clone());
            let draft = self.draft(said)?;
            ids.push(posting::post(&room, &key(), id, Phase::Writing, draft).await?);
        }
        self.clock.advance(Duration::minutes(8));
        running::advance(&self.at_console(author), id, Phase::Writing, None).await?;
        self.clock.advance(Duration::minutes(15));
        running::advance(&self.at_console(author), id, Phase::Reveal, None).await?;
        self.vote(id, round, &ids, &seats).await?;
        self.clock.advance(Duration::minutes(5));
        running::advance(&self.at_console(author), id, Phase::Vote, None).await?;
        self.answer(author, round, &ids).await?;
        self.clock.advance(Duration::minutes(10));
        running::end(&self.at_console(author), id).await?;
        Ok(ids)
    }

    async fn join(&self, code: &str, who: Who, guests: &[&str]) -> Result<Caller, AppError> {
        let nobody = Ctx::new(self.db, &self.clock);
        match who {
            Who::Person(n) => {
                let me = self.people[n].clone();
                join(&nobody, ROOM_IP, code, Joiner::Member(me.clone())).await?;
                Ok(Caller::Member(me))
            }
            Who::Guest(g) => {
                let raw = guests.get(g).copied().ok_or(AppError::NotFound)?;
                let name = checked(DisplayName::parse(raw), raw)?;
                let joiner = Joiner::Guest {
                    name: Some(name),
                    token: None,
                };
                let joined = join(&nobody, ROOM_IP, code, joiner).await?;
                Ok(Caller::Guest(joined.guest_token.ok_or(AppError::NotFound)?))
            }
        }
    }

    /// Everyone in the room puts a dot on the two mines after their own
    /// (someone else's, most often: the room reads before it votes).
    async fn vote(
        &self,
        workshop_id: i64,
        round: &Round,
        ids: &[i64],
        seats: &[(Who, Caller)],
    ) -> Result<(), AppError> {
        let mines: Vec<(Who, i64)> = round
            .said
            .iter()
            .zip(ids)
            .filter(|(s, _)| s.kind == ContributionKind::Mine)
            .map(|(s, id)| (s.by, *id))
            .collect();
        for (seat, (who, caller)) in seats.iter().enumerate() {
            let others = mines.iter().filter(|(by, _)| !same(*by, *who));
            for (_, mine) in others.cycle().skip(seat).take(2) {
                self.clock.advance(Duration::seconds(20));
                let room = Ctx::new(self.db, &self.clock).acting_as(caller.clone());
                posting::vote(&room, workshop_id, *mine, true).await?;
            }
        }
        Ok(())
    }
}

fn same(a: Who, b: Who) -> bool {
    matches!((a, b), (Who::Person(x), Who::Person(y)) | (Who::Guest(x), Who::Guest(y)) if x == y)
}

fn seat_of(seats: &[(Who, Caller)], who: Who) -> Result<&Caller, AppError> {
    seats
        .iter()
        .find(|(w, _)| same(*w, who))
        .map(|(_, c)| c)
        .ok_or(AppError::NotFound)
}
