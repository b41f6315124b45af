//! Keeping a workshop view current: the shared timer counts down on the
//! device, and the view follows the workshop's event stream (server-sent
//! events). When an event changes what the view shows, the board and the
//! console update in place and a phone loads itself again (see
//! [`super::follow`]), unless the person is typing: then a button offers
//! it. A lost
//! connection is said once, and so is its return; missed events come on
//! reconnection (`Last-Event-ID`).

use crate::domain::live::Viewer;
use crate::domain::workshop_views::Timer;
use crate::domain::workshops::Phase;
use crate::i18n::{t, Key, Locale};
use leptos::prelude::*;

/// The connection to the stream, as the person is told about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    Up,
    Lost,
    /// Up again after a loss (said once).
    Back,
}

/// `7 min 05 s`, or `0 s`.
pub fn clock_text(seconds: i64) -> String {
    let (m, s) = (seconds / 60, seconds % 60);
    if m > 0 {
        format!("{m} min {s:02} s")
    } else {
        format!("{s} s")
    }
}

// In the browser, an island only in the workshop's wasm (feature
// `workshop`); the general wasm compiles it as a plain component, which
// nothing calls there, so none of its code is shipped.
#[cfg_attr(not(all(feature = "hydrate", not(feature = "workshop"))), island)]
#[cfg_attr(all(feature = "hydrate", not(feature = "workshop")), component)]
pub fn LivePulse(
    locale: Locale,
    workshop_id: i64,
    version: i64,
    phase: Phase,
    timer: Timer,
    viewer: Viewer,
) -> impl IntoView {
    let left = RwSignal::new(timer.seconds_left);
    let paused = RwSignal::new(timer.paused);
    let stale = RwSignal::new(false);
    // What the last update brought, said politely to screen readers.
    let said = RwSignal::new(String::new());
    let link = RwSignal::new(Link::Up);
    // Marks the pulse once hydrated: the board has no language form, so
    // browser tests check this to know its wasm loaded.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // Only the browser follows the stream; the server renders the first state.
    #[cfg(not(feature = "hydrate"))]
    let _ = (workshop_id, version, phase, viewer, locale);
    #[cfg(feature = "hydrate")]
    {
        use std::time::Duration;
        let tick = set_interval_with_handle(
            move || {
                if !paused.get_untracked() {
                    left.update(|l| {
                        if let Some(s) = l {
                            *s = (*s - 1).max(0);
                        }
                    });
                }
            },
            Duration::from_secs(1),
        );
        on_cleanup(move || {
            if let Ok(h) = tick {
                h.clear();
            }
        });
        super::browser::on_offline(move || link.set(Link::Lost));
        super::browser::watch_leaving();
        let follow_event = super::follow::Follow::new(viewer, phase, stale, said, locale);
        super::stream::follow(
            workshop_id,
            version,
            crate::domain::live::Audience::of(viewer),
            move |event| {
                left.set(event.timer.seconds_left);
                paused.set(event.timer.paused);
                follow_event.on(event);
            },
            move |up| {
                link.update(|l| {
                    *l = match (up, *l) {
                        (true, Link::Lost) => Link::Back,
                        (true, other) => other,
                        (false, _) => Link::Lost,
                    }
                })
            },
        );
    }
    let shown = move || match (left.get(), paused.get()) {
        (None, _) => String::new(),
        (Some(s), false) => format!("{} {}", t(locale, Key::TimeLeft), clock_text(s)),
        (Some(s), true) => format!(
            "{} {} ({})",
            t(locale, Key::TimeLeft),
            clock_text(s),
            t(locale, Key::TimerPaused)
        ),
    };
    // Loads the current state: without the note of a past post.
    let reload_now = move |_| {
        #[cfg(feature = "hydrate")]
        super::browser::reload_current_state();
    };
    view! {
        <div class="live-pulse" data-ready=move || hydrated.get().to_string()>
            <p class="timer" role="timer" hidden=move || left.get().is_none()>{shown}</p>
            <div aria-live="polite" class="live-status">
                <Show when=move || link.get() == Link::Lost>
                    <p class="callout link-lost">{t(locale, Key::ConnectionLost)}</p>
                </Show>
                <Show when=move || link.get() == Link::Back>
                    <p class="link-back">{t(locale, Key::Reconnected)}</p>
                </Show>
                <p class="visually-hidden">{move || said.get()}</p>
                <Show when=move || stale.get()>
                    <p class="callout">
                        {t(locale, Key::WorkshopChanged)} " "
                        <button type="button" on:click=reload_now>{t(locale, Key::Refresh)}</button>
                    </p>
                </Show>
            </div>
        </div>
    }
}
