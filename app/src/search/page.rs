//! `/recherche?q=…&type=…&page=…`: the search form and its results, best
//! first, each with its kind, its title and an extract, the words found
//! marked. Works without JavaScript.

use super::{search, SEARCH_PATH};
use crate::domain::search::{HitWhat, Marked, SearchHit, SearchKind, SearchResults};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::library::met_in;
use crate::ui::forms::FilterSelect;
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::pager::Pager;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::SearchTitle) {
        return refused;
    }
    let params = use_query_map().get_untracked();
    let q = params.get("q").unwrap_or_default();
    let kind = params
        .get("type")
        .filter(|k| SearchKind::from_slug(k).is_some());
    let page = params.get("page").and_then(|p| p.parse::<u32>().ok());
    let asked = (q.clone(), kind.clone());
    let results = Resource::new(
        move || (q.clone(), kind.clone(), page),
        |(q, kind, page)| search(Some(q), kind, page),
    );
    let (q, kind) = asked;
    view! {
        <Title text=page_title(Key::SearchTitle) />
        <h1>{t(locale, Key::SearchTitle)}</h1>
        <div role="search">
            <form method="get" action=SEARCH_PATH class="filters">
                <div class="field">
                    <label for="search-q">{t(locale, Key::SearchWords)}</label>
                    <input id="search-q" name="q" type="search" value=q.clone() />
                </div>
                <FilterSelect id="search-type" name="type" label=Key::SearchIn all=Key::SearchEverywhere
                    choices=SearchKind::ALL.iter().map(|k| (k.slug().to_owned(), t(locale, k.label()).to_owned())).collect()
                    selected=kind.clone() />
                <button type="submit">{t(locale, Key::SearchTitle)}</button>
            </form>
        </div>
        <Suspense fallback=|| ()>
            {move || {
                let (q, kind) = (q.clone(), kind.clone());
                Suspend::new(async move {
                    results.await.map(|results| view! { <Results locale results q kind /> })
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Results(
    locale: Locale,
    results: SearchResults,
    q: String,
    kind: Option<String>,
) -> impl IntoView {
    if !results.searched {
        let hint = if q.trim().is_empty() {
            Key::SearchIntro
        } else {
            Key::SearchNoWords
        };
        return view! { <p>{t(locale, hint)}</p> }.into_any();
    }
    let count = match results.total {
        0 => t(locale, Key::SearchNothing).to_owned(),
        1 => t(locale, Key::SearchOneResult).to_owned(),
        n => format!("{n} {}", t(locale, Key::SearchResultsWord)),
    };
    let pages = Pager {
        path: SEARCH_PATH,
        page: results.page,
        page_count: results.page_count,
        filters: [("q", Some(q.clone())), ("type", kind)]
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name, v)))
            .collect(),
    };
    let quoted = format!(
        "{}{}{}",
        t(locale, Key::QuoteOpen),
        echoed(&q),
        t(locale, Key::QuoteClose)
    );
    view! {
        <h2 class="result-count">
            <span role="status">{format!("{count} — {quoted}")}</span>
        </h2>
        {results.words_left_out.then(|| view! { <p>{t(locale, Key::SearchWordsLeftOut)}</p> })}
        {(results.total == 0).then(|| view! { <p>{t(locale, Key::SearchTips)}</p> })}
        {(!results.hits.is_empty()).then(|| view! {
            <ol class="search-results">
                {results.hits.into_iter().map(|hit| view! { <Hit locale hit /> }).collect_view()}
            </ol>
        })}
        {pages.view(locale)}
    }
    .into_any()
}

#[component]
fn Hit(locale: Locale, hit: SearchHit) -> impl IntoView {
    let what = match hit.what {
        HitWhat::Idea { stage, outcome } => {
            let mut parts = vec![
                t(locale, Key::SearchKindIdea).to_owned(),
                t(locale, stage.label()).to_owned(),
            ];
            parts.extend(outcome.map(|o| t(locale, o.label()).to_owned()));
            parts
        }
        HitWhat::Contribution { kind, domain } => {
            let mut parts = vec![t(locale, kind.label()).to_owned()];
            parts.extend(domain);
            parts.push(t(locale, Key::SearchOnIdea).to_owned());
            parts
        }
        HitWhat::KnownMine { domain, ideas } => {
            let mut parts = vec![t(locale, Key::SearchKindKnownMine).to_owned()];
            parts.extend(domain);
            // A name not yet given a mine (curators only) was met nowhere.
            parts.extend((ideas > 0).then(|| met_in(locale, ideas as usize)));
            parts
        }
    };
    view! {
        <li>
            <p class="hit-kind">{what.join(" · ")}</p>
            <h3><a href=hit.href>{marked(hit.title)}</a></h3>
            {(!hit.extract.is_empty()).then(|| view! { <p>{marked(hit.extract)}</p> })}
        </li>
    }
}

/// The query as typed, cut if long (only its first words are searched).
fn echoed(q: &str) -> String {
    let q = q.trim();
    match q.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &q[..at]),
        None => q.to_owned(),
    }
}

/// The words found in `<mark>`, the rest as text.
fn marked(pieces: Vec<Marked>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| {
            if p.hit {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                p.text.into_any()
            }
        })
        .collect_view()
}
