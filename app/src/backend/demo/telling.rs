//! Tells the story through the services, in the order it happened: the
//! organisation and its people, then each idea, its rounds, what was said
//! and how its author answered, then the library.

use super::people::{ORGANISATION, PEOPLE};
use super::story::{Answer, Away, Course, Idea, Known, Round, Said, Who};
use crate::backend::accounts::invitations::{self, SignUp};
use crate::backend::accounts::profile::{self, ProfileUpdate};
use crate::backend::clock::{Clock, ManualClock};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, round, user};
use crate::backend::ideas::posting::{self, Edit, NewIdea};
use crate::backend::idempotency::IdempotencyKey;
use crate::backend::library::curating::{self, Filing};
use crate::backend::mail::preferences;
use crate::backend::organisations::{self, NewOrganisation};
use crate::backend::rounds::{contributing, course, opening, triage};
use crate::backend::store::Op;
use crate::domain::accounts::{
    CurrentUser, DisplayName, Email, NewPassword, OrganisationName, Role,
};
use crate::domain::directory::Availability;
use crate::domain::ideas::{IdeaText, IdeaTitle, Tags};
use crate::domain::library::KnownMineName;
use crate::domain::mail::{Delivery, DigestEvery};
use crate::domain::organisation::ServiceName;
use crate::domain::round_inputs::{DefusedBy, Draft, RoundOpening, Triage};
use crate::domain::round_views::NotificationKind;
use crate::domain::rounds::{ContributionKind, ContributionText, FocusQuestion, RoundMode};
use crate::error::AppError;
use crate::i18n::Key;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// A story text the checks refuse: a mistake in `ideas.rs`, said loudly.
pub(super) fn checked<T>(parsed: Result<T, Key>, raw: &str) -> Result<T, AppError> {
    parsed.map_err(|key| {
        tracing::error!("demo story: {key:?} refuses {raw:?}");
        AppError::Internal
    })
}

pub(super) fn key() -> IdempotencyKey {
    IdempotencyKey::fresh()
}

pub(super) struct Teller<'a> {
    pub(super) db: &'a DatabaseConnection,
    pub(super) clock: ManualClock,
    pub(super) end: DateTime<Utc>,
    pub(super) people: Vec<CurrentUser>,
    domains: Vec<(String, i64)>,
    /// Each idea's contributions, in the order said over all its rounds.
    said: Vec<Vec<i64>>,
}

