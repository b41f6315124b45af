//! Live workshops: the join code, the phases, the timer, dot votes and role
//! cards. Plain types and pure rules; `backend::workshops` stores them.

use super::rounds::stored_enum;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// The steps a facilitator takes the room through, in order.
    Phase {
        Pitch => ("pitch", PhasePitch),
        Writing => ("writing", PhaseWriting),
        Reveal => ("reveal", PhaseReveal),
        Grouping => ("grouping", PhaseGrouping),
        Vote => ("vote", PhaseVote),
        WaysAround => ("ways_around", PhaseWaysAround),
        Triage => ("triage", PhaseTriage),
        Ended => ("ended", PhaseEnded),
    }
}

/// The optional steps a workshop takes, chosen when it starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Steps {
    /// After the reveal: duplicates grouped under one card.
    pub grouping: bool,
    /// After the vote: the top mines put to the room one at a time, phones
    /// proposing ways around each.
    pub ways_around: bool,
}

impl Steps {
    /// Whether the room goes through `phase`.
    pub fn includes(self, phase: Phase) -> bool {
        match phase {
            Phase::Grouping => self.grouping,
            Phase::WaysAround => self.ways_around,
            _ => true,
        }
    }

    /// The phase after `phase` in this workshop; `None` once ended.
    pub fn after(self, phase: Phase) -> Option<Phase> {
        let all = Phase::ALL;
        let at = all.iter().position(|p| *p == phase)?;
        all[at + 1..].iter().copied().find(|p| self.includes(*p))
    }
}

impl Phase {
    /// The room has reached the reveal phase: what the console offers next
    /// (cards, dots) depends on it. What may be *seen* is the round's to
    /// say, never the phase's (`workshops::access::Scope::revealed`): a
    /// workshop ended before its reveal shows nothing.
    pub fn revealed(self) -> bool {
        self >= Phase::Reveal
    }

    /// The timer a phase starts with, in minutes (the facilitator may
    /// change it); the pitch and the end have none.
    pub fn default_minutes(self) -> Option<u32> {
        match self {
            Phase::Writing => Some(8),
            Phase::Reveal => Some(5),
            Phase::Grouping => Some(5),
            Phase::Vote => Some(3),
            Phase::WaysAround => Some(10),
            Phase::Triage => Some(15),
            Phase::Pitch | Phase::Ended => None,
        }
    }
}

/// The letters of join codes: no 0/O, 1/I/L, nothing to misread on a
/// projector or to mistype on a phone.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 6;

/// A join code as typed: case, spaces and dashes do not matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinCode(String);

impl JoinCode {
    /// Whether nothing was typed but spaces and dashes (the grouping a
    /// code is read out with).
    pub fn is_blank(raw: &str) -> bool {
        raw.chars().all(|c| c.is_whitespace() || c == '-')
    }

    pub fn parse(raw: &str) -> Result<JoinCode, Key> {
        if JoinCode::is_blank(raw) {
            return Err(Key::ErrRequired);
        }
        let code: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if valid {
            Ok(JoinCode(code))
        } else {
            Err(Key::ErrWorkshopCodeUnknown)
        }
    }

