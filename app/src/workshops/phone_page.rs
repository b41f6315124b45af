//! `/ateliers/<id>`: the phone. One task per phase, large targets, plain
//! forms (they work without JavaScript; with it, the view follows the
//! phases by itself).

use super::fields;
use super::outbox::{PostOutbox, FORM_ID};
use super::phone_steps::{Grouping, WaysAround};
use super::same_idea::{Duplicates, GroupingPlace};
use super::shared::{LiveItem, PhaseBar};
use super::{workshop_phone, PlaceDot, PostLive};
use crate::domain::live::Viewer;
use crate::domain::round_forms::ContributionForm;
use crate::domain::rounds::{ContributionKind, ContributionText, Severity};
use crate::domain::workshop_views::{LiveContribution, PhoneView};
use crate::domain::workshops::Phase;
use crate::error::{AppError, FormErrors};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, Choice, ErrorSummary, FormMessage, TextArea};
use crate::ui::guard::page_title;
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn PhonePage() -> impl IntoView {
    let id = crate::ui::guard::path_id("id");
    let view = Resource::new(move || id, workshop_phone);
    view! {
        <Title text=page_title(Key::PhoneTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(phone) => view! { <Phone phone /> }.into_any(),
                    Err(error) => refused(id, error),
                }
            })}
        </Suspense>
    }
}

/// Why the phone does not open; a guest told that the workshop has ended
/// gets its record's link there (their seat still opens it).
fn refused(workshop_id: i64, error: AppError) -> AnyView {
    let locale = use_locale();
    let ended = error
        .form_errors()
        .and_then(|e| e.message_for(fields::WORKSHOP))
        == Some(Key::ErrWorkshopEnded);
    let failed = load_failed(error);
    if !ended {
        return failed;
    }
    view! {
        {failed}
        <p><a href=super::record_path(workshop_id)>{t(locale, Key::RecordLink)}</a></p>
    }
    .into_any()
}

#[component]
fn Phone(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let header = phone.header.clone();
    let who = if phone.guest {
        format!("{} ({})", phone.me, t(locale, Key::GuestMark))
    } else {
        phone.me.clone()
    };
    let card = phone.card.as_ref().map(|d| {
        view! {
            <p class="role-card">
                <strong>{format!("{} {}", t(locale, Key::YourCard), d.name)}</strong>
                " "
                {t(locale, Key::YourCardHint)}
            </p>
        }
    });
    let task = match header.phase {
        Phase::Pitch => view! { <Pitch phone=phone.clone() /> }.into_any(),
        Phase::Writing | Phase::Reveal => view! { <Writing phone=phone.clone() /> }.into_any(),
        Phase::Grouping => view! { <NotSent /> <Grouping phone=phone.clone() /> }.into_any(),
        Phase::Vote => view! { <NotSent /> <Vote phone=phone.clone() /> }.into_any(),
        Phase::WaysAround => view! { <NotSent /> <WaysAround phone=phone.clone() /> }.into_any(),
        Phase::Triage => view! {
            <NotSent />
            <section aria-labelledby="triage-title">
                <h2 id="triage-title">{t(locale, Key::PhaseTriage)}</h2>
                <Mines phone=phone.clone() />
            </section>
        }
        .into_any(),
        Phase::Ended => view! {
            <NotSent />
            <p class="callout">{t(locale, Key::WorkshopOver)}</p>
            <p><a href=super::record_path(header.workshop_id)>{t(locale, Key::RecordLink)}</a></p>
            {(!phone.guest).then(|| view! {
                <p><a href=crate::ideas::idea_path(header.idea_id)>{t(locale, Key::BackToIdea)}</a></p>
            })}
        }
        .into_any(),
    };
    view! {
        <div class="phone">
            <h1 class="phone-title">{header.title.clone()}</h1>
            <p class="phone-who">{who} " · " <a href="/">{t(locale, Key::LeaveWorkshop)}</a></p>
            <PhaseBar header=header.clone() viewer=Viewer::Phone { participant: phone.participant_id } />
            {card}
            // In every phase: posts kept offline leave when the network
            // returns, or come back refused once writing is over.
            <PostOutbox />
            {task}
        </div>
    }
}

