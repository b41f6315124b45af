//! The browser entry point: hydrates the islands of a server-rendered page.

// Linking the shared crate brings its `#[island]` components into the wasm.
use app as _;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
