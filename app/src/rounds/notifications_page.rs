//! `/notifications`: what concerns the viewer, newest first.

use super::{get_notifications, round_anchor, MarkNotificationsRead};
use crate::domain::round_views::{NotificationKind, NotificationView};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// What a notification says (its idea's title aside), in `locale`.
pub fn notification_sentence(locale: Locale, n: &NotificationView) -> String {
    let round = n
        .round_number
        .map(|r| format!("{} {r}", t(locale, Key::RoundWord)))
        .unwrap_or_default();
    match n.kind {
        NotificationKind::RoundInvitation => format!("{} ({round})", t(locale, Key::NotifInvited)),
        NotificationKind::DomainCalled => format!(
            "{} {} ({round})",
            t(locale, Key::NotifDomainCalled),
            n.domain.clone().unwrap_or_default()
        ),
        NotificationKind::RoundRevealed => format!("{} ({round})", t(locale, Key::NotifRevealed)),
        NotificationKind::RoundClosed => format!("{} ({round})", t(locale, Key::NotifClosed)),
        NotificationKind::MineTriaged => match n.triage {
            Some(kind) => format!(
                "{} {} ({round})",
                t(locale, Key::NotifMineTriaged),
                t(locale, kind.label())
            ),
            None => format!("{} ({round})", t(locale, Key::NotifMineTriagedUndone)),
        },
        NotificationKind::MinesToAnswer => {
            format!("{} ({round})", t(locale, Key::NotifMinesToAnswer))
        }
        NotificationKind::WorkshopStarted => {
            format!("{} ({round})", t(locale, Key::NotifWorkshopStarted))
        }
        NotificationKind::IdeaOutcome => match n.outcome {
            Some(outcome) => format!(
                "{} {}",
                t(locale, Key::NotifIdeaOutcome),
                t(locale, outcome.label())
            ),
            None => t(locale, Key::NotifIdeaOutcomeWithdrawn).to_owned(),
        },
    }
}

/// Where a notification leads: a triaged mine to the mine itself, an
/// idea's outcome to the idea, the rest to its round on the idea's page.
pub fn notification_path(n: &NotificationView) -> String {
    match (n.contribution_id, n.round_number) {
        (Some(c), _) => super::contribution_path(n.idea_id, c),
        (None, Some(number)) => round_anchor(n.idea_id, number),
        (None, None) => crate::ideas::idea_path(n.idea_id),
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::NotificationsTitle) {
        return refused;
    }
    let list = Resource::new(|| (), |_| get_notifications());
    view! {
        <Title text=page_title(Key::NotificationsTitle) />
        <h1>{t(locale, Key::NotificationsTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        view! {
                            <p>{format!("{} {}", list.unread, t(locale, Key::UnreadWord))}</p>
                            {(list.unread > 0)
                                .then(|| {
                                    view! {
                                        <form method="post" action={<MarkNotificationsRead as ServerFn>::PATH} class="inline-form">
                                            <button type="submit">{t(locale, Key::MarkAllRead)}</button>
                                        </form>
                                    }
                                })}
                            {list.items.is_empty().then(|| view! { <p>{t(locale, Key::NoNotification)}</p> })}
                            <ul class="notifications">
                                {list
                                    .items
                                    .iter()
                                    .map(|n| {
                                        let href = notification_path(n);
                                        view! {
                                            <li class:unread=n.unread>
                                                {n.unread.then(|| view! { <strong>{format!("{} ", t(locale, Key::NewWord))}</strong> })}
                                                <a href=href>{n.idea_title.clone()}</a>
                                                {format!(" — {} · {}", notification_sentence(locale, n), n.created)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}
