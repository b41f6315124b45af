//! The idea's maturity, always with its reasons: the stage, the score, and
//! the checklist of criteria met and missing; the outcome the authors set.

use super::SetOutcome;
use crate::domain::maturity_rule::{Criterion, Maturity};
use crate::domain::rounds::Outcome;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary, TextArea};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

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
                view! {
                    <li class=class>
                        <span aria-hidden="true">{mark}</span>
                        {format!(" {}", criterion_text(locale, *c))}
                    </li>
                }
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
            </p>
            {is_author.then(|| view! { <OutcomeForm idea_id outcome outcome_note /> })}
        </section>
    }
}

/// The authors' choice of outcome; dropping asks for the lessons learned.
#[component]
fn OutcomeForm(idea_id: i64, outcome: Option<Outcome>, outcome_note: String) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<SetOutcome>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let current = outcome.map_or("none", Outcome::as_str);
    let mut options = vec![("none".to_owned(), t(locale, Key::OutcomeNone).to_owned())];
    options.extend(
        Outcome::ALL
            .iter()
            .map(|o| (o.as_str().to_owned(), t(locale, o.label()).to_owned())),
    );
    view! {
        <details class="outcome-form" open=refused.is_some()>
            <summary>{t(locale, Key::SetOutcome)}</summary>
            <ErrorSummary error=refused.clone() />
            <form method="post" action={<SetOutcome as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="idea_id" value=idea_id />
                <crate::ui::forms::Choice name="outcome" label=Key::OutcomeLabel options selected=current.to_owned() errors=errors.clone() />
                <TextArea name="note" label=Key::OutcomeNoteLabel hint=Key::OutcomeNoteHint value=outcome_note errors rows=3 max_len=2000 />
                <button type="submit">{t(locale, Key::SaveOutcome)}</button>
            </form>
        </details>
    }
}
