//! The strings the browser's code may show: the islands' own (and what
//! they call). Each is computed at compile time from the locale tables, so
//! the wasm carries these few sentences and not the whole application's
//! (the tables themselves are never called in the browser build). A key
//! missing here shows as nothing in the browser: `tests::every_key_an_island_names_is_here`
//! reads the islands' sources to keep the list whole.

use super::{en, fr, Key, Locale};

macro_rules! browser_keys {
    ($($key:ident),* $(,)?) => {
        /// Every key the browser's code may ask for.
        #[cfg(test)]
        pub const KEYS: &[Key] = &[$(Key::$key),*];

        pub fn text(locale: Locale, key: Key) -> &'static str {
            match (locale, key) {
                $(
                    (Locale::Fr, Key::$key) => {
                        const TEXT: &str = fr::text(Key::$key);
                        TEXT
                    }
                    (Locale::En, Key::$key) => {
                        const TEXT: &str = en::text(Key::$key);
                        TEXT
                    }
                )*
                _ => "",
            }
        }
    };
}

browser_keys! {
    // The language switch (settings/language_switch.rs).
    SwitchLanguage,
    SwitchLanguageLabel,
    // The maturity guide (home/maturity_guide.rs), with each stage's
    // label and criteria.
    MaturityIntro,
    MaturityStages,
    MaturityTitle,
    StageSeed,
    StageSketch,
    StageDemined,
    StageReady,
    StageSeedCriteria,
    StageSketchCriteria,
    StageDeminedCriteria,
    StageReadyCriteria,
    // The workshop phone's outbox and its sending (workshops/outbox.rs,
    // sending.rs).
    DismissPost,
    PostNotSentTitle,
    PostSent,
    PostWaiting,
    PostsWaiting,
    ErrForbidden,
    ErrNotFound,
    ErrParticipantRemoved,
    ErrPostNotSent,
    ErrUnauthorized,
    ErrWorkshopEnded,
    FormHasErrors,
    // The live pulse and what it announces (workshops/live.rs, follow.rs),
    // with each phase's label.
    ConnectionLost,
    Reconnected,
    Refresh,
    TimeLeft,
    TimerPaused,
    WorkshopChanged,
    NewPostArrived,
    NewPostsArrived,
    PhaseNowIs,
    PhasePitch,
    PhaseWriting,
    PhaseReveal,
    PhaseGrouping,
    PhaseVote,
    PhaseWaysAround,
    PhaseTriage,
    PhaseEnded,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::maturity::Stage;
    use crate::domain::workshops::Phase;

    /// The islands and the browser-only code they run.
    const SOURCES: [&str; 7] = [
        include_str!("../settings/language_switch.rs"),
        include_str!("../home/maturity_guide.rs"),
        include_str!("../workshops/outbox.rs"),
        include_str!("../workshops/sending.rs"),
        include_str!("../workshops/live.rs"),
        include_str!("../workshops/follow.rs"),
        include_str!("../workshops/stream.rs"),
    ];

    #[test]
    fn every_key_an_island_names_is_here() {
        let known = |name: &str| KEYS.iter().any(|k| format!("{k:?}") == name);
        for source in SOURCES {
            for piece in source.split("Key::").skip(1) {
                let name: String = piece.chars().take_while(|c| c.is_alphanumeric()).collect();
                assert!(
                    known(&name),
                    "Key::{name} is shown by browser code: add it to i18n/browser.rs"
                );
            }
        }
        for stage in Stage::ALL {
            assert!(KEYS.contains(&stage.label()) && KEYS.contains(&stage.criteria()));
        }
        for phase in Phase::ALL {
            assert!(KEYS.contains(&phase.label()), "{phase:?}");
        }
    }

    #[test]
    fn the_browser_says_what_the_server_says() {
        for key in KEYS {
            for locale in Locale::ALL {
                let server = match locale {
                    Locale::Fr => fr::text(*key),
                    Locale::En => en::text(*key),
                };
                assert_eq!(text(locale, *key), server);
            }
        }
    }
}
