use super::{AddDomain, RenameDomain, RetireDomain};
use crate::domain::organisation::{DomainName, ExpertiseDomain};
use crate::i18n::{t, Key, Locale};
use crate::ui::forms::{refused_submission, ConfirmBox, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The organisation's expertise domains: rename or retire each, add one.
#[component]
pub fn DomainList(locale: Locale, domains: Vec<ExpertiseDomain>) -> impl IntoView {
    let added = refused_submission::<AddDomain>();
    let add_errors = added.as_ref().and_then(|e| e.form_errors()).cloned();
    let renamed = refused_submission::<RenameDomain>();
    let rename_errors = renamed.as_ref().and_then(|e| e.form_errors()).cloned();
    view! {
        <section aria-labelledby="domains">
            <h2 id="domains">{t(locale, Key::DomainsTitle)}</h2>
            <p>{t(locale, Key::DomainsIntro)}</p>
            <ErrorSummary error=renamed.or_else(refused_submission::<RetireDomain>) />
            <ul class="domain-list">
                {domains
                    .into_iter()
                    .map(|domain| {
                        let refused_here = rename_errors
                            .as_ref()
                            .filter(|e| e.value_of("domain_id") == Some(domain.id.to_string().as_str()))
                            .cloned();
                        view! { <DomainItem locale domain refused=refused_here /> }
                    })
                    .collect_view()}
            </ul>
            <ErrorSummary error=added />
            <form method="post" action={<AddDomain as ServerFn>::PATH} class="stack-form">
                <TextField name=super::fields::DOMAIN_NAME id="field-new-domain" label=Key::FieldDomainName errors=add_errors required=true max_len=DomainName::MAX_CHARS />
                <button type="submit">{t(locale, Key::AddDomain)}</button>
            </form>
        </section>
    }
}

/// One domain with its rename and retire forms; a refused rename comes back
/// with its message and what was typed.
#[component]
fn DomainItem(
    locale: Locale,
    domain: ExpertiseDomain,
    refused: Option<crate::error::FormErrors>,
) -> impl IntoView {
    let input_id = format!("domain-name-{}", domain.id);
    let error_id = format!("{input_id}-error");
    let message = refused
        .as_ref()
        .and_then(|e| e.message_for(super::fields::DOMAIN_NAME));
    let typed = refused
        .as_ref()
        .and_then(|e| e.value_of(super::fields::DOMAIN_NAME))
        .map(str::to_owned)
        .unwrap_or_else(|| domain.name.clone());
    view! {
        <li class="domain-item">
            <form method="post" action={<RenameDomain as ServerFn>::PATH} class="inline-form">
                <input type="hidden" name="domain_id" value=domain.id />
                <label for=input_id.clone() class="visually-hidden">
                    {format!("{} {}", t(locale, Key::NewNameFor), domain.name)}
                </label>
                <input
                    id=input_id
                    name="name"
                    value=typed
                    required
                    maxlength=DomainName::MAX_CHARS.to_string()
                    aria-invalid=message.map(|_| "true")
                    aria-describedby=message.map(|_| error_id.clone())
                />
                <button type="submit">
                    {t(locale, Key::RenameDomain)}
                    <span class="visually-hidden">{format!(" {}", domain.name)}</span>
                </button>
            </form>
            <form method="post" action={<RetireDomain as ServerFn>::PATH} class="inline-form">
                <input type="hidden" name="domain_id" value=domain.id />
                <ConfirmBox id=format!("confirm-retire-{}", domain.id) consequence=Key::ConfirmRetireDomain subject=domain.name.clone() />
                <button type="submit">
                    {t(locale, Key::RetireDomain)}
                    <span class="visually-hidden">{format!(" {}", domain.name)}</span>
                </button>
            </form>
            {message.map(|key| view! { <p id=error_id class="field-error">{t(locale, key)}</p> })}
        </li>
    }
}
