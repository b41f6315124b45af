//! The phone's outbox. With JavaScript, a post is kept on the phone (in
//! its storage, so a reload or a closed tab loses nothing) with its own
//! key, shown as « envoi en attente », and sent until the server
//! acknowledges it; a retry after a lost answer is recognised by its key
//! and stored once. Without JavaScript the form posts as a plain form.

use crate::i18n::{t, Key, Locale};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A post waiting for the server's acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// The post's key: the same on every retry.
    pub key: String,
    /// The form's fields, URL-encoded, key included.
    pub body: String,
    /// The text, to show while it waits.
    pub text: String,
}

/// A post the server refused (writing was over): its text is handed back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub text: String,
    pub message: String,
}

/// What the phone keeps for one workshop.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub pending: Vec<Queued>,
    pub refused: Vec<Refused>,
}

/// The id of the form the outbox takes over.
pub const FORM_ID: &str = "envoye";

// In the browser, an island only in the workshop's wasm (feature
// `workshop`); the general wasm compiles it as a plain component, which
// nothing calls there, so none of its code is shipped.
#[cfg_attr(not(all(feature = "hydrate", not(feature = "workshop"))), island)]
#[cfg_attr(all(feature = "hydrate", not(feature = "workshop")), component)]
pub fn PostOutbox(locale: Locale, workshop_id: i64) -> impl IntoView {
    let outbox = RwSignal::new(Outbox::default());
    let sent = RwSignal::new(false);
    #[cfg(not(feature = "hydrate"))]
    let _ = workshop_id;
    #[cfg(feature = "hydrate")]
    super::sending::start(locale, workshop_id, outbox, sent);
    let waiting = move || outbox.with(|o| o.pending.len());
    let summary = move || match waiting() {
        0 if sent.get() => t(locale, Key::PostSent).to_owned(),
        0 => String::new(),
        n => format!("{} ({n})", t(locale, Key::PostsWaiting)),
    };
    let dismiss = move |index: usize| {
        outbox.update(|o| {
            if index < o.refused.len() {
                o.refused.remove(index);
            }
        });
        #[cfg(feature = "hydrate")]
        super::sending::save(workshop_id, &outbox.get_untracked());
    };
    view! {
        <div class="outbox">
            <p class="outbox-summary" role="status">{summary}</p>
            <ul class="live-list" hidden=move || waiting() == 0>
                <For each=move || outbox.get().pending key=|q| q.key.clone() let:queued>
                    <li class="live-item pending-post">
                        <p><strong>{t(locale, Key::PostWaiting)}</strong></p>
                        <p class="live-body">{queued.text}</p>
                    </li>
                </For>
            </ul>
            {move || {
                outbox
                    .get()
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
