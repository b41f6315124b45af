use super::{get_directory, person_path, presence_text, DIRECTORY_PATH};
use crate::domain::directory::{Directory, DirectoryPerson, DomainHeadcount};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::FilterSelect;
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::pager::{encode, Pager};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The directory's filters as the address holds them.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    q: Option<String>,
    domain: Option<String>,
    service: Option<String>,
    available: bool,
}

impl Filters {
    fn any(&self) -> bool {
        self.q.is_some() || self.domain.is_some() || self.service.is_some() || self.available
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = [
            ("q", &self.q),
            ("domaine", &self.domain),
            ("service", &self.service),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
        .collect();
        if self.available {
            pairs.push(("disponibles", "1".to_owned()));
        }
        pairs
    }
}

/// `/annuaire`: the organisation's people by domain and service, with
/// their availability. Signed-in members.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::DirectoryTitle) {
        return refused;
    }
    let params = use_query_map().get_untracked();
    let text = |name: &str| params.get(name).filter(|v| !v.trim().is_empty());
    let filters = Filters {
        q: text("q"),
        domain: text("domaine"),
        service: text("service"),
        available: text("disponibles").is_some(),
    };
    let page = text("page").and_then(|p| p.parse::<u32>().ok());
    let asked = filters.clone();
    let directory = Resource::new(
        move || (asked.clone(), page),
        |(f, page)| {
            get_directory(
                f.q,
                f.domain.and_then(|d| d.parse().ok()),
                f.service,
                Some(f.available),
                page,
            )
        },
    );
    view! {
        <Title text=page_title(Key::DirectoryTitle) />
        <h1>{t(locale, Key::DirectoryTitle)}</h1>
        <p>{t(locale, Key::DirectoryIntro)}</p>
        <Suspense fallback=|| ()>
            {move || {
                let filters = filters.clone();
                Suspend::new(async move {
                    directory.await.map(|directory| view! { <Listing locale directory filters /> })
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Listing(locale: Locale, directory: Directory, filters: Filters) -> impl IntoView {
    let count = match directory.total {
        0 => t(locale, Key::NobodyFound).to_owned(),
        1 => t(locale, Key::OnePerson).to_owned(),
        n => format!("{n} {}", t(locale, Key::PeopleCount)),
    };
    let pages = Pager {
        path: DIRECTORY_PATH,
        page: directory.page,
        page_count: directory.page_count,
        filters: filters.pairs(),
    };
    view! {
        <Headcounts locale domains=directory.domains.clone() />
        <div role="search">
            <FilterForm locale directory=&directory filters=&filters />
        </div>
        <h2 class="result-count">
            <span role="status">{count}</span>
        </h2>
        <ul class="people-list">
            {directory.people.into_iter().map(|person| view! { <PersonItem locale person /> }).collect_view()}
        </ul>
        {pages.view(locale)}
    }
}

/// "Qui sait quoi": each domain, how many hold it and how many are free;
/// a domain nobody holds says so in words.
#[component]
fn Headcounts(locale: Locale, domains: Vec<DomainHeadcount>) -> impl IntoView {
    view! {
        <table class="headcounts">
            <caption>{t(locale, Key::HeadcountsCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(locale, Key::DomainWord)}</th>
                    <th scope="col">{t(locale, Key::PeopleHolding)}</th>
                    <th scope="col">{t(locale, Key::PeopleAvailable)}</th>
                </tr>
            </thead>
            <tbody>
                {domains
                    .into_iter()
                    .map(|d| {
                        let href = format!("{DIRECTORY_PATH}?domaine={}", d.id);
                        let held = if d.people == 0 { t(locale, Key::NobodyHoldsIt).to_owned() } else { d.people.to_string() };
                        view! {
                            <tr>
                                <th scope="row"><a href=href>{d.name}</a></th>
                                <td>{held}</td>
                                <td>{d.available}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn FilterForm<'a>(locale: Locale, directory: &'a Directory, filters: &'a Filters) -> impl IntoView {
    let domain = filters.domain.clone();
    let service = filters.service.clone();
    view! {
        <form method="get" action=DIRECTORY_PATH class="filters">
            <div class="field">
                <label for="filter-q">{t(locale, Key::DirectoryNameFilter)}</label>
                <input id="filter-q" name="q" type="search" value=filters.q.clone().unwrap_or_default() />
            </div>
            <FilterSelect id="filter-domain" name="domaine" label=Key::DomainWord all=Key::AllDomains
                choices=directory.domains.iter().map(|d| (d.id.to_string(), d.name.clone())).collect()
                selected=domain />
            <FilterSelect id="filter-service" name="service" label=Key::FieldService all=Key::AllServices
                choices=directory.services.iter().map(|s| (s.clone(), s.clone())).collect()
                selected=service />
            <div class="choice">
                <input type="checkbox" id="filter-available" name="disponibles" value="1" checked=filters.available />
                <label for="filter-available">{t(locale, Key::OnlyAvailable)}</label>
            </div>
            <button type="submit">{t(locale, Key::Filter)}</button>
            {filters.any().then(|| view! { <a href=DIRECTORY_PATH>{t(locale, Key::ClearFilters)}</a> })}
        </form>
    }
}

#[component]
fn PersonItem(locale: Locale, person: DirectoryPerson) -> impl IntoView {
    let service_href = format!("{DIRECTORY_PATH}?service={}", encode(&person.service));
    view! {
        <li class="person-item">
            <h3><a href=person_path(person.id)>{person.name}</a></h3>
            <p class="person-meta">
                {(!person.service.is_empty()).then(|| view! { <a href=service_href>{person.service.clone()}</a> " · " })}
                {if person.domains.is_empty() { t(locale, Key::NoDomainsHeld).to_owned() } else { person.domains.join(", ") }}
            </p>
            <p class="presence">{presence_text(locale, &person.presence)}</p>
        </li>
    }
}
