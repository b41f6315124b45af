//! Where things are: the workspace, the build cache, the site. The names
//! agree with `[workspace.metadata.leptos]` in the workspace's Cargo.toml,
//! which `cargo leptos watch` reads, and with `server/src/site.rs`.

use anyhow::{bail, Context, Result};
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
    /// Cargo's build cache, where the server binary and `hash.txt` go.
    pub target_dir: PathBuf,
    /// What the server serves (`target/site`, as `LEPTOS_SITE_ROOT` says).
    pub site_root: PathBuf,
}

impl Project {
    pub fn locate() -> Result<Self> {
        let root = workspace_root(&std::env::current_dir()?)?;
        let target_dir = target_directory(&root)?;
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

/// Where cargo builds, as cargo itself resolves it (`CARGO_TARGET_DIR`,
/// a relative one included, a config's `build.target-dir`, else `target/`):
/// `hash.txt` must land beside the binary cargo makes.
fn target_directory(root: &Path) -> Result<PathBuf> {
    let out = crate::tools::cargo()
        .current_dir(root)
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .context("running cargo metadata")?;
    if !out.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("reading cargo metadata")?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata names no target directory")
}

/// The checkout the task was started in: the nearest folder holding a
/// workspace with this crate. Not where the task was compiled: the build
/// cache is shared by every checkout (`~/.cache/demineurs-target`), so the
/// binary may come from another one.
fn workspace_root(start: &Path) -> Result<PathBuf> {
    for dir in start.ancestors() {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if manifest.contains("[workspace]") && dir.join("xtask/Cargo.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "run `cargo xtask build` inside a checkout of Les Démineurs (no workspace above {})",
        start.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_is_found_from_any_folder_inside_it() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("checkout");
        std::fs::create_dir_all(root.join("xtask"))?;
        std::fs::create_dir_all(root.join("app/src"))?;
        std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n")?;
        std::fs::write(root.join("xtask/Cargo.toml"), "[package]\n")?;
        assert_eq!(workspace_root(&root.join("app/src"))?, root);
        assert_eq!(workspace_root(&root)?, root);
        assert!(workspace_root(dir.path()).is_err());
        Ok(())
    }
}
