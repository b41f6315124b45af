//! Live updates of a workshop: what changed (stored with each change) and
//! the small event pushed to every open view, with the rule a view follows
//! on each event.

use super::workshop_views::Timer;
use super::workshops::Phase;
use serde::{Deserialize, Serialize};

/// What a change of a workshop was about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum EventKind {
    /// A contribution posted (subject: its id).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "post"))]
    Post,
    /// Dots placed or taken back.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "vote"))]
    Vote,
    /// The next phase, or the end.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "phase"))]
    Phase,
    /// The timer paused, resumed or extended.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "timer"))]
    Timer,
    /// Someone joined.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "join"))]
    Join,
    /// Someone removed (subject: their participant id).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "leave"))]
    Leave,
    /// The console moved to another device.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "console"))]
    Console,
    /// Joining opened or locked.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "joining"))]
    Joining,
    /// The number of dots changed.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "dots"))]
    Dots,
    /// Role cards dealt.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cards"))]
    Cards,
    /// A contribution hidden (subject: its id).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "hide"))]
    Hide,
    /// A mine triaged from its page (subject: its id).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "triage"))]
    Triage,
    /// The round revealed outside the console (the idea's page).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reveal"))]
    Reveal,
    /// What the board shows changed: a mine in focus, a page (the
    /// projector and the console follow; phones do not show it).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "focus"))]
    Focus,
    /// A duplicate grouped under a card, or taken out (subject: its id).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "group"))]
    Group,
}

impl EventKind {
    pub const ALL: &'static [EventKind] = &[
        EventKind::Post,
        EventKind::Vote,
        EventKind::Phase,
        EventKind::Timer,
        EventKind::Join,
        EventKind::Leave,
        EventKind::Console,
        EventKind::Joining,
        EventKind::Dots,
        EventKind::Cards,
        EventKind::Hide,
        EventKind::Triage,
        EventKind::Reveal,
        EventKind::Focus,
        EventKind::Group,
    ];

    /// The word stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Post => "post",
            EventKind::Vote => "vote",
            EventKind::Phase => "phase",
            EventKind::Timer => "timer",
            EventKind::Join => "join",
            EventKind::Leave => "leave",
            EventKind::Console => "console",
            EventKind::Joining => "joining",
            EventKind::Dots => "dots",
            EventKind::Cards => "cards",
            EventKind::Hide => "hide",
            EventKind::Triage => "triage",
            EventKind::Reveal => "reveal",
            EventKind::Focus => "focus",
            EventKind::Group => "group",
        }
    }

    pub fn parse(raw: &str) -> Option<EventKind> {
        Self::ALL.iter().copied().find(|c| c.as_str() == raw)
    }
}

/// What a view receives, a few dozen bytes: the change (or `reload` when
/// the view is too far behind to catch up event by event), and the
/// workshop's state when the event was sent (phase and timer), so that no
/// view has to ask for them. The event's number travels as the SSE id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    /// `post`, `phase`… or [`RELOAD`].
    pub kind: String,
    /// The contribution or participant concerned, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<i64>,
    /// When the change was written, in Unix milliseconds (fan-out delays
    /// are measured from it).
    pub at: i64,
    pub phase: Phase,
    pub timer: Timer,
}

/// The kind of the event telling a view to read its whole state again.
pub const RELOAD: &str = "reload";

/// The event opening every (re)connection of a stream.
pub const HELLO: &str = "hello";

/// The event sent when nothing happened for a while: the connection lives.
pub const PING: &str = "ping";

/// Seconds between pings; a page that hears nothing for
/// [`SILENCE_LIMIT_SECS`] counts the connection as lost and opens another.
pub const PING_SECS: u64 = 15;
pub const SILENCE_LIMIT_SECS: u64 = 40;

/// How many missed events a reconnecting view is sent one by one; further
/// behind, it reloads.
pub const MAX_CATCH_UP: u64 = 500;

/// Which view follows the stream: they care about different changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    /// The projector and the console show everything.
    Facilitator,
    /// A phone: its participant id (others' posts change nothing it shows
    /// before the reveal, and during it only its own list).
    Phone { participant: i64 },
}

