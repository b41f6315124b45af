//! `/idees/<id>/contribuer`: writing a contribution to the open round.
//! Until the reveal, nobody but its writer reads it.

use super::{get_rounds, Contribute};
use crate::domain::round_forms::ContributionForm;
use crate::domain::round_views::{ContributionView, DomainRef, RoundsPanel};
use crate::domain::rounds::{ContributionKind, ContributionText, RoundStatus, Severity};
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextArea, TextField};
use crate::ui::forms::{Choice, FormMessage};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn ContributePage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::ContributeTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let panel = Resource::new(move || id, |id| get_rounds(id, None, None));
    view! {
        <Title text=page_title(Key::ContributeTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match panel.await {
                    Ok(panel) => view! { <ContributeForm panel /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The fields of a contribution, filled from `current` or a refusal.
#[component]
pub fn ContributionFields(
    domains: Vec<DomainRef>,
    /// Mines the caller can read, for "answers".
    mines: Vec<(i64, String)>,
    is_author: bool,
    current: Option<ContributionView>,
    errors: Option<FormErrors>,
) -> impl IntoView {
    let locale = use_locale();
    let kinds = ContributionKind::ALL
        .iter()
        .filter(|k| !is_author || k.open_to_authors())
        .map(|k| (k.as_str().to_owned(), t(locale, k.label()).to_owned()))
        .collect();
    let none = || (String::new(), t(locale, Key::NoneChoice).to_owned());
    let mut domain_options = vec![none()];
    domain_options.extend(domains.iter().map(|d| (d.id.to_string(), d.name.clone())));
    let mut severities = vec![none()];
    severities.extend(
        Severity::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), t(locale, s.label()).to_owned())),
    );
    let mut answers = vec![none()];
    answers.extend(
        mines
            .into_iter()
            .map(|(id, text)| (id.to_string(), format!("#{id} {text}"))),
    );
    let c = current.clone();
    let value =
        |f: fn(&ContributionView) -> Option<String>| c.as_ref().and_then(f).unwrap_or_default();
    view! {
        <Choice name=ContributionForm::KIND label=Key::KindLabel options=kinds selected=value(|c| Some(c.kind.as_str().to_owned())) errors=errors.clone() />
        <Choice name=ContributionForm::DOMAIN label=Key::DomainLabel hint=Key::DomainHint options=domain_options selected=value(|c| c.domain.as_ref().map(|d| d.id.to_string())) errors=errors.clone() />
        <Choice name=ContributionForm::SEVERITY label=Key::SeverityLabel hint=Key::SeverityHint options=severities selected=value(|c| c.severity.map(|s| s.as_str().to_owned())) errors=errors.clone() />
        <TextArea name=ContributionForm::BODY label=Key::ContributionTextLabel hint=Key::ContributionTextHint value=value(|c| Some(c.text.clone())) errors=errors.clone() max_len=ContributionText::MAX_CHARS rows=5 />
        <TextField name=ContributionForm::LINK label=Key::LinkLabel hint=Key::LinkHint value=value(|c| c.link.clone()) errors=errors.clone() />
        <Choice name=ContributionForm::ANSWERS label=Key::AnswersLabel hint=Key::AnswersHint options=answers selected=value(|c| c.answers.map(|a| a.to_string())) errors=errors />
    }
}

/// Mines listed in the panel that the caller can read.
pub fn readable_mines(panel: &RoundsPanel) -> Vec<(i64, String)> {
    panel
        .rounds
        .iter()
        .flat_map(|b| b.contributions.iter())
        .filter(|c| c.kind == ContributionKind::Mine && c.hidden.is_none())
        .map(|c| (c.id, c.text.chars().take(60).collect()))
        .collect()
}

#[component]
fn ContributeForm(panel: RoundsPanel) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<Contribute>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let idea_path = crate::ideas::idea_path(panel.idea_id);
    let Some(round) = panel
        .rounds
        .iter()
        .find(|b| b.info.status == RoundStatus::Open && !b.info.revealed)
        .map(|b| b.info.clone())
    else {
        return view! {
            <h1>{t(locale, Key::ContributeTitle)}</h1>
            <p>{t(locale, Key::ErrRoundNotAccepting)}</p>
            <p><a href=idea_path>{t(locale, Key::BackToIdea)}</a></p>
        }
        .into_any();
    };
    let mines = readable_mines(&panel);
    view! {
        <h1>{format!("{} — {} {}", t(locale, Key::ContributeTitle), t(locale, Key::RoundWord), round.number)}</h1>
        <p class="round-focus">{round.focus.clone()}</p>
        <p>{t(locale, Key::SilentWritingNote)}</p>
        <ErrorSummary error=refused.clone() />
        <FormMessage errors=errors.clone() field="round" />
        // What was met before, read before writing.
        <crate::library::AlreadyMet idea_id=panel.idea_id />
        <form method="post" action={<Contribute as ServerFn>::PATH} class="stack-form wide-form">
            <input type="hidden" name="request_id" value=panel.request_id.clone() />
            <input type="hidden" name="idea_id" value=panel.idea_id />
            <input type="hidden" name="round_id" value=round.id />
            <ContributionFields domains=panel.domains.clone() mines is_author=panel.is_author current=None errors />
            <button type="submit" class="primary">{t(locale, Key::SendContribution)}</button>
        </form>
        <p><a href=idea_path>{t(locale, Key::BackToIdea)}</a></p>
    }
    .into_any()
}
