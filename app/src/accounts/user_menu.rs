use super::{use_setup_pending, use_viewer, LogOut, LOGIN_PATH, SETUP_PATH};
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The header's account corner: who is signed in and a way out, or the way in.
#[component]
pub fn UserMenu() -> impl IntoView {
    let locale = use_locale();
    match use_viewer() {
        Some(me) => view! {
            // The form is the menu: one element less on every page.
            <form class="user-menu" method="post" action={<LogOut as ServerFn>::PATH}>
                <span class="user-name">{me.display_name}</span>
                <button type="submit">{t(locale, Key::LogOut)}</button>
            </form>
        }
        .into_any(),
        None if use_setup_pending() => view! {
            <a class="user-menu" href=SETUP_PATH>{t(locale, Key::SetupTitle)}</a>
        }
        .into_any(),
        None => {
            view! { <a class="user-menu" href=LOGIN_PATH>{t(locale, Key::LogIn)}</a> }.into_any()
        }
    }
}
