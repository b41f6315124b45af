//! The server binary, and the file that tells it the built files' names.

use crate::project::{Project, LEPTOS_ENV};
use crate::say;
use crate::site::Hashes;
use crate::tools::{cargo, run};
use anyhow::{Context, Result};
use std::fs;

pub fn build(project: &Project) -> Result<()> {
    say("server: the binary (cargo build --release)");
    run(cargo()
        .current_dir(&project.root)
        .args([
            "build",
            "--package=server",
            "--bin=demineurs",
            "--no-default-features",
            "--release",
        ])
        .envs(LEPTOS_ENV))
}

/// Leptos and `server/src/site.rs` read the hashed names from `hash.txt`
/// beside the running binary (`js: …`, `wasm: …`, `css: …`).
pub fn write_hash_file(project: &Project, hashes: &Hashes) -> Result<()> {
    let path = project.server_binary_dir().join("hash.txt");
    fs::write(&path, hashes.to_hash_file()).with_context(|| format!("writing {}", path.display()))
}
