use super::summary::IdeaSummary;
use super::{compare_path, edit_path, get_idea, AnswerCoauthorInvitation, PublishIdea, IDEAS_PATH};
use crate::domain::idea_views::{IdeaView, PersonRef};
use crate::domain::ideas::IdeaStatus;
use crate::domain::round_views::{RoundsPanel, TimelineEntry, TimelineEvent};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::rounds::{get_rounds, RoundsSection};
use crate::ui::forms::{refused_submission, ErrorSummary};
use crate::ui::guard::{refusal, Need};
use crate::ui::raw_text::escape_raw_text;
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/idees/<id>`: a summary to read first (stage, open round, what the
/// reader can do), the current version and its authors, its maturity and
/// coverage map, its démining rounds, and its history.
#[component]
pub fn IdeaPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::NavIdeas) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let query = use_query_map().get_untracked();
    let focus_round = query.get("tour").and_then(|r| r.parse::<i32>().ok());
    let focus_page = query.get("page").and_then(|p| p.parse::<u32>().ok());
    let idea = Resource::new(move || id, get_idea);
    let rounds = Resource::new(
        move || (id, focus_round, focus_page),
        |(id, round, page)| get_rounds(id, round, page),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (idea.await, rounds.await) {
                    (Ok(idea), Ok(panel)) => view! { <IdeaBody locale idea panel /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// "Camille Martin, Dominique Bernard".
pub(super) fn names(people: &[PersonRef]) -> String {
    people
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn IdeaBody(locale: Locale, idea: IdeaView, panel: RoundsPanel) -> impl IntoView {
    let title = format!(
        "{} — {}",
        escape_raw_text(&idea.content.title),
        t(locale, Key::AppName)
    );
    let draft = idea.status == IdeaStatus::Draft;
    let authors = if idea.coauthors.is_empty() {
        idea.author.name.clone()
    } else {
        format!(
            "{}, {} {}",
            idea.author.name,
            t(locale, Key::WithCoauthors),
            names(&idea.coauthors)
        )
    };
    let sections = idea
        .content
        .fields()
        .into_iter()
        .skip(1)
        .filter(|(_, text)| !text.is_empty())
        .map(|(label, text)| {
            view! {
                <section class="idea-field">
                    <h2>{t(locale, label)}</h2>
                    <p class="idea-text">{text.to_owned()}</p>
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=title />
        <article class="idea">
            <header class="idea-header">
                <h1>{idea.content.title.clone()}</h1>
                {draft.then(|| view! { <p class="badge">{t(locale, Key::DraftBadge)}</p> })}
                <p class="idea-meta">
                    {format!(
                        "{} {} · {} {} · {} {}",
                        t(locale, Key::By),
                        authors,
                        t(locale, Key::VersionWord),
                        idea.version,
                        t(locale, Key::PostedOn),
                        idea.created,
                    )}
                </p>
                {(!idea.content.tags.is_empty())
                    .then(|| {
                        view! {
                            <ul class="tags" aria-label=t(locale, Key::IdeaFieldTags)>
                                {idea
                                    .content
                                    .tags
                                    .iter()
                                    .map(|tag| {
                                        let href = format!("{IDEAS_PATH}?tag={}", crate::ui::pager::encode(tag));
                                        view! {
                                            <li>
                                                <a href=href>{tag.clone()}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </header>
            {idea.invites_viewer.then(|| view! { <InvitationAnswer locale id=idea.id /> })}
            <IdeaSummary panel=panel.clone() draft can_edit=idea.can_edit />
            <div id="texte">{sections}</div>
        </article>
        {idea.can_edit.then(|| view! { <AuthorTools locale idea=idea.clone() /> })}
        <RoundsSection panel=panel.clone() />
        <History locale idea timeline=panel.timeline />
    }
}

#[component]
fn InvitationAnswer(locale: Locale, id: i64) -> impl IntoView {
    let refused = refused_submission::<AnswerCoauthorInvitation>();
    view! {
        <div class="callout" role="region" aria-label=t(locale, Key::CoauthorInvitation)>
            <p>{t(locale, Key::CoauthorInvitation)}</p>
            <ErrorSummary error=refused />
            <div class="form-actions">
                <form method="post" action={<AnswerCoauthorInvitation as ServerFn>::PATH} class="inline-form">
                    <input type="hidden" name="idea_id" value=id />
                    <input type="hidden" name="accept" value="true" />
                    <button type="submit" class="primary">{t(locale, Key::AcceptInvitation)}</button>
                </form>
                <form method="post" action={<AnswerCoauthorInvitation as ServerFn>::PATH} class="inline-form">
                    <input type="hidden" name="idea_id" value=id />
                    <input type="hidden" name="accept" value="false" />
                    <button type="submit">{t(locale, Key::DeclineInvitation)}</button>
                </form>
            </div>
        </div>
    }
}

/// What authors and co-authors can do: edit, publish a draft, invite
/// (on a page of its own).
#[component]
fn AuthorTools(locale: Locale, idea: IdeaView) -> impl IntoView {
    let refused = refused_submission::<PublishIdea>();
    let draft = idea.status == IdeaStatus::Draft;
    view! {
        <section class="author-tools" aria-labelledby="author-tools">
            <h2 id="author-tools">{t(locale, Key::AuthorTools)}</h2>
            <ErrorSummary error=refused />
            <div class="form-actions">
                <a class="button" href=edit_path(idea.id)>{t(locale, Key::EditIdea)}</a>
                // The picker lists the whole organisation: on a page of its own.
                {(!idea.candidates.is_empty())
                    .then(|| view! { <a class="button" href=super::coauthors_path(idea.id)>{t(locale, Key::InviteCoauthor)}</a> })}
                {draft
                    .then(|| {
                        view! {
                            <form method="post" action={<PublishIdea as ServerFn>::PATH} class="inline-form">
                                <input type="hidden" name="idea_id" value=idea.id />
                                <button type="submit" class="primary">{t(locale, Key::Publish)}</button>
                            </form>
                        }
                    })}
            </div>
            {(!idea.invited.is_empty())
                .then(|| view! { <p>{format!("{} {}", t(locale, Key::InvitedCoauthors), names(&idea.invited))}</p> })}
        </section>
    }
}

fn timeline_item(locale: Locale, idea_id: i64, entry: TimelineEntry) -> impl IntoView {
    let round = |n: i32| format!("{} {n}", t(locale, Key::RoundWord));
    let (line, link) = match entry.event {
        TimelineEvent::Version { number, author } => (
            format!(
                "{} {number} · {author} · {}",
                t(locale, Key::VersionWord),
                entry.date
            ),
            (number > 1).then(|| {
                (
                    compare_path(idea_id, number - 1, number),
                    t(locale, Key::SeeChanges),
                )
            }),
        ),
        TimelineEvent::RoundOpened { number } => (
            format!(
                "{} {} · {}",
                round(number),
                t(locale, Key::TimelineOpened),
                entry.date
            ),
            Some((format!("#tour-{number}"), t(locale, Key::SeeRound))),
        ),
        TimelineEvent::Contributions { number, count } => (
            format!(
                "{} : {count} {} · {}",
                round(number),
                t(locale, Key::TimelineRevealed),
                entry.date
            ),
            None,
        ),
        TimelineEvent::Triaged { number, count } => (
            format!(
                "{} : {count} {} · {}",
                round(number),
                t(locale, Key::TimelineTriaged),
                entry.date
            ),
            None,
        ),
        TimelineEvent::RoundEnded { number, status } => (
            format!(
                "{} : {} · {}",
                round(number),
                t(locale, status.label()),
                entry.date
            ),
            None,
        ),
    };
    view! {
        <li>
            {line}
            {link.map(|(href, text)| view! { " · " <a href=href>{text}</a> })}
        </li>
    }
}

/// What happened to the idea, newest first: versions (with their changes)
/// and rounds; then a link to compare any two versions (the comparison
/// page chooses them, starting from the last change).
#[component]
fn History(locale: Locale, idea: IdeaView, timeline: Vec<TimelineEntry>) -> impl IntoView {
    let newest = idea.version;
    let compare = (idea.versions.len() > 1).then(|| {
        view! {
            <p>
                <a href=compare_path(idea.id, newest - 1, newest)>{t(locale, Key::CompareTitle)}</a>
            </p>
        }
    });
    view! {
        <section class="history" aria-labelledby="history">
            <h2 id="history">{t(locale, Key::History)}</h2>
            <ol class="timeline">
                {timeline
                    .into_iter()
                    .map(|entry| timeline_item(locale, idea.id, entry))
                    .collect_view()}
            </ol>
            {compare}
        </section>
    }
}
