use super::domains::DomainList;
use super::{get_organisation_settings, UpdateOrganisation};
use crate::domain::accounts::OrganisationName;
use crate::domain::organisation::OrganisationSettings;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::{page_title, refusal, Need, SavedNotice};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/admin/organisation`: the organisation's settings. Administrators only.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::Admin, Key::OrganisationTitle) {
        return refused;
    }
    let settings = Resource::new(|| (), |_| get_organisation_settings());
    view! {
        <Title text=page_title(Key::OrganisationTitle) />
        <h1>{t(locale, Key::OrganisationTitle)}</h1>
        <SavedNotice />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                settings
                    .await
                    .map(|settings| {
                        let domains = settings.domains.clone();
                        view! {
                            <SettingsForm locale settings />
                            <DomainList locale domains />
                        }
                    })
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn SettingsForm(locale: Locale, settings: OrganisationSettings) -> impl IntoView {
    let refused = refused_submission::<UpdateOrganisation>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    view! {
        <ErrorSummary error=refused />
        <form method="post" action={<UpdateOrganisation as ServerFn>::PATH} class="stack-form">
            <TextField name=super::fields::NAME label=Key::FieldOrganisation value=settings.name errors=errors.clone() required=true max_len=OrganisationName::MAX_CHARS autocomplete="organization" />
            <TextField name=super::fields::EMAIL_DOMAINS label=Key::FieldEmailDomains hint=Key::FieldEmailDomainsHint value=settings.email_domains.join(", ") errors=errors.clone() />
            <TextField name=super::fields::DOMAINS_NEEDED label=Key::FieldDomainsNeeded hint=Key::FieldDomainsNeededHint value=settings.domains_needed.to_string() errors=errors kind="number" required=true />
            <button type="submit" class="primary">{t(locale, Key::OrganisationSave)}</button>
        </form>
    }
}