/// Whether a view shows something this event changed: then it reads its
/// state again (the timer is updated in place either way).
pub fn needs_update(viewer: Viewer, shown_phase: Phase, event: &LiveEvent) -> bool {
    if event.kind == RELOAD || event.phase != shown_phase {
        return true;
    }
    let Some(change) = EventKind::parse(&event.kind) else {
        // A kind this page does not know yet (a newer server): be safe.
        return true;
    };
    match viewer {
        Viewer::Facilitator => change != EventKind::Timer,
        Viewer::Phone { participant } => match change {
            EventKind::Phase
            | EventKind::Cards
            | EventKind::Dots
            | EventKind::Hide
            | EventKind::Triage
            | EventKind::Reveal
            | EventKind::Group => true,
            // While ways around are sought, a phone shows the mine on the
            // board (the ways around proposed are the board's to list: a
            // phone reloading on each would lose its « Envoyée »).
            EventKind::Focus => shown_phase == Phase::WaysAround,
            EventKind::Leave => event.subject == Some(participant),
            _ => false,
        },
    }
}

/// What a stream sends, chosen by the view that opens it: a phone is not
/// sent the changes it never shows, so a room of a thousand phones writing
/// at once costs the server one write per post for the board, not a
/// thousand. Always a superset of what [`needs_update`] asks for, plus the
/// timer (updated in place): the view still decides what to do with each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The board and the console: every change.
    Everything,
    /// A phone: no posts, votes, joins nor console moves.
    Phone,
}

impl Audience {
    /// The query parameter (`vue`) a phone's page adds to its stream.
    pub const PHONE_QUERY: &'static str = "telephone";

    /// The audience a stream's `vue` names; anything else gets everything,
    /// which is always safe.
    pub fn from_query(view: Option<&str>) -> Audience {
        match view {
            Some(Self::PHONE_QUERY) => Audience::Phone,
            _ => Audience::Everything,
        }
    }

    /// The audience of a view.
    pub fn of(viewer: Viewer) -> Audience {
        match viewer {
            Viewer::Facilitator => Audience::Everything,
            Viewer::Phone { .. } => Audience::Phone,
        }
    }

