//! `/mines`: the known mines with what defused them; leads file the
//! mines met and mark the workarounds that proved themselves. Everything
//! works as plain forms (no JavaScript).

use super::{
    get_mine_library, known_mine_anchor, FileMines, ForgetKnownMine, MarkWorkaround,
    RenameKnownMine, UnfileMine, LIBRARY_PATH,
};
use crate::domain::library::{KnownMine, MetMine, MineLibrary};
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ideas::idea_path;
use crate::ui::forms::{refused_submission, ConfirmBox, ErrorSummary, FilterSelect, TextField};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::pager::Pager;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::LibraryTitle) {
        return refused;
    }
    let params = use_query_map().get_untracked();
    let domain = params.get("domaine").and_then(|d| d.parse::<i64>().ok());
    let page = params.get("page").and_then(|p| p.parse::<u32>().ok());
    let library = Resource::new(move || (domain, page), |(d, p)| get_mine_library(d, p));
    let filing = refused_submission::<FileMines>();
    let renaming = refused_submission::<RenameKnownMine>();
    let forgetting = refused_submission::<ForgetKnownMine>();
    // Each form shows its own refusal only.
    let errors = Refusals {
        filing: filing.as_ref().and_then(|e| e.form_errors()).cloned(),
        renaming: renaming.as_ref().and_then(|e| e.form_errors()).cloned(),
        forgetting: forgetting.as_ref().and_then(|e| e.form_errors()).cloned(),
    };
    let refused = filing
        .or(renaming)
        .or(forgetting)
        .or_else(refused_submission::<UnfileMine>)
        .or_else(refused_submission::<MarkWorkaround>);
    view! {
        <Title text=page_title(Key::LibraryTitle) />
        <h1>{t(locale, Key::LibraryTitle)}</h1>
        <p>{t(locale, Key::LibraryIntro)}</p>
        <ErrorSummary error=refused />
        <Suspense fallback=|| ()>
            {move || {
                let errors = errors.clone();
                Suspend::new(async move {
                    library.await.map(|library| view! { <Library locale library errors /> })
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The refusals of the page's forms, each for its own form.
#[derive(Clone, Debug, Default)]
struct Refusals {
    filing: Option<FormErrors>,
    renaming: Option<FormErrors>,
    forgetting: Option<FormErrors>,
}

#[component]
fn Library(locale: Locale, library: MineLibrary, errors: Refusals) -> impl IntoView {
    let names: Vec<(i64, String)> = library
        .known
        .iter()
        .map(|k| (k.id, k.name.clone()))
        .collect();
    let curate = library.can_curate;
    let filters: Vec<(&'static str, String)> = library
        .domain
        .map(|d| vec![("domaine", d.to_string())])
        .unwrap_or_default();
    let pages = Pager {
        path: LIBRARY_PATH,
        page: library.page,
        page_count: library.page_count,
        filters,
    };
    view! {
        <div role="search">
            <form method="get" action=LIBRARY_PATH class="filters">
                <FilterSelect id="filter-domain" name="domaine" label=Key::DomainWord all=Key::AllDomains
                    choices=library.domains.iter().map(|d| (d.id.to_string(), d.name.clone())).collect()
                    selected=library.domain.map(|d| d.to_string()) />
                <button type="submit">{t(locale, Key::Filter)}</button>
            </form>
        </div>
        <h2>{format!("{} ({})", t(locale, Key::KnownMinesHeading), library.known.len())}</h2>
        {library.known.is_empty().then(|| view! { <p>{t(locale, Key::NoKnownMines)}</p> })}
        {(!library.known.is_empty()).then(|| view! {
            <ul class="known-mines">
                {library
                    .known
                    .into_iter()
                    .map(|known| view! { <KnownMineItem locale known curate errors=errors.clone() /> })
                    .collect_view()}
            </ul>
        })}
        {curate.then(|| view! {
            <h2>{format!("{} ({})", t(locale, Key::UnfiledHeading), library.unfiled_total)}</h2>
            <p>{t(locale, if library.unfiled_total == 0 { Key::NoUnfiled } else { Key::UnfiledIntro })}</p>
            {(!library.unfiled.is_empty()).then(|| view! {
                <FilingBox locale mines=library.unfiled names=names errors=errors.filing.clone() />
            })}
            {pages.view(locale)}
        })}
    }
}

/// « Rencontrée dans 3 idées ».
pub fn met_in(locale: Locale, ideas: usize) -> String {
    let word = if ideas == 1 {
        Key::IdeaOne
    } else {
        Key::IdeaMany
    };
    format!("{} {ideas} {}", t(locale, Key::MetIn), t(locale, word))
}

/// A mine's words and the idea it was met on.
fn mine_line(locale: Locale, mine: &MetMine) -> impl IntoView {
    view! {
        <span class="mine-text">{mine.text.clone()}</span>
        " — " {t(locale, Key::OnIdea)} " "
        <a href=idea_path(mine.idea_id)>{mine.idea_title.clone()}</a>
    }
}

#[component]
fn KnownMineItem(
    locale: Locale,
    known: KnownMine,
    curate: bool,
    errors: Refusals,
) -> impl IntoView {
    let met = met_in(locale, known.ideas());
    let domain = known.domain.as_ref().map(|d| format!("{} · ", d.name));
    let known_id = known.id;
    let defused = if known.workarounds.is_empty() {
        view! { <p>{t(locale, Key::NotDefusedYet)}</p> }.into_any()
    } else {
        view! {
            <p class="defused-by">{t(locale, Key::DefusedByHeading)}</p>
            <ul class="workarounds">
                {known
                    .workarounds
                    .iter()
                    .map(|w| {
                        let (value, label) = if w.proven { ("0", Key::UnmarkProven) } else { ("1", Key::MarkProven) };
                        view! {
                            <li>
                                {w.proven.then(|| view! { <strong class="badge">{t(locale, Key::ProvenBadge)}</strong> " " })}
                                {w.text.clone()}
                                " (" {t(locale, Key::OnIdea)} " " <a href=idea_path(w.idea_id)>{w.idea_title.clone()}</a> ")"
                                {curate.then(|| view! {
                                    <form method="post" action={<MarkWorkaround as ServerFn>::PATH} class="inline-form">
                                        <input type="hidden" name="known_mine_id" value=known_id />
                                        <input type="hidden" name="workaround_id" value=w.id />
                                        <input type="hidden" name="proven" value=value />
                                        <button type="submit">{t(locale, label)}</button>
                                    </form>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let this = |e: &FormErrors| e.value_of("known_mine_id") == Some(known_id.to_string().as_str());
    let ours = Refusals {
        renaming: errors.renaming.filter(this),
        forgetting: errors.forgetting.filter(this),
        filing: None,
    };
    view! {
        <li class="known-mine" id=known_mine_anchor(known_id)>
            <h3>{known.name.clone()}</h3>
            <p class="known-mine-meta">{domain}{met}</p>
            {defused}
            <details>
                <summary>{format!("{} ({})", t(locale, Key::FiledMines), known.mines.len())}</summary>
                <ul>
                    {known
                        .mines
                        .iter()
                        .map(|m| view! {
                            <li>
                                {mine_line(locale, m)}
                                {curate.then(|| view! {
                                    <form method="post" action={<UnfileMine as ServerFn>::PATH} class="inline-form">
                                        <input type="hidden" name="known_mine_id" value=known_id />
                                        <input type="hidden" name="mine_id" value=m.id />
                                        <button type="submit">{t(locale, Key::UnfileMine)}</button>
                                    </form>
                                })}
                            </li>
                        })
                        .collect_view()}
                </ul>
            </details>
            {curate.then(|| view! { <Curation locale known_id name=known.name.clone() errors=ours /> })}
        </li>
    }
}

/// Renaming and forgetting a known mine (leads).
#[component]
fn Curation(locale: Locale, known_id: i64, name: String, errors: Refusals) -> impl IntoView {
    let refused = errors
        .renaming
        .as_ref()
        .and_then(|e| e.message_for("rename"));
    let typed = errors
        .renaming
        .as_ref()
        .and_then(|e| e.value_of("rename"))
        .map(str::to_owned)
        .unwrap_or_else(|| name.clone());
    // The refused field takes the id the error summary links to.
    let input_id = if refused.is_some() {
        "field-rename".to_owned()
    } else {
        format!("rename-{known_id}")
    };
    let confirm_refused = errors.forgetting.is_some();
    let error_id = format!("{input_id}-error");
    view! {
        <details open=refused.is_some() || confirm_refused>
            <summary>{t(locale, Key::RenameOrForget)}</summary>
            <form method="post" action={<RenameKnownMine as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="known_mine_id" value=known_id />
                <div class="field">
                    <label for=input_id.clone()>{t(locale, Key::KnownMineNameLabel)}</label>
                    {refused.map(|key| view! { <p class="field-error" id=error_id.clone()>{t(locale, key)}</p> })}
                    <input id=input_id name="name" type="text" value=typed maxlength="120"
                        aria-invalid=refused.is_some().then_some("true")
                        aria-describedby=refused.is_some().then_some(error_id.clone()) />
                </div>
                <button type="submit">{t(locale, Key::RenameKnownMine)}</button>
            </form>
            <form method="post" action={<ForgetKnownMine as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="known_mine_id" value=known_id />
                <ConfirmBox id=format!("forget-{known_id}") consequence=Key::ConfirmForgetKnownMine subject=name />
                <button type="submit" class="danger">{t(locale, Key::ForgetKnownMine)}</button>
            </form>
        </details>
    }
}

/// The mines waiting to be filed, to tick, and where to file them
/// (leads): one form, so that similar mines go under one name at once.
#[component]
fn FilingBox(
    locale: Locale,
    mines: Vec<MetMine>,
    names: Vec<(i64, String)>,
    errors: Option<FormErrors>,
) -> impl IntoView {
    let ticks = errors
        .as_ref()
        .and_then(|e| e.message_for(crate::domain::library::FilingForm::MINES));
    view! {
        <form method="post" action={<FileMines as ServerFn>::PATH} class="stack-form wide-form">
            <fieldset id="field-mines" class="field" aria-describedby=ticks.map(|_| "field-mines-error")>
                <legend>{t(locale, Key::UnfiledHeading)}</legend>
                {ticks.map(|k| view! { <p id="field-mines-error" class="field-error">{t(locale, k)}</p> })}
                <ul class="unfiled-mines">
                    {mines
                        .into_iter()
                        .map(|mine| {
                            let id = format!("mine-{}", mine.id);
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name=crate::domain::library::FilingForm::MINE_BOXES value=mine.id />
                                    <label for=id>
                                        {mine.domain.as_ref().map(|d| format!("{} — ", d.name))}
                                        {mine.text.clone()}
                                    </label>
                                    " (" {t(locale, Key::OnIdea)} " " <a href=idea_path(mine.idea_id)>{mine.idea_title.clone()}</a> ")"
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </fieldset>
            <div class="field">
                <label for="file-under">{t(locale, Key::FileUnder)}</label>
                <select id="file-under" name="known_mine_id">
                    <option value="">{t(locale, Key::NewKnownMine)}</option>
                    {names
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                        .collect_view()}
                </select>
            </div>
            <TextField name=crate::domain::library::FilingForm::NAME label=Key::NewNameLabel errors max_len=120 />
            <button type="submit">{t(locale, Key::FileSelected)}</button>
        </form>
    }
}
