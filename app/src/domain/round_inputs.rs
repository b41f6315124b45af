//! What the rounds' forms turn into once checked: a contribution's draft, a
//! triage, a round to open. Each comes from its form through `TryFrom`, which
//! refuses with a message next to each field at fault and echoes what was
//! typed. Only what needs the database (is the domain the organisation's,
//! does the mine answered exist) is left to the services.

use super::round_forms::{ContributionForm, OpenRoundForm, TriageForm};
use super::rounds::{
    parse_due, parse_link, parse_owner, ContributionKind, ContributionText, FocusQuestion,
    RoundMode, Severity, TriageKind,
};
use crate::error::FormErrors;
use crate::i18n::Key;
use chrono::{DateTime, NaiveDate, Utc};

/// A contribution as written, its text already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: ContributionKind,
    pub domain_id: Option<i64>,
    pub severity: Option<Severity>,
    /// Empty only for an all-clear.
    pub body: String,
    pub link: Option<String>,
    /// The mine a workaround answers.
    pub answers: Option<i64>,
}

/// How a mine is defused: by a workaround already there, or by one the
/// author writes with the triage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefusedBy {
    Existing(i64),
    New(ContributionText),
}

/// A triage as the author gives it, its texts already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Triage {
    /// Defused, and why it holds, if the author says.
    Defused(DefusedBy, Option<ContributionText>),
    Accepted {
        why: ContributionText,
    },
    ToInvestigate {
        action: ContributionText,
        owner: String,
        due: NaiveDate,
    },
    Dismissed {
        why: ContributionText,
    },
}

impl Triage {
    pub fn kind(&self) -> TriageKind {
        match self {
            Triage::Defused(..) => TriageKind::Defused,
            Triage::Accepted { .. } => TriageKind::Accepted,
            Triage::ToInvestigate { .. } => TriageKind::ToInvestigate,
            Triage::Dismissed { .. } => TriageKind::Dismissed,
        }
    }
}

/// A round to open, as the author asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundOpening {
    pub focus: FocusQuestion,
    pub mode: RoundMode,
    /// Required for an asynchronous round (the service checks it against
    /// the clock), ignored for a live one.
    pub deadline: Option<DateTime<Utc>>,
    pub domains: Vec<i64>,
    /// Colleagues asked by name: display names or e-mail addresses.
    pub names: Vec<String>,
}

/// An optional id chosen in a form: empty is none, anything else must be a
/// number.
fn optional_id(raw: &str, field: &str, errors: &mut FormErrors) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let parsed = raw.parse().ok();
    if parsed.is_none() {
        errors.add(field, Key::ErrInvalidChoice);
    }
    parsed
}

/// `Ok` when nothing was refused.
fn accepted<T>(value: Option<T>, errors: FormErrors) -> Result<T, FormErrors> {
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(errors),
    }
}

impl TryFrom<&ContributionForm> for Draft {
    type Error = FormErrors;

    fn try_from(form: &ContributionForm) -> Result<Draft, FormErrors> {
        let mut errors = FormErrors::with_input(form.input());
        let domain_id = optional_id(&form.domain_id, ContributionForm::DOMAIN, &mut errors);
        let answers = optional_id(&form.answers, ContributionForm::ANSWERS, &mut errors);
        let Some(kind) = ContributionKind::parse(&form.kind) else {
            errors.add(ContributionForm::KIND, Key::ErrInvalidChoice);
            return Err(errors);
        };
        let severity = if kind == ContributionKind::Mine {
            let parsed = Severity::parse(&form.severity);
            if parsed.is_none() {
                errors.add(ContributionForm::SEVERITY, Key::ErrInvalidChoice);
            }
            parsed
        } else {
            None
        };
        if kind.needs_domain() && domain_id.is_none() {
            errors.add(ContributionForm::DOMAIN, Key::ErrRequired);
        }
        let body = if kind == ContributionKind::AllClear && form.body.trim().is_empty() {
            Some(String::new())
        } else {
            ContributionText::parse(&form.body)
                .map(|t| t.as_str().to_owned())
                .map_err(|k| errors.add(ContributionForm::BODY, k))
                .ok()
        };
        let link = if kind == ContributionKind::Resource {
            parse_link(&form.link)
                .map_err(|k| errors.add(ContributionForm::LINK, k))
                .ok()
                .flatten()
        } else {
            None
        };
        let draft = body.map(|body| Draft {
            kind,
            domain_id: domain_id
                .filter(|_| kind.needs_domain() || kind == ContributionKind::HelpOffer),
            severity,
            body,
            link,
            answers: answers.filter(|_| kind == ContributionKind::Workaround),
        });
        accepted(draft, errors)
    }
}

impl TryFrom<&TriageForm> for Triage {
    type Error = FormErrors;

