use crate::domain::maturity::Stage;
use crate::i18n::{t, use_locale, Key};
use leptos::prelude::*;

/// Explains the maturity stages. Without JavaScript every stage is listed
/// with its criteria; once the wasm has loaded, a row of buttons shows one
/// stage at a time (the page's interactive element, proof of hydration).
/// It takes no props: the language comes from the page (see `use_locale`).
// Only on the home page: a workshop view's own wasm (the phone's, the
// facilitator's) compiles it as a plain component, which nothing calls
// there, so none of its code or text is shipped to a phone.
#[cfg_attr(
    not(all(
        feature = "hydrate",
        any(feature = "workshop-phone", feature = "workshop-facilitator"),
        not(feature = "workshop")
    )),
    island
)]
#[cfg_attr(
    all(
        feature = "hydrate",
        any(feature = "workshop-phone", feature = "workshop-facilitator"),
        not(feature = "workshop")
    ),
    component
)]
pub fn MaturityGuide() -> impl IntoView {
    let locale = use_locale();
    // `None` until hydrated: the server and no-JS rendering show every stage.
    let selected = RwSignal::new(None::<Stage>);
    Effect::new(move |_| {
        if selected.get_untracked().is_none() {
            selected.set(Some(Stage::Seed));
        }
    });
    let interactive = move || selected.get().is_some();
    view! {
        <section class="maturity-guide" aria-labelledby="maturity" data-ready=move || interactive().to_string()>
            <h2 id="maturity">{t(locale, Key::MaturityTitle)}</h2>
            <p>{t(locale, Key::MaturityIntro)}</p>
            <div class="stage-buttons" role="group" aria-label=t(locale, Key::MaturityStages) hidden=move || !interactive()>
                {Stage::ALL
                    .map(|stage| {
                        view! {
                            <button
                                type="button"
                                aria-pressed=move || (selected.get() == Some(stage)).to_string()
                                aria-controls=format!("stage-{}", stage.slug())
                                on:click=move |_| selected.set(Some(stage))
                            >
                                {t(locale, stage.label())}
                            </button>
                        }
                    })}
            </div>
            <ol class="stages">
                {Stage::ALL
                    .map(|stage| {
                        view! {
                            <li
                                id=format!("stage-{}", stage.slug())
                                hidden=move || selected.get().is_some_and(|s| s != stage)
                            >
                                <h3>{t(locale, stage.label())}</h3>
                                <p>{t(locale, stage.criteria())}</p>
                            </li>
                        }
                    })}
            </ol>
        </section>
    }
}
