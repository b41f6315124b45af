//! Keeping a workshop view current: the shared timer counts down on the
//! device, and every few seconds the view asks the server for the pulse
//! (version, phase, timer). When what the view shows has changed it loads
//! itself again, unless the person is typing: then a button offers it.
//! The next step swaps polling for a pushed event stream; the rule stays.

use crate::domain::workshop_views::Timer;
use crate::i18n::{t, Key, Locale};
use leptos::prelude::*;

/// How often a view asks for the pulse.
#[cfg(feature = "hydrate")]
const POLL_MS: u64 = 3000;

/// When a view loads itself again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Refresh {
    /// On any change (the board, the console).
    AnyChange,
    /// When the phase changes (a phone: others' posts change nothing it
    /// shows before the reveal).
    PhaseChange,
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

#[island]
pub fn LivePulse(
    locale: Locale,
    workshop_id: i64,
    version: i64,
    phase: String,
    timer: Timer,
    refresh: Refresh,
) -> impl IntoView {
    let left = RwSignal::new(timer.seconds_left);
    let paused = RwSignal::new(timer.paused);
    let stale = RwSignal::new(false);
    // Only the browser polls; the server renders the first state.
    #[cfg(not(feature = "hydrate"))]
    let _ = (workshop_id, version, phase, refresh);
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
        let poll = set_interval_with_handle(
            move || {
                let phase = phase.clone();
                leptos::task::spawn_local(async move {
                    let pulse = match super::pulse_of_workshop(workshop_id).await {
                        Ok(pulse) => pulse,
                        // The seat ended (the workshop is over, or the person
                        // was removed): the page says so once loaded again.
                        Err(crate::error::AppError::Invalid(_)) => return reload(),
                        // The network: try again at the next beat.
                        Err(_) => return,
                    };
                    left.set(pulse.timer.seconds_left);
                    paused.set(pulse.timer.paused);
                    let changed = match refresh {
                        Refresh::AnyChange => pulse.version != version,
                        Refresh::PhaseChange => pulse.phase.as_str() != phase,
                    };
                    if changed {
                        if typing() {
                            stale.set(true);
                        } else {
                            reload();
                        }
                    }
                });
            },
            Duration::from_millis(POLL_MS),
        );
        on_cleanup(move || {
            if let Ok(h) = tick {
                h.clear();
            }
            if let Ok(h) = poll {
                h.clear();
            }
        });
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
    view! {
        <div class="live-pulse">
            <p class="timer" role="timer" hidden=move || left.get().is_none()>{shown}</p>
            <div aria-live="polite">
                <Show when=move || stale.get()>
                    <p class="callout">
                        {t(locale, Key::WorkshopChanged)} " "
                        <button type="button" on:click=move |_| reload()>{t(locale, Key::Refresh)}</button>
                    </p>
                </Show>
            </div>
        </div>
    }
}

/// Whether the person is writing: a focused field, or a text not sent.
#[cfg(feature = "hydrate")]
fn typing() -> bool {
    use leptos::wasm_bindgen::JsCast;
    let document = document();
    let focused = document
        .active_element()
        .map(|e| matches!(e.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
        .unwrap_or(false);
    let drafted = document
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
        .is_some_and(|area| !area.value().trim().is_empty());
    focused || drafted
}

#[cfg(feature = "hydrate")]
fn reload() {
    let _ = window().location().reload();
}

#[cfg(not(feature = "hydrate"))]
fn reload() {}
