use super::{get_person, presence_text, RecognitionList, DIRECTORY_PATH};
use crate::domain::directory::PersonPage;
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ideas::IDEAS_PATH;
use crate::ui::guard::{path_id, refusal, Need};
use crate::ui::raw_text::escape_raw_text;
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/annuaire/<id>`: a colleague's domains, service, availability, a way
/// to write to them, and what their démining added up to.
#[component]
pub fn PersonPageView() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::DirectoryTitle) {
        return refused;
    }
    let id = path_id("id");
    let person = Resource::new(move || id, get_person);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match person.await {
                    Ok(page) => view! { <Person page /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Person(page: PersonPage) -> impl IntoView {
    let locale = use_locale();
    let person = page.person;
    let mailto = format!("mailto:{}", page.email);
    let ideas = format!("{IDEAS_PATH}?auteur={}", person.id);
    view! {
        // A name is typed by its person: escaped, as <title> holds raw text.
        <Title text=format!("{} — {}", escape_raw_text(&person.name), t(locale, Key::AppName)) />
        <p><a href=DIRECTORY_PATH>{t(locale, Key::BackToDirectory)}</a></p>
        <h1>{person.name.clone()}</h1>
        <dl class="person-facts">
            <dt>{t(locale, Key::FieldService)}</dt>
            <dd>{if person.service.is_empty() { t(locale, Key::NotSaid).to_owned() } else { person.service.clone() }}</dd>
            <dt>{t(locale, Key::ProfileDomains)}</dt>
            <dd>{if person.domains.is_empty() { t(locale, Key::NoDomainsHeld).to_owned() } else { person.domains.join(", ") }}</dd>
            <dt>{t(locale, Key::AvailabilityLegend)}</dt>
            <dd>{presence_text(locale, &person.presence)}</dd>
            <dt>{t(locale, Key::FieldEmail)}</dt>
            <dd><a href=mailto>{page.email}</a></dd>
        </dl>
        <p>
            <a href=ideas>{t(locale, Key::TheirIdeas)}</a>
            {page.is_me.then(|| view! { " · " <a href=crate::profile::PROFILE_PATH>{t(locale, Key::EditMyProfile)}</a> })}
        </p>
        <Recognition locale r=page.recognition />
    }
}

#[component]
fn Recognition(locale: Locale, r: crate::domain::round_views::Recognition) -> impl IntoView {
    view! {
        <section class="recognition" aria-labelledby="recognition-title">
            <h2 id="recognition-title">{t(locale, Key::TheirDemining)}</h2>
            <p class="field-hint">{t(locale, Key::RecognitionNote)}</p>
            <RecognitionList locale r />
        </section>
    }
}