    /// A fresh random code.
    #[cfg(feature = "ssr")]
    pub fn random() -> JoinCode {
        use rand::Rng;
        let mut rng = rand::thread_rng();
        JoinCode(
            (0..CODE_LEN)
                .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many dots each participant places: 1 to 10.
pub fn parse_dots(raw: &str) -> Result<i32, Key> {
    match raw.trim().parse::<i32>() {
        Ok(n) if (1..=10).contains(&n) => Ok(n),
        _ => Err(Key::ErrDotsRange),
    }
}

/// A phase's timer, in whole minutes: 1 to 120.
pub fn parse_minutes(raw: &str) -> Result<u32, Key> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (1..=120).contains(&n) => Ok(n),
        _ => Err(Key::ErrMinutesRange),
    }
}

/// The seconds left on a timer: counting down to `ends_at`, frozen while
/// paused, `None` when no timer runs.
#[cfg(feature = "ssr")]
pub fn seconds_left(
    ends_at: Option<chrono::DateTime<chrono::Utc>>,
    paused_left: Option<i32>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<i64> {
    if let Some(left) = paused_left {
        return Some(i64::from(left.max(0)));
    }
    ends_at.map(|end| (end - now).num_seconds().max(0))
}

/// Role cards: the round's wanted domains dealt so that each has someone
/// wearing it (while there are people enough), nobody gets a domain they
/// hold when another is left (the point is to wear another hat), and
/// everyone gets one card. `people` are (participant, domains held), in
/// the order chance gave them; returns (participant, domain).
pub fn deal_cards(people: &[(i64, Vec<i64>)], domains: &[i64]) -> Vec<(i64, i64)> {
    if domains.is_empty() {
        return Vec::new();
    }
    let mut dealt: Vec<(i64, i64)> = Vec::with_capacity(people.len());
    let mut worn = vec![0usize; domains.len()];
    for (person, held) in people {
        // The least worn domain, preferring one the person does not hold.
        let pick = (0..domains.len())
            .min_by_key(|&i| (worn[i], held.contains(&domains[i]), i))
            .unwrap_or(0);
        worn[pick] += 1;
        dealt.push((*person, domains[pick]));
    }
    dealt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_ignore_case_and_separators_and_refuse_look_alikes() {
        assert_eq!(JoinCode::parse(" abc-def ").unwrap().as_str(), "ABCDEF");
        for bad in [
            "ABCDE0", "ABCDEO", "ABCDE1", "ABCDEI", "ABCDEL", "ABCDE", "ABCDEFG",
        ] {
            assert_eq!(
                JoinCode::parse(bad),
                Err(Key::ErrWorkshopCodeUnknown),
                "{bad}"
            );
        }
        assert_eq!(JoinCode::parse("  "), Err(Key::ErrRequired));
        assert_eq!(JoinCode::parse(" - "), Err(Key::ErrRequired));
        assert!(JoinCode::is_blank(" - ") && !JoinCode::is_blank("K7-"));
    }

    #[test]
    fn every_phase_reads_back_from_the_name_serde_writes() {
        for phase in Phase::ALL {
            let written = serde_json::to_string(phase).unwrap();
            assert_eq!(
                Phase::from_serde_name(written.trim_matches('"')),
                Some(*phase)
            );
        }
        assert_eq!(Phase::from_serde_name("writing"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn random_codes_parse_back() {
        for _ in 0..200 {
            let code = JoinCode::random();
            assert_eq!(JoinCode::parse(code.as_str()), Ok(code));
        }
    }

    fn walk(steps: Steps) -> Vec<Phase> {
        let mut phase = Phase::Pitch;
        let mut seen = vec![phase];
        while let Some(next) = steps.after(phase) {
            seen.push(next);
            phase = next;
        }
        seen
    }

    #[test]
    fn phases_go_forward_to_the_end_through_the_steps_chosen() {
        let both = Steps {
            grouping: true,
            ways_around: true,
        };
        assert_eq!(walk(both), Phase::ALL);
        use Phase::*;
        assert_eq!(
            walk(Steps::default()),
            [Pitch, Writing, Reveal, Vote, Triage, Ended]
        );
        let grouping = Steps {
            grouping: true,
            ..Steps::default()
        };
        assert_eq!(
            walk(grouping),
            [Pitch, Writing, Reveal, Grouping, Vote, Triage, Ended]
        );
        assert_eq!(Steps::default().after(Ended), None);
        assert!(!Writing.revealed() && Reveal.revealed() && Grouping.revealed());
    }

    #[test]
    fn every_domain_is_worn_and_nobody_wears_their_own_when_avoidable() {
        let people = vec![(1, vec![10]), (2, vec![20]), (3, vec![]), (4, vec![10, 20])];
        let dealt = deal_cards(&people, &[10, 20, 30]);
        assert_eq!(dealt.len(), 4);
        for domain in [10, 20, 30] {
            assert!(dealt.iter().any(|(_, d)| *d == domain), "{domain} worn");
        }
        for (person, domain) in &dealt {
            let held = &people.iter().find(|p| p.0 == *person).unwrap().1;
            assert!(!held.contains(domain), "{person} wears their own {domain}");
        }
        assert!(deal_cards(&people, &[]).is_empty());
    }

    #[test]
    fn dots_and_minutes_stay_in_range() {
        assert_eq!(parse_dots("3"), Ok(3));
        assert!(parse_dots("0").is_err() && parse_dots("11").is_err() && parse_dots("x").is_err());
        assert_eq!(parse_minutes("8"), Ok(8));
        assert!(parse_minutes("0").is_err() && parse_minutes("121").is_err());
    }
}
