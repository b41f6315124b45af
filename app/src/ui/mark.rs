//! The project's mark, inline (no request): a mine, defused (a check on
//! its body), a spark of ember beside it. Decorative: the name follows it.

use leptos::prelude::*;

#[component]
pub fn BrandMark() -> impl IntoView {
    view! {
        <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
                d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
            />
            <circle cx="12" cy="12" r="6.5" fill="currentColor" />
            <path class="check" d="M9 12.3l2 2 4-4.3" />
            <circle class="spark" cx="19.5" cy="4.5" r="2.2" />
        </svg>
    }
}
