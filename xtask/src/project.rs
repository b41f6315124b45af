//! Where things are: the workspace, the build cache, the site. The names
//! agree with `[workspace.metadata.leptos]` in the workspace's Cargo.toml,
//! which `cargo leptos watch` reads, and with `server/src/site.rs`.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The base name of the built files (`pkg/demineurs.<hash>.wasm`...).
pub const OUTPUT_NAME: &str = "demineurs";
/// The site's subfolder holding the built files.
pub const PKG_DIR: &str = "pkg";
/// The Leptos settings cargo-leptos gave both builds, given the same way so
/// that a build by either tool is the same build.
pub const LEPTOS_ENV: [(&str, &str); 9] = [
    ("LEPTOS_OUTPUT_NAME", OUTPUT_NAME),
    ("LEPTOS_SITE_ROOT", "target/site"),
    ("LEPTOS_SITE_PKG_DIR", PKG_DIR),
    ("LEPTOS_SITE_ADDR", "127.0.0.1:3000"),
    ("LEPTOS_RELOAD_PORT", "3001"),
    ("LEPTOS_LIB_DIR", "frontend"),
    ("LEPTOS_BIN_DIR", "server"),
    ("LEPTOS_JS_MINIFY", "true"),
    ("LEPTOS_HASH_FILES", "true"),
];

pub struct Project {
    pub root: PathBuf,
    /// Cargo's build cache (`CARGO_TARGET_DIR`, else `target/`).
    pub target_dir: PathBuf,
    /// What the server serves (`target/site`, as `LEPTOS_SITE_ROOT` says).
    pub site_root: PathBuf,
}

impl Project {
    pub fn locate() -> Result<Self> {
        // This crate sits one folder below the workspace's root.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .context("the xtask crate has no parent folder")?
            .to_path_buf();
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|dir| {
                if dir.is_absolute() {
                    dir
                } else {
                    root.join(dir)
                }
            })
            .unwrap_or_else(|| root.join("target"));
        Ok(Self {
            site_root: root.join("target").join("site"),
            root,
            target_dir,
        })
    }

    /// The server binary, where `cargo build --release` puts it.
    pub fn server_binary_dir(&self) -> PathBuf {
        self.target_dir.join("release")
    }
}