/// The pitch: the idea and the question, nothing to do yet.
#[component]
fn Pitch(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let h = phone.header;
    view! {
        <section aria-labelledby="pitch-title">
            <h2 id="pitch-title">{t(locale, Key::PitchHeading)}</h2>
            <p><strong>{t(locale, Key::IdeaFieldProblem)}</strong> " " {h.problem}</p>
            {(!h.proposal.is_empty()).then(|| view! { <p><strong>{t(locale, Key::IdeaSectionProposal)}</strong> " " {h.proposal.clone()}</p> })}
            <p class="round-focus">{h.focus}</p>
            <p>{t(locale, Key::PitchWait)}</p>
        </section>
    }
}

/// Writing: the post form and one's own contributions (the others' stay
/// hidden until the reveal). In the reveal, a form started during the
/// writing phase can still be sent, marked late.
#[component]
fn Writing(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<PostLive>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let not_sent = errors
        .as_ref()
        .and_then(|e| e.message_for(ContributionForm::BODY))
        .is_some_and(|k| k == Key::ErrPostNotSent);
    let writing = phone.header.phase == Phase::Writing;
    let kinds: Vec<(String, String)> = [
        ContributionKind::Mine,
        ContributionKind::Workaround,
        ContributionKind::Question,
        ContributionKind::AllClear,
    ]
    .into_iter()
    .filter(|k| !phone.is_author || k.open_to_authors())
    .map(|k| (k.as_str().to_owned(), t(locale, k.label()).to_owned()))
    .collect();
    let mut domains = vec![(String::new(), t(locale, Key::NoneChoice).to_owned())];
    domains.extend(
        phone
            .domains
            .iter()
            .map(|d| (d.id.to_string(), d.name.clone())),
    );
    let severities: Vec<(String, String)> = Severity::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), t(locale, s.label()).to_owned()))
        .collect();
    let card = phone
        .card
        .as_ref()
        .map(|d| d.id.to_string())
        .unwrap_or_default();
    let just_sent = just_sent(&phone, errors.as_ref());
    let form = (writing || errors.is_some()).then(|| {
        view! {
            <form method="post" action={<PostLive as ServerFn>::PATH} class="stack-form phone-form" id=FORM_ID>
                {sent_note(just_sent.clone())}
                <input type="hidden" name="request_id" value=phone.request_id.clone() />
                <input type="hidden" name="workshop_id" value=phone.header.workshop_id />
                <input type="hidden" name="started_in" value=phone.header.phase.as_str() />
                // Two choices a row: the button stays on the first screen of a phone.
                <div class="field-pair">
                    <Choice name=ContributionForm::KIND label=Key::KindLabel options=kinds errors=errors.clone() />
                    <Choice name=ContributionForm::DOMAIN label=Key::DomainLabel options=domains selected=card errors=errors.clone() />
                </div>
                <Choice name=ContributionForm::SEVERITY label=Key::SeverityLabel hint=Key::SeverityHint options=severities selected=Severity::Serious.as_str().to_owned() errors=errors.clone() />
                <TextArea name=ContributionForm::BODY label=Key::ContributionTextLabel errors=errors.clone() max_len=ContributionText::MAX_CHARS rows=3 />
                {(!not_sent).then(|| view! { <button type="submit" class="primary big">{t(locale, Key::SendContribution)}</button> })}
            </form>
        }
    });
    let mine = phone.mine.clone();
    view! {
        <section aria-labelledby="writing-title">
            <h2 id="writing-title">{t(locale, if writing { Key::WritingHeading } else { Key::RevealHeading })}</h2>
            <p class="round-focus">{phone.header.focus.clone()}</p>
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors.clone() field=fields::WORKSHOP />
            {form}
            {writing.then(|| view! { <p class="hint">{t(locale, Key::SilentWritingNote)}</p> })}
            <h3>{format!("{} ({})", t(locale, Key::YourContributions), mine.len())}</h3>
            <ul class="live-list">
                {mine.into_iter().map(|item| view! { <li class="live-item"><LiveItem item /></li> }).collect_view()}
            </ul>
            {(!writing).then(|| view! { <Mines phone=phone.clone() /> })}
        </section>
    }
}

