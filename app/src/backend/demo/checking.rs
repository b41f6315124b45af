//! The story checked whole before anything is written: a mistake in
//! `ideas.rs` (a text too long, an answer missing, a mine filed that is not
//! one) must not leave half an organisation behind.

use super::people::PEOPLE;
use super::story::{Answer, Course, Idea, Known, Round, Who};
use crate::domain::ideas::{IdeaText, IdeaTitle, Tags};
use crate::domain::library::KnownMineName;
use crate::domain::organisation::DEFAULT_DOMAINS;
use crate::domain::rounds::{ContributionKind, ContributionText, FocusQuestion};

/// What is wrong with the story, if anything.
pub fn check(ideas: &[Idea], library: &[Known]) -> Result<(), String> {
    for (n, idea) in ideas.iter().enumerate() {
        let at = |what: &str| format!("idea {n} ({}): {what}", idea.title);
        person(idea.author).map_err(|e| at(&e))?;
        IdeaTitle::parse(idea.title).map_err(|k| at(&format!("title {k:?}")))?;
        IdeaText::parse_required(idea.problem).map_err(|k| at(&format!("problem {k:?}")))?;
        for text in [idea.proposal, idea.beneficiaries, idea.help_sought] {
            IdeaText::parse_optional(text).map_err(|k| at(&format!("{k:?}: {text}")))?;
        }
        Tags::parse(idea.tags).map_err(|k| at(&format!("tags {k:?}")))?;
        if idea.draft && (!idea.rounds.is_empty() || idea.outcome.is_some()) {
            return Err(at("a draft has no round and no outcome"));
        }
        for (r, round) in idea.rounds.iter().enumerate() {
            check_round(idea, round).map_err(|e| at(&format!("round {r}: {e}")))?;
        }
    }
    for known in library {
        KnownMineName::parse(known.name).map_err(|k| format!("{}: {k:?}", known.name))?;
        for (idea, at) in known.mines {
            let said: Vec<_> = ideas
                .get(*idea)
                .map(|i| i.rounds.iter().flat_map(|r| r.said).collect())
                .unwrap_or_default();
            match said.get(*at) {
                Some(s) if s.kind == ContributionKind::Mine => {}
                _ => return Err(format!("{}: ({idea}, {at}) is not a mine", known.name)),
            }
        }
    }
    Ok(())
}

fn person(n: usize) -> Result<(), String> {
    match n < PEOPLE.len() {
        true => Ok(()),
        false => Err(format!("no person {n}")),
    }
}

fn domain(name: &str) -> Result<(), String> {
    match DEFAULT_DOMAINS.contains(&name) {
        true => Ok(()),
        false => Err(format!("no domain {name}")),
    }
}

fn check_round(idea: &Idea, round: &Round) -> Result<(), String> {
    FocusQuestion::parse(round.focus).map_err(|k| format!("focus {k:?}"))?;
    round.domains.iter().try_for_each(|d| domain(d))?;
    let guests = round.workshop.map_or(0, |g| g.len());
    for said in round.said {
        match said.by {
            Who::Person(n) => person(n)?,
            Who::Guest(g) if g < guests => {}
            Who::Guest(g) => return Err(format!("no guest {g}")),
        }
        let by_author = matches!(said.by, Who::Person(n) if n == idea.author);
        let named = matches!(
            said.kind,
            ContributionKind::Mine | ContributionKind::AllClear
        );
        if by_author && named {
            return Err(format!("the author cannot say « {} »", said.body));
        }
        match (said.domain, named) {
            (Some(d), true) => domain(d)?,
            (None, false) => {}
            _ => return Err(format!("domain or not: « {} »", said.body)),
        }
        if said.severity.is_some() != (said.kind == ContributionKind::Mine) {
            return Err(format!("severity: « {} »", said.body));
        }
        if said.kind != ContributionKind::AllClear || !said.body.is_empty() {
            ContributionText::parse(said.body).map_err(|k| format!("{k:?}: {}", said.body))?;
        }
    }
    let mines = round
        .said
        .iter()
        .filter(|s| s.kind == ContributionKind::Mine)
        .count();
    let expected = match round.course {
        Course::Closed { synthesis, .. } => {
            ContributionText::parse(synthesis).map_err(|k| format!("synthesis {k:?}"))?;
            mines
        }
        Course::Silent | Course::Revealed => 0,
    };
    if round.answers.len() != expected {
        return Err(format!(
            "{} answers for {expected} mines",
            round.answers.len()
        ));
    }
    for answer in round.answers {
        let text = match answer {
            Answer::DefusedBy(at) => match round.said.get(*at) {
                Some(s) if s.kind == ContributionKind::Workaround => continue,
                _ => return Err(format!("said {at} is not a workaround")),
            },
            Answer::Defused(t) | Answer::Accepted(t) | Answer::Dismissed(t) => t,
            Answer::Investigate(t, _, _) => t,
        };
        ContributionText::parse(text).map_err(|k| format!("{k:?}: {text}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::ideas::{IDEAS, LIBRARY};
    use super::super::story::Known;
    use super::check;

    #[test]
    fn the_demo_story_holds_together() {
        assert_eq!(check(IDEAS, LIBRARY), Ok(()));
        assert_eq!(IDEAS.len(), 12, "a dozen ideas");
        // The first idea's second contribution is a way around, not a mine.
        let wrong = Known {
            name: "Pas une mine",
            mines: &[(0, 1)],
            proven: false,
        };
        assert!(check(IDEAS, &[wrong]).is_err());
        assert!(
            check(&IDEAS[..1], LIBRARY).is_err(),
            "a mine of a later idea"
        );
    }
}
