use super::{DeskView, MaturityGuide};
use crate::accounts::{use_setup_pending, use_viewer, SETUP_PATH};
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    if use_viewer().is_some() {
        return view! {
            <Title text=crate::ui::guard::page_title(Key::DeskTitle) />
            <h1>{t(locale, Key::DeskTitle)}</h1>
            <DeskView />
            <MaturityGuide />
        }
        .into_any();
    }
    view! {
        <Title text=format!("{} — {}", t(locale, Key::AppName), t(locale, Key::Tagline)) />
        <h1>{t(locale, Key::HomeTitle)}</h1>
        {use_setup_pending()
            .then(|| {
                view! {
                    <p class="callout">
                        <a href=SETUP_PATH>{t(locale, Key::SetupPendingCallout)}</a>
                    </p>
                }
            })}
        <p class="lead">{t(locale, Key::HomeIntro)}</p>
        <section aria-labelledby="how">
            <h2 id="how">{t(locale, Key::HowItWorksTitle)}</h2>
            <ol class="steps">
                <li>{t(locale, Key::HowStepPost)}</li>
                <li>{t(locale, Key::HowStepDemine)}</li>
                <li>{t(locale, Key::HowStepAnswer)}</li>
            </ol>
        </section>
        <MaturityGuide />
        <section aria-labelledby="frugal">
            <h2 id="frugal">{t(locale, Key::FrugalTitle)}</h2>
            <p>{t(locale, Key::FrugalText)}</p>
        </section>
    }
    .into_any()
}