    /// The kinds of change this audience is never sent, whatever the
    /// phase: what a room does most (posts, others' votes, joins) and the
    /// console's own moves.
    pub fn never_sent(self) -> &'static [EventKind] {
        match self {
            Audience::Everything => &[],
            Audience::Phone => &[
                EventKind::Post,
                EventKind::Vote,
                EventKind::Join,
                EventKind::Console,
                EventKind::Joining,
            ],
        }
    }

    /// Whether a stream for this audience sends a change of `kind`, the
    /// workshop being in `phase` when it is sent. A view also updates when
    /// an event's phase is not the one it shows; every phase change is an
    /// event of its own, always sent, so nothing left out here hides one.
    pub fn wants(self, kind: &str, phase: Phase) -> bool {
        let Some(change) = EventKind::parse(kind) else {
            // `reload`, or a kind this server names but not here: send.
            return true;
        };
        if self.never_sent().contains(&change) {
            return false;
        }
        match (self, change) {
            // What the board focuses on is a phone's only while ways around
            // are sought.
            (Audience::Phone, EventKind::Focus) => phase == Phase::WaysAround,
            // Someone's removal matters to their phone only, but the stream
            // does not know whose phone it is: rare, so sent.
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, subject: Option<i64>, phase: Phase) -> LiveEvent {
        LiveEvent {
            kind: kind.as_str().to_owned(),
            subject,
            at: 0,
            phase,
            timer: Timer::default(),
        }
    }

    #[test]
    fn kinds_round_trip() {
        for change in EventKind::ALL {
            assert_eq!(EventKind::parse(change.as_str()), Some(*change));
        }
        assert_eq!(EventKind::parse("nope"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_word_stored_is_the_word_sent() {
        use sea_orm::ActiveEnum;
        for kind in EventKind::ALL {
            assert_eq!(kind.to_value(), kind.as_str());
        }
    }

    #[test]
    fn a_phone_ignores_others_posts_but_not_a_new_phase_or_its_removal() {
        let me = Viewer::Phone { participant: 7 };
        let w = Phase::Writing;
        assert!(!needs_update(me, w, &event(EventKind::Post, Some(3), w)));
        assert!(!needs_update(me, w, &event(EventKind::Join, None, w)));
        assert!(!needs_update(me, w, &event(EventKind::Leave, Some(8), w)));
        assert!(needs_update(me, w, &event(EventKind::Leave, Some(7), w)));
        assert!(needs_update(
            me,
            w,
            &event(EventKind::Phase, None, Phase::Reveal)
        ));
        assert!(needs_update(me, w, &event(EventKind::Cards, None, w)));
        // What the board focuses on is the board's: a phone stays as it is.
        let t = Phase::Triage;
        assert!(!needs_update(me, t, &event(EventKind::Focus, Some(3), t)));
        assert!(needs_update(
            Viewer::Facilitator,
            t,
            &event(EventKind::Focus, Some(3), t)
        ));
        // While ways around are sought, the mine on the board is the
        // phone's too (not each way around proposed); groups always.
        let a = Phase::WaysAround;
        assert!(needs_update(me, a, &event(EventKind::Focus, Some(3), a)));
        assert!(!needs_update(me, a, &event(EventKind::Post, Some(4), a)));
        let g = Phase::Grouping;
        assert!(needs_update(me, g, &event(EventKind::Group, Some(4), g)));
        // A missed phase change shows in the state the event carries.
        assert!(needs_update(
            me,
            w,
            &event(EventKind::Post, None, Phase::Vote)
        ));
    }

    #[test]
    fn the_board_follows_everything_but_the_timer() {
        let board = Viewer::Facilitator;
        let w = Phase::Writing;
        assert!(needs_update(board, w, &event(EventKind::Post, Some(3), w)));
        assert!(!needs_update(board, w, &event(EventKind::Timer, None, w)));
        let reload = LiveEvent {
            kind: RELOAD.to_owned(),
            ..event(EventKind::Timer, None, w)
        };
        assert!(needs_update(board, w, &reload));
    }

    #[test]
    fn a_phone_stream_sends_all_a_phone_shows_and_the_timer() {
        let me = Viewer::Phone { participant: 7 };
        for &kind in EventKind::ALL {
            for &phase in Phase::ALL {
                for subject in [None, Some(7), Some(8)] {
                    let e = event(kind, subject, phase);
                    let shown = needs_update(me, phase, &e) || kind == EventKind::Timer;
                    assert!(
                        !shown || Audience::Phone.wants(kind.as_str(), phase),
                        "{kind:?} in {phase:?} is needed by a phone"
                    );
                    assert!(Audience::Everything.wants(kind.as_str(), phase));
                }
            }
        }
        assert!(Audience::Phone.wants(RELOAD, Phase::Writing));
        assert!(Audience::Phone.wants("a newer kind", Phase::Writing));
    }

    #[test]
    fn a_phone_stream_skips_what_a_room_does_most() {
        let w = Phase::Writing;
        for kind in [EventKind::Post, EventKind::Join, EventKind::Vote] {
            assert!(!Audience::Phone.wants(kind.as_str(), w), "{kind:?}");
        }
        assert!(!Audience::Phone.wants("focus", Phase::Triage));
        assert!(Audience::Phone.wants("focus", Phase::WaysAround));
        assert_eq!(Audience::from_query(Some("telephone")), Audience::Phone);
        assert_eq!(Audience::from_query(Some("tableau")), Audience::Everything);
        assert_eq!(Audience::from_query(None), Audience::Everything);
        assert_eq!(
            Audience::of(Viewer::Phone { participant: 1 }),
            Audience::Phone
        );
    }

    #[test]
    fn an_event_stays_small() {
        let e = event(EventKind::Post, Some(123_456), Phase::Writing);
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert!(json.len() < 200, "{json}");
    }
}
