//! `/idees/<id>/fiche`: the fiche de déminage, laid out to print on one or
//! two A4 pages (see the print rules in style/main.css), with its Markdown
//! download.

use super::contribution_item::triage_text;
use super::get_fiche;
use super::maturity_box::criterion_text;
use crate::domain::round_views::{Fiche, FicheItem};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;

pub fn fiche_path(idea_id: i64) -> String {
    format!("{}/fiche", crate::ideas::idea_path(idea_id))
}

pub fn markdown_path(idea_id: i64) -> String {
    format!("{}/fiche.md", crate::ideas::idea_path(idea_id))
}

#[component]
pub fn FichePage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::FicheTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let fiche = Resource::new(move || id, get_fiche);
    view! {
        <Title text=page_title(Key::FicheTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match fiche.await {
                    Ok(fiche) => view! { <FicheBody fiche /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn item_list(locale: Locale, items: Vec<FicheItem>) -> AnyView {
    if items.is_empty() {
        return view! { <p>{t(locale, Key::NothingYet)}</p> }.into_any();
    }
    view! {
        <ul>
            {items
                .into_iter()
                .map(|i| {
                    view! {
                        <li>
                            {format!("{} ({})", i.text, i.author)}
                            {i.answers.map(|m| format!(" — {} « {m} »", t(locale, Key::AnswersMine)))}
                            {i.link.map(|href| view! { " " <a href=href.clone() rel="nofollow noopener">{href.clone()}</a> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FicheBody(fiche: Fiche) -> impl IntoView {
    let locale = use_locale();
    let or_nothing = |text: String| {
        if text.is_empty() {
            t(locale, Key::NothingYet).to_owned()
        } else {
            text
        }
    };
    let criteria = fiche
        .maturity
        .met
        .iter()
        .map(|c| format!("✓ {}", criterion_text(locale, *c)))
        .chain(
            fiche
                .maturity
                .missing
                .iter()
                .map(|c| format!("○ {}", criterion_text(locale, *c))),
        )
        .collect::<Vec<_>>()
        .join("\n");
    let mines = if fiche.mines.is_empty() {
        view! { <p>{t(locale, Key::NothingYet)}</p> }.into_any()
    } else {
        view! {
            <ul class="fiche-mines">
                {fiche
                    .mines
                    .iter()
                    .map(|m| {
                        let severity = m.severity.map(|s| t(locale, s.label())).unwrap_or_default();
                        let treatment = m
                            .triage
                            .as_ref()
                            .map(|tr| triage_text(locale, tr))
                            .unwrap_or_else(|| t(locale, Key::NotTriagedYet).to_owned());
                        // One text, its lines broken by the list's
                        // `white-space: pre-line`: a `<br>` per line was a
                        // third of the page's elements (EcoIndex counts them).
                        // What people typed is joined on one line, as it was
                        // shown before: only the fiche's own lines break.
                        let mut lines = vec![
                            format!(" — {} ({}, +{})", one_line(&m.text), m.author, m.endorsements),
                            format!("{} {}", t(locale, Key::TriageLabel), one_line(&treatment)),
                        ];
                        lines.extend(m.duplicates.iter().map(|d| {
                            format!("{} : {} ({})", t(locale, Key::SameIdeaHeading), one_line(&d.text), d.author)
                        }));
                        lines.extend(m.workarounds.iter().map(|w| {
                            format!("{} « {} »", t(locale, Key::WorkaroundProposed), one_line(w))
                        }));
                        view! {
                            <li>
                                <strong>{format!("{} · {severity}", m.domain)}</strong>
                                {lines.join("\n")}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <article class="fiche">
            <p class="no-print">
                <a href=crate::ideas::idea_path(fiche.idea_id)>{format!("← {}", fiche.title)}</a>
                " · "
                <a href=markdown_path(fiche.idea_id) download=format!("fiche-deminage-{}.md", fiche.idea_id)>
                    {t(locale, Key::DownloadMarkdown)}
                </a>
            </p>
            <p class="no-print hint">{t(locale, Key::PrintHint)}</p>
            <h1>{format!("{} — {}", t(locale, Key::FicheTitle), fiche.title)}</h1>
            <p class="idea-meta">
                {format!("{} {} · {} {} · {}", t(locale, Key::By), fiche.authors, t(locale, Key::VersionWord), fiche.version, fiche.date)}
            </p>
            <section aria-labelledby="fiche-maturity">
                <h2 id="fiche-maturity">{t(locale, Key::MaturityHeading)}</h2>
                <p>
                    <strong>{t(locale, fiche.maturity.stage.label())}</strong>
                    {format!(" · {} {}/100", t(locale, Key::ScoreWord), fiche.maturity.score)}
                    {fiche.outcome.map(|o| format!(" · {}", t(locale, o.label())))}
                </p>
                <p class="checklist fiche-lines">{criteria}</p>
            </section>
            <section aria-labelledby="fiche-problem">
                <h2 id="fiche-problem">{t(locale, Key::IdeaFieldProblem)}</h2>
                <p class="idea-text">{fiche.problem.clone()}</p>
                <h2>{t(locale, Key::IdeaSectionProposal)}</h2>
                <p class="idea-text">{or_nothing(fiche.proposal.clone())}</p>
                <h2>{t(locale, Key::IdeaFieldBeneficiaries)}</h2>
                <p class="idea-text">{or_nothing(fiche.beneficiaries.clone())}</p>
            </section>
            <section aria-labelledby="fiche-mines">
                <h2 id="fiche-mines">{t(locale, Key::FicheMines)}</h2>
                {mines}
            </section>
            <section aria-labelledby="fiche-workarounds">
                <h2 id="fiche-workarounds">{t(locale, Key::FicheWorkarounds)}</h2>
                {item_list(locale, fiche.workarounds.clone())}
                <h2>{t(locale, Key::FicheResources)}</h2>
                {item_list(locale, fiche.resources.clone())}
                <h2>{t(locale, Key::FicheHelpOffers)}</h2>
                {item_list(locale, fiche.help_offers.clone())}
            </section>
            <section aria-labelledby="fiche-next">
                <h2 id="fiche-next">{t(locale, Key::FicheCovered)}</h2>
                <p>{or_nothing(fiche.covered.join(", "))}</p>
                <h2>{t(locale, Key::FicheSyntheses)}</h2>
                {if fiche.syntheses.is_empty() {
                    view! { <p>{t(locale, Key::NothingYet)}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {fiche
                                .syntheses
                                .iter()
                                .map(|(n, text)| view! { <li>{format!("{} {n} : {text}", t(locale, Key::RoundWord))}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                <h2>{t(locale, Key::NextStepLabel)}</h2>
                <p class="idea-text">{or_nothing(fiche.next_step.clone())}</p>
            </section>
        </article>
    }
}

/// A text typed in a textarea, its line breaks and runs of spaces made one
/// space: inside the fiche's `pre-line` entries they would read as the
/// fiche's own lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