    fn try_from(form: &TriageForm) -> Result<Triage, FormErrors> {
        let mut errors = FormErrors::with_input(form.input());
        let why = |errors: &mut FormErrors| {
            ContributionText::parse(&form.note)
                .map_err(|k| errors.add(TriageForm::NOTE, k))
                .ok()
        };
        let triage = match TriageKind::parse(&form.triage) {
            None => {
                errors.add(TriageForm::TRIAGE, Key::ErrInvalidChoice);
                None
            }
            Some(TriageKind::Defused) => {
                let existing =
                    optional_id(&form.workaround_id, TriageForm::WORKAROUND, &mut errors);
                // Why the workaround holds, when the author says: kept and shown.
                let holds = if form.note.trim().is_empty() {
                    None
                } else {
                    why(&mut errors)
                };
                match (existing, form.workaround_text.trim().is_empty()) {
                    (Some(id), true) => Some(Triage::Defused(DefusedBy::Existing(id), holds)),
                    (None, false) => ContributionText::parse(&form.workaround_text)
                        .map_err(|k| errors.add(TriageForm::WORKAROUND_TEXT, k))
                        .ok()
                        .map(|text| Triage::Defused(DefusedBy::New(text), holds)),
                    _ => {
                        errors.add(TriageForm::WORKAROUND, Key::ErrNotAWorkaroundHere);
                        None
                    }
                }
            }
            Some(TriageKind::Accepted) => why(&mut errors).map(|why| Triage::Accepted { why }),
            Some(TriageKind::Dismissed) => why(&mut errors).map(|why| Triage::Dismissed { why }),
            Some(TriageKind::ToInvestigate) => {
                let action = why(&mut errors);
                let owner = parse_owner(&form.owner)
                    .map_err(|k| errors.add(TriageForm::OWNER, k))
                    .ok();
                let due = parse_due(&form.due)
                    .map_err(|k| errors.add(TriageForm::DUE, k))
                    .ok();
                match (action, owner, due) {
                    (Some(action), Some(owner), Some(due)) => {
                        Some(Triage::ToInvestigate { action, owner, due })
                    }
                    _ => None,
                }
            }
        };
        accepted(triage, errors)
    }
}

