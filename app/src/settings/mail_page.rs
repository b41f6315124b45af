use super::{get_mail_settings, SaveMailSettings, DIGEST_EVERY};
use crate::domain::mail::{kind_label, Delivery, DigestEvery, MailSettings};
use crate::error::FormErrors;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary};
use crate::ui::guard::{page_title, refusal, Need, SavedNotice};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/reglages/courriels`: for each kind of message, at once, in the digest
/// or never, and how often the digest comes.
#[component]
pub fn MailSettingsPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::SignedIn, Key::MailSettingsTitle) {
        return refused;
    }
    let settings = Resource::new(|| (), |_| get_mail_settings());
    view! {
        <Title text=page_title(Key::MailSettingsTitle) />
        <h1>{t(locale, Key::MailSettingsTitle)}</h1>
        <SavedNotice />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(settings) => view! { <MailSettingsForm locale settings /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// A group of radio buttons: one field, its options, the one chosen.
struct RadioGroup<T: 'static> {
    name: &'static str,
    legend: Key,
    options: &'static [T],
    chosen: T,
    word: fn(T) -> &'static str,
    label: fn(T) -> Key,
    error: Option<Key>,
}

fn radio_group<T: Copy + PartialEq + 'static>(
    locale: Locale,
    group: RadioGroup<T>,
) -> impl IntoView {
    let RadioGroup {
        name,
        legend,
        options,
        chosen,
        word,
        label,
        error,
    } = group;
    let error_id = format!("{name}-error");
    let described_by = error.map(|_| error_id.clone());
    view! {
        <fieldset class="field" aria-describedby=described_by>
            <legend>{t(locale, legend)}</legend>
            {options
                .iter()
                .map(|option| {
                    let id = format!("{name}-{}", word(*option));
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=name value=word(*option) checked=*option == chosen />
                            <label for=id>{t(locale, label(*option))}</label>
                        </div>
                    }
                })
                .collect_view()}
            {error.map(|k| view! { <p id=error_id class="field-error">{t(locale, k)}</p> })}
        </fieldset>
    }
}

#[component]
fn MailSettingsForm(locale: Locale, settings: MailSettings) -> impl IntoView {
    let refused = refused_submission::<SaveMailSettings>();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let error_for = |name: &str| errors.as_ref().and_then(|e| e.message_for(name));
    let every_error = error_for(DIGEST_EVERY);
    view! {
        <p>{t(locale, Key::MailSettingsIntro).replace("{address}", &settings.address)}</p>
        <ErrorSummary error=refused />
        <form method="post" action={<SaveMailSettings as ServerFn>::PATH} class="stack-form">
            {settings
                .choices
                .iter()
                .map(|(kind, delivery)| {
                    radio_group(
                        locale,
                        RadioGroup {
                            name: kind.as_str(),
                            legend: kind_label(*kind),
                            options: Delivery::ALL,
                            chosen: *delivery,
                            word: Delivery::as_str,
                            label: Delivery::label,
                            error: error_for(kind.as_str()),
                        },
                    )
                })
                .collect_view()}
            {radio_group(
                locale,
                RadioGroup {
                    name: DIGEST_EVERY,
                    legend: Key::DigestEveryLegend,
                    options: DigestEvery::ALL,
                    chosen: settings.digest_every,
                    word: DigestEvery::as_str,
                    label: DigestEvery::label,
                    error: every_error,
                },
            )}
            <button type="submit" class="primary">{t(locale, Key::Save)}</button>
        </form>
    }
}
