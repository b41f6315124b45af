//! The built site: Leptos options and hashed asset names.

use crate::config::Config;
use app::ui::hydration::{hash_of, read_hashes};
use leptos::config::LeptosOptions;
use std::path::PathBuf;

pub const OUTPUT_NAME: &str = "demineurs";

/// The build (`cargo xtask build`, as cargo-leptos did) writes `hash.txt`
/// beside the server binary when it gives assets hashed names; Leptos reads
/// it from there.
fn hash_file() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join("hash.txt"))
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hashed = hash_file().is_some_and(|p| p.exists());
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.bind)
        .hash_files(hashed)
        .build()
}

/// The stylesheet's URL, for pages rendered outside Leptos (the 503 page).
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    let hashes = read_hashes(options);
    match hash_of(&hashes, "css") {
        Some(h) => format!("/{}/{}.{h}.css", options.site_pkg_dir, options.output_name),
        None => format!("/{}/{}.css", options.site_pkg_dir, options.output_name),
    }
}
