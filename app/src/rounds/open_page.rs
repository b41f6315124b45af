//! `/idees/<id>/tours/nouveau`: an author opens a démining round with a
//! focus question, the domains wanted, people asked by name, and a deadline
//! (or a live workshop).

use super::{get_rounds, OpenRound as OpenRoundFn};
use crate::domain::round_forms::OpenRoundForm;
use crate::domain::round_views::RoundsPanel;
use crate::domain::rounds::RoundMode;
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::FormMessage;
use crate::ui::forms::{refused_submission, ErrorSummary, TextArea, TextField};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn OpenRoundPage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::OpenRoundTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let panel = Resource::new(move || id, |id| get_rounds(id, None, None));
    view! {
        <Title text=page_title(Key::OpenRoundTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match panel.await {
                    Ok(panel) if panel.is_author => view! { <OpenRoundForm panel /> }.into_any(),
                    Ok(_) => load_failed(crate::error::AppError::Forbidden),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn OpenRoundForm(panel: RoundsPanel) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<OpenRoundFn>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let mode = errors
        .as_ref()
        .and_then(|e| e.value_of(OpenRoundForm::MODE))
        .and_then(RoundMode::parse)
        .unwrap_or(RoundMode::Async);
    let domain_message = errors
        .as_ref()
        .and_then(|e| e.message_for(OpenRoundForm::DOMAINS));
    let mode_message = errors
        .as_ref()
        .and_then(|e| e.message_for(OpenRoundForm::MODE));
    let deadline_message = errors
        .as_ref()
        .and_then(|e| e.message_for(OpenRoundForm::DEADLINE));
    let typed_deadline = errors
        .as_ref()
        .and_then(|e| e.value_of(OpenRoundForm::DEADLINE))
        .unwrap_or_default()
        .to_owned();
    view! {
        <h1>{t(locale, Key::OpenRoundTitle)}</h1>
        <p>{t(locale, Key::OpenRoundIntro)}</p>
        <ErrorSummary error=refused.clone() />
        <FormMessage errors=errors.clone() field="round" />
        // The mines already met, before choosing what to ask.
        <crate::library::AlreadyMet idea_id=panel.idea_id />
        <form method="post" action={<OpenRoundFn as ServerFn>::PATH} class="stack-form wide-form">
            <input type="hidden" name="request_id" value=panel.request_id />
            <input type="hidden" name="idea_id" value=panel.idea_id />
            <TextArea name=OpenRoundForm::FOCUS label=Key::FocusLabel hint=Key::FocusHint errors=errors.clone() required=true max_len=300 rows=2 />
            <fieldset class="field" aria-describedby=mode_message.map(|_| "mode-error")>
                <legend>{t(locale, Key::RoundModeLabel)}</legend>
                {RoundMode::ALL
                    .iter()
                    .map(|m| {
                        let id = format!("mode-{}", m.as_str());
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name=OpenRoundForm::MODE value=m.as_str() checked=*m == mode />
                                <label for=id>{t(locale, m.label())}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                {mode_message.map(|k| view! { <p id="mode-error" class="field-error">{t(locale, k)}</p> })}
            </fieldset>
            <div class="field" class:field-invalid=deadline_message.is_some()>
                <label for="field-deadline">{t(locale, Key::DeadlineLabel)}</label>
                <p id="field-deadline-hint" class="field-hint">{t(locale, Key::DeadlineHint)}</p>
                <input
                    id="field-deadline"
                    type="datetime-local"
                    name=OpenRoundForm::DEADLINE
                    value=typed_deadline
                    aria-invalid=deadline_message.map(|_| "true")
                    aria-describedby=if deadline_message.is_some() { "field-deadline-hint field-deadline-error" } else { "field-deadline-hint" }
                />
                {deadline_message.map(|k| view! { <p id="field-deadline-error" class="field-error">{t(locale, k)}</p> })}
            </div>
            <fieldset class="field" aria-describedby=domain_message.map(|_| "domains-error")>
                <legend>{t(locale, Key::WantedDomainsLabel)}</legend>
                <p class="field-hint">{t(locale, Key::WantedDomainsHint)}</p>
                {panel
                    .domains
                    .iter()
                    .map(|d| {
                        let id = format!("domain-{}", d.id);
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone() name=OpenRoundForm::DOMAIN_BOXES value=d.id />
                                <label for=id>{d.name.clone()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                {domain_message.map(|k| view! { <p id="domains-error" class="field-error">{t(locale, k)}</p> })}
            </fieldset>
            <TextField name=OpenRoundForm::INVITEES label=Key::InviteByName hint=Key::InviteByNameHint errors=errors list=crate::directory::NAMES_LIST />
            <crate::directory::NameSuggestions />
            <button type="submit" class="primary">{t(locale, Key::OpenRound)}</button>
        </form>
    }
}
