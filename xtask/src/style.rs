//! The stylesheet, minified by lightningcss for the browsers the workspace
//! names (`browserquery` in Cargo.toml's leptos table: "defaults"). This is
//! the engine cargo-leptos ran, and it writes the same bytes.

use crate::project::{Project, OUTPUT_NAME};
use crate::say;
use crate::site::Staging;
use crate::tools::run;
use anyhow::Result;
use std::process::Command;

pub fn build(project: &Project, staging: &Staging) -> Result<()> {
    say("style: style/main.css (lightningcss --minify)");
    run(Command::new("lightningcss")
        .args(["--minify", "--targets", "defaults"])
        .arg(project.root.join("style/main.css"))
        .arg("-o")
        .arg(staging.pkg_dir().join(format!("{OUTPUT_NAME}.css"))))
}
