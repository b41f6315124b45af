//! Pages for signed-in people or administrators only: the refusal page, with
//! its status decided before anything streams.

use crate::accounts::{log_in_then, use_viewer, LOGIN_PATH};
use crate::domain::accounts::return_path;
use crate::domain::accounts::Role;
use crate::i18n::{t, use_locale, Key};
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos_meta::Title;

/// Who may see a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    SignedIn,
    Admin,
}

/// The page's `<title>`: its heading, then the app's name.
pub fn page_title(heading: Key) -> String {
    let locale = use_locale();
    format!("{} — {}", t(locale, heading), t(locale, Key::AppName))
}

/// `Some(refusal page)` (401 for visitors, 403 for members who are not
/// administrators) when the viewer may not see the page titled `heading`.
pub fn refusal(need: Need, heading: Key) -> Option<AnyView> {
    let locale = use_locale();
    let (status, message) = match (use_viewer(), need) {
        (None, _) => (http::StatusCode::UNAUTHORIZED, Key::NeedLogIn),
        (Some(me), Need::Admin) if me.role != Role::Admin => {
            (http::StatusCode::FORBIDDEN, Key::NeedAdmin)
        }
        _ => return None,
    };
    set_status(status);
    let log_in_link = log_in_back_here();
    Some(
        view! {
            <Title text=page_title(heading) />
            <h1>{t(locale, heading)}</h1>
            <p>{t(locale, message)}</p>
            <p>
                <a href=log_in_link>{t(locale, Key::LogIn)}</a>
            </p>
        }
        .into_any(),
    )
}

/// The log-in page, leading back to this page once signed in. Leptos' and
/// the refusals' own parameters (`__err`, `__ref`…) stay behind: they may
/// carry what was typed.
fn log_in_back_here() -> String {
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    let kept: Vec<&str> = search
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("__"))
        .collect();
    let mut here = location.pathname.get_untracked();
    if !kept.is_empty() {
        here = format!("{here}?{}", kept.join("&"));
    }
    match return_path(&here) {
        Some(path) => log_in_then(path),
        None => LOGIN_PATH.to_owned(),
    }
}

/// "Changes saved", after a form that comes back to its page with `?ok`.
#[component]
pub fn SavedNotice() -> impl IntoView {
    let locale = use_locale();
    let saved = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("ok")
        .is_some();
    saved.then(|| view! { <p class="callout" role="status">{t(locale, Key::Saved)}</p> })
}

/// A page's numeric path parameter (`/idees/:id`); 0, which names nothing,
/// when it is not a number, so the page answers "not found".
pub fn path_id(name: &str) -> i64 {
    leptos_router::hooks::use_params_map()
        .get_untracked()
        .get(name)
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default()
}
