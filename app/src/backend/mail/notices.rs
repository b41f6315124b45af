//! What the in-app notifications tell, written as e-mail to the people
//! told, each in their language, in the transaction of the change that
//! told them (`backend::changes`).
//!
//! Each person gets a message at once only for the kinds they receive at
//! once (`Delivery::default_for`, quiet, unless they chose otherwise); the
//! digest gathers the others later (`super::digest`). Every such message
//! carries its one-click unsubscribe link. A message never carries a contribution's
//! text: it says what happened and links to the page, where the app decides
//! what its reader may see. The one text quoted is the authors' own (a
//! round's synthesis, a triage's reason), which every member of the
//! organisation reads on the idea's page.

use super::letter::{Draft, Letter};
use super::outbox::{queue, Outgoing};
use super::unsubscribe::{self, Stop};
use super::{preferences, MailKind};
use crate::backend::ctx::Write;
use crate::backend::entities::{contribution, expertise_domain, idea, round, user};
use crate::backend::notifications::About;
use crate::backend::store::{Op, StoreError};
use crate::domain::accounts::MemberStatus;
use crate::domain::mail::Delivery;
use crate::domain::round_views::NotificationKind;
use crate::i18n::{t, Key, Locale};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// What the messages about one change share, read once.
struct Context {
    idea: idea::Model,
    round: Option<round::Model>,
    domain: Option<String>,
    mine: Option<contribution::Model>,
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
    Ok(Some(Context {
        idea,
        round,
        domain,
        mine,
    }))
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
