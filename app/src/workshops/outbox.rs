//! The phone's outbox. With JavaScript, a post is kept on the phone (in
//! its storage, so a reload or a closed tab loses nothing) with its own
//! key, shown as « envoi en attente », and sent until the server
//! acknowledges it; a retry after a lost answer is recognised by its key
//! and stored once. Without JavaScript the form posts as a plain form.

use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// A post waiting for the server's acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    /// The post's key: the same on every retry.
    pub key: String,
    /// The form's fields, URL-encoded, key included.
    pub body: String,
    /// The text, to show while it waits.
    pub text: String,
}

/// A post the server refused (writing was over): its text is handed back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub text: String,
    pub message: String,
}

/// What the phone keeps for one workshop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outbox {
    pub pending: Vec<Queued>,
    pub refused: Vec<Refused>,
}

/// The id of the form the outbox takes over.
pub const FORM_ID: &str = "envoye";

// In the browser, an island only in the phone's wasm (feature
// `workshop-phone`); the others compile it as a plain component, which
// nothing calls there, so none of its code is shipped.
#[cfg_attr(not(all(feature = "hydrate", not(feature = "workshop-phone"))), island)]
#[cfg_attr(all(feature = "hydrate", not(feature = "workshop-phone")), component)]
pub fn PostOutbox() -> impl IntoView {
    let locale = use_locale();
    let outbox = RwSignal::new(Outbox::default());
    let sent = RwSignal::new(false);
    // No props (see `LivePulse`): the workshop is the one the page's pulse
    // follows, read in the browser, the only place the outbox works.
    #[cfg(feature = "hydrate")]
    let workshop_id = super::live::PulseStart::current().map(|s| s.workshop_id);
    #[cfg(feature = "hydrate")]
    if let Some(workshop_id) = workshop_id {
        super::sending::start(locale, workshop_id, outbox, sent);
    }
    // The server renders an empty outbox. What waits on the phone is read
    // at once (so that a new post never overwrites it in storage) but shown
    // once the island is hydrated: the page must first match the server's.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let shown = move || {
        if hydrated.get() {
            outbox.get()
        } else {
            Outbox::default()
        }
    };
    let waiting = move || hydrated.get() && outbox.with(|o| !o.pending.is_empty());
    let waiting_count = move || outbox.with(|o| o.pending.len());
    let summary = move || match (waiting(), sent.get()) {
        (false, true) => t(locale, Key::PostSent).to_owned(),
        (false, false) => String::new(),
        (true, _) => format!("{} ({})", t(locale, Key::PostsWaiting), waiting_count()),
    };
    let dismiss = move |index: usize| {
        outbox.update(|o| {
            if index < o.refused.len() {
                o.refused.remove(index);
            }
        });
        #[cfg(feature = "hydrate")]
        if let Some(workshop_id) = workshop_id {
            super::sending::save(workshop_id, &outbox.get_untracked());
        }
    };
    view! {
        <div class="outbox">
            <p class="outbox-summary" role="status">{summary}</p>
            // A plain list, not a keyed `<For>`: a phone has a post or two
            // waiting, and the keyed diff was 5 KB of the phone's wasm.
            <ul class="live-list" hidden=move || !waiting()>
                {move || {
                    shown()
                        .pending
                        .into_iter()
                        .map(|queued| {
                            view! {
                                <li class="live-item pending-post">
                                    <p><strong>{t(locale, Key::PostWaiting)}</strong></p>
                                    <p class="live-body">{queued.text}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                shown()
                    .refused
                    .into_iter()
                    .enumerate()
                    .map(|(index, refused)| {
                        view! {
                            <div class="callout not-sent">
                                <p><strong>{t(locale, Key::PostNotSentTitle)}</strong> " " {refused.message}</p>
                                <p class="live-body">{refused.text}</p>
                                <button type="button" on:click=move |_| dismiss(index)>{t(locale, Key::DismissPost)}</button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
