//! `/idees/<id>/issue`: the authors say what became of the idea (launched
//! as a project, parked, dropped), with what they learned. A page of its
//! own, linked from the maturity box.

use super::{get_rounds, SetOutcome};
use crate::domain::round_views::RoundsPanel;
use crate::domain::rounds::Outcome;
use crate::error::AppError;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextArea};
use crate::ui::guard::{page_title, path_id, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Where the authors set an idea's outcome.
pub fn outcome_path(idea_id: i64) -> String {
    format!("{}/issue", crate::ideas::idea_path(idea_id))
}

#[component]
pub fn OutcomePage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::SetOutcome) {
        return refused;
    }
    let idea_id = path_id("id");
    let panel = Resource::new(move || idea_id, |id| get_rounds(id, None, None));
    view! {
        <Title text=page_title(Key::SetOutcome) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match panel.await {
                    Ok(panel) if panel.is_author => view! { <OutcomeForm panel /> }.into_any(),
                    Ok(_) => load_failed(AppError::Forbidden),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The authors' choice of outcome; dropping asks for the lessons learned.
#[component]
fn OutcomeForm(panel: RoundsPanel) -> impl IntoView {
    let locale = use_locale();
    let idea_id = panel.idea_id;
    let refused = refused_submission::<SetOutcome>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let current = panel.outcome.map_or("none", Outcome::as_str);
    let mut options = vec![("none".to_owned(), t(locale, Key::OutcomeNone).to_owned())];
    options.extend(
        Outcome::ALL
            .iter()
            .map(|o| (o.as_str().to_owned(), t(locale, o.label()).to_owned())),
    );
    view! {
        <p><a href=format!("{}#maturite", crate::ideas::idea_path(idea_id))>{t(locale, Key::BackToIdea)}</a></p>
        <h1>{t(locale, Key::SetOutcome)}</h1>
        <ErrorSummary error=refused.clone() />
        <form method="post" action={<SetOutcome as ServerFn>::PATH} class="stack-form">
            <input type="hidden" name="idea_id" value=idea_id />
            <crate::ui::forms::Choice name="outcome" label=Key::OutcomeLabel options selected=current.to_owned() errors=errors.clone() />
            <TextArea name="note" label=Key::OutcomeNoteLabel hint=Key::OutcomeNoteHint value=panel.outcome_note errors rows=4 max_len=2000 />
            <button type="submit" class="primary">{t(locale, Key::SaveOutcome)}</button>
        </form>
    }
}
