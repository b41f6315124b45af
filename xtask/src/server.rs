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

/// The pages read the hashed names from `hash.txt` beside the running
/// binary (`js`, `wasm`, `phone-js`, `phone-wasm`, `facilitator-js`,
/// `facilitator-wasm`, `css`), on every
/// page: it is replaced whole (written aside, then renamed), never seen
/// half written.
pub fn write_hash_file(project: &Project, hashes: &Hashes) -> Result<()> {
    let path = project.server_binary_dir().join("hash.txt");
    let aside = path.with_extension("txt.new");
    fs::write(&aside, hashes.to_hash_file())
        .and_then(|()| fs::rename(&aside, &path))
        .with_context(|| format!("writing {}", path.display()))
}

/// The hashes the last build wrote, if any.
pub fn read_hash_file(project: &Project) -> Vec<String> {
    fs::read_to_string(project.server_binary_dir().join("hash.txt"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(_, hash)| hash.trim().to_owned())
        .filter(|hash| !hash.is_empty())
        .collect()
}
