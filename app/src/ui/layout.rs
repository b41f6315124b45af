//! The frame of every page: skip link, header with navigation and language
//! switch, the main landmark, footer. A full-screen view (the projector
//! board) gets the main landmark alone; a workshop's phone view gets the
//! site's menu folded into one button.

use crate::accounts::{use_viewer, UserMenu};
use crate::domain::accounts::Role;
use crate::i18n::{t, use_locale, Key};
use crate::ideas::IDEAS_PATH;
use crate::members::MEMBERS_PATH;
use crate::organisation::ORGANISATION_PATH;
use crate::profile::PROFILE_PATH;
use crate::rounds::{UnreadNotifications, NOTIFICATIONS_PATH};
use crate::settings::LanguageSwitch;
use crate::ui::mark::BrandMark;
use leptos::prelude::*;

/// The id of the main landmark, target of the skip link.
pub const MAIN_ID: &str = "contenu";

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    if crate::workshops::is_full_screen(&path) {
        return view! {
            <main id=MAIN_ID tabindex="-1" class="full-screen">
                {children()}
            </main>
        }
        .into_any();
    }
    let locale = use_locale();
    if crate::workshops::is_phone(&path) {
        // A phone in a workshop: the page is the task; the site's menu is
        // one tap away (a native disclosure, no JavaScript needed).
        return view! {
            <header class="site-header compact">
                <details class="site-menu">
                    <summary>{t(locale, Key::SiteMenu)}</summary>
                    <div class="site-menu-panel">
                        <SiteNav />
                        <UserMenu />
                        <LanguageSwitch />
                    </div>
                </details>
            </header>
            <main id=MAIN_ID tabindex="-1" class="wrap">
                {children()}
            </main>
        }
        .into_any();
    }
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}")>
            {t(locale, Key::SkipToContent)}
        </a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href="/">
                    <BrandMark />
                    {t(locale, Key::AppName)}
                </a>
                <SiteNav />
                <UserMenu />
                <LanguageSwitch />
            </div>
        </header>
        <main id=MAIN_ID tabindex="-1" class="wrap">
            {children()}
        </main>
        // One element less on every page (the budgets count them): the
        // paragraph is its own wrap.
        <footer class="site-footer">
            <p class="wrap">{t(locale, Key::FooterText)}</p>
        </footer>
    }
    .into_any()
}

/// The site's navigation: home, then what the viewer may reach.
#[component]
fn SiteNav() -> impl IntoView {
    let locale = use_locale();
    let unread = use_context::<UnreadNotifications>().unwrap_or_default().0;
    view! {
        <nav aria-label=t(locale, Key::MainNavigation)>
            <ul class="nav-list">
                <li>
                    <a href="/">{t(locale, Key::NavHome)}</a>
                </li>
                <li>
                    <a href=crate::workshops::JOIN_PATH>{t(locale, Key::JoinWorkshopTitle)}</a>
                </li>
                {use_viewer()
                    .map(|_| {
                        view! {
                            <li>
                                <a href=IDEAS_PATH>{t(locale, Key::NavIdeas)}</a>
                            </li>
                            <li>
                                <a href=crate::dashboard::DASHBOARD_PATH>{t(locale, Key::NavDashboard)}</a>
                            </li>
                            <li>
                                <a href=crate::directory::DIRECTORY_PATH>{t(locale, Key::NavDirectory)}</a>
                            </li>
                            <li>
                                <a href=crate::library::LIBRARY_PATH>{t(locale, Key::NavLibrary)}</a>
                            </li>
                            <li>
                                <a href=crate::search::SEARCH_PATH>{t(locale, Key::NavSearch)}</a>
                            </li>
                            <li>
                                <a href=PROFILE_PATH>{t(locale, Key::NavProfile)}</a>
                            </li>
                            <li>
                                <a href=NOTIFICATIONS_PATH>
                                    {t(locale, Key::NotificationsTitle)}
                                    {(unread > 0).then(|| format!(" ({unread} {})", t(locale, Key::UnreadWord)))}
                                </a>
                            </li>
                        }
                    })}
                {use_viewer()
                    .filter(|me| me.role == Role::Admin)
                    .map(|_| {
                        view! {
                            <li>
                                <a href=MEMBERS_PATH>{t(locale, Key::NavMembers)}</a>
                            </li>
                            <li>
                                <a href=ORGANISATION_PATH>{t(locale, Key::NavOrganisation)}</a>
                            </li>
                        }
                    })}
            </ul>
        </nav>
    }
}
