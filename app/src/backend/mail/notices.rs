//! What the in-app notifications tell, written as e-mail to the people
//! told, each in their language, in the transaction of the change that
//! told them (`backend::changes`).
//!
//! Each person gets a message at once only for the kinds they receive at
//! once (`Delivery::default_for`, quiet, unless they chose otherwise); the
//! digest gathers the others later (`super::digest`). Every such message
//! carries its one-click unsubscribe link. A message never carries a contribution's
//! text: it says what happened and links to the page, where the app decides
//! what its reader may see (the mines an author has to answer are listed
//! by their domain and severity, each linked). The one text quoted is the
//! authors' own (a round's synthesis, a triage's reason, the lessons of
//! their decision), which every member of the organisation reads on the
//! idea's page.

use super::letter::{Draft, Letter};
use super::outbox::{queue, Outgoing};
use super::unsubscribe::{self, Stop};
use super::{preferences, MailKind};
use crate::backend::ctx::Write;
use crate::backend::entities::{contribution, expertise_domain, idea, round, user, workshop};
use crate::backend::notifications::About;
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::MemberStatus;
use crate::domain::mail::Delivery;
use crate::domain::round_views::NotificationKind;
use crate::domain::rounds::{ContributionKind, Severity};
use crate::i18n::{t, Key, Locale};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// What the messages about one change share, read once.
struct Context {
    idea: idea::Model,
    round: Option<round::Model>,
    domain: Option<String>,
    mine: Option<contribution::Model>,
    /// The code of the workshop started (a workshop starting).
    code: Option<String>,
    /// What the authors have to answer (mines to answer).
    to_answer: Vec<ToAnswer>,
}

/// A mine or a question of a revealed round, as a message names it: never
/// its text.
struct ToAnswer {
    id: i64,
    kind: ContributionKind,
    domain: Option<String>,
    severity: Option<Severity>,
}

/// Queues, for each of `people` to be told at once of `about`, the message
/// that says it.
pub async fn queue_for(write: &Write<'_>, people: &[i64], about: About) -> Result<(), StoreError> {
    if people.is_empty() {
        return Ok(());
    }
    let deliveries = preferences::deliveries(write, people, about.kind).await?;
    let at_once = people
        .iter()
        .copied()
        .filter(|p| deliveries.get(p) == Some(&Delivery::AtOnce));
    let recipients = user::Entity::find()
        .filter(user::Column::Id.is_in(at_once))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .all(write)
        .await
        .op("mail::notices: read recipients")?;
    if recipients.is_empty() {
        return Ok(());
    }
    let Some(context) = read_context(write, about).await? else {
        return Ok(());
    };
    let secret = unsubscribe::secret(write).await?;
    for person in recipients {
        let locale = Locale::from_code(&person.language).unwrap_or_default();
        let stop = unsubscribe::link(write.site(), &secret, person.id, Stop::Kind(about.kind));
        let letter = write_letter(locale, write.site(), &person, &context, about, &stop);
        queue(
            write,
            write.now(),
            write.site(),
            Outgoing {
                recipient_id: Some(person.id),
                to_address: person.email.clone(),
                to_name: person.display_name.clone(),
                kind: MailKind::Notice(about.kind),
                letter,
                unsubscribe_url: Some(stop),
            },
        )
        .await?;
    }
    Ok(())
}

async fn read_context(write: &Write<'_>, about: About) -> Result<Option<Context>, StoreError> {
    let Some(idea) = idea::Entity::find_by_id(about.idea_id)
        .one(write)
        .await
        .op("mail::notices: read idea")?
    else {
        return Ok(None);
    };
    let round = match about.round_number {
        Some(number) => round::Entity::find()
            .filter(round::Column::IdeaId.eq(idea.id))
            .filter(round::Column::Number.eq(number))
            .one(write)
            .await
            .op("mail::notices: read round")?,
        None => None,
    };
    let domain = match about.domain_id {
        Some(id) => expertise_domain::Entity::find_by_id(id)
            .one(write)
            .await
            .op("mail::notices: read domain")?
            .map(|d| d.name),
        None => None,
    };
    let mine = match about.contribution_id {
        Some(id) => contribution::Entity::find_by_id(id)
            .one(write)
            .await
            .op("mail::notices: read mine")?,
        None => None,
    };
    let code = match (about.kind, &round) {
        (NotificationKind::WorkshopStarted, Some(round)) => workshop::Entity::find()
            .filter(workshop::Column::RoundId.eq(round.id))
            .one(write)
            .await
            .op("mail::notices: read workshop")?
            .and_then(|w| w.code),
        _ => None,
    };
    let to_answer = match (about.kind, &round) {
        (NotificationKind::MinesToAnswer, Some(round)) => read_to_answer(write, round.id).await?,
        _ => Vec::new(),
    };
    Ok(Some(Context {
        idea,
        round,
        domain,
        mine,
        code,
        to_answer,
    }))
}

