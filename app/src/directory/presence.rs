use crate::domain::directory::{Availability, Presence};
use crate::domain::round_views::Recognition;
use crate::i18n::{t, Key, Locale};
use leptos::prelude::*;

/// "Disponible", "Occupé·e", "Absent·e jusqu'au 24/12/2026".
pub fn presence_text(locale: Locale, presence: &Presence) -> String {
    match (presence.availability, &presence.until) {
        (Availability::Away, Some(until)) => {
            format!("{} {until}", t(locale, Key::PresenceAwayUntil))
        }
        (Availability::Away, None) | (Availability::Available, _) => {
            t(locale, Key::PresenceAvailable).to_owned()
        }
        (Availability::Busy, _) => t(locale, Key::PresenceBusy).to_owned(),
    }
}

/// What someone's démining added up to: their own counts, never a ranking
/// against anyone.
#[component]
pub fn RecognitionList(locale: Locale, r: Recognition) -> impl IntoView {
    let line = |n: u32, key: Key| view! { <li>{format!("{n} {}", t(locale, key))}</li> };
    view! {
        <ul class="recognition-list">
            {line(r.mines_caught, Key::MinesCaught)}
            {line(r.mines_defused, Key::MinesDefused)}
            {line(r.workarounds_adopted, Key::WorkaroundsAdopted)}
            {line(r.help_offered, Key::HelpOffered)}
            {line(r.rounds_taken_part, Key::RoundsTakenPart)}
        </ul>
    }
}
