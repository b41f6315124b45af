//! The browser's part: the `frontend` crate compiled to wasm, its JS glue,
//! both made as small as the tools can.

use crate::project::{Project, LEPTOS_ENV, OUTPUT_NAME};
use crate::say;
use crate::site::Staging;
use crate::tools::{cargo, run};
use anyhow::{Context, Result};
use std::fs;
use std::process::Command;
use wasm_bindgen_cli_support::Bindgen;

pub fn build(project: &Project, staging: &Staging) -> Result<()> {
    say("frontend: the wasm (cargo build --profile wasm-release)");
    // A target folder of its own, as cargo-leptos had: the wasm's release
    // profile would otherwise evict the server's from the same cache.
    let front_target = project.target_dir.join("front");
    run(cargo()
        .current_dir(&project.root)
        .args([
            "build",
            "--package=frontend",
            "--lib",
            "--target=wasm32-unknown-unknown",
            "--no-default-features",
            "--profile=wasm-release",
        ])
        .arg("--target-dir")
        .arg(&front_target)
        .envs(LEPTOS_ENV))?;
    let compiled = front_target.join("wasm32-unknown-unknown/wasm-release/frontend.wasm");

    say("frontend: its JS glue (wasm-bindgen), then wasm-opt -Oz and esbuild --minify");
    let pkg = staging.pkg_dir();
    Bindgen::new()
        .input_path(&compiled)
        .out_name(OUTPUT_NAME)
        .web(true)?
        .typescript(false)
        // Leptos's loader always passes the wasm's (hashed) address.
        .omit_default_module_path(true)
        .generate(&pkg)
        .with_context(|| format!("wasm-bindgen on {}", compiled.display()))?;
    // Leptos asks for `<name>.wasm`; wasm-bindgen writes `<name>_bg.wasm`.
    let wasm = pkg.join(format!("{OUTPUT_NAME}.wasm"));
    fs::rename(pkg.join(format!("{OUTPUT_NAME}_bg.wasm")), &wasm)?;
    run(Command::new("wasm-opt")
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm))?;
    let js = pkg.join(format!("{OUTPUT_NAME}.js"));
    run(Command::new("esbuild")
        .arg(&js)
        .args([
            "--minify",
            "--format=esm",
            "--log-level=warning",
            "--allow-overwrite",
        ])
        .arg(format!("--outfile={}", js.display())))?;
    Ok(())
}
