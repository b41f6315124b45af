use super::{unsubscribe_link_is_good, MAIL_SETTINGS_PATH, UNSUBSCRIBED};
use crate::i18n::{t, use_locale, Key};
use crate::ui::guard::page_title;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/desabonnement?u=…&k=…&s=…`: the page a message's unsubscribe link
/// opens, without signing in. It stops nothing by itself (link checkers
/// open links): its one button posts to the same address.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let settings_link =
        view! { <p><a href=MAIL_SETTINGS_PATH>{t(locale, Key::MailSettingsLink)}</a></p> };
    if query.get(UNSUBSCRIBED).is_some() {
        return view! {
            <Title text=page_title(Key::UnsubscribeTitle) />
            <h1>{t(locale, Key::UnsubscribeTitle)}</h1>
            <p class="callout" role="status">{t(locale, Key::UnsubscribeDone)}</p>
            {settings_link}
        }
        .into_any();
    }
    let user: i64 = query
        .get("u")
        .and_then(|u| u.parse().ok())
        .unwrap_or_default();
    let kind = query.get("k").unwrap_or_default();
    let signature = query.get("s").unwrap_or_default();
    let action = format!(
        "{}?u={user}&k={kind}&s={signature}",
        super::UNSUBSCRIBE_PATH
    );
    let what = Resource::new(
        move || (user, kind.clone(), signature.clone()),
        |(u, k, s)| unsubscribe_link_is_good(u, k, s),
    );
    view! {
        <Title text=page_title(Key::UnsubscribeTitle) />
        <h1>{t(locale, Key::UnsubscribeTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || {
                let action = action.clone();
                Suspend::new(async move {
                    match what.await.ok().flatten() {
                        Some(what) => view! {
                            <p>{t(locale, Key::UnsubscribeAsk).replace("{what}", &what)}</p>
                            <form method="post" action=action>
                                <button type="submit" class="primary">{t(locale, Key::UnsubscribeButton)}</button>
                            </form>
                        }
                        .into_any(),
                        None => view! { <p class="callout">{t(locale, Key::UnsubscribeBadLink)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
        {settings_link}
    }
    .into_any()
}
