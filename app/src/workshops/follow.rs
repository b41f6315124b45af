//! What a live view does with each event of its workshop. The board and
//! the console bring their page up to date in place (see [`refresh`]) and
//! say politely what arrived; a phone, whose post form is an island of its
//! own, loads itself again. Nobody loses what they are typing: then a
//! button offers the update instead.

use super::browser::{reload, reload_current_state, sleep, typing};
use super::refresh::{refresh, NotUpdated};
use crate::domain::live::{needs_update, EventKind, LiveEvent, Viewer};
use crate::domain::workshops::Phase;
use crate::i18n::{t, Key, Locale};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// The longest wait before trying an update again after a failure.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// How long an announcement stays empty before it is said.
const ANNOUNCE_DELAY: Duration = Duration::from_millis(100);

/// The view's side of the stream, shared by the events' callbacks.
#[derive(Clone)]
pub struct Follow(Rc<State>);

struct State {
    viewer: Viewer,
    locale: Locale,
    /// The phase the page shows, or will once the update under way lands.
    shown_phase: Cell<Phase>,
    /// Something changed while the person was typing.
    stale: RwSignal<bool>,
    /// The last announcement (an `aria-live` region shows it).
    said: RwSignal<String>,
    /// An update is under way; `again` when another event came meanwhile.
    busy: Cell<bool>,
    again: Cell<bool>,
    /// What arrived since the last announcement.
    posts: Cell<u32>,
    new_phase: Cell<Option<Phase>>,
}

impl Follow {
    pub fn new(
        viewer: Viewer,
        phase: Phase,
        stale: RwSignal<bool>,
        said: RwSignal<String>,
        locale: Locale,
    ) -> Self {
        Follow(Rc::new(State {
            viewer,
            locale,
            shown_phase: Cell::new(phase),
            stale,
            said,
            busy: Cell::new(false),
            again: Cell::new(false),
            posts: Cell::new(0),
            new_phase: Cell::new(None),
        }))
    }

    pub fn on(&self, event: LiveEvent) {
        let state = &self.0;
        if !needs_update(state.viewer, state.shown_phase.get(), &event) {
            return;
        }
        if event.kind == EventKind::Post.as_str() {
            state.posts.set(state.posts.get() + 1);
        }
        if event.phase != state.shown_phase.get() {
            state.shown_phase.set(event.phase);
            state.new_phase.set(Some(event.phase));
        }
        if typing() {
            state.stale.set(true);
            return;
        }
        if state.busy.replace(true) {
            // The update under way may have read the page before this
            // change: one more follows it, however many events came.
            state.again.set(true);
            return;
        }
        let state = Rc::clone(state);
        match state.viewer {
            // A burst of posts reloads the phone once, unless the person
            // started typing meanwhile.
            Viewer::Phone { .. } if cfg!(feature = "workshop-phone") => set_timeout(
                move || {
                    if typing() {
                        state.stale.set(true);
                        state.busy.set(false);
                    } else {
                        reload_current_state();
                    }
                },
                Duration::from_millis(300),
            ),
            Viewer::Facilitator if cfg!(feature = "workshop-facilitator") => {
                leptos::task::spawn_local(async move {
                    let mut backoff = Duration::from_millis(500);
                    loop {
                        state.again.set(false);
                        match refresh().await {
                            Ok(()) => {
                                backoff = Duration::from_millis(500);
                                state.stale.set(false);
                                state.announce();
                                if !state.again.get() {
                                    break;
                                }
                            }
                            // The server restarting, the Wi-Fi dropping: the
                            // same update a little later.
                            Err(NotUpdated::Unreachable) => {
                                sleep(backoff).await;
                                backoff = (backoff * 2).min(MAX_BACKOFF);
                            }
                            Err(NotUpdated::Unmergeable) => {
                                reload();
                                break;
                            }
                        }
                    }
                    // Free for the next event (also when a reload was asked
                    // and the page stays, as after starting a download).
                    state.busy.set(false);
                })
            }
            // Each view's wasm carries only its own way of updating (see
            // `app/Cargo.toml`); loaded again, a page gets the right one.
            _ => reload(),
        }
    }
}

impl State {
    /// Says what the update brought: the new phase, the number of posts.
    fn announce(&self) {
        let locale = self.locale;
        let mut parts: Vec<String> = Vec::new();
        if let Some(phase) = self.new_phase.take() {
            parts.push(format!(
                "{} {}.",
                t(locale, Key::PhaseNowIs),
                t(locale, phase.label())
            ));
        }
        match self.posts.replace(0) {
            0 => {}
            1 => parts.push(t(locale, Key::NewPostArrived).to_owned()),
            n => parts.push(format!("{n} {}", t(locale, Key::NewPostsArrived))),
        }
        if !parts.is_empty() {
            // Emptied first, then said: the same words twice in a row
            // (one post, then another) are still announced.
            let said = self.said;
            said.set(String::new());
            set_timeout(move || said.set(parts.join(" ")), ANNOUNCE_DELAY);
        }
    }
}
