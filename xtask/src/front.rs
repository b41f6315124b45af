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
/// phone's, and the board's and console's.
pub const BUNDLES: [Wasm; 3] = [
    Wasm {
        name: OUTPUT_NAME,
        features: "",
        hash_keys: ["js", "wasm"],
    },
    Wasm {
        name: "demineurs-phone",
        features: "workshop-phone",
        hash_keys: ["phone-js", "phone-wasm"],
    },
    Wasm {
        name: "demineurs-facilitator",
        features: "workshop-facilitator",
        hash_keys: ["facilitator-js", "facilitator-wasm"],
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
    // Every build writes this one file: each is read before the next build.
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
    // To see where the bytes go: the same optimised wasm, its function
    // names kept, for a size profiler (`bench/wasm-sizes.py`).
    if let Some(dir) = std::env::var_os("DEMINEURS_WASM_NAMES") {
        fs::create_dir_all(&dir)?;
        run(wasm_opt()
            .arg("-g")
            .arg(&wasm)
            .arg("-o")
            .arg(std::path::Path::new(&dir).join(format!("{name}.wasm"))))?;
    }
    run(wasm_opt().arg(&wasm).arg("-o").arg(&wasm))?;
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

/// `wasm-opt` as the site's wasm is optimised: for size, with the features
/// every browser the service supports has.
fn wasm_opt() -> Command {
    let mut command = Command::new("wasm-opt");
    command.args([
        "-Oz",
        // Until nothing shrinks: 0.8 KB less brotli on the phone's wasm,
        // for a few seconds of build.
        "--converge",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
    ]);
    command
}
