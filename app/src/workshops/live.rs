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
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

/// The connection to the stream, as the person is told about it.
// Only the browser's stream is ever lost; the server renders `Up`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
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

/// What the live pulse starts from. The island takes no props (their JSON
/// decoder would be a fifth of the phone's wasm): on the server it is
/// given by [`super::shared::PhaseBar`] as context, written into the
/// pulse's element as `data-` attributes, and read back from there in the
/// browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PulseStart {
    pub workshop_id: i64,
    /// The last change the page shows.
    pub version: i64,
    pub phase: Phase,
    pub timer: Timer,
    pub viewer: Viewer,
}

impl PulseStart {
    /// The `data-` attributes and their values; an absent value is an
    /// absent attribute.
    fn attributes(&self) -> [(&'static str, Option<String>); 6] {
        // Named `data-…` here: the browser reads them back by those names.
        let participant = match self.viewer {
            Viewer::Facilitator => None,
            Viewer::Phone { participant } => Some(participant.to_string()),
        };
        [
            ("data-workshop", Some(self.workshop_id.to_string())),
            ("data-version", Some(self.version.to_string())),
            ("data-phase", Some(self.phase.as_str().to_owned())),
            ("data-left", self.timer.seconds_left.map(|s| s.to_string())),
            ("data-paused", self.timer.paused.then(|| "true".to_owned())),
            ("data-participant", participant),
        ]
    }

    /// Read back from what [`Self::attributes`] wrote (`data` gives an
    /// attribute's value by its name).
    pub fn from_attributes(data: impl Fn(&str) -> Option<String>) -> Option<PulseStart> {
        let number = |name: &str| data(name).and_then(|v| v.parse::<i64>().ok());
        Some(PulseStart {
            workshop_id: number("data-workshop")?,
            version: number("data-version")?,
            phase: Phase::parse(&data("data-phase")?)?,
            timer: Timer {
                seconds_left: number("data-left"),
                paused: data("data-paused").is_some(),
            },
            viewer: match number("data-participant") {
                Some(participant) => Viewer::Phone { participant },
                None => Viewer::Facilitator,
            },
        })
    }

    /// The start given to this page's pulse.
    pub fn current() -> Option<PulseStart> {
        #[cfg(feature = "hydrate")]
        {
            // The pulse's element, one per page.
            let pulse = document().query_selector(".live-pulse").ok().flatten()?;
            PulseStart::from_attributes(|name| pulse.get_attribute(name))
        }
        #[cfg(not(feature = "hydrate"))]
        use_context::<PulseStart>()
    }
}

// In the browser, an island only in the workshop's wasm (the phone's and
// the facilitator's); the general wasm compiles it as a plain component,
// which nothing calls there, so none of its code is shipped.
#[cfg_attr(
    not(all(
        feature = "hydrate",
        not(any(feature = "workshop-phone", feature = "workshop-facilitator"))
    )),
    island
)]
#[cfg_attr(
    all(
        feature = "hydrate",
        not(any(feature = "workshop-phone", feature = "workshop-facilitator"))
    ),
    component
)]
pub fn LivePulse() -> impl IntoView {
    let locale = use_locale();
    // Always there: the server renders the pulse from it, and the browser
    // reads it back from that rendering. Without it the pulse follows
    // nothing rather than the wrong workshop.
    let start = PulseStart::current();
    let timer = start.map(|s| s.timer).unwrap_or_default();
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
    #[cfg(feature = "hydrate")]
    if let Some(PulseStart {
        workshop_id,
        version,
        phase,
        viewer,
        ..
    }) = start
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
    let [a, b, c, d, e, f] = start
        .map(|s| s.attributes())
        .unwrap_or_default()
        .map(|(name, value)| custom_attribute(name, value));
    let data = (a, b, c, d, e, f);
    view! {
        <div class="live-pulse" data-ready=move || hydrated.get().to_string() {..data}>
            <p class="timer" role="timer" hidden=move || left.get().is_none()>{shown}</p>
            <div aria-live="polite" class="live-status">
                // Options rather than `<Show>`s: the same nodes come and go,
                // with less code in the phone's wasm.
                {move || match link.get() {
                    Link::Up => None,
                    Link::Lost => Some(view! { <p class="callout link-lost">{t(locale, Key::ConnectionLost)}</p> }.into_any()),
                    Link::Back => Some(view! { <p class="link-back">{t(locale, Key::Reconnected)}</p> }.into_any()),
                }}
                <p class="visually-hidden">{move || said.get()}</p>
                {move || stale.get().then(|| view! {
                    <p class="callout">
                        {t(locale, Key::WorkshopChanged)} " "
                        <button type="button" on:click=reload_now>{t(locale, Key::Refresh)}</button>
                    </p>
                })}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(start: PulseStart) -> Option<PulseStart> {
        let written = start.attributes();
        PulseStart::from_attributes(|name| {
            written
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, value)| value.clone())
        })
    }

    #[test]
    fn the_pulse_reads_back_what_the_server_wrote_into_its_element() {
        let phone = PulseStart {
            workshop_id: 12,
            version: 3456,
            phase: Phase::WaysAround,
            timer: Timer {
                seconds_left: Some(95),
                paused: true,
            },
            viewer: Viewer::Phone { participant: 78 },
        };
        assert_eq!(read_back(phone), Some(phone));
        let board = PulseStart {
            timer: Timer::default(),
            viewer: Viewer::Facilitator,
            phase: Phase::Pitch,
            ..phone
        };
        assert_eq!(read_back(board), Some(board));
        assert_eq!(PulseStart::from_attributes(|_| None), None);
    }
}