/// What waits for the authors in the round, with its domain.
async fn read_to_answer(write: &Write<'_>, round_id: i64) -> Result<Vec<ToAnswer>, StoreError> {
    let rows = crate::backend::rounds::counts::waiting_for_authors(round_id)
        .order_by_asc(contribution::Column::Id)
        .all(write)
        .await
        .op("mail::notices: read mines to answer")?;
    let domain_ids: Vec<i64> = rows.iter().filter_map(|c| c.domain_id).collect();
    let names: HashMap<i64, String> = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::Id.is_in(domain_ids))
        .all(write)
        .await
        .op("mail::notices: read domains")?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|c| ToAnswer {
            id: c.id,
            kind: c.kind,
            domain: c.domain_id.and_then(|d| names.get(&d).cloned()),
            severity: c.severity,
        })
        .collect())
}

/// `{title}`, `{n}`, `{domain}` filled in.
fn fill(text: &str, context: &Context) -> String {
    let number = context.round.as_ref().map(|r| r.number).unwrap_or(1);
    // What people typed goes in last: a title holding "{n}" stays as typed.
    text.replace("{n}", &number.to_string())
        .replace("{domain}", context.domain.as_deref().unwrap_or_default())
        .replace("{title}", &context.idea.title)
}

fn write_letter(
    locale: Locale,
    site: &str,
    person: &user::Model,
    context: &Context,
    about: About,
    stop: &str,
) -> Letter {
    let say = |key| fill(t(locale, key), context);
    let greeting = t(locale, Key::MailGreeting).replace("{name}", &person.display_name);
    let idea_id = context.idea.id;
    let number = context.round.as_ref().map(|r| r.number).unwrap_or(1);
    let round_url = format!("{site}{}", crate::rounds::round_anchor(idea_id, number));
    let draft = match about.kind {
        NotificationKind::RoundInvitation | NotificationKind::DomainCalled => {
            let (subject, body) = if about.kind == NotificationKind::DomainCalled {
                (Key::MailDomainCalledSubject, Key::MailDomainCalledBody)
            } else {
                (Key::MailInvitedSubject, Key::MailInvitedBody)
            };
            let mut draft = Draft::new(locale, say(subject))
                .para(&greeting)
                .para(&say(body));
            if let Some(round) = &context.round {
                if !round.focus.trim().is_empty() {
                    draft = draft
                        .para(t(locale, Key::MailFocusIntro))
                        .quote(&round.focus);
                }
                if let Some(deadline) = round.deadline {
                    let when = crate::domain::paris_time::show(deadline);
                    draft = draft.para(&t(locale, Key::MailDeadline).replace("{deadline}", &when));
                }
            }
            draft.action(
                t(locale, Key::MailContributeAction),
                &format!("{site}{}", crate::rounds::contribute_path(idea_id)),
            )
        }
        NotificationKind::RoundRevealed => {
            let body = if person.id == context.idea.author_id {
                Key::MailRevealedBodyAuthor
            } else {
                Key::MailRevealedBody
            };
            Draft::new(locale, say(Key::MailRevealedSubject))
                .para(&greeting)
                .para(&say(body))
                .action(t(locale, Key::MailSeeRoundAction), &round_url)
        }
        NotificationKind::RoundClosed => {
            let mut draft = Draft::new(locale, say(Key::MailClosedSubject))
                .para(&greeting)
                .para(&say(Key::MailClosedBody));
            if let Some(round) = context
                .round
                .as_ref()
                .filter(|r| !r.synthesis.trim().is_empty())
            {
                draft = draft.quote(&round.synthesis);
            }
            draft.action(t(locale, Key::MailSeeRoundAction), &round_url)
        }
        NotificationKind::MineTriaged => {
            let triage = context.mine.as_ref().and_then(|m| m.triage);
            let mut draft = Draft::new(locale, say(Key::MailTriagedSubject)).para(&greeting);
            draft = match triage {
                Some(kind) => draft.para(&fill(
                    &t(locale, Key::MailTriagedBody).replace("{how}", t(locale, kind.label())),
                    context,
                )),
                None => draft.para(&say(Key::MailTriagedUndoneBody)),
            };
            // The authors' reason, as the mine's page shows it to members.
            let why = context
                .mine
                .as_ref()
                .filter(|_| triage.is_some())
                .and_then(|m| m.triage_note.clone())
                .filter(|note| !note.trim().is_empty());
            if let Some(why) = why {
                draft = draft.para(t(locale, Key::MailTriagedWhy)).quote(&why);
            }
            let mine_url = match about.contribution_id {
                Some(mine) => format!("{site}{}", crate::rounds::contribution_path(idea_id, mine)),
                None => round_url,
            };
            draft.action(t(locale, Key::MailSeeMineAction), &mine_url)
        }
        NotificationKind::MinesToAnswer => {
            let items: Vec<(String, String)> = context
                .to_answer
                .iter()
                .map(|c| {
                    let url = format!("{site}{}", crate::rounds::contribution_path(idea_id, c.id));
                    (to_answer_line(locale, c), url)
                })
                .collect();
            Draft::new(locale, say(Key::MailMinesSubject))
                .para(&greeting)
                .para(&say(Key::MailMinesBody))
                .list(&items)
                .action(t(locale, Key::MailMinesAction), &round_url)
        }
        NotificationKind::WorkshopStarted => {
            let mut draft = Draft::new(locale, say(Key::MailWorkshopSubject))
                .para(&greeting)
                .para(&say(Key::MailWorkshopBody));
            let join_url = match &context.code {
                Some(code) => {
                    draft = draft.para(&t(locale, Key::MailWorkshopCode).replace("{code}", code));
                    format!("{site}{}/{code}", crate::workshops::JOIN_PATH)
                }
                None => round_url,
            };
            draft.action(t(locale, Key::MailWorkshopAction), &join_url)
        }
        NotificationKind::IdeaOutcome => {
            let outcome = context
                .idea
                .outcome
                .map(|o| t(locale, o.label()))
                .unwrap_or_else(|| t(locale, Key::OutcomeNone));
            // Filled before the title, which goes in as typed.
            let say_outcome = |key| fill(&t(locale, key).replace("{outcome}", outcome), context);
            let mut draft = Draft::new(locale, say_outcome(Key::MailOutcomeSubject))
                .para(&greeting)
                .para(&say_outcome(Key::MailOutcomeBody));
            // The authors' lessons, as the idea's page shows them.
            let lessons = context
                .idea
                .outcome_note
                .as_deref()
                .filter(|note| !note.trim().is_empty());
            if let Some(lessons) = lessons {
                draft = draft
                    .para(t(locale, Key::MailOutcomeLessons))
                    .quote(lessons);
            }
            draft.action(
                t(locale, Key::MailSeeIdeaAction),
                &format!("{site}{}", crate::ideas::idea_path(idea_id)),
            )
        }
    };
    draft.footer(
        t(locale, Key::MailFooterNotice),
        &[
            (t(locale, Key::MailUnsubscribeKind), stop),
            (
                t(locale, Key::MailSettingsLink),
                &format!("{site}{}", crate::settings::MAIL_SETTINGS_PATH),
            ),
        ],
    )
}

/// « Mine — Juridique (Bloquante) », « Question »: what it is, never what
/// it says.
fn to_answer_line(locale: Locale, c: &ToAnswer) -> String {
    let mut line = t(locale, c.kind.label()).to_owned();
    if let Some(domain) = &c.domain {
        line = format!("{line} — {domain}");
    }
    if let Some(severity) = c.severity {
        line = format!("{line} ({})", t(locale, severity.label()));
    }
    line
}
