//! The page for an address that matches no route: answered with a 404.

use crate::i18n::{t, use_locale, Key};
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(http::StatusCode::NOT_FOUND);
    let locale = use_locale();
    view! {
        <Title text=format!("{} — {}", t(locale, Key::NotFoundTitle), t(locale, Key::AppName)) />
        <h1>{t(locale, Key::NotFoundTitle)}</h1>
        <p>{t(locale, Key::NotFoundText)}</p>
        <p>
            <a href="/">{t(locale, Key::BackHome)}</a>
        </p>
    }
}