/// Right after a post (`?envoye=…`): the newest of one's posts, to say
/// sent at the top of the form, where the eye is.
pub(super) fn just_sent(
    phone: &PhoneView,
    errors: Option<&FormErrors>,
) -> Option<LiveContribution> {
    let sent = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get(super::SENT_PARAM)
        .is_some();
    (errors.is_none() && sent)
        .then(|| phone.mine.iter().max_by_key(|c| c.id).cloned())
        .flatten()
}

/// « Envoyée » with the text sent.
pub(super) fn sent_note(item: Option<LiveContribution>) -> impl IntoView {
    let locale = use_locale();
    item.map(|item| {
        view! {
            <div class="callout sent-note" role="status">
                <p><strong>{t(locale, Key::PostSentNote)}</strong></p>
                <p class="live-body">{item.body}</p>
            </div>
        }
    })
}

/// A post refused once writing was over: its text, handed back to copy.
#[component]
fn NotSent() -> impl IntoView {
    refused_submission::<PostLive>().map(|refused| {
        let errors = refused.form_errors().cloned();
        view! {
            <section class="not-sent">
                <ErrorSummary error=Some(refused.clone()) />
                <TextArea name=ContributionForm::BODY label=Key::ContributionTextLabel errors max_len=ContributionText::MAX_CHARS rows=4 />
            </section>
        }
    })
}

/// The vote: a dot more or less on each mine, within the allowance.
#[component]
fn Vote(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<PlaceDot>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let workshop_id = phone.header.workshop_id;
    let left = phone.dots_left;
    view! {
        <section aria-labelledby="vote-title">
            <h2 id="vote-title">{t(locale, Key::VoteHeading)}</h2>
            <p class="dots-left" role="status">{format!("{} {left} / {}", t(locale, Key::DotsLeft), phone.dots_allowed)}</p>
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors field=fields::DOTS />
            <ul class="live-list">
                {phone
                    .mines
                    .into_iter()
                    .map(|item| {
                        let id = item.id;
                        let mine_dots = item.my_dots;
                        view! {
                            <li class="live-item" id=format!("mine-{id}")>
                                <LiveItem item=item.clone() />
                                <Duplicates item place=GroupingPlace::read_only(workshop_id) />
                                <p class="my-dots">{format!("{} {mine_dots}", t(locale, Key::YourDots))}</p>
                                <div class="dot-buttons">
                                    {dot_form(workshop_id, id, true, t(locale, Key::AddDot), left == 0)}
                                    {dot_form(workshop_id, id, false, t(locale, Key::RemoveDot), mine_dots == 0)}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A button placing (`add`) or taking back one dot on mine `id`.
fn dot_form(
    workshop_id: i64,
    id: i64,
    add: bool,
    label: &'static str,
    disabled: bool,
) -> impl IntoView {
    view! {
        <form method="post" action={<PlaceDot as ServerFn>::PATH}>
            <input type="hidden" name="workshop_id" value=workshop_id />
            <input type="hidden" name="contribution_id" value=id />
            <input type="hidden" name="add" value=add.to_string() />
            <button type="submit" class="big" disabled=disabled aria-label=format!("{label} #{id}")>{label}</button>
        </form>
    }
}

/// The mines, most dotted first; an author triages each from its page.
#[component]
pub(super) fn Mines(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let idea_id = phone.header.idea_id;
    let workshop_id = phone.header.workshop_id;
    let is_author = phone.is_author;
    view! {
        <h3>{format!("{} ({})", t(locale, Key::MinesHeading), phone.mines.len())}</h3>
        <ul class="live-list">
            {phone
                .mines
                .into_iter()
                .map(|item| {
                    let id = item.id;
                    view! {
                        <li class="live-item">
                            <LiveItem item=item.clone() />
                            <Duplicates item place=GroupingPlace::read_only(workshop_id) />
                            {is_author.then(|| view! {
                                <p><a href=crate::rounds::contribution_path(idea_id, id)>{t(locale, Key::TriageThisMine)}</a></p>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
