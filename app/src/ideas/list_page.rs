use super::{idea_path, list_ideas, IDEAS_PATH, NEW_IDEA_PATH};
use crate::domain::idea_views::{IdeaList, IdeaQuery, IdeaSummary};
use crate::domain::maturity::Stage;
use crate::domain::rounds::Outcome;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::FilterSelect;
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::pager::Pager;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/idees`: the organisation's published ideas with filters and search,
/// the caller's drafts and invitations.
#[component]
pub fn IdeasPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::IdeasTitle) {
        return refused;
    }
    let params = use_query_map().get_untracked();
    let text = |name: &str| params.get(name).filter(|v| !v.trim().is_empty());
    let query = IdeaQuery {
        page: text("page").and_then(|p| p.parse().ok()),
        tag: text("tag"),
        author: text("auteur").and_then(|a| a.parse().ok()),
        q: text("q"),
        stage: text("etape"),
        outcome: text("issue"),
    };
    let list = Resource::new(
        move || query.clone(),
        |q| list_ideas(q.page, q.tag, q.author, q.q, q.stage, q.outcome),
    );
    let shown = Shown {
        q: text("q"),
        tag: text("tag"),
        author: text("auteur"),
        stage: text("etape"),
        outcome: text("issue"),
    };
    view! {
        <Title text=page_title(Key::IdeasTitle) />
        <div class="page-head">
            <h1>{t(locale, Key::IdeasTitle)}</h1>
            <a class="button primary" href=NEW_IDEA_PATH>{t(locale, Key::NewIdeaTitle)}</a>
        </div>
        <Suspense fallback=|| ()>
            {move || {
                let shown = shown.clone();
                Suspend::new(async move { list.await.map(|list| view! { <Listing locale list shown /> }) })
            }}
        </Suspense>
    }
    .into_any()
}

/// The filters in the page's address.
#[derive(Clone, Debug)]
struct Shown {
    q: Option<String>,
    tag: Option<String>,
    author: Option<String>,
    stage: Option<String>,
    outcome: Option<String>,
}

#[component]
fn Listing(locale: Locale, list: IdeaList, shown: Shown) -> impl IntoView {
    let Shown {
        q,
        tag,
        author,
        stage,
        outcome,
    } = shown;
    let filtered =
        q.is_some() || tag.is_some() || author.is_some() || stage.is_some() || outcome.is_some();
    let count = match list.total {
        0 => t(locale, Key::NoIdeas).to_owned(),
        1 => t(locale, Key::OneIdea).to_owned(),
        n => format!("{n} {}", t(locale, Key::IdeasCount)),
    };
    let pages = Pager {
        path: IDEAS_PATH,
        page: list.page,
        page_count: list.page_count,
        filters: [
            ("q", &q),
            ("tag", &tag),
            ("auteur", &author),
            ("etape", &stage),
            ("issue", &outcome),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
        .collect(),
    };
    view! {
        {(!list.invitations.is_empty())
            .then(|| view! { <Group locale heading=Key::YourInvitations items=list.invitations.clone() /> })}
        {(!list.drafts.is_empty())
            .then(|| view! { <Group locale heading=Key::YourDrafts items=list.drafts.clone() /> })}
        <div role="search">
        <form method="get" action=IDEAS_PATH class="filters">
            <div class="field">
                <label for="filter-q">{t(locale, Key::SearchLabel)}</label>
                <input id="filter-q" name="q" type="search" value=q.unwrap_or_default() />
            </div>
            <FilterSelect id="filter-tag" name="tag" label=Key::IdeaFieldTags all=Key::AllTags
                choices=list.tags.iter().map(|t| (t.clone(), t.clone())).collect()
                selected=tag.clone() />
            <FilterSelect id="filter-author" name="auteur" label=Key::AuthorFilter all=Key::AllAuthors
                choices=list.authors.iter().map(|p| (p.id.to_string(), p.name.clone())).collect()
                selected=author.clone() />
            <FilterSelect id="filter-stage" name="etape" label=Key::StageFilter all=Key::AllStages
                choices=Stage::ALL.iter().map(|s| (s.slug().to_owned(), t(locale, s.label()).to_owned())).collect()
                selected=stage.clone() />
            <FilterSelect id="filter-outcome" name="issue" label=Key::OutcomeFilter all=Key::AllOutcomes
                choices=Outcome::ALL.iter().map(|o| (o.slug().to_owned(), t(locale, o.label()).to_owned())).collect()
                selected=outcome.clone() />
            <button type="submit">{t(locale, Key::Filter)}</button>
            {filtered.then(|| view! { <a href=IDEAS_PATH>{t(locale, Key::ClearFilters)}</a> })}
        </form>
        </div>
        <h2 class="result-count">
            <span role="status">{count}</span>
        </h2>
        <ul class="idea-list">{list.items.into_iter().map(|idea| view! { <IdeaItem locale idea /> }).collect_view()}</ul>
        {pages.view(locale)}
    }
}

#[component]
fn Group(locale: Locale, heading: Key, items: Vec<IdeaSummary>) -> impl IntoView {
    view! {
        <section class="idea-group">
            <h2>{t(locale, heading)}</h2>
            <ul class="idea-list">{items.into_iter().map(|idea| view! { <IdeaItem locale idea /> }).collect_view()}</ul>
        </section>
    }
}

#[component]
fn IdeaItem(locale: Locale, idea: IdeaSummary) -> impl IntoView {
    view! {
        <li class="idea-item">
            <h3>
                <a href=idea_path(idea.id)>{idea.title}</a>
            </h3>
            <p>{idea.excerpt}</p>
            {idea.lessons.map(|lessons| view! {
                <p>{format!("{} {lessons}", t(locale, Key::LessonsPrefix))}</p>
            })}
            <p class="idea-meta">
                {format!(
                    "{} {} · {} {} · {}",
                    t(locale, Key::By),
                    idea.author,
                    t(locale, Key::VersionWord),
                    idea.version,
                    idea.updated,
                )}
                {(!idea.tags.is_empty()).then(|| format!(" · {}", idea.tags.join(", ")))}
                {format!(" · {}", t(locale, idea.stage.label()))}
                {idea.outcome.map(|o| format!(" · {}", t(locale, o.label())))}
            </p>
        </li>
    }
}
