//! « Mines déjà rencontrées »: beside the forms that open a round or
//! write a mine, the known mines of each domain with what defused them,
//! a domain to a disclosure (no JavaScript needed).

use super::{get_mine_suggestions, LIBRARY_PATH};
use crate::domain::library::MineSuggestion;
use crate::i18n::{t, use_locale, Key, Locale};
use leptos::prelude::*;

#[component]
pub fn AlreadyMet(idea_id: i64) -> impl IntoView {
    let locale = use_locale();
    let found = Resource::new(move || idea_id, get_mine_suggestions);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // A failure here must not cost the form it sits beside.
                let suggestions = found.await.unwrap_or_default();
                (!suggestions.is_empty()).then(|| view! { <Suggestions locale suggestions /> })
            })}
        </Suspense>
    }
}

#[component]
fn Suggestions(locale: Locale, suggestions: Vec<MineSuggestion>) -> impl IntoView {
    // By domain, in the organisation's order (the server's).
    let mut groups: Vec<(String, Vec<MineSuggestion>)> = Vec::new();
    for s in suggestions {
        match groups.last_mut() {
            Some((name, list)) if *name == s.domain.name => list.push(s),
            _ => groups.push((s.domain.name.clone(), vec![s])),
        }
    }
    view! {
        <section class="already-met" aria-labelledby="deja-rencontrees">
            <h2 id="deja-rencontrees">{t(locale, Key::AlreadyMetHeading)}</h2>
            <p>{t(locale, Key::AlreadyMetIntro)}</p>
            {groups
                .into_iter()
                .map(|(domain, list)| view! {
                    <details>
                        <summary>{format!("{domain} ({})", list.len())}</summary>
                        <ul>
                            {list.into_iter().map(|s| view! { <li>{suggestion_line(locale, s)}</li> }).collect_view()}
                        </ul>
                    </details>
                })
                .collect_view()}
            <p><a href=LIBRARY_PATH>{t(locale, Key::LibraryLink)}</a></p>
        </section>
    }
}

/// « Accès aux données personnelles — Déjà rencontrée (3 idées) :
/// désamorcée par « une AIPD » (éprouvée), « … ». »
fn suggestion_line(locale: Locale, s: MineSuggestion) -> impl IntoView {
    let word = if s.ideas == 1 {
        Key::IdeaOne
    } else {
        Key::IdeaMany
    };
    let how = if s.defused_by.is_empty() {
        t(locale, Key::NotYetDefused).to_owned()
    } else {
        let ways: Vec<String> = s
            .defused_by
            .iter()
            .map(|(text, proven)| {
                if *proven {
                    format!("« {text} » ({})", t(locale, Key::ProvenBadge))
                } else {
                    format!("« {text} »")
                }
            })
            .collect();
        format!("{} {}", t(locale, Key::DefusedByWord), ways.join(", "))
    };
    view! {
        <strong>{s.name}</strong>
        {format!(" — {} ({} {}){}{how}", t(locale, Key::AlreadyMet), s.ideas, t(locale, word), colon(locale))}
    }
}

/// French sets a colon apart; English does not.
fn colon(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => " : ",
        _ => ": ",
    }
}
