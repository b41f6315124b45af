//! What the round parts of the idea pages show, as the server sends it:
//! plain data, dates written out, and nothing a caller may not read (before
//! the reveal, others' contributions are simply absent).

use super::idea_views::PersonRef;
use super::maturity_rule::Maturity;
use super::rounds::{ContributionKind, Outcome, RoundMode, RoundStatus, Severity, TriageKind};
use serde::{Deserialize, Serialize};

/// An expertise domain, by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainRef {
    pub id: i64,
    pub name: String,
}

/// A round's heading facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub id: i64,
    pub number: i32,
    pub version: i32,
    pub focus: String,
    pub mode: RoundMode,
    pub status: RoundStatus,
    /// As read in France: `05/12/2026 à 17:00`.
    pub deadline: Option<String>,
    /// For a `datetime-local` input: `2026-12-05T17:00`.
    pub deadline_input: Option<String>,
    pub revealed: bool,
    /// A workshop runs the round now: only its console reveals it.
    pub workshop_running: bool,
    /// The workshop that ran the round, once ended: its record is linked.
    pub workshop_record: Option<i64>,
    pub wanted: Vec<DomainRef>,
    pub invited: Vec<PersonRef>,
    /// How many contributions arrived: told to authors before the reveal,
    /// to everyone after.
    pub contribution_count: Option<u32>,
    /// Mines of this round not triaged yet (after the reveal).
    pub untriaged: u32,
    pub synthesis: String,
    pub next_step: String,
    pub opened: String,
}

/// A mine's triage as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageView {
    pub kind: TriageKind,
    /// Why, or the action to take.
    pub note: String,
    pub workaround: Option<i64>,
    /// That workaround's text, when the reader may read it.
    pub workaround_text: Option<String>,
    pub owner: String,
    /// `15/12/2026`.
    pub due: String,
}

/// A reply under a contribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub author: String,
    pub text: String,
    pub created: String,
}

/// One contribution, as the caller may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionView {
    pub id: i64,
    pub round_number: i32,
    pub kind: ContributionKind,
    pub author: PersonRef,
    pub domain: Option<DomainRef>,
    pub severity: Option<Severity>,
    /// Empty when hidden.
    pub text: String,
    pub link: Option<String>,
    /// The mine a workaround answers.
    pub answers: Option<i64>,
    /// That mine, by its text, when the reader may read it.
    pub answers_link: Option<LinkRef>,
    /// The workarounds proposed for a mine, readable by the reader.
    pub answered_by: Vec<LinkRef>,
    /// The mine this one was grouped under in a workshop, as saying the
    /// same thing: triaged there, counted once with it.
    pub grouped_under: Option<i64>,
    /// The author held the domain: the contribution covers it.
    pub holds_domain: bool,
    /// Written by a workshop guest: shown « Nom (invité·e) ».
    pub author_guest: bool,
    /// Written in a workshop under a role card (« casquette jouée »).
    pub under_card: bool,
    /// Sent after a workshop's writing phase (« arrivée tardive »).
    pub late: bool,
    pub created: String,
    /// The caller wrote it.
    pub own: bool,
    /// The caller may still edit or withdraw it (own, before the reveal).
    pub editable: bool,
    /// The reason it was hidden by a lead or an administrator.
    pub hidden: Option<String>,
    pub endorsements: u32,
    pub endorsed: bool,
    pub reply_count: u32,
    /// « votes en atelier »: dots placed in a workshop's vote.
    pub workshop_dots: u32,
    pub triage: Option<TriageView>,
}

/// Another contribution named by its text (a link).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    pub id: i64,
    pub text: String,
}

/// A round and one page of its contributions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundBlock {
    pub info: RoundInfo,
    pub contributions: Vec<ContributionView>,
    pub page: u32,
    pub page_count: u32,
    /// Its contributions are listed (one round at a time is).
    pub expanded: bool,
}

/// What the coverage map says of a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoverageState {
    NotLookedAt,
    AllClear,
    MinesFound,
    MinesHandled,
}

/// One cell of « Qui est autour de la table ? ».
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageCell {
    pub domain: DomainRef,
    pub state: CoverageState,
    pub mines: u32,
    pub all_clears: u32,
    /// The domain counts toward maturity (someone holding it spoke).
    pub counts: bool,
    /// Someone wore it as a workshop role card (« casquette jouée »), which
    /// shows here and never counts.
    pub role_played: bool,
    /// A round of the idea called it: silence then means no answer yet,
    /// not never asked.
    pub called: bool,
}

/// The round part of the idea page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundsPanel {
    pub idea_id: i64,
    pub published: bool,
    /// Open round first, then the others newest first.
    pub rounds: Vec<RoundBlock>,
    pub maturity: Maturity,
    pub outcome: Option<Outcome>,
    pub outcome_note: String,
    pub coverage: Vec<CoverageCell>,
    /// The organisation's domains, for forms.
    pub domains: Vec<DomainRef>,
    /// The caller's domains.
    pub my_domains: Vec<i64>,
    pub is_author: bool,
    /// Lead or administrator: may hide a contribution.
    pub can_moderate: bool,
    /// The open round accepts the caller's contributions now.
    pub can_contribute: bool,
    /// Versions and round events, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// A fresh key for the next form submission.
    pub request_id: String,
}

