use super::{compare_versions, idea_path, IDEAS_PATH};
use crate::domain::idea_views::{DiffKind, VersionComparison};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/idees/<id>/versions?de=1&a=3`: two versions compared word by word.
#[component]
pub fn ComparePage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::CompareTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let query = use_query_map().get_untracked();
    let number = |name: &str| query.get(name).and_then(|n| n.parse::<i32>().ok());
    let (from, to) = (number("de").unwrap_or(1), number("a").unwrap_or(1));
    let comparison = Resource::new(
        move || (id, from, to),
        |(id, from, to)| compare_versions(id, from, to),
    );
    view! {
        <Title text=page_title(Key::CompareTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match comparison.await {
                    Ok(comparison) => view! { <Comparison locale comparison /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Comparison(locale: Locale, comparison: VersionComparison) -> impl IntoView {
    let options = |selected: i32| {
        comparison
            .versions
            .iter()
            .map(|n| {
                view! {
                    <option value=*n selected=*n == selected>
                        {format!("{} {n}", t(locale, Key::VersionWord))}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <h1>{t(locale, Key::CompareTitle)}</h1>
        <p>
            <a href=idea_path(comparison.idea_id)>{comparison.title.clone()}</a>
        </p>
        <form method="get" action=format!("{IDEAS_PATH}/{}/versions", comparison.idea_id) class="inline-form">
            <label for="compare-from">{t(locale, Key::CompareFrom)}</label>
            <select id="compare-from" name="de">{options(comparison.from)}</select>
            <label for="compare-to">{t(locale, Key::CompareTo)}</label>
            <select id="compare-to" name="a">{options(comparison.to)}</select>
            <button type="submit">{t(locale, Key::Compare)}</button>
        </form>
        <p class="diff-legend">
            <ins>{t(locale, Key::DiffAdded)}</ins>
            " "
            <del>{t(locale, Key::DiffRemoved)}</del>
        </p>
        {comparison
            .fields
            .into_iter()
            .map(|field| {
                let status = if field.changed { Key::FieldChanged } else { Key::FieldUnchanged };
                view! {
                    <section class="idea-field">
                        <h2>{t(locale, field.label)} <span class="field-status">{format!(" ({})", t(locale, status))}</span></h2>
                        <p class="idea-text diff">
                            {field
                                .parts
                                .into_iter()
                                .map(|part| match part.kind {
                                    DiffKind::Same => view! { <span>{part.text}</span> }.into_any(),
                                    DiffKind::Added => {
                                        view! {
                                            <ins>
                                                <span class="visually-hidden">{format!("[{} : ", t(locale, Key::DiffAdded))}</span>
                                                {part.text}
                                                <span class="visually-hidden">"]"</span>
                                            </ins>
                                        }
                                            .into_any()
                                    }
                                    DiffKind::Removed => {
                                        view! {
                                            <del>
                                                <span class="visually-hidden">{format!("[{} : ", t(locale, Key::DiffRemoved))}</span>
                                                {part.text}
                                                <span class="visually-hidden">"]"</span>
                                            </del>
                                        }
                                            .into_any()
                                    }
                                })
                                .collect_view()}
                        </p>
                    </section>
                }
            })
            .collect_view()}
    }
}
