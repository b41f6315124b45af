use super::name_suggestions;
use leptos::prelude::*;

/// The id of the `<datalist>` a name field points at (`list=`).
pub const NAMES_LIST: &str = "directory-names";

/// The directory's names for the fields that name colleagues: the browser
/// offers them as one types, with or without JavaScript.
#[component]
pub fn NameSuggestions() -> impl IntoView {
    let locale = crate::i18n::use_locale();
    let names = Resource::new(|| (), |_| name_suggestions());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                names
                    .await
                    .ok()
                    .map(|names| {
                        view! {
                            <datalist id=NAMES_LIST>
                                {names
                                    .into_iter()
                                    .map(|n| {
                                        let label = format!("{} — {}", n.label, super::presence_text(locale, &n.presence));
                                        view! { <option value=n.value label=label></option> }
                                    })
                                    .collect_view()}
                            </datalist>
                        }
                    })
            })}
        </Suspense>
    }
}
