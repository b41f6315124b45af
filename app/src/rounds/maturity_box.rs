//! The idea's maturity, always with its reasons: the stage, the score, and
//! the checklist of criteria met and missing; the outcome the authors set.

use crate::domain::maturity_rule::{Criterion, Maturity};
use crate::domain::rounds::Outcome;
use crate::i18n::{t, use_locale, Key, Locale};
use leptos::prelude::*;

/// A criterion as the checklist reads it.
pub fn criterion_text(locale: Locale, criterion: Criterion) -> String {
    let key = match criterion {
        Criterion::Problem => Key::CritProblem,
        Criterion::Proposal => Key::CritProposal,
        Criterion::Beneficiaries => Key::CritBeneficiaries,
        Criterion::ClosedRound => Key::CritClosedRound,
        Criterion::DomainsCovered { covered, needed } => {
            return format!(
                "{} ({covered}/{needed})",
                t(locale, Key::CritDomainsCovered).replace("{n}", &needed.to_string())
            )
        }
        Criterion::EveryMineTriaged => Key::CritEveryMineTriaged,
        Criterion::NoOpenBlockingMine => Key::CritNoOpenBlockingMine,
        Criterion::HelpOfferOrCoauthor => Key::CritHelpOfferOrCoauthor,
        Criterion::NextStep => Key::CritNextStep,
    };
    t(locale, key).to_owned()
}

#[component]
pub fn MaturityBox(
    idea_id: i64,
    maturity: Maturity,
    outcome: Option<Outcome>,
    outcome_note: String,
    is_author: bool,
) -> impl IntoView {
    let locale = use_locale();
    let list = |items: &[Criterion], class: &'static str, mark: &'static str| {
        items
            .iter()
            .map(|c| {
                // The mark is text, read out too ("coche"): met and missing
                // are told apart without the colour.
                view! { <li class=class>{format!("{mark} {}", criterion_text(locale, *c))}</li> }
            })
            .collect_view()
    };
    view! {
        <section id="maturite" class="maturity" aria-labelledby="maturity-title">
            <h2 id="maturity-title">{t(locale, Key::MaturityHeading)}</h2>
            <p class="maturity-stage">
                <strong>{t(locale, maturity.stage.label())}</strong>
                {format!(" · {} {}/100", t(locale, Key::ScoreWord), maturity.score)}
                {outcome
                    .map(|o| {
                        view! {
                            " · "
                            <strong>{t(locale, o.label())}</strong>
                        }
                    })}
            </p>
            {(!outcome_note.is_empty()).then(|| view! { <p class="idea-text">{outcome_note.clone()}</p> })}
            <ul class="checklist" aria-label=t(locale, Key::MaturityChecklist)>
                {list(&maturity.met, "met", "✓")}
                {list(&maturity.missing, "missing", "○")}
            </ul>
            <p>
                <a href=super::fiche_path(idea_id)>{t(locale, Key::SeeFiche)}</a>
                {is_author.then(|| view! { " · " <a href=super::outcome_path(idea_id)>{t(locale, Key::SetOutcome)}</a> })}
            </p>
        </section>
    }
}
