//! The three command-line tools the build runs, installed from npm by
//! `scripts/setup.sh`, and `cargo` itself.

use anyhow::{bail, Context, Result};
use std::ffi::OsStr;
use std::process::Command;

/// (command, what it is for): each must answer `--version`.
const TOOLS: [(&str, &str); 3] = [
    ("wasm-opt", "shrinks the wasm (npm package binaryen)"),
    ("esbuild", "minifies the JS glue (npm package esbuild)"),
    (
        "lightningcss",
        "minifies the stylesheet (npm package lightningcss-cli)",
    ),
];

/// Fails at once, naming what is missing, rather than after minutes of compiling.
pub fn check() -> Result<()> {
    let missing: Vec<String> = TOOLS
        .iter()
        .filter(|(name, _)| {
            !Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|out| out.status.success())
        })
        .map(|(name, purpose)| format!("{name}, which {purpose}"))
        .collect();
    if !missing.is_empty() {
        bail!(
            "missing: {}. Run scripts/setup.sh (make run does), or put ~/.cache/demineurs-tools/node_modules/.bin on the PATH",
            missing.join("; ")
        );
    }
    Ok(())
}

/// The cargo that runs this task (cargo sets `CARGO`), else the one on the PATH.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command to its end; its output goes to the terminal.
pub fn run(command: &mut Command) -> Result<()> {
    let line = describe(command);
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(OsStr::to_string_lossy)
        .collect::<Vec<_>>()
        .join(" ")
}
