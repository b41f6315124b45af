//! Grouping duplicates on the phone and at the console (« même idée
//! que… »): a card's duplicates with their writers, the link that starts
//! grouping a card, and the chooser of the card it goes under. Plain links
//! and forms: it works without JavaScript, one choice per screen.

use super::fields;
use super::shared::excerpt;
use super::{grouping_path, GroupLive, UngroupLive, GROUPING_ANCHOR, GROUPING_PARAM};
use crate::domain::workshop_views::{same_idea_candidates, LiveContribution};
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, FormMessage};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Where grouping happens: the view's path and the `from` its forms send.
#[derive(Clone)]
pub struct GroupingPlace {
    pub workshop_id: i64,
    /// The phone's or the console's path.
    pub view: String,
    /// `console`, or a phone's `phone`.
    pub from: &'static str,
    /// Whether grouping is open now (the grouping step): else the
    /// duplicates are only listed.
    pub open: bool,
}

impl GroupingPlace {
    /// Duplicates listed outside the grouping step: nothing to press.
    pub fn read_only(workshop_id: i64) -> GroupingPlace {
        GroupingPlace {
            workshop_id,
            view: String::new(),
            from: "",
            open: false,
        }
    }
}

/// The duplicates grouped under a card, each with its text and writer;
/// while grouping is open, each may be taken out again.
#[component]
pub fn Duplicates(item: LiveContribution, place: GroupingPlace) -> impl IntoView {
    let locale = use_locale();
    (!item.duplicates.is_empty()).then(|| {
        view! {
            <p class="same-idea-heading">{format!("{} ({})", t(locale, Key::SameIdeaHeading), item.duplicates.len())}</p>
            <ul class="duplicates">
                {item
                    .duplicates
                    .into_iter()
                    .map(|d| {
                        let who = super::author_name_of(locale, &d.author, d.author_guest);
                        let words = excerpt(&d.body);
                        view! {
                            <li>
                                <span class="live-body">{d.body}</span>
                                " — "
                                <span class="live-author">{who}</span>
                                // The console moderates duplicates as any card.
                                {(place.from == super::FROM_CONSOLE).then(|| view! { " " {super::console_page::hide_link(place.workshop_id, d.id, &words)} })}
                                {place.open.then(|| view! {
                                    <form method="post" action={<UngroupLive as ServerFn>::PATH} class="inline-form">
                                        <input type="hidden" name="workshop_id" value=place.workshop_id />
                                        <input type="hidden" name="duplicate" value=d.id />
                                        <input type="hidden" name="from" value=place.from />
                                        <button type="submit" aria-label=format!("{} « {words} »", t(locale, Key::Ungroup))>{t(locale, Key::Ungroup)}</button>
                                    </form>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// « Même idée que… » on card `id`, when another card may take it.
#[component]
pub fn SameIdeaLink(id: i64, cards: Vec<LiveContribution>, place: GroupingPlace) -> impl IntoView {
    let locale = use_locale();
    let offered = place.open && !same_idea_candidates(&cards, id).is_empty();
    let words = cards
        .iter()
        .find(|c| c.id == id)
        .map(|c| excerpt(&c.body))
        .unwrap_or_default();
    offered.then(|| {
        view! {
            <p>
                <a class="same-idea-link" href=grouping_path(&place.view, id) aria-label=format!("{} « {words} »", t(locale, Key::SameIdeaAs))>
                    {t(locale, Key::SameIdeaAs)}
                </a>
            </p>
        }
    })
}

/// The card chosen by « Même idée que… » (`?regrouper=<n>`), then the
/// cards it may go under, each a button; refusals said here.
#[component]
pub fn SameIdeaChooser(cards: Vec<LiveContribution>, place: GroupingPlace) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<GroupLive>().or_else(refused_submission::<UngroupLive>);
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let chosen = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get(GROUPING_PARAM)
        .and_then(|raw| raw.parse::<i64>().ok())
        .and_then(|id| cards.iter().find(|c| c.id == id).cloned())
        .filter(|_| place.open);
    let message = view! {
        <ErrorSummary error=refused.clone() />
        <FormMessage errors=errors.clone() field=fields::GROUPING />
    };
    let Some(chosen) = chosen else {
        return message.into_any();
    };
    let candidates: Vec<LiveContribution> = same_idea_candidates(&cards, chosen.id)
        .into_iter()
        .cloned()
        .collect();
    let anchor = if place.from == super::FROM_CONSOLE {
        super::console_item_anchor(chosen.id)
    } else {
        format!("mine-{}", chosen.id)
    };
    let cancel = format!("{}#{anchor}", place.view);
    view! {
        <section id=GROUPING_ANCHOR class="same-idea-chooser" aria-labelledby="same-idea-title">
            <h3 id="same-idea-title">{format!("{} « {} »", t(locale, Key::SameIdeaAs), chosen.body)}</h3>
            <p class="hint">{t(locale, Key::SameIdeaChooseHint)}</p>
            {message}
            <ul class="live-list">
                {candidates
                    .into_iter()
                    .map(|c| {
                        let under = c.id;
                        let words = excerpt(&c.body);
                        view! {
                            <li class="live-item">
                                <super::shared::LiveItem item=c />
                                <form method="post" action={<GroupLive as ServerFn>::PATH}>
                                    <input type="hidden" name="workshop_id" value=place.workshop_id />
                                    <input type="hidden" name="duplicate" value=chosen.id />
                                    <input type="hidden" name=fields::GROUPING value=under />
                                    <input type="hidden" name="from" value=place.from />
                                    <button type="submit" class="primary" aria-label=format!("{} : « {words} »", t(locale, Key::GroupHere))>{t(locale, Key::GroupHere)}</button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p><a href=cancel>{t(locale, Key::Cancel)}</a></p>
        </section>
    }
    .into_any()
}
