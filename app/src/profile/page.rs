use super::{get_profile, ChangePassword, UpdateProfile};
use crate::accounts::fields;
use crate::domain::accounts::{DisplayName, NewPassword};
use crate::domain::directory::Availability;
use crate::domain::organisation::{Profile, ServiceName};
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::{page_title, refusal, Need, SavedNotice};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/profil`: the signed-in person edits their name, service and domains.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::ProfileTitle) {
        return refused;
    }
    let profile = Resource::new(|| (), |_| get_profile());
    let recognition = Resource::new(|| (), |_| crate::rounds::get_recognition());
    let me_id = crate::accounts::use_viewer()
        .map(|me| me.id)
        .unwrap_or_default();
    view! {
        <Title text=page_title(Key::ProfileTitle) />
        <h1>{t(locale, Key::ProfileTitle)}</h1>
        <p>{t(locale, Key::ProfileIntro)}</p>
        <SavedNotice />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                profile.await.map(|profile| view! { <ProfileEditor locale profile /> })
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                recognition.await.map(|r| view! { <RecognitionBox locale r me_id /> })
            })}
        </Suspense>
        <PasswordChange locale />
        <p><a href=crate::settings::MAIL_SETTINGS_PATH>{t(locale, Key::MailSettingsLink)}</a></p>
    }
    .into_any()
}

/// Changing one's password: the current one, then the new one. Neither is
/// ever refilled after a refusal.
#[component]
fn PasswordChange(locale: Locale) -> impl IntoView {
    let refused = refused_submission::<ChangePassword>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let changed = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get(super::PASSWORD_CHANGED)
        .is_some();
    view! {
        <section id=super::PASSWORD_SECTION class="password-change" aria-labelledby="password-title">
            <h2 id="password-title">{t(locale, Key::PasswordChangeTitle)}</h2>
            {changed.then(|| view! { <p class="callout" role="status">{t(locale, Key::PasswordChanged)}</p> })}
            <p>{t(locale, Key::PasswordChangeIntro)}</p>
            <ErrorSummary error=refused />
            <form method="post" action={<ChangePassword as ServerFn>::PATH} class="stack-form">
                <TextField name=fields::CURRENT_PASSWORD label=Key::FieldCurrentPassword kind="password" errors=errors.clone() required=true autocomplete="current-password" />
                <TextField name=fields::NEW_PASSWORD label=Key::FieldReplacementPassword hint=Key::FieldNewPasswordHint kind="password" errors=errors required=true max_len=NewPassword::MAX_CHARS autocomplete="new-password" />
                <button type="submit">{t(locale, Key::PasswordChangeButton)}</button>
            </form>
        </section>
    }
}

#[component]
fn ProfileEditor(locale: Locale, profile: Profile) -> impl IntoView {
    let refused = refused_submission::<UpdateProfile>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let domains_error = errors
        .as_ref()
        .and_then(|e| e.message_for(crate::accounts::fields::DOMAINS));
    let errors_for_availability = errors.clone();
    view! {
        <ErrorSummary error=refused />
        <form method="post" action={<UpdateProfile as ServerFn>::PATH} class="stack-form">
            <TextField name="display_name" label=Key::FieldDisplayName value=profile.display_name errors=errors.clone() required=true max_len=DisplayName::MAX_CHARS autocomplete="name" />
            <TextField name="service" label=Key::FieldService hint=Key::FieldServiceHint value=profile.service errors=errors max_len=ServiceName::MAX_CHARS autocomplete="organization-title" />
            <fieldset class="field checkbox-group" aria-describedby=domains_error.map(|_| "field-domains-error")>
                <legend>{t(locale, Key::ProfileDomains)}</legend>
                {domains_error
                    .map(|key| view! { <p id="field-domains-error" class="field-error">{t(locale, key)}</p> })}
                {profile.offered.is_empty().then(|| view! { <p>{t(locale, Key::NoDomains)}</p> })}
                <ul class="checkbox-list">
                    {profile
                        .offered
                        .into_iter()
                        .map(|domain| {
                            let id = format!("domain-{}", domain.id);
                            let held = profile.held.contains(&domain.id);
                            view! {
                                <li>
                                    <input type="checkbox" id=id.clone() name="domains[]" value=domain.id checked=held />
                                    <label for=id>{domain.name}</label>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </fieldset>
            <AvailabilityChoice locale chosen=profile.availability away_until=profile.away_until errors=errors_for_availability />
            <button type="submit" class="primary">{t(locale, Key::ProfileSave)}</button>
        </form>
    }
}

/// Available, busy, or away until a day: what the directory and the names
/// offered in rounds say of the person.
#[component]
fn AvailabilityChoice(
    locale: Locale,
    chosen: Availability,
    away_until: String,
    errors: Option<FormErrors>,
) -> impl IntoView {
    let chosen = errors
        .as_ref()
        .and_then(|e| e.value_of(fields::AVAILABILITY))
        .and_then(Availability::parse)
        .unwrap_or(chosen);
    let message = errors
        .as_ref()
        .and_then(|e| e.message_for(fields::AVAILABILITY));
    view! {
        <fieldset class="field" aria-describedby=if message.is_some() { "field-availability-hint field-availability-error" } else { "field-availability-hint" }>
            <legend>{t(locale, Key::AvailabilityLegend)}</legend>
            <p id="field-availability-hint" class="field-hint">{t(locale, Key::AvailabilityHint)}</p>
            {message.map(|key| view! { <p id="field-availability-error" class="field-error">{t(locale, key)}</p> })}
            {Availability::ALL
                .into_iter()
                .map(|a| {
                    let id = format!("availability-{}", a.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=fields::AVAILABILITY value=a.as_str() checked=a == chosen />
                            <label for=id>{t(locale, a.label())}</label>
                        </div>
                    }
                })
                .collect_view()}
            <TextField name=fields::AWAY_UNTIL label=Key::AwayUntilLabel hint=Key::AwayUntilHint kind="date" value=away_until errors />
        </fieldset>
    }
}

/// What the person's démining added up to: their own counts, never a
/// ranking against anyone.
#[component]
fn RecognitionBox(
    locale: Locale,
    r: crate::domain::round_views::Recognition,
    me_id: i64,
) -> impl IntoView {
    view! {
        <section class="recognition" aria-labelledby="recognition-title">
            <h2 id="recognition-title">{t(locale, Key::RecognitionTitle)}</h2>
            <crate::directory::RecognitionList locale r />
            <p><a href=crate::directory::person_path(me_id)>{t(locale, Key::MyDirectoryPage)}</a></p>
        </section>
    }
}
