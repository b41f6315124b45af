//! « Qui est autour de la table ? »: each domain of the organisation as a
//! tile of a compact minesweeper grid whose text says what the colours and
//! symbols show (a plain-text legend reads the symbols); on a domain not
//! looked at yet, an author can call it on the open round.

use super::CallDomain;
use crate::domain::round_views::{CoverageCell, CoverageState};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The state's text and class; the class draws the tile's symbol (`?`,
/// `✓`, `✹`, `⚑`) in CSS, silent to screen readers as the text says it.
fn state_text(state: CoverageState) -> (Key, &'static str) {
    match state {
        CoverageState::NotLookedAt => (Key::CoverageNotLookedAt, "cov-none"),
        CoverageState::AllClear => (Key::CoverageAllClear, "cov-clear"),
        CoverageState::MinesFound => (Key::CoverageMinesFound, "cov-mines"),
        CoverageState::MinesHandled => (Key::CoverageMinesHandled, "cov-handled"),
    }
}

/// The map; `call` is the idea and its open round when the viewer, an
/// author, may call domains on it.
#[component]
pub fn CoverageMap(cells: Vec<CoverageCell>, call: Option<(i64, i64)>) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<CallDomain>();
    // `?appel=N` after calling a domain: how many people were told.
    let called: Option<u32> = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("appel")
        .and_then(|n| n.parse().ok());
    let tiles = cells
        .into_iter()
        .map(|cell| {
            let (key, class) = state_text(cell.state);
            let mut detail = Vec::new();
            if cell.mines > 0 {
                detail.push(format!("{} {}", cell.mines, t(locale, Key::MinesWord)));
            }
            if cell.all_clears > 0 {
                // « Rien à signaler » is the state already: only say how many.
                let word = if cell.state == CoverageState::AllClear { Key::OpinionsWord } else { Key::AllClearsWord };
                detail.push(format!("{} {}", cell.all_clears, t(locale, word)));
            }
            if cell.called {
                let word = if cell.state == CoverageState::NotLookedAt { Key::CoverageCalledSilent } else { Key::CoverageCalled };
                detail.push(t(locale, word).to_owned());
            }
            if cell.role_played {
                detail.push(t(locale, Key::UnderCard).to_owned());
            }
            if cell.state != CoverageState::NotLookedAt && !cell.counts {
                detail.push(t(locale, Key::CoverageNotCounted).to_owned());
            }
            let action = call.filter(|_| cell.state == CoverageState::NotLookedAt && !cell.called).map(|(idea_id, round_id)| {
                view! {
                    <form method="post" action={<CallDomain as ServerFn>::PATH} class="inline-form">
                        <input type="hidden" name="idea_id" value=idea_id />
                        <input type="hidden" name="round_id" value=round_id />
                        <input type="hidden" name="domain_id" value=cell.domain.id />
                        <button type="submit" class="small">
                            {format!("{} {}", t(locale, Key::CallDomain), cell.domain.name)}
                        </button>
                    </form>
                }
            });
            view! {
                <li class=format!("cov {class}")>
                    <strong>{cell.domain.name.clone()}</strong>
                    {format!(" : {}", t(locale, key))}
                    {(!detail.is_empty()).then(|| format!(" · {}", detail.join(", ")))}
                    {action}
                </li>
            }
        })
        .collect_view();
    view! {
        <section id="carte" class="coverage" aria-labelledby="coverage-title">
            <h2 id="coverage-title">{t(locale, Key::CoverageTitle)}</h2>
            <ErrorSummary error=refused />
            {called.map(|n| {
                let text = if n == 0 { t(locale, Key::DomainCalledNobody).to_owned() } else { format!("{} {n}", t(locale, Key::DomainCalledCount)) };
                view! { <p class="callout" role="status">{text}</p> }
            })}
            <p class="cov-legend">{t(locale, Key::CoverageLegend)}</p>
            <ul class="coverage-grid">{tiles}</ul>
        </section>
    }
}