/// A contribution's own page: its replies and the forms that act on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionPage {
    pub idea_id: i64,
    pub idea_title: String,
    pub contribution: ContributionView,
    pub replies: Vec<ReplyView>,
    pub round_open: bool,
    pub revealed: bool,
    pub is_author: bool,
    pub can_moderate: bool,
    /// Revealed workarounds of the idea, for the triage form.
    pub workarounds: Vec<(i64, String)>,
    /// Mines the caller may answer when editing a workaround.
    pub mines: Vec<(i64, String)>,
    /// Anyone may propose a workaround to this mine (revealed, round open).
    pub may_propose: bool,
    /// The organisation's domains, to edit an unrevealed contribution.
    pub domains: Vec<DomainRef>,
    pub request_id: String,
}

/// A notification, written out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub idea_id: i64,
    pub idea_title: String,
    pub round_number: Option<i32>,
    pub domain: Option<String>,
    /// The contribution it is about, and how it was triaged (a mine
    /// triaged).
    pub contribution_id: Option<i64>,
    pub triage: Option<TriageKind>,
    /// Where the idea's authors took it, as it stands now (an idea's
    /// outcome).
    pub outcome: Option<Outcome>,
    pub created: String,
    pub unread: bool,
}

/// Why someone is told something.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum NotificationKind {
    /// Asked by name to take part in a round.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "round_invitation"))]
    RoundInvitation,
    /// A domain they hold was called.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "domain_called"))]
    DomainCalled,
    /// A round they took part in, or of their idea, was revealed.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "round_revealed"))]
    RoundRevealed,
    /// A round they took part in was closed.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "round_closed"))]
    RoundClosed,
    /// A mine they raised was triaged by the idea's authors.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "mine_triaged"))]
    MineTriaged,
    /// Their idea's round was revealed with mines or questions to answer.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "mines_to_answer"))]
    MinesToAnswer,
    /// A workshop started on a round they were asked to.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "workshop_started"))]
    WorkshopStarted,
    /// The authors of an idea they wrote on launched, parked or dropped it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "idea_outcome"))]
    IdeaOutcome,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 8] = [
        NotificationKind::RoundInvitation,
        NotificationKind::DomainCalled,
        NotificationKind::WorkshopStarted,
        NotificationKind::MinesToAnswer,
        NotificationKind::RoundRevealed,
        NotificationKind::MineTriaged,
        NotificationKind::RoundClosed,
        NotificationKind::IdeaOutcome,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::RoundInvitation => "round_invitation",
            NotificationKind::DomainCalled => "domain_called",
            NotificationKind::RoundRevealed => "round_revealed",
            NotificationKind::RoundClosed => "round_closed",
            NotificationKind::MineTriaged => "mine_triaged",
            NotificationKind::MinesToAnswer => "mines_to_answer",
            NotificationKind::WorkshopStarted => "workshop_started",
            NotificationKind::IdeaOutcome => "idea_outcome",
        }
    }
}

/// A person's notifications, newest first, and how many are unread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notifications {
    pub items: Vec<NotificationView>,
    pub unread: u32,
}

/// What a profile shows of someone's démining: counts, never a ranking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognition {
    pub mines_caught: u32,
    /// Of those mines, the ones an author defused.
    pub mines_defused: u32,
    pub workarounds_adopted: u32,
    /// "Je peux aider" offered.
    pub help_offered: u32,
    pub rounds_taken_part: u32,
}

/// A mine as the fiche lists it, with its treatment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheMine {
    pub domain: String,
    pub severity: Option<Severity>,
    pub text: String,
    pub author: String,
    pub endorsements: u32,
    pub triage: Option<TriageView>,
    /// The workarounds proposed for it.
    pub workarounds: Vec<String>,
    /// The same mine as others wrote it, grouped under it in a workshop:
    /// who, and their words.
    pub duplicates: Vec<FicheItem>,
}

/// A contribution the fiche quotes: who, what, and a link for resources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FicheItem {
    pub author: String,
    pub text: String,
    pub link: Option<String>,
    /// The mine a workaround answers, by its text.
    pub answers: Option<String>,
}

/// The fiche de déminage: an idea's synthesis on one or two pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fiche {
    pub idea_id: i64,
    pub title: String,
    pub authors: String,
    pub version: i32,
    pub problem: String,
    pub proposal: String,
    pub beneficiaries: String,
    pub maturity: Maturity,
    pub outcome: Option<Outcome>,
    pub outcome_note: String,
    pub mines: Vec<FicheMine>,
    pub workarounds: Vec<FicheItem>,
    pub resources: Vec<FicheItem>,
    pub help_offers: Vec<FicheItem>,
    /// Each closed round's synthesis, oldest first: `(round, text)`.
    pub syntheses: Vec<(i32, String)>,
    pub next_step: String,
    /// Domains covered, by name.
    pub covered: Vec<String>,
    /// When the fiche was drawn up, `29/11/2026`.
    pub date: String,
}

/// One line of the idea's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// `29/11/2026`.
    pub date: String,
    pub event: TimelineEvent,
}

/// What happened on an idea, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEvent {
    Version {
        number: i32,
        author: String,
    },
    RoundOpened {
        number: i32,
    },
    /// Revealed contributions of a round, by kind, counted.
    Contributions {
        number: i32,
        count: u32,
    },
    Triaged {
        number: i32,
        count: u32,
    },
    RoundEnded {
        number: i32,
        status: RoundStatus,
    },
}
