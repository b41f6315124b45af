//! `cargo xtask build`: builds what `make run` serves, the same site that
//! cargo-leptos's `build --release --precompress` made (it still reads the
//! `[workspace.metadata.leptos]` table for `cargo leptos watch`), in about a
//! minute of compiling instead of the 13 to 23 that installing cargo-leptos
//! took on a fresh machine. The steps, in order:
//!
//! 1. the frontend crate compiled to wasm twice (`front`): the general wasm,
//!    and the workshop's with its live islands; each one's JS glue generated
//!    by wasm-bindgen's library, then shrunk by wasm-opt and esbuild;
//! 2. the stylesheet minified by lightningcss, for the same browsers;
//! 3. the static assets copied, the five built files given content-hashed
//!    names, every file precompressed with brotli and gzip (`site`);
//! 4. the server binary compiled, the new site put in place, and then
//!    `hash.txt` written beside the binary.
//!
//! The new site replaces the old one only once everything has been built, so
//! a failed build leaves the last good site and binary as they were.

mod front;
mod project;
mod server;
mod site;
mod style;
mod tools;

use anyhow::{bail, Result};
use project::Project;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The causes on one line, without anyhow's backtrace: what
            // failed, and why, is what the reader needs.
            eprintln!("cargo xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["build"] => build(&Project::locate()?),
        _ => bail!("usage: cargo xtask build   (the release site and server, as `make build`)"),
    }
}

fn build(project: &Project) -> Result<()> {
    let started = Instant::now();
    tools::check()?;
    let staging = site::Staging::create(project)?;
    front::build(project, &staging)?;
    style::build(project, &staging)?;
    site::copy_assets(project, &staging)?;
    let hashes = site::hash_names(&staging)?;
    site::precompress(&staging)?;
    server::build(project)?;
    // A server still running keeps serving while the site changes: the
    // last build's files stay beside the new ones (the pages it rendered
    // ask for them), and the names it reads from `hash.txt` change only
    // once the new files are in place.
    let previous = server::read_hash_file(project);
    site::carry_over(project, &staging, &previous)?;
    staging.publish()?;
    server::write_hash_file(project, &hashes)?;
    say(&format!(
        "site and server built in {:.0} s: {}",
        started.elapsed().as_secs_f64(),
        project.site_root.display()
    ));
    Ok(())
}

/// One line of progress, in the same bold arrow as the set-up scripts.
pub fn say(what: &str) {
    println!("\x1b[1m==> {what}\x1b[0m");
}
