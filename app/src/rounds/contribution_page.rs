//! `/idees/<id>/contributions/<cid>`: one contribution with its replies and
//! what the caller may do with it: reply, triage a mine (authors), hide
//! (leads and administrators), edit or withdraw (its writer, before the
//! reveal).

use super::contribute_page::ContributionFields;
use super::contribution_item::{heading, ContributionLinks};
use super::{
    get_contribution, EditContribution, Endorse, HideContribution, ProposeWorkaround, Reply,
    TriageMine, WithdrawContribution,
};
use crate::domain::round_forms::TriageForm;
use crate::domain::round_views::ContributionPage;
use crate::domain::rounds::{ContributionKind, ContributionText, TriageKind};
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextArea, TextField};
use crate::ui::forms::{Choice, ConfirmBox, FormMessage};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn ContributionPageView() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::ContributionTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("cid");
    let page = Resource::new(move || id, get_contribution);
    view! {
        <Title text=page_title(Key::ContributionTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <ContributionBody page /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ContributionBody(page: ContributionPage) -> impl IntoView {
    let locale = use_locale();
    let c = page.contribution.clone();
    let refused = refused_submission::<Endorse>()
        .or_else(refused_submission::<Reply>)
        .or_else(refused_submission::<HideContribution>)
        .or_else(refused_submission::<WithdrawContribution>);
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let idea_path = crate::ideas::idea_path(page.idea_id);
    let open_to_all = page.revealed && c.hidden.is_none();
    // A duplicate grouped in a workshop is triaged at its card (linked by
    // `ContributionLinks`).
    let may_triage = page.is_author
        && open_to_all
        && c.kind == ContributionKind::Mine
        && c.grouped_under.is_none();
    let body = match &c.hidden {
        Some(reason) => view! { <p class="hidden-note">{format!("{} {reason}", t(locale, Key::HiddenBecause))}</p> }.into_any(),
        None => view! {
            <p class="idea-text">{c.text.clone()}</p>
            {c.link.clone().map(|href| view! { <p><a href=href.clone() rel="nofollow noopener">{href.clone()}</a></p> })}
        }
        .into_any(),
    };
    view! {
        <p><a href=idea_path.clone()>{format!("← {}", page.idea_title)}</a></p>
        <h1>{heading(locale, &c)}</h1>
        <p class="idea-meta">
            {format!("{} {} · {}{} · {} {}", t(locale, Key::By), crate::workshops::author_name(locale, &c), c.created, crate::workshops::live_marks(locale, &c), t(locale, Key::RoundWord), c.round_number)}
        </p>
        {(!page.revealed).then(|| view! { <p class="hint">{t(locale, Key::SilentWritingNote)}</p> })}
        {body}
        <ContributionLinks idea_id=page.idea_id c=c.clone() />
        <ErrorSummary error=refused.clone() />
        <FormMessage errors=errors.clone() field="contribution" />
        {open_to_all.then(|| view! { <p>{format!("{} {}", t(locale, Key::MeToo), c.endorsements)}</p> })}
        {(c.workshop_dots > 0).then(|| view! { <p>{format!("{} {}", c.workshop_dots, t(locale, Key::WorkshopVotes))}</p> })}
        {(open_to_all && !c.own && !c.endorsed)
            .then(|| {
                view! {
                    <form method="post" action={<Endorse as ServerFn>::PATH} class="inline-form">
                        <input type="hidden" name="contribution_id" value=c.id />
                        <button type="submit">{t(locale, Key::SayMeToo)}</button>
                    </form>
                }
            })}
        {may_triage.then(|| view! { <TriageForm page=page.clone() /> })}
        {page.may_propose.then(|| view! { <ProposeForm page=page.clone() /> })}
        {c.editable.then(|| view! { <EditForm page=page.clone() /> })}
        {open_to_all
            .then(|| {
                view! {
                    <section aria-labelledby="replies-title">
                        <h2 id="replies-title">{t(locale, Key::RepliesTitle)}</h2>
                        <ol class="replies">
                            {page
                                .replies
                                .iter()
                                .map(|r| {
                                    view! {
                                        <li>
                                            <p class="idea-meta">{format!("{} · {}", r.author, r.created)}</p>
                                            <p class="idea-text">{r.text.clone()}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                        <form method="post" action={<Reply as ServerFn>::PATH} class="stack-form">
                            <input type="hidden" name="request_id" value=page.request_id.clone() />
                            <input type="hidden" name="contribution_id" value=c.id />
                            <TextArea name="body" label=Key::ReplyLabel errors=errors.clone() required=true max_len=ContributionText::MAX_CHARS rows=3 />
                            <button type="submit">{t(locale, Key::SendReply)}</button>
                        </form>
                    </section>
                }
            })}
        {(page.can_moderate && c.hidden.is_none())
            .then(|| {
                view! {
                    <details class="moderation">
                        <summary>{t(locale, Key::HideContribution)}</summary>
                        <form method="post" action={<HideContribution as ServerFn>::PATH} class="stack-form">
                            <input type="hidden" name="contribution_id" value=c.id />
                            <TextField name="reason" label=Key::HideReasonLabel errors=errors.clone() required=true max_len=300 />
                            <ConfirmBox id="confirm-hide".to_owned() consequence=Key::ConfirmHide />
                            <button type="submit">{t(locale, Key::HideContribution)}</button>
                        </form>
                    </details>
                }
            })}
        <p><a href=idea_path>{t(locale, Key::BackToIdea)}</a></p>
    }
}

/// A workaround anyone may propose to a revealed mine.
#[component]
fn ProposeForm(page: ContributionPage) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<ProposeWorkaround>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    view! {
        <section aria-labelledby="propose-title">
            <h2 id="propose-title">{t(locale, Key::ProposeWorkaroundTitle)}</h2>
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors.clone() field="contribution" />
            <form method="post" action={<ProposeWorkaround as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="request_id" value=page.request_id.clone() />
                <input type="hidden" name="contribution_id" value=page.contribution.id />
                <TextArea name="body" label=Key::ProposeWorkaroundLabel errors=errors id="field-propose-body" required=true max_len=ContributionText::MAX_CHARS rows=3 />
                <button type="submit">{t(locale, Key::ProposeWorkaroundButton)}</button>
            </form>
        </section>
    }
}

/// The author's answer to a mine.
#[component]
fn TriageForm(page: ContributionPage) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<TriageMine>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let current = page.contribution.triage.clone();
    let kinds = TriageKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), t(locale, k.label()).to_owned()))
        .collect();
    let mut workarounds = vec![(String::new(), t(locale, Key::NoneChoice).to_owned())];
    workarounds.extend(
        page.workarounds
            .iter()
            .map(|(id, text)| (id.to_string(), format!("#{id} {text}"))),
    );
    view! {
        <section aria-labelledby="triage-title" class="triage-form">
            <h2 id="triage-title">{t(locale, Key::TriageTitle)}</h2>
            <p class="hint">{t(locale, Key::TriageIntro)}</p>
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors.clone() field=TriageForm::TRIAGE />
            <form method="post" action={<TriageMine as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="request_id" value=page.request_id.clone() />
                <input type="hidden" name="contribution_id" value=page.contribution.id />
                <Choice name=TriageForm::TRIAGE label=Key::TriageLabel options=kinds selected=current.as_ref().map(|c| c.kind.as_str().to_owned()).unwrap_or_default() errors=errors.clone() />
                <Choice name=TriageForm::WORKAROUND label=Key::DefusedByLabel hint=Key::DefusedByHint options=workarounds errors=errors.clone() />
                <TextArea name=TriageForm::WORKAROUND_TEXT label=Key::NewWorkaroundLabel errors=errors.clone() max_len=ContributionText::MAX_CHARS rows=2 />
                <TextArea name=TriageForm::NOTE label=Key::TriageNoteLabel hint=Key::TriageNoteHint value=current.as_ref().map(|c| c.note.clone()).unwrap_or_default() errors=errors.clone() max_len=ContributionText::MAX_CHARS rows=3 />
                <TextField name=TriageForm::OWNER label=Key::OwnerLabel hint=Key::OwnerHint value=current.as_ref().map(|c| c.owner.clone()).unwrap_or_default() errors=errors.clone() max_len=120 />
                <TextField name=TriageForm::DUE label=Key::DueLabel kind="date" errors=errors />
                <button type="submit" class="primary">{t(locale, Key::SaveTriage)}</button>
            </form>
        </section>
    }
}

/// The writer's edit and withdrawal, before the reveal.
#[component]
fn EditForm(page: ContributionPage) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<EditContribution>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let c = page.contribution.clone();
    view! {
        <section aria-labelledby="edit-title">
            <h2 id="edit-title">{t(locale, Key::EditContribution)}</h2>
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors.clone() field="round" />
            <form method="post" action={<EditContribution as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="idea_id" value=page.idea_id />
                <input type="hidden" name="contribution_id" value=c.id />
                <ContributionFields domains=page.domains.clone() mines=page.mines.clone() is_author=page.is_author current=Some(c.clone()) errors />
                <button type="submit" class="primary">{t(locale, Key::SaveContribution)}</button>
            </form>
            <form method="post" action={<WithdrawContribution as ServerFn>::PATH} class="inline-form">
                <input type="hidden" name="contribution_id" value=c.id />
                <ConfirmBox id="confirm-withdraw".to_owned() consequence=Key::ConfirmWithdraw />
                <button type="submit">{t(locale, Key::WithdrawContribution)}</button>
            </form>
        </section>
    }
}
