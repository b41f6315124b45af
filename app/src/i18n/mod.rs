//! A small, typed i18n layer: every UI string is a [`Key`]; each locale module
//! answers every key through an exhaustive `match`, so a missing translation
//! is a compile error, and only the strings a component uses reach the wasm.

mod en;
mod fr;

use serde::{Deserialize, Serialize};

/// The languages of the UI: French first, English second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The BCP 47 code, for `lang` attributes and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Picks the first supported language of an `Accept-Language` header,
    /// honouring its order of preference (q-values), French otherwise.
    pub fn from_accept_language(header: &str) -> Locale {
        let mut ranked: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let primary = tag.split('-').next()?;
                let locale = Locale::from_code(primary)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l).unwrap_or_default()
    }

    /// The other language, offered by the language switch.
    pub fn other(self) -> Locale {
        match self {
            Locale::Fr => Locale::En,
            Locale::En => Locale::Fr,
        }
    }
}

/// The name of the cookie that keeps the chosen language.
pub const LOCALE_COOKIE: &str = "lang";

/// Reads the request's language, provided as context by the server for each
/// request (French when nothing was provided, e.g. in tests).
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// Translates a key in the given language.
pub fn t(locale: Locale, key: Key) -> &'static str {
    match locale {
        Locale::Fr => fr::text(key),
        Locale::En => en::text(key),
    }
}

