//! `/rejoindre` and `/rejoindre/<code>`: joining a workshop from a phone,
//! with one's account or as a guest giving a name. Plain forms.

use super::fields;
use super::{JoinWorkshop, JOIN_PATH};
use crate::domain::accounts::DisplayName;
use crate::domain::workshop_views::JoinTarget;
use crate::domain::workshops::{JoinCode, CODE_LEN};
use crate::error::{AppError, FormErrors};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::page_title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn JoinWorkshopPage() -> impl IntoView {
    let refused = refused_submission::<JoinWorkshop>();
    // The QR code's address carries the code as its last segment.
    let code = use_params_map()
        .get_untracked()
        .get("code")
        .or_else(|| use_query_map().get_untracked().get(fields::CODE))
        .or_else(|| {
            refused
                .as_ref()
                .and_then(|e| e.form_errors())
                .and_then(|e| e.value_of(fields::CODE).map(str::to_owned))
        })
        .unwrap_or_default();
    // Only the code's shape is checked here: whether a workshop answers to
    // it is told when joining, where wrong codes are counted. A page that
    // looked it up could not count (loading a page changes nothing, or any
    // site's images could lock a room out) and would let anyone try codes
    // without limit.
    let member = crate::accounts::use_viewer().map(|me| me.display_name);
    let body = match JoinCode::parse(&code) {
        _ if code.trim().is_empty() => view! { <CodeForm code error=refused /> }.into_any(),
        Ok(valid) => {
            let target = JoinTarget {
                code: valid.as_str().to_owned(),
                member,
            };
            view! { <JoinForm target refused /> }.into_any()
        }
        Err(key) => {
            let mut errors = FormErrors::with_input([("code", code.as_str())]);
            errors.add(fields::CODE, key);
            view! { <CodeForm code error=Some(AppError::Invalid(errors)) /> }.into_any()
        }
    };
    view! {
        <Title text=page_title(Key::JoinWorkshopTitle) />
        {body}
    }
}

/// Typing the code: a GET form, so the address can be shared.
#[component]
fn CodeForm(code: String, error: Option<AppError>) -> impl IntoView {
    let locale = use_locale();
    let errors = error
        .as_ref()
        .and_then(|e| e.form_errors())
        .cloned()
        .or_else(|| {
            // Refusals that are not about a field (too many tries) still show
            // next to the code.
            error.as_ref().map(|e| {
                let mut errors = FormErrors::with_input([("code", code.as_str())]);
                errors.add(fields::CODE, e.message());
                errors
            })
        });
    view! {
        <h1>{t(locale, Key::JoinWorkshopTitle)}</h1>
        <p>{t(locale, Key::JoinWorkshopIntro)}</p>
        <ErrorSummary error=error.clone() />
        <form method="get" action=JOIN_PATH class="stack-form join-form">
            <TextField
                name=fields::CODE
                label=Key::JoinCodeLabel
                hint=Key::JoinCodeHint
                value=code
                errors
                required=true
                max_len=CODE_LEN + 2
                autocomplete="off"
            />
            <button type="submit" class="primary big">{t(locale, Key::Continue)}</button>
        </form>
    }
}

/// Joining the workshop the code names.
#[component]
fn JoinForm(target: JoinTarget, refused: Option<AppError>) -> impl IntoView {
    let locale = use_locale();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let as_member = target.member.clone();
    view! {
        <h1>{t(locale, Key::JoinWorkshopTitle)}</h1>
        <ErrorSummary error=refused.clone() />
        <form method="post" action={<JoinWorkshop as ServerFn>::PATH} class="stack-form join-form">
            <TextField
                name=fields::CODE
                label=Key::JoinCodeLabel
                hint=Key::JoinCodeHint
                value=target.code.clone()
                errors=errors.clone()
                required=true
                max_len=CODE_LEN + 2
                autocomplete="off"
            />
            {match as_member {
                Some(name) => view! {
                    <p>{format!("{} {name}", t(locale, Key::JoiningAs))}</p>
                    <input type="hidden" name=fields::NAME value="" />
                }
                .into_any(),
                None => view! {
                    <TextField
                        name=fields::NAME
                        label=Key::GuestNameLabel
                        hint=Key::GuestNameHint
                        errors=errors.clone()
                        required=true
                        max_len=DisplayName::MAX_CHARS
                        autocomplete="nickname"
                    />
                    <section class="privacy-notice" aria-labelledby="privacy-title">
                        <h2 id="privacy-title">{t(locale, Key::GuestPrivacyTitle)}</h2>
                        <p>{t(locale, Key::GuestPrivacyText)}</p>
                    </section>
                }
                .into_any(),
            }}
            <button type="submit" class="primary big">{t(locale, Key::JoinButton)}</button>
        </form>
        // Back here once signed in, the code kept: one tap left to join.
        {target.member.is_none().then(|| {
            let back_here = crate::accounts::log_in_then(&format!("{JOIN_PATH}/{}", target.code));
            view! { <p><a href=back_here>{t(locale, Key::JoinWithAccount)}</a></p> }
        })}
    }
}
