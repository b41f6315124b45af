//! « Mon bureau »: the signed-in home page. Each section says what waits,
//! or, when nothing does, what to do next.

use super::get_desk;
use crate::domain::desk::Desk;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ideas::{edit_path, idea_path, NEW_IDEA_PATH};
use crate::rounds::{
    contribute_path, notification_path, notification_sentence, rounds_anchor, NOTIFICATIONS_PATH,
};
use crate::ui::status::load_failed;
use crate::workshops::{phone_path, JOIN_PATH};
use leptos::prelude::*;

#[component]
pub fn DeskView() -> impl IntoView {
    let locale = use_locale();
    let desk = Resource::new(|| (), |_| get_desk());
    view! {
        <p class="form-actions">
            <a class="button primary" href=NEW_IDEA_PATH>{t(locale, Key::NewIdeaTitle)}</a>
            <a class="button" href=crate::ideas::IDEAS_PATH>{t(locale, Key::SeeIdeas)}</a>
            <a class="button" href=JOIN_PATH>{t(locale, Key::JoinWorkshopTitle)}</a>
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match desk.await {
                    Ok(desk) => view! { <DeskSections locale desk /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
}

/// A section of the desk: its heading, its items, or what to do next.
#[component]
fn Section(
    id: &'static str,
    heading: String,
    empty: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="desk-section" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {match empty {
                Some(empty) => empty,
                None => view! { <ul class="desk-list">{children()}</ul> }.into_any(),
            }}
        </section>
    }
}

fn when_empty(is_empty: bool, view: impl FnOnce() -> AnyView) -> Option<AnyView> {
    is_empty.then(view)
}

#[component]
fn DeskSections(locale: Locale, desk: Desk) -> impl IntoView {
    let Desk {
        calls,
        to_triage,
        drafts,
        coauthor_invitations,
        workshops,
        unread,
        unread_count,
    } = desk;
    let no_calls = when_empty(calls.is_empty(), || {
        view! {
            <p>
                {t(locale, Key::DeskNoCall)} " "
                <a href=crate::profile::PROFILE_PATH>{t(locale, Key::DeskNoCallAction)}</a>
            </p>
        }
        .into_any()
    });
    let no_triage = when_empty(to_triage.is_empty(), || {
        view! {
            <p>
                {t(locale, Key::DeskNoTriage)} " "
                <a href=crate::ideas::IDEAS_PATH>{t(locale, Key::DeskNoTriageAction)}</a>
            </p>
        }
        .into_any()
    });
    let no_draft = when_empty(drafts.is_empty() && coauthor_invitations.is_empty(), || {
        view! {
            <p>
                {t(locale, Key::DeskNoDraft)} " "
                <a href=NEW_IDEA_PATH>{t(locale, Key::DeskNoDraftAction)}</a>
            </p>
        }
        .into_any()
    });
    let no_workshop = when_empty(workshops.is_empty(), || {
        view! {
            <p>
                {t(locale, Key::DeskNoWorkshop)} " "
                <a href=JOIN_PATH>{t(locale, Key::DeskNoWorkshopAction)}</a>
            </p>
        }
        .into_any()
    });
    let no_unread = when_empty(unread.is_empty(), || {
        view! { <p>{t(locale, Key::DeskNoUnread)}</p> }.into_any()
    });
    let round_word = t(locale, Key::RoundWord);
    view! {
        <Section id="desk-calls" heading=t(locale, Key::DeskCalls).to_owned() empty=no_calls>
            {calls
                .into_iter()
                .map(|call| {
                    let mut details = vec![format!("{round_word} {}", call.round_number)];
                    details.extend(call.domain.map(|d| format!("{} {d}", t(locale, Key::DeskAsHolder))));
                    details.extend(call.deadline.map(|d| format!("{} {d}", t(locale, Key::DeskUntil))));
                    if call.answered {
                        details.push(t(locale, Key::DeskAnswered).to_owned());
                    }
                    view! {
                        <li>
                            <a href=contribute_path(call.idea_id)>{call.idea_title}</a>
                            {format!(" — {}", details.join(" · "))}
                        </li>
                    }
                })
                .collect_view()}
        </Section>
        <Section id="desk-triage" heading=t(locale, Key::DeskToTriage).to_owned() empty=no_triage>
            {to_triage
                .into_iter()
                .map(|idea| {
                    view! {
                        <li>
                            <a href=rounds_anchor(idea.idea_id)>{idea.title}</a>
                            {format!(" — {}", t(locale, Key::DeskMinesWaiting).replace("{n}", &idea.count.to_string()))}
                        </li>
                    }
                })
                .collect_view()}
        </Section>
        <Section id="desk-drafts" heading=t(locale, Key::DeskDrafts).to_owned() empty=no_draft>
            {drafts
                .into_iter()
                .map(|idea| view! { <li><a href=edit_path(idea.idea_id)>{idea.title}</a>{format!(" — {}", t(locale, Key::DeskDraftWord))}</li> })
                .collect_view()}
            {coauthor_invitations
                .into_iter()
                .map(|idea| view! { <li><a href=idea_path(idea.idea_id)>{idea.title}</a>{format!(" — {}", t(locale, Key::DeskCoauthorInvitation))}</li> })
                .collect_view()}
        </Section>
        <Section id="desk-workshops" heading=t(locale, Key::DeskWorkshops).to_owned() empty=no_workshop>
            {workshops
                .into_iter()
                .map(|w| {
                    let state = if w.joining_open { Key::DeskJoiningOpen } else { Key::DeskJoiningLocked };
                    // With the code, the join page lets a member in (or
                    // back to their phone); without, their phone if they
                    // joined before joining was locked.
                    let href = match &w.code {
                        Some(code) => format!("{JOIN_PATH}/{code}"),
                        None => phone_path(w.workshop_id),
                    };
                    view! {
                        <li>
                            <a href=href>{w.idea_title}</a>
                            {format!(" — {}", t(locale, state))}
                        </li>
                    }
                })
                .collect_view()}
        </Section>
        <Section id="desk-unread" heading=format!("{} ({unread_count})", t(locale, Key::DeskUnread)) empty=no_unread>
            {unread
                .into_iter()
                .map(|n| {
                    let href = notification_path(&n);
                    let sentence = notification_sentence(locale, &n);
                    view! { <li><a href=href>{n.idea_title}</a>{format!(" — {sentence} · {}", n.created)}</li> }
                })
                .collect_view()}
        </Section>
        <p><a href=NOTIFICATIONS_PATH>{t(locale, Key::DeskAllNotifications)}</a></p>
    }
}
