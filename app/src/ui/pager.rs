//! Previous / next links for a listing paged in its address, keeping the
//! listing's filters.

use crate::i18n::{t, Key, Locale};
use leptos::prelude::*;

/// Where a paged listing is and what its filters say.
pub struct Pager {
    /// The listing's path (`/idees`).
    pub path: &'static str,
    pub page: u32,
    pub page_count: u32,
    /// The filters in force, as query names and values.
    pub filters: Vec<(&'static str, String)>,
}

impl Pager {
    fn href(&self, page: u32) -> String {
        let query = std::iter::once(("page", page.to_string()))
            .chain(self.filters.iter().cloned())
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect::<Vec<_>>()
            .join("&");
        format!("{}?{query}", self.path)
    }

    pub fn view(&self, locale: Locale) -> impl IntoView {
        (self.page_count > 1).then(|| {
            let previous = (self.page > 1).then(|| {
                view! { <a href=self.href(self.page - 1) rel="prev">{t(locale, Key::PreviousPage)}</a> }
            });
            let next = (self.page < self.page_count).then(|| {
                view! { <a href=self.href(self.page + 1) rel="next">{t(locale, Key::NextPage)}</a> }
            });
            view! {
                <nav class="pager" aria-label=t(locale, Key::Pages)>
                    {previous}
                    <span>{format!("{} {} / {}", t(locale, Key::PageWord), self.page, self.page_count)}</span>
                    {next}
                </nav>
            }
        })
    }
}

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
