//! What every dashboard page shares: the heading, the sections, the
//! filters (a GET form: the address holds them) and the exports.

use super::{CSV_PATH, DASHBOARD_PATH, JSON_PATH};
use crate::domain::dashboard::{DashboardFilters, DashboardFrame, Section};
use crate::domain::maturity::Stage;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::FilterSelect;
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::pager::encode;
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// The address's filters, read once.
pub fn asked() -> super::DashboardQuery {
    let params = leptos_router::hooks::use_query_map().get_untracked();
    super::DashboardQuery::from_address(|name| params.get(name))
}

/// `?du=…&etape=…`, or nothing when no filter is set.
pub fn query_of(filters: &DashboardFilters) -> String {
    let pairs: Vec<String> = filters
        .pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

pub fn section_path(section: Section) -> String {
    match section.slug() {
        "" => DASHBOARD_PATH.to_owned(),
        slug => format!("{DASHBOARD_PATH}/{slug}"),
    }
}

fn section_label(section: Section) -> Key {
    match section {
        Section::Overview => Key::DashOverview,
        Section::Coverage => Key::DashCoverage,
        Section::Mines => Key::DashMinesSection,
        Section::Delays => Key::DashDelays,
    }
}

/// The page around a section's figures.
#[component]
pub fn DashboardShell(
    section: Section,
    frame: DashboardFrame,
    filters: DashboardFilters,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let query = query_of(&filters);
    let intro = if frame.whole_organisation {
        Key::DashIntroOrganisation
    } else {
        Key::DashIntroOwn
    };
    view! {
        <h1>{t(locale, Key::DashTitle)}</h1>
        <p>{t(locale, intro)}</p>
        <nav class="dash-sections" aria-label=t(locale, Key::DashSections)>
            <ul>
                {Section::ALL
                    .into_iter()
                    .map(|s| {
                        let href = format!("{}{query}", section_path(s));
                        view! {
                            <li>
                                <a href=href aria-current=(s == section).then_some("page")>{t(locale, section_label(s))}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <Filters section frame=frame.clone() filters />
        <p class="dash-count" role="status">{format!("{} {}", frame.ideas, t(locale, Key::DashIdeasCounted))}</p>
        {children()}
        <p class="export-links">
            <a href=format!("{CSV_PATH}{query}") download="">{t(locale, Key::DashExportCsv)}</a>
            " · "
            <a href=format!("{JSON_PATH}{query}") download="">{t(locale, Key::DashExportJson)}</a>
        </p>
    }
}

#[component]
fn Filters(section: Section, frame: DashboardFrame, filters: DashboardFilters) -> impl IntoView {
    let locale = use_locale();
    let action = section_path(section);
    let clear = action.clone();
    let any = filters.any();
    view! {
        <details class="dash-filters" open=any>
            <summary>{t(locale, Key::DashFilters)}</summary>
            <form method="get" action=action class="filters">
                <div class="field">
                    <label for="filter-from">{t(locale, Key::DashFrom)}</label>
                    <input id="filter-from" name="du" type="date" value=filters.from.clone() />
                </div>
                <div class="field">
                    <label for="filter-to">{t(locale, Key::DashTo)}</label>
                    <input id="filter-to" name="au" type="date" value=filters.to.clone() />
                </div>
                <FilterSelect id="filter-service" name="service" label=Key::FieldService all=Key::AllServices
                    choices=frame.services.iter().map(|s| (s.clone(), s.clone())).collect()
                    selected=filters.service.clone() />
                <div class="field">
                    <label for="filter-tag">{t(locale, Key::IdeaFieldTags)}</label>
                    <input id="filter-tag" name="tag" type="text" value=filters.tag.clone() list="dash-tags" />
                    <datalist id="dash-tags">
                        {frame.tags.iter().map(|tag| view! { <option value=tag.clone()></option> }).collect_view()}
                    </datalist>
                </div>
                <FilterSelect id="filter-domain" name="casquette" label=Key::DomainWord all=Key::AllDomains
                    choices=frame.domains.iter().map(|d| (d.id.to_string(), d.name.clone())).collect()
                    selected=filters.domain.map(|d| d.to_string()) />
                <FilterSelect id="filter-stage" name="etape" label=Key::StageFilter all=Key::AllStages
                    choices=Stage::ALL.iter().map(|s| (s.slug().to_owned(), t(locale, s.label()).to_owned())).collect()
                    selected=filters.stage.map(|s| s.slug().to_owned()) />
                <div class="field">
                    <label for="filter-idle">{t(locale, Key::DashIdleDays)}</label>
                    <input id="filter-idle" name="inactives" type="number" min="1" max="3650" value=filters.idle_days placeholder=DashboardFilters::IDLE_DAYS />
                </div>
                <button type="submit">{t(locale, Key::Filter)}</button>
                {any.then(|| view! { <a href=clear>{t(locale, Key::ClearFilters)}</a> })}
            </form>
        </details>
    }
}

/// A dashboard section's page: refused to visitors, its figures read with
/// the address's filters (and page), drawn inside the shared shell.
pub fn section_page<T, Fut, V>(
    section: Section,
    read: impl Fn(super::DashboardQuery, Option<u32>) -> Fut + Send + Sync + 'static,
    figures: impl Fn(T, DashboardFilters) -> V + Copy + Send + Sync + 'static,
) -> AnyView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<(DashboardFrame, T), crate::error::AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    if let Some(refused) = refusal(Need::SignedIn, Key::DashTitle) {
        return refused;
    }
    let query = asked();
    let filters = query.filters();
    let page = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("page")
        .and_then(|p| p.parse::<u32>().ok());
    let data = Resource::new(
        move || (query.clone(), page),
        move |(q, page)| read(q, page),
    );
    view! {
        <Title text=page_title(Key::DashTitle) />
        <Suspense fallback=|| ()>
            {move || {
                let filters = filters.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok((frame, figures_data)) => {
                            let drawn = figures(figures_data, filters.clone());
                            view! { <DashboardShell section frame filters>{drawn}</DashboardShell> }
                                .into_any()
                        }
                        Err(error) => load_failed(error),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}