/// Declares [`Key`] and [`Key::ALL`] from one list, so a key cannot be
/// missing from the list the tests walk.
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// Every string shown to users. Wire types carry keys, never sentences, so a
        /// message is translated where it is shown.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Key {
            $($key),*
        }

        impl Key {
            /// Every key, so tests can check that no translation is empty.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    AppName,
    Tagline,
    SkipToContent,
    MainNavigation,
    NavHome,
    SwitchLanguage,
    SwitchLanguageLabel,
    FooterText,
    HomeTitle,
    HomeIntro,
    HowItWorksTitle,
    HowStepPost,
    HowStepDemine,
    HowStepAnswer,
    FrugalTitle,
    FrugalText,
    MaturityTitle,
    MaturityIntro,
    MaturityStages,
    StageSeed,
    StageSeedCriteria,
    StageSketch,
    StageSketchCriteria,
    StageDemined,
    StageDeminedCriteria,
    StageReady,
    StageReadyCriteria,
    NotFoundTitle,
    NotFoundText,
    BackHome,
    UnavailableTitle,
    UnavailableText,
    SetupTitle,
    SetupIntro,
    SetupDone,
    SetupPendingCallout,
    SetupSubmit,
    FieldSetupToken,
    FieldSetupTokenHint,
    FieldOrganisation,
    FieldDisplayName,
    FieldEmail,
    FieldPassword,
    FieldNewPassword,
    FieldNewPasswordHint,
    LogIn,
    LogOut,
    SignedInAs,
    ErrSetupToken,
    ErrBadCredentials,
    RoleMember,
    RoleFacilitator,
    RoleLead,
    RoleAdmin,
    ErrEmailTaken,
    MembersTitle,
    MembersName,
    MembersEmail,
    MembersRole,
    MembersStatus,
    MemberActive,
    MemberInactive,
    InviteTitle,
    InviteIntro,
    InviteRole,
    InviteSubmit,
    InviteCreated,
    NavMembers,
    SignUpTitle,
    SignUpIntro,
    SignUpSubmit,
    InvitationClosed,
    NeedLogIn,
    NeedAdmin,
    ErrOwnAccount,
    MembersActions,
    ChangeRole,
    Deactivate,
    Reactivate,
    RoleOf,
    FormHasErrors,
    ErrRequired,
    ErrTooLong,
    ErrUnknownLanguage,
    ErrInvalid,
    ErrPasswordTooShort,
    ErrEmailInvalid,
    ErrNotFound,
    ErrUnauthorized,
    ErrForbidden,
    ErrConflict,
    ErrUnavailable,
    ErrRateLimited,
    ErrLoginSlowedDown,
    ErrRevealInWorkshop,
    RevealInWorkshopNote,
    AddressUnproven,
    ConfirmReject,
    ErrWorkshopFull,
    TooLargeTitle,
    TooLargeText,
    ErrInternal,
    ErrNetwork,
    SeeIdeas,
    ErrInvisibleCharacters,
    SaveIdea,
    PublishNow,
    PageWord,
    Pages,
    NextPage,
    PreviousPage,
    ClearFilters,
    Filter,
    AllAuthors,
    AuthorFilter,
    AllTags,
    SearchLabel,
    YourDrafts,
    YourInvitations,
    IdeasCount,
    OneIdea,
    NoIdeas,
    FieldUnchanged,
    FieldChanged,
    DiffRemoved,
    DiffAdded,
    Compare,
    CompareTo,
    CompareFrom,
    CompareTitle,
    SeeChanges,
    History,
    SendInvitation,
    InviteCoauthor,
    InvitedCoauthors,
    EditIdea,
    AuthorTools,
    DeclineInvitation,
    AcceptInvitation,
    CoauthorInvitation,
    PostedOn,
    VersionWord,
    By,
    DraftBadge,
    WithCoauthors,
    SaveNewVersion,
    Publish,
    SeeCurrentVersion,
    BackToIdea,
    EditIdeaTitle,
    IdeaTagsHint,
    IdeaHelpSoughtHint,
    IdeaBeneficiariesHint,
    IdeaProposalHint,
    IdeaProblemHint,
    IdeaTitleHint,
    NewIdeaContinue,
    NewIdeaIntro,
    NewIdeaStep2,
    NewIdeaStep1,
    NewIdeaTitle,
    IdeasTitle,
    NavIdeas,
    ErrEditedMeanwhile,
    ErrAlreadyCoauthor,
    ErrNotAColleague,
    ErrTooManyTags,
    ErrTagInvalid,
    ErrTagTooLong,
    IdeaFieldTags,
    IdeaFieldHelpSought,
    IdeaFieldBeneficiaries,
    IdeaFieldProposal,
    IdeaFieldProblem,
    IdeaFieldTitle,
    NewNameFor,
    RetireDomain,
    RenameDomain,
    AddDomain,
    FieldDomainName,
    DomainsIntro,
    DomainsTitle,
    OrganisationSave,
    FieldEmailDomainsHint,
    FieldEmailDomains,
    OrganisationTitle,
    NavOrganisation,
    NoDomains,
    Saved,
    ProfileSave,
    PasswordChangeTitle,
    PasswordChangeIntro,
    FieldCurrentPassword,
    FieldReplacementPassword,
    PasswordChangeButton,
    PasswordChanged,
    ErrWrongCurrentPassword,
    ProfileDomains,
    FieldServiceHint,
    FieldService,
    ProfileIntro,
    ProfileTitle,
    NavProfile,
    ResetClosed,
    ResetSubmit,
    ResetIntro,
    ResetTitle,
    JoinLink,
    JoinSent,
    JoinSubmit,
    JoinIntro,
    JoinTitle,
    ResetLinkCreated,
    CreateResetLink,
    Reject,
    Approve,
    MemberPending,
    ErrAccountDeactivated,
    ErrEmailDomainClosed,
    ErrResetInactive,
    ErrDomainTaken,
    ErrEmailDomainTaken,
    ErrEmailDomainInvalid,
    RoundModeAsync,
    RoundModeLive,
    RoundOpen,
    RoundClosed,
    RoundCancelled,
    KindMine,
    KindWorkaround,
    KindQuestion,
    KindResource,
    KindHelpOffer,
    KindAllClear,
    SeverityBlocking,
    SeveritySerious,
    SeverityWatch,
    TriageDefused,
    TriageAccepted,
    TriageToInvestigate,
    TriageDismissed,
    OutcomeLaunched,
    OutcomeParked,
    OutcomeDropped,
    ErrInvalidLink,
    ErrInvalidDate,
    ErrDeadlinePast,
    ErrDeadlineTooFar,
    ErrDeadlineNotLater,
    ErrUnknownColleague,
    ErrIdeaNotPublished,
    ErrRoundAlreadyOpen,
    ErrUnknownDomain,
    ErrInvalidChoice,
    ErrRoundNotOpen,
    ErrRoundNotAccepting,
    ErrAuthorsAnswer,
    ErrNotAMineOfThisIdea,
    ErrNotRevealedYet,
    ErrContributionHidden,
    ErrOwnContribution,
    ErrAlreadyEndorsed,
    ErrNotAWorkaroundHere,
    ErrMinesUntriaged,
    ErrLessonsRequired,
    ActionWord,
    AllClearsWord,
    AnswersHint,
    AnswersLabel,
    ByWorkaround,
    CallDomain,
    CancelRound,
    CloseRound,
    Contribute,
    ContributeTitle,
    ContributionSent,
    ContributionTextHint,
    ContributionTextLabel,
    ContributionTitle,
    ContributionsArrived,
    CoverageAllClear,
    CoverageMinesFound,
    CoverageMinesHandled,
    CoverageNotCounted,
    CoverageNotLookedAt,
    CoverageStateWord,
    CoverageTitle,
    CritBeneficiaries,
    CritClosedRound,
    CritDomainsCovered,
    CritEveryMineTriaged,
    CritHelpOfferOrCoauthor,
    CritNextStep,
    CritNoOpenBlockingMine,
    CritProblem,
    CritProposal,
    DeadlineHint,
    DeadlineLabel,
    DeadlineWord,
    DefusedByHint,
    DefusedByLabel,
    DomainHint,
    DomainLabel,
    DomainWord,
    DueLabel,
    EditContribution,
    ExtendRound,
    FocusHint,
    FocusLabel,
    HiddenBecause,
    HideContribution,
    HideReasonLabel,
    InviteByName,
    InviteByNameHint,
    InvitedByName,
    KindLabel,
    LinkHint,
    LinkLabel,
    MarkAllRead,
    MaturityChecklist,
    MaturityHeading,
    MeToo,
    MinesToTriage,
    MinesWord,
    NewDeadline,
    NewWord,
    NewWorkaroundLabel,
    NextStepHint,
    NextStepLabel,
    NoContributionYet,
    NoNotification,
    NoRoundYet,
    NoneChoice,
    NotifClosed,
    NotifDomainCalled,
    NotifInvited,
    NotifRevealed,
    NotificationsTitle,
    OnVersion,
    OpenContribution,
    OpenRound,
    OpenRoundIntro,
    OpenRoundTitle,
    OpenToTriage,
    OpenedOn,
    OutcomeLabel,
    OutcomeNone,
    OutcomeNoteHint,
    OutcomeNoteLabel,
    OwnerHint,
    OwnerLabel,
    RepliesTitle,
    ReplyLabel,
    RevealNow,
    RoundModeLabel,
    RoundPages,
    RoundRevealed,
    RoundWord,
    RoundsTitle,
    SaveContribution,
    SaveOutcome,
    SaveTriage,
    SayMeToo,
    ScoreWord,
    SendContribution,
    SendReply,
    SetOutcome,
    SeverityHint,
    SeverityLabel,
    SilentWriting,
    SilentWritingNote,
    SynthesisHint,
    SynthesisLabel,
    TriageIntro,
    TriageLabel,
    TriageNoteHint,
    TriageNoteLabel,
    TriageTitle,
    UnreadWord,
    WantedDomains,
    WantedDomainsHint,
    WantedDomainsLabel,
    WithdrawContribution,
    YoursWord,
    FicheTitle,
    FicheMines,
    FicheWorkarounds,
    FicheResources,
    FicheHelpOffers,
    FicheCovered,
    FicheSyntheses,
    NothingYet,
    NotTriagedYet,
    DownloadMarkdown,
    PrintHint,
    SeeFiche,
    TimelineOpened,
    TimelineRevealed,
    TimelineTriaged,
    SeeRound,
    StageFilter,
    AllStages,
    RecognitionTitle,
    MinesCaught,
    WorkaroundsAdopted,
    RoundsTakenPart,
    FieldDomainsNeeded,
    FieldDomainsNeededHint,
    ErrDomainsNeededRange,
    ShowRoundContributions,
    PhasePitch,
    PhaseWriting,
    PhaseReveal,
    PhaseVote,
    PhaseTriage,
    PhaseEnded,
    ActionsColumn,
    AddDot,
    BoardJoinHeading,
    BoardTitle,
    CardColumn,
    CardsHint,
    ConsoleElsewhere,
    ConsoleTitle,
    Continue,
    ContributionsHeading,
    DealAgain,
    DealCards,
    DotsLabel,
    DotsLeft,
    DotsWord,
    EndWorkshop,
    ErrCardsNoDomains,
    ErrCardsTooLate,
    ErrConsoleElsewhere,
    ErrDotsRange,
    ErrDotsTooLate,
    ErrJoiningLocked,
    ErrMinutesRange,
    ErrNoDotsLeft,
    ErrNotVotingTime,
    ErrParticipantRemoved,
    ErrPostNotSent,
    ErrWorkshopCodeUnknown,
    ErrWorkshopEnded,
    ErrWorkshopNeedsLiveRound,
    GoToPhase,
    GuestMark,
    GuestNameHint,
    GuestNameLabel,
    GuestPrivacyText,
    GuestPrivacyTitle,
    HideButton,
    JoinButton,
    JoinCodeHint,
    JoinCodeLabel,
    JoinWithAccount,
    JoinWorkshopIntro,
    JoinWorkshopTitle,
    JoiningAs,
    JoiningLocked,
    JoiningOpen,
    LatePost,
    LiveRoundNote,
    LockJoining,
    MinesHeading,
    NoDomain,
    OpenBoard,
    OpenJoining,
    OpenPhone,
    OpenWorkshopConsole,
    ParticipantsHeading,
    ParticipantsWord,
    PhaseMinutesHint,
    PhaseMinutesLabel,
    PhaseWord,
    PhasesHeading,
    PhoneTitle,
    PitchHeading,
    PitchWait,
    QrCaption,
    Refresh,
    RemoveDot,
    RemoveParticipant,
    Removed,
    RevealHeading,
    Save,
    TakeConsole,
    TimeLeft,
    TimerGroup,
    TimerPause,
    TimerPaused,
    TimerPlusFive,
    TimerPlusOne,
    TimerResume,
    TriageThisMine,
    UnderCard,
    VoteHeading,
    WorkshopChanged,
    WorkshopOver,
    WritingHeading,
    YourCard,
    YourCardHint,
    YourContributions,
    YourDots,
    WorkshopVotes,
    ConnectionLost,
    Reconnected,
    PostSent,
    PostsWaiting,
    PostWaiting,
    PostNotSentTitle,
    DismissPost,
    CoverageCalledSilent,
    SiteMenu,
    LeaveWorkshop,
    BoardPerDomainHeading,
    BoardWritersHeading,
    BoardNobodyWroteYet,
    BoardOthersWord,
    BoardNothingYet,
    BoardBackToConsole,
    CoverageCalled,
    DomainCalledNobody,
    DomainCalledCount,
    NotifMineTriagedUndone,
    NotifMineTriaged,
    ProposeWorkaroundButton,
    ProposeWorkaroundLabel,
    ProposeWorkaroundTitle,
    ProposedWorkarounds,
    AnswersMine,
    WorkaroundProposed,
    ChooseColleague,
    ConfirmDeactivate,
    ConfirmRetireDomain,
    ConfirmHide,
    ConfirmWithdraw,
    ConfirmEndWorkshop,
    ConfirmRevealRound,
    ConfirmCancelRound,
    ErrMalformedForm,
    ErrConfirmFirst,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_non_empty_text_in_every_language() {
        for locale in Locale::ALL {
            for key in Key::ALL {
                assert!(!t(locale, *key).trim().is_empty(), "{key:?} in {locale:?}");
            }
        }
    }

    #[test]
    fn french_and_english_differ_for_sentences() {
        let same: Vec<_> = Key::ALL
            .iter()
            // Words spelt the same in both languages.
            .filter(|k| {
                ![
                    Key::AppName,
                    Key::NavOrganisation,
                    Key::VersionWord,
                    Key::PageWord,
                    Key::BoardBackToConsole,
                ]
                .contains(k)
            })
            .filter(|k| t(Locale::Fr, **k) == t(Locale::En, **k))
            .collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
    }

    #[test]
    fn accept_language_follows_preference_order() {
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"),
            Locale::En
        );
        assert_eq!(
            Locale::from_accept_language("de, en;q=0.5, fr;q=0.7"),
            Locale::Fr
        );
        assert_eq!(Locale::from_accept_language("de"), Locale::Fr);
        assert_eq!(Locale::from_accept_language(""), Locale::Fr);
    }

    #[test]
    fn codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::from_code("xx"), None);
    }
}
