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

/// One build of the browser's code. The names and `hash.txt` keys agree
/// with `app/src/ui/hydration.rs`, which picks one per page.
pub struct Wasm {
    /// The base name of its files in `pkg/`.
    pub name: &'static str,
    /// The `frontend` crate's features it is built with.
    features: &'static str,
    /// The keys of its JS glue's and wasm's hashes in `hash.txt`.
    pub hash_keys: [&'static str; 2],
}

/// The general wasm, every page but the workshop's live ones; then the
/// workshop's, every island.
pub const BUNDLES: [Wasm; 2] = [
    Wasm {
        name: OUTPUT_NAME,
        features: "",
        hash_keys: ["js", "wasm"],
    },
    Wasm {
        name: "demineurs-workshop",
        features: "workshop",
        hash_keys: ["workshop-js", "workshop-wasm"],
    },
];

pub fn build(project: &Project, staging: &Staging) -> Result<()> {
    for wasm in &BUNDLES {
        build_one(project, staging, wasm)?;
    }
    Ok(())
}

fn build_one(project: &Project, staging: &Staging, bundle: &Wasm) -> Result<()> {
    let name = bundle.name;
    say(&format!(
        "frontend: the wasm {name} (cargo build --profile wasm-release)"
    ));
    // A target folder of its own, as cargo-leptos had: the wasm's release
    // profile would otherwise evict the server's from the same cache.
    let front_target = project.target_dir.join("front");
    let mut build = cargo();
    build.current_dir(&project.root).args([
        "build",
        "--package=frontend",
        "--lib",
        "--target=wasm32-unknown-unknown",
        "--no-default-features",
        "--profile=wasm-release",
    ]);
    if !bundle.features.is_empty() {
        build.arg(format!("--features={}", bundle.features));
    }
    run(build
        .arg("--target-dir")
        .arg(&front_target)
        .envs(LEPTOS_ENV))?;
    // Both builds write this one file: each is read before the next build.
    let compiled = front_target.join("wasm32-unknown-unknown/wasm-release/frontend.wasm");

    say(&format!(
        "frontend: {name}'s JS glue (wasm-bindgen), then wasm-opt -Oz and esbuild --minify"
    ));
    let pkg = staging.pkg_dir();
    Bindgen::new()
        .input_path(&compiled)
        .out_name(name)
        .web(true)?
        .typescript(false)
        // The page's loader always passes the wasm's (hashed) address.
        .omit_default_module_path(true)
        .generate(&pkg)
        .with_context(|| format!("wasm-bindgen on {}", compiled.display()))?;
    // The loader asks for `<name>.wasm`; wasm-bindgen writes `<name>_bg.wasm`.
    let wasm = pkg.join(format!("{name}.wasm"));
    fs::rename(pkg.join(format!("{name}_bg.wasm")), &wasm)?;
    run(Command::new("wasm-opt")
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm))?;
    let js = pkg.join(format!("{name}.js"));
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
