//! Live workshops in the UI: joining by code or QR code, the phone, the
//! projector board and the facilitator console, kept current by
//! [`live::LivePulse`]; the phone's posts go through [`outbox`]. Its record
//! (« compte rendu ») stays readable by everyone who took part.
mod api;
mod board_page;
#[cfg(feature = "hydrate")]
mod browser;
mod console_page;
pub mod fields;
#[cfg(feature = "hydrate")]
mod follow;
mod join_page;
#[cfg(feature = "hydrate")]
mod js_json;
pub mod live;
mod outbox;
mod phone_page;
mod phone_steps;
mod record_page;
#[cfg(feature = "hydrate")]
mod refresh;
#[cfg(feature = "ssr")]
mod refusals;
mod same_idea;
#[cfg(feature = "hydrate")]
mod sending;
mod shared;
#[cfg(feature = "hydrate")]
mod stream;

pub use api::*;
pub use board_page::BoardPage;
pub use console_page::ConsolePage;
pub use join_page::JoinWorkshopPage;
pub use phone_page::PhonePage;
pub use record_page::RecordPage;

/// The join page; a code follows it in the QR code's address.
pub const JOIN_PATH: &str = "/rejoindre";

/// The event stream of a workshop (server-sent events), as the router
/// spells it; [`events_path`] for one workshop.
pub const EVENTS_ROUTE: &str = "/api/ateliers/{id}/evenements";

pub fn events_path(workshop_id: i64) -> String {
    EVENTS_ROUTE.replace("{id}", &workshop_id.to_string())
}

/// The phone view right after a post: it says the newest of one's posts
/// was sent, with its text, at the top of the form (`?envoye=<mark>`, the
/// form as anchor). The phone's script passes the post's key, which makes
/// each address new, so that the browser loads it rather than only
/// scrolling to the anchor; a plain form's answer loads anyway (`1`).
pub fn phone_sent_path(workshop_id: i64, post: &str) -> String {
    format!(
        "{}?{SENT_PARAM}={post}#{}",
        phone_path(workshop_id),
        outbox::FORM_ID
    )
}

/// The query parameter of [`phone_sent_path`].
pub const SENT_PARAM: &str = "envoye";

pub fn phone_path(workshop_id: i64) -> String {
    format!("/ateliers/{workshop_id}")
}

pub fn board_path(workshop_id: i64) -> String {
    format!("/ateliers/{workshop_id}/tableau")
}

/// The workshop's record (« compte rendu »), in the site's frame.
pub fn record_path(workshop_id: i64) -> String {
    format!("/ateliers/{workshop_id}/compte-rendu")
}

/// Whether `path` is a view that fills the screen without the site's
/// frame: the projector board.
pub fn is_full_screen(path: &str) -> bool {
    path.strip_prefix("/ateliers/")
        .and_then(|rest| rest.strip_suffix("/tableau"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `path` is a workshop's phone view (`/ateliers/<n>`), where the
/// site's menu folds away.
pub fn is_phone(path: &str) -> bool {
    path.strip_prefix("/ateliers/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The query parameter naming the card someone is grouping (« même idée
/// que… »): the phone or the console then offers the cards it may go
/// under, at [`GROUPING_ANCHOR`].
pub const GROUPING_PARAM: &str = "regrouper";
pub const GROUPING_ANCHOR: &str = "regrouper";

/// `view` (the phone's or the console's path) offering where card `card`
/// may be grouped.
pub fn grouping_path(view: &str, card: i64) -> String {
    format!("{view}?{GROUPING_PARAM}={card}#{GROUPING_ANCHOR}")
}

/// The `from` a grouping form sends from the console (any other is a
/// phone's): where the answer leads back.
pub const FROM_CONSOLE: &str = "console";

/// The console's query parameter naming the contribution to hide: its
/// form then shows at [`HIDE_ANCHOR`].
pub const HIDE_PARAM: &str = "masquer";
pub const HIDE_ANCHOR: &str = "masquer";

/// The console's section saying what the board shows.
pub const BOARD_STAGE_ANCHOR: &str = "au-tableau";

/// The console's list of contributions.
pub const CONSOLE_LIST_ANCHOR: &str = "console-contributions";

/// A contribution's place in the console's list.
pub fn console_item_anchor(contribution_id: i64) -> String {
    format!("c-{contribution_id}")
}

pub fn console_path(workshop_id: i64) -> String {
    format!("/ateliers/{workshop_id}/console")
}

/// A contribution's author, « Nom (invité·e) » for a workshop guest.
pub fn author_name(
    locale: crate::i18n::Locale,
    c: &crate::domain::round_views::ContributionView,
) -> String {
    author_name_of(locale, &c.author.name, c.author_guest)
}

/// A writer's name, « Nom (invité·e) » for a workshop guest.
pub fn author_name_of(locale: crate::i18n::Locale, name: &str, guest: bool) -> String {
    if guest {
        format!(
            "{name} ({})",
            crate::i18n::t(locale, crate::i18n::Key::GuestMark)
        )
    } else {
        name.to_owned()
    }
}

/// ` · casquette jouée · arrivée tardive`, as they apply.
pub fn live_marks(
    locale: crate::i18n::Locale,
    c: &crate::domain::round_views::ContributionView,
) -> String {
    use crate::i18n::{t, Key};
    [(c.under_card, Key::UnderCard), (c.late, Key::LatePost)]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, key)| format!(" · {}", t(locale, key)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_phone_folds_the_frame_and_only_the_board_fills_the_screen() {
        assert!(is_phone(&phone_path(12)));
        assert!(is_full_screen(&board_path(12)));
        // The record is read in the site's frame, like any page.
        assert!(!is_phone(&record_path(12)));
        assert!(!is_full_screen(&record_path(12)));
        assert!(!is_phone(&console_path(12)));
        assert!(!is_phone("/ateliers/"));
    }
}
