//! The phone in the two optional steps: grouping duplicates (« même idée
//! que… ») and proposing ways around the mine on the board.

use super::outbox::FORM_ID;
use super::phone_page::{just_sent, sent_note, Mines};
use super::same_idea::{Duplicates, GroupingPlace, SameIdeaChooser, SameIdeaLink};
use super::shared::LiveItem;
use super::{fields, PostLive};
use crate::domain::round_forms::ContributionForm;
use crate::domain::rounds::{ContributionKind, ContributionText};
use crate::domain::workshop_views::PhoneView;
use crate::domain::workshops::Phase;
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, FormMessage, TextArea};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The grouping step: the mines, each with its duplicates; « Même idée
/// que… » under one, then the card it goes under.
#[component]
pub(super) fn Grouping(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let place = GroupingPlace {
        workshop_id: phone.header.workshop_id,
        view: super::phone_path(phone.header.workshop_id),
        from: "phone",
        open: true,
    };
    let cards = phone.mines.clone();
    view! {
        <section aria-labelledby="grouping-title">
            <h2 id="grouping-title">{t(locale, Key::GroupingHeading)}</h2>
            <p class="hint">{t(locale, Key::GroupingHint)}</p>
            <SameIdeaChooser cards=cards.clone() place=place.clone() />
            <ul class="live-list">
                {phone
                    .mines
                    .into_iter()
                    .map(|item| {
                        let id = item.id;
                        view! {
                            <li class="live-item" id=format!("mine-{id}")>
                                <LiveItem item=item.clone() />
                                <Duplicates item place=place.clone() />
                                <SameIdeaLink id cards=cards.clone() place=place.clone() />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Ways around: the mine on the board, the workarounds proposed to it, and
/// a form to propose one more (taken by the outbox like any post).
#[component]
pub(super) fn WaysAround(phone: PhoneView) -> impl IntoView {
    let locale = use_locale();
    let refused = refused_submission::<PostLive>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let just_sent = just_sent(&phone, errors.as_ref());
    let place = GroupingPlace::read_only(phone.header.workshop_id);
    let Some(focus) = phone.focus.clone() else {
        return view! {
            <section aria-labelledby="ways-title">
                <h2 id="ways-title">{t(locale, Key::WaysAroundHeading)}</h2>
                <p class="callout">{t(locale, Key::WaysAroundWaiting)}</p>
                <Mines phone=phone.clone() />
            </section>
        }
        .into_any();
    };
    let answers = phone.focus_answers.clone();
    view! {
        <section aria-labelledby="ways-title">
            <h2 id="ways-title">{t(locale, Key::WaysAroundHeading)}</h2>
            <div class="live-item ways-mine">
                <LiveItem item=focus.clone() />
                <Duplicates item=focus.clone() place />
            </div>
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors.clone() field=fields::WORKSHOP />
            <form method="post" action={<PostLive as ServerFn>::PATH} class="stack-form phone-form" id=FORM_ID>
                {sent_note(just_sent)}
                <input type="hidden" name="request_id" value=phone.request_id.clone() />
                <input type="hidden" name="workshop_id" value=phone.header.workshop_id />
                <input type="hidden" name="started_in" value=Phase::WaysAround.as_str() />
                <input type="hidden" name=ContributionForm::KIND value=ContributionKind::Workaround.as_str() />
                <input type="hidden" name=ContributionForm::ANSWERS value=focus.id />
                <input type="hidden" name=ContributionForm::DOMAIN value="" />
                <input type="hidden" name=ContributionForm::SEVERITY value="" />
                <TextArea name=ContributionForm::BODY label=Key::ProposeWorkaroundLabel errors=errors.clone() max_len=ContributionText::MAX_CHARS rows=3 />
                <button type="submit" class="primary big">{t(locale, Key::ProposeWorkaroundButton)}</button>
            </form>
            <h3>{format!("{} ({})", t(locale, Key::WaysAroundProposed), answers.len())}</h3>
            <ul class="live-list">
                {answers.into_iter().map(|item| view! { <li class="live-item"><LiveItem item /></li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
