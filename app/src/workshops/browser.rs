//! Browser helpers of the live views: waiting, reloading, telling whether
//! the person is typing, making keys for posts.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;

/// Resolves after `duration` (a timer of the page, no extra crate).
pub async fn sleep(duration: Duration) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = wait.await;
}

/// Whether the person is writing: a focused field, or a text typed in any
/// field and not sent yet.
pub fn typing() -> bool {
    let document = document();
    let focused = document
        .active_element()
        .map(|e| matches!(e.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
        .unwrap_or(false);
    focused || drafted(&document)
}

/// A text area with text, or a visible input whose value the person
/// changed from the page's.
fn drafted(document: &web_sys::Document) -> bool {
    let Ok(fields) = document.query_selector_all("textarea, input:not([type=hidden])") else {
        return false;
    };
    (0..fields.length())
        .filter_map(|i| fields.item(i))
        .any(|field| {
            if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                !area.value().trim().is_empty()
            } else if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                input.value() != input.default_value() || input.checked() != input.default_checked()
            } else {
                false
            }
        })
}

thread_local! {
    /// Set when the page starts leaving (a form posted, a link followed).
    static LEAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Watches for the page leaving, once per page.
pub fn watch_leaving() {
    let handle = window_event_listener(leptos::ev::beforeunload, |_| LEAVING.with(|l| l.set(true)));
    on_cleanup(move || handle.remove());
}

/// Loads the page again, unless it is already leaving: reloading then would
/// cancel a form being posted (the next page is current anyway).
pub fn reload() {
    if !LEAVING.with(|l| l.get()) {
        let _ = window().location().reload();
    }
}

/// Loads `path` in place of this page (no new history entry), unless the
/// page is already leaving.
pub fn go_to(path: &str) {
    if !LEAVING.with(|l| l.get()) {
        let _ = window().location().replace(path);
    }
}

/// Loads this page again without its query and anchor: a live update
/// shows the current state, not a note about what happened before. A card
/// being grouped (« même idée que… ») stays chosen: someone else grouping
/// meanwhile must not close the chooser under the person choosing.
pub fn reload_current_state() {
    if !LEAVING.with(|l| l.get()) {
        let location = window().location();
        let Ok(path) = location.pathname() else {
            let _ = location.reload();
            return;
        };
        let grouping = location
            .search()
            .ok()
            .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
            .and_then(|params| params.get(super::GROUPING_PARAM))
            .and_then(|card| card.parse::<i64>().ok());
        let to = match grouping {
            Some(card) => super::grouping_path(&path, card),
            None => path,
        };
        let _ = location.replace(&to);
    }
}

/// Whether the browser believes it is online.
pub fn online() -> bool {
    window().navigator().on_line()
}

/// A fresh key for one post, kept with it across retries: 32 hex digits.
pub fn new_key() -> String {
    (0..4)
        .map(|_| {
            format!(
                "{:08x}",
                (js_sys::Math::random() * f64::from(u32::MAX)) as u32
            )
        })
        .collect()
}

/// Runs `action` each time the browser comes back online, for the page's
/// life.
pub fn on_online(action: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::online, move |_| action());
    on_cleanup(move || handle.remove());
}

/// Runs `action` when the browser goes offline.
pub fn on_offline(action: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::offline, move |_| action());
    on_cleanup(move || handle.remove());
}
