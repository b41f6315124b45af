#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The `demineurs` binary itself: help, migrate, graceful shutdown.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_demineurs");

fn temp_sqlite() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("data/app.db").display()
    );
    (dir, url)
}

#[test]
fn help_lists_every_setting_with_its_environment_variable() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "serve",
        "migrate",
        "DATABASE_URL",
        "DEMINEURS_BIND",
        "DEMINEURS_PUBLIC_URL",
        "LEPTOS_SITE_ROOT",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder_then_exits() {
    let (dir, url) = temp_sqlite();
    let out = Command::new(BIN)
        .args(["--database-url", &url, "migrate"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("data/app.db").exists());
    let again = Command::new(BIN)
        .args(["--database-url", &url, "migrate"])
        .output()
        .unwrap();
    assert!(again.status.success());
}

/// Runs a subcommand on the database, the password given as the docs say.
fn run(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args([
            "--database-url",
            url,
            "--public-url",
            "https://demineurs.example.fr",
        ])
        .args(args)
        .env("DEMINEURS_ADMIN_PASSWORD", "une phrase de passe solide")
        .output()
        .unwrap()
}

#[test]
fn shell_commands_create_organisations_and_reset_links() {
    let (_dir, url) = temp_sqlite();
    let admin = [
        "create-admin",
        "--organisation",
        "Ville de Lille",
        "--name",
        "Camille",
        "--email",
        "camille@lille.fr",
    ];
    let first = run(&url, &admin);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = run(&url, &admin);
    assert!(!second.status.success(), "one first administrator only");

    let other = run(
        &url,
        &[
            "create-organisation",
            "--organisation",
            "Département du Nord",
            "--name",
            "Alex",
            "--email",
            "alex@lenord.fr",
        ],
    );
    assert!(
        other.status.success(),
        "{}",
        String::from_utf8_lossy(&other.stderr)
    );
    let taken = run(
        &url,
        &[
            "create-organisation",
            "--organisation",
            "Autre",
            "--name",
            "Alex",
            "--email",
            "alex@lenord.fr",
        ],
    );
    assert!(!taken.status.success());
    let said = String::from_utf8_lossy(&taken.stderr);
    assert!(said.contains("déjà un compte"), "{said}");

    let link = run(&url, &["reset-password", "--email", "Alex@LeNord.fr"]);
    assert!(
        link.status.success(),
        "{}",
        String::from_utf8_lossy(&link.stderr)
    );
    let printed = String::from_utf8(link.stdout).unwrap();
    let prefix = "https://demineurs.example.fr/reinitialisation/";
    assert!(printed.trim().starts_with(prefix), "{printed}");
    assert_eq!(printed.trim().len(), prefix.len() + 43);
    let unknown = run(&url, &["reset-password", "--email", "nobody@lenord.fr"]);
    assert!(!unknown.status.success());
}

#[test]
fn a_bad_database_url_stops_with_a_clear_message() {
    let out = Command::new(BIN)
        .args(["--database-url", "mysql://nowhere/none", "migrate"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DATABASE_URL"), "{err}");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let (_dir, url) = temp_sqlite();
    let mail_dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(BIN)
        .args([
            "--database-url",
            &url,
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--mail-dir",
            &mail_dir.path().display().to_string(),
            "serve",
        ])
        // No SMTP server: the log says where messages are written.
        .env_remove("DEMINEURS_SMTP_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    let mut log = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut log).unwrap();
    assert!(
        log.contains("shutting down") && log.contains("stopped"),
        "{log}"
    );
    let told = format!(
        "messages are written as .eml files in {}",
        mail_dir.path().display()
    );
    assert!(log.contains(&told), "{log}");
}
