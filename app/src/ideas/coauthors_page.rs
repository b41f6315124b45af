//! `/idees/<id>/coauteurs`: an author invites a colleague to share the pen.
//! A page of its own: the picker lists the whole organisation, which the
//! idea's page must not carry for every reader.

use super::idea_page::names;
use super::{get_idea, idea_path, InviteCoauthor};
use crate::domain::idea_views::IdeaView;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, Choice, ErrorSummary};
use crate::ui::guard::{page_title, path_id, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Where the authors invite a co-author.
pub fn coauthors_path(idea_id: i64) -> String {
    format!("{}/coauteurs", idea_path(idea_id))
}

#[component]
pub fn CoauthorsPage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::InviteCoauthor) {
        return refused;
    }
    let id = path_id("id");
    let idea = Resource::new(move || id, get_idea);
    view! {
        <Title text=page_title(Key::InviteCoauthor) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match idea.await {
                    Ok(idea) if idea.can_edit => view! { <Invite idea /> }.into_any(),
                    Ok(_) => load_failed(crate::error::AppError::Forbidden),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Invite(idea: IdeaView) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<InviteCoauthor>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t(locale, Key::ChooseColleague).to_owned()))
            .chain(
                idea.candidates
                    .iter()
                    .map(|p| (p.id.to_string(), p.name.clone())),
            )
            .collect();
    view! {
        <p><a href=idea_path(idea.id)>{t(locale, Key::BackToIdea)}</a></p>
        <h1>{t(locale, Key::InviteCoauthor)}</h1>
        <p class="idea-meta">{idea.content.title.clone()}</p>
        {(!idea.coauthors.is_empty())
            .then(|| view! { <p>{format!("{} {}", t(locale, Key::CoauthorsNow), names(&idea.coauthors))}</p> })}
        {(!idea.invited.is_empty())
            .then(|| view! { <p>{format!("{} {}", t(locale, Key::InvitedCoauthors), names(&idea.invited))}</p> })}
        <ErrorSummary error=refused />
        {if idea.candidates.is_empty() {
            view! { <p>{t(locale, Key::NoCoauthorCandidate)}</p> }.into_any()
        } else {
            view! {
                <form method="post" action={<InviteCoauthor as ServerFn>::PATH} class="stack-form">
                    <input type="hidden" name="idea_id" value=idea.id />
                    // Starts on no one: nobody is invited by a stray click.
                    <Choice name=super::fields::COAUTHOR label=Key::InviteCoauthor options=options.clone() errors=errors.clone() />
                    <button type="submit" class="primary">{t(locale, Key::SendInvitation)}</button>
                </form>
            }
            .into_any()
        }}
    }
}