impl<'a> Teller<'a> {
    /// The organisation, its administrator (Claire) and her colleagues,
    /// invited by her and with their profiles filled in, 160 days before
    /// the end.
    pub(super) async fn begin(
        db: &'a DatabaseConnection,
        password: &NewPassword,
        end: DateTime<Utc>,
    ) -> Result<Teller<'a>, AppError> {
        let clock = ManualClock::at(end - Duration::days(160));
        let admin = &PEOPLE[0];
        let organisation_id = organisations::create(
            db,
            &clock,
            NewOrganisation {
                organisation: checked(OrganisationName::parse(ORGANISATION), ORGANISATION)?,
                display_name: checked(DisplayName::parse(admin.name), admin.name)?,
                email: checked(Email::parse(admin.email), admin.email)?,
                password: password.clone(),
            },
        )
        .await?;
        let domains = crate::backend::expertise::offered(db, organisation_id)
            .await?
            .into_iter()
            .map(|d| (d.name, d.id))
            .collect();
        let mut teller = Teller {
            db,
            clock,
            end,
            people: Vec::new(),
            domains,
            said: Vec::new(),
        };
        let claire = teller.person_by_email(admin.email).await?;
        teller.people.push(claire);
        for person in &PEOPLE[1..] {
            teller.clock.advance(Duration::hours(3));
            let token = invitations::create(&teller.as_person(0), Role::Member).await?;
            let signed_up = SignUp {
                display_name: checked(DisplayName::parse(person.name), person.name)?,
                email: checked(Email::parse(person.email), person.email)?,
                password: password.clone(),
            };
            invitations::accept(&Ctx::new(db, &teller.clock), &token, signed_up).await?;
            let member = teller.person_by_email(person.email).await?;
            teller.people.push(member);
        }
        for (n, person) in PEOPLE.iter().enumerate() {
            let (availability, away_until) = match person.away {
                Away::Available => (Availability::Available, None),
                Away::Busy => (Availability::Busy, None),
                Away::ForDays(days) => (
                    Availability::Away,
                    Some((end + Duration::days(days)).date_naive()),
                ),
            };
            let update = ProfileUpdate {
                display_name: checked(DisplayName::parse(person.name), person.name)?,
                service: checked(ServiceName::parse(person.service), person.service)?,
                domain_ids: person
                    .domains
                    .iter()
                    .map(|d| teller.domain(d))
                    .collect::<Result<_, _>>()?,
                availability: Some(availability),
                away_until,
            };
            profile::update(&teller.as_person(n), update).await?;
            // Their addresses reach nobody: no message is ever queued for
            // them, not even when a silent round is revealed after the end.
            let never: Vec<_> = NotificationKind::ALL
                .into_iter()
                .map(|kind| (kind, Delivery::Never))
                .collect();
            preferences::save(&teller.as_person(n), &never, DigestEvery::Weekly).await?;
        }
        Ok(teller)
    }

    pub(super) fn organisation_id(&self) -> i64 {
        self.people[0].organisation_id
    }

    async fn person_by_email(&self, email: &str) -> Result<CurrentUser, AppError> {
        let found = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(self.db)
            .await
            .op("demo: find person")?
            .ok_or(AppError::NotFound)?;
        Ok(CurrentUser {
            id: found.id,
            display_name: found.display_name,
            role: found.role,
            organisation_id: found.organisation_id,
            organisation_name: ORGANISATION.to_owned(),
        })
    }

    /// The context of a call by `PEOPLE[n]`.
    pub(super) fn as_person(&self, n: usize) -> Ctx<'_> {
        Ctx::new(self.db, &self.clock).member_acting(&self.people[n])
    }

    pub(super) fn domain(&self, name: &str) -> Result<i64, AppError> {
        self.domains
            .iter()
            .find(|(d, _)| d == name)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                tracing::error!("demo story: no domain named {name:?}");
                AppError::Internal
            })
    }

    /// Moves the clock to `at`, never back: each idea's story ends before
    /// the next one's begins, so notifications and activity read in order.
    fn move_to(&self, at: DateTime<Utc>) -> Result<(), AppError> {
        if at < self.clock.now() {
            tracing::error!("demo story: back in time, {} → {at}", self.clock.now());
            return Err(AppError::Internal);
        }
        self.clock.set(at);
        Ok(())
    }

    /// Idea number `n`: posted, de-mined round after round, decided.
    pub(super) async fn tell(&mut self, n: usize, idea: &Idea) -> Result<(), AppError> {
        let posted = self.end - Duration::days(idea.days_ago);
        self.move_to(posted)?;
        self.said.push(Vec::new());
        let by = self.as_person(idea.author);
        let title = checked(IdeaTitle::parse(idea.title), idea.title)?;
        let problem = checked(IdeaText::parse_required(idea.problem), idea.problem)?;
        let new = NewIdea {
            title: title.clone(),
            problem: problem.clone(),
        };
        let id = posting::create_draft(&by, &key(), new).await?;
        if idea.draft {
            return Ok(());
        }
        self.clock.advance(Duration::minutes(40));
        let edit = Edit {
            title,
            problem,
            proposal: checked(IdeaText::parse_optional(idea.proposal), idea.proposal)?,
            beneficiaries: checked(
                IdeaText::parse_optional(idea.beneficiaries),
                idea.beneficiaries,
            )?,
            help_sought: checked(IdeaText::parse_optional(idea.help_sought), idea.help_sought)?,
            tags: checked(Tags::parse(idea.tags), idea.tags)?,
        };
        posting::save(&self.as_person(idea.author), &key(), id, 1, edit, true).await?;
        for round in idea.rounds {
            self.move_to(posted + Duration::days(round.day) + Duration::hours(1))?;
            self.tell_round(n, idea, id, round).await?;
        }
        if let Some((outcome, note)) = idea.outcome {
            // Decided ten days after the last round closed.
            self.clock.advance(Duration::days(10));
            let by = self.as_person(idea.author);
            triage::set_outcome(&by, id, Some(outcome), note.to_owned()).await?;
        }
        Ok(())
    }

    async fn tell_round(
        &mut self,
        n: usize,
        idea: &Idea,
        idea_id: i64,
        round: &Round,
    ) -> Result<(), AppError> {
        let live = round.workshop.is_some();
        let deadline = match round.course {
            // Still silent when the story ends.
            Course::Silent => self.end + Duration::days(5),
            _ => self.clock.now() + Duration::days(14),
        };
        let opening = RoundOpening {
            focus: checked(FocusQuestion::parse(round.focus), round.focus)?,
            mode: if live {
                RoundMode::Live
            } else {
                RoundMode::Async
            },
            deadline: (!live).then_some(deadline),
            domains: round
                .domains
                .iter()
                .map(|d| self.domain(d))
                .collect::<Result<_, _>>()?,
            names: Vec::new(),
        };
        let by = self.as_person(idea.author);
        let number = opening::open(&by, &key(), idea_id, opening).await?;
        let round_id = round::Entity::find()
            .filter(round::Column::IdeaId.eq(idea_id))
            .filter(round::Column::Number.eq(number))
            .one(self.db)
            .await
            .op("demo: find round")?
            .ok_or(AppError::NotFound)?
            .id;
        let ids = match round.workshop {
            Some(guests) => {
                self.hold_workshop(idea.author, round_id, round, guests)
                    .await?
            }
            None => self.write_in_silence(round_id, round).await?,
        };
        self.said[n].extend(&ids);
        if matches!(round.course, Course::Silent) {
            return Ok(());
        }
        if !live {
            // The author reveals as soon as everyone called has spoken.
            self.clock.advance(Duration::days(1));
            course::reveal(&self.as_person(idea.author), round_id).await?;
        }
        let Course::Closed {
            synthesis,
            next_step,
        } = round.course
        else {
            return Ok(());
        };
        // A workshop's mines were answered in the room, before its end.
        if !live {
            self.answer(idea.author, round, &ids).await?;
        }
        self.clock.advance(Duration::days(1));
        let synthesis = checked(ContributionText::parse(synthesis), synthesis)?;
        let by = self.as_person(idea.author);
        triage::close(&by, round_id, synthesis, next_step.to_owned()).await?;
        Ok(())
    }

    /// An online round: each contribution three hours after the last.
    async fn write_in_silence(&self, round_id: i64, round: &Round) -> Result<Vec<i64>, AppError> {
        let mut ids = Vec::new();
        for said in round.said {
            self.clock.advance(Duration::hours(3));
            let Who::Person(n) = said.by else {
                tracing::error!("demo story: a guest outside a workshop");
                return Err(AppError::Internal);
            };
            let by = self.as_person(n);
            ids.push(contributing::contribute(&by, &key(), round_id, self.draft(said)?).await?);
        }
        Ok(ids)
    }

    pub(super) fn draft(&self, said: &Said) -> Result<Draft, AppError> {
        Ok(Draft {
            kind: said.kind,
            domain_id: said.domain.map(|d| self.domain(d)).transpose()?,
            severity: said.severity,
            body: said.body.to_owned(),
            link: None,
            answers: None,
        })
    }

    /// The author answers the round's mines, in the order they were said.
    pub(super) async fn answer(
        &self,
        author: usize,
        round: &Round,
        ids: &[i64],
    ) -> Result<(), AppError> {
        let mines = round
            .said
            .iter()
            .zip(ids)
            .filter(|(s, _)| s.kind == ContributionKind::Mine)
            .map(|(_, id)| *id);
        for (mine, answer) in mines.zip(round.answers) {
            self.clock.advance(Duration::hours(2));
            let text = |raw: &str| checked(ContributionText::parse(raw), raw);
            let triaged = match answer {
                Answer::DefusedBy(at) => {
                    let way = ids.get(*at).copied().ok_or(AppError::NotFound)?;
                    Triage::Defused(DefusedBy::Existing(way), None)
                }
                Answer::Defused(way) => Triage::Defused(DefusedBy::New(text(way)?), None),
                Answer::Accepted(why) => Triage::Accepted { why: text(why)? },
                Answer::Dismissed(why) => Triage::Dismissed { why: text(why)? },
                Answer::Investigate(action, owner, days) => Triage::ToInvestigate {
                    action: text(action)?,
                    owner: (*owner).to_owned(),
                    due: (self.clock.now() + Duration::days(*days)).date_naive(),
                },
            };
            triage::triage(&self.as_person(author), &key(), mine, triaged).await?;
        }
        Ok(())
    }

    /// The mission files mines met more than once under one name and marks
    /// the first way around that defused them as proven.
    pub(super) async fn file_library(&self, library: &[Known]) -> Result<(), AppError> {
        self.move_to(self.end - Duration::days(1))?;
        let lead = self.as_person(0);
        for known in library {
            let mines: Vec<i64> = known
                .mines
                .iter()
                .map(|(idea, at)| self.said[*idea][*at])
                .collect();
            let name = checked(KnownMineName::parse(known.name), known.name)?;
            let known_id = curating::file(&lead, &mines, Filing::New(name)).await?;
            if !known.proven {
                continue;
            }
            let first = contribution::Entity::find_by_id(mines[0])
                .one(self.db)
                .await
                .op("demo: find mine")?
                .and_then(|m| m.triage_workaround_id)
                .ok_or_else(|| {
                    tracing::error!("demo story: {} has no way around to prove", known.name);
                    AppError::Internal
                })?;
            curating::set_proven(&lead, known_id, first, true).await?;
        }
        Ok(())
    }
}