/// Splits "Anne Dupont, b.martin@ville.fr" into names.
pub fn split_names(raw: &str) -> Vec<String> {
    raw.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

impl TryFrom<&OpenRoundForm> for RoundOpening {
    type Error = FormErrors;

    fn try_from(form: &OpenRoundForm) -> Result<RoundOpening, FormErrors> {
        let mut errors = FormErrors::with_input(form.input());
        let focus = FocusQuestion::parse(&form.focus)
            .map_err(|k| errors.add(OpenRoundForm::FOCUS, k))
            .ok();
        let mode = RoundMode::parse(&form.mode);
        if mode.is_none() {
            errors.add(OpenRoundForm::MODE, Key::ErrInvalidChoice);
        }
        let deadline = super::paris_time::parse_input(&form.deadline);
        if deadline.is_none() && mode == Some(RoundMode::Async) && !form.deadline.trim().is_empty()
        {
            errors.add(OpenRoundForm::DEADLINE, Key::ErrInvalidDate);
        }
        let domains: Option<Vec<i64>> =
            form.domains.iter().map(|d| d.trim().parse().ok()).collect();
        if domains.is_none() {
            errors.add(OpenRoundForm::DOMAINS, Key::ErrUnknownDomain);
        }
        let opening = match (focus, mode, domains) {
            (Some(focus), Some(mode), Some(domains)) => Some(RoundOpening {
                focus,
                mode,
                deadline,
                domains,
                names: split_names(&form.invitees),
            }),
            _ => None,
        };
        accepted(opening, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contribution(kind: &str, domain: &str, body: &str) -> ContributionForm {
        ContributionForm {
            kind: kind.into(),
            domain_id: domain.into(),
            severity: "serious".into(),
            body: body.into(),
            ..ContributionForm::default()
        }
    }

    #[test]
    fn a_mine_needs_a_domain_a_severity_and_a_text() {
        let draft = Draft::try_from(&contribution("mine", "4", " Le RGPD ")).unwrap();
        assert_eq!(draft.domain_id, Some(4));
        assert_eq!(draft.severity, Some(Severity::Serious));
        assert_eq!(draft.body, "Le RGPD");
        let refused = Draft::try_from(&ContributionForm {
            severity: "huge".into(),
            ..contribution("mine", "", "")
        })
        .unwrap_err();
        assert_eq!(refused.message_for("domain_id"), Some(Key::ErrRequired));
        assert_eq!(refused.message_for("severity"), Some(Key::ErrInvalidChoice));
        assert_eq!(refused.message_for("body"), Some(Key::ErrRequired));
        assert_eq!(
            refused.value_of("severity"),
            Some("huge"),
            "typed text echoed"
        );
    }

    #[test]
    fn an_all_clear_may_be_silent_and_only_a_workaround_answers() {
        let clear = Draft::try_from(&contribution("all_clear", "2", "  ")).unwrap();
        assert_eq!((clear.body.as_str(), clear.severity), ("", None));
        let question = Draft::try_from(&ContributionForm {
            answers: "9".into(),
            ..contribution("question", "2", "Et le budget ?")
        })
        .unwrap();
        assert_eq!((question.domain_id, question.answers), (None, None));
        let workaround = Draft::try_from(&ContributionForm {
            answers: "9".into(),
            ..contribution("workaround", "", "Un marché subséquent")
        })
        .unwrap();
        assert_eq!(workaround.answers, Some(9));
        let garbled = Draft::try_from(&ContributionForm {
            answers: "neuf".into(),
            ..contribution("workaround", "", "Texte")
        })
        .unwrap_err();
        assert_eq!(garbled.message_for("answers"), Some(Key::ErrInvalidChoice));
        let unknown = Draft::try_from(&contribution("rumour", "2", "Texte")).unwrap_err();
        assert_eq!(unknown.message_for("kind"), Some(Key::ErrInvalidChoice));
    }

    #[test]
    fn a_resource_s_link_is_an_address_or_nothing() {
        let form = |link: &str| ContributionForm {
            link: link.into(),
            ..contribution("resource", "", "La doctrine")
        };
        let kept = Draft::try_from(&form("https://cnil.fr/x")).unwrap();
        assert_eq!(kept.link.as_deref(), Some("https://cnil.fr/x"));
        let refused = Draft::try_from(&form("javascript:alert(1)")).unwrap_err();
        assert_eq!(refused.message_for("link"), Some(Key::ErrInvalidLink));
    }

    fn triage(kind: &str) -> TriageForm {
        TriageForm {
            triage: kind.into(),
            ..TriageForm::default()
        }
    }

    #[test]
    fn a_defused_mine_names_one_workaround_old_or_new() {
        let by_existing = Triage::try_from(&TriageForm {
            workaround_id: "12".into(),
            ..triage("defused")
        })
        .unwrap();
        assert_eq!(by_existing, Triage::Defused(DefusedBy::Existing(12), None));
        let both = Triage::try_from(&TriageForm {
            workaround_id: "12".into(),
            workaround_text: "Et aussi".into(),
            ..triage("defused")
        })
        .unwrap_err();
        assert_eq!(
            both.message_for("workaround_id"),
            Some(Key::ErrNotAWorkaroundHere)
        );
        let neither = Triage::try_from(&triage("defused")).unwrap_err();
        assert_eq!(
            neither.message_for("workaround_id"),
            Some(Key::ErrNotAWorkaroundHere)
        );
    }

    #[test]
    fn an_investigation_says_what_who_and_by_when() {
        let refused = Triage::try_from(&TriageForm {
            note: "Demander au DPO".into(),
            due: "demain".into(),
            ..triage("investigate")
        })
        .unwrap_err();
        assert_eq!(refused.message_for("owner"), Some(Key::ErrRequired));
        assert_eq!(refused.message_for("due"), Some(Key::ErrInvalidDate));
        let kept = Triage::try_from(&TriageForm {
            note: "Demander au DPO".into(),
            owner: "Anne".into(),
            due: "2027-01-15".into(),
            ..triage("investigate")
        })
        .unwrap();
        assert_eq!(kept.kind(), TriageKind::ToInvestigate);
        let silent = Triage::try_from(&triage("dismissed")).unwrap_err();
        assert_eq!(silent.message_for("note"), Some(Key::ErrRequired));
    }

    fn opening(mode: &str, deadline: &str) -> OpenRoundForm {
        OpenRoundForm {
            focus: "Quels risques ?".into(),
            mode: mode.into(),
            deadline: deadline.into(),
            domains: vec!["3".into(), " 5".into()],
            invitees: "Anne Dupont; b.martin@ville.fr,\n".into(),
        }
    }

    #[test]
    fn a_round_asks_a_question_in_a_mode_with_its_people_and_domains() {
        let round = RoundOpening::try_from(&opening("async", "2026-12-05T17:00")).unwrap();
        assert_eq!(round.domains, vec![3, 5]);
        assert_eq!(round.names, vec!["Anne Dupont", "b.martin@ville.fr"]);
        assert_eq!(
            round.deadline.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-12-05T16:00:00+00:00"),
            "French winter time is UTC+1"
        );
        let live = RoundOpening::try_from(&opening("live", "n'importe")).unwrap();
        assert_eq!(live.deadline, None, "a live round has no deadline");
        let refused = RoundOpening::try_from(&OpenRoundForm {
            focus: String::new(),
            domains: vec!["trois".into()],
            ..opening("async", "vendredi")
        })
        .unwrap_err();
        assert_eq!(refused.message_for("focus"), Some(Key::ErrRequired));
        assert_eq!(refused.message_for("deadline"), Some(Key::ErrInvalidDate));
        assert_eq!(refused.message_for("domains"), Some(Key::ErrUnknownDomain));
        assert_eq!(refused.value_of("deadline"), Some("vendredi"));
    }
}
