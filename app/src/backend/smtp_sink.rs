//! Tests' SMTP server: `scripts/smtp-sink.py` (aiosmtpd) run as a child
//! process on a port of its own, stopped and started again at will, and
//! the messages it received, decoded.
#![allow(clippy::expect_used)] // test support: a failure should stop loudly

use serde::Deserialize;
use std::collections::HashMap;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A message as the server received it.
#[derive(Clone, Debug, Deserialize)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    /// By lower-case name.
    pub headers: HashMap<String, String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_lowercase()).map(String::as_str)
    }

    /// The plain part with Unix line ends.
    pub fn text(&self) -> String {
        self.text.clone().unwrap_or_default().replace("\r\n", "\n")
    }
}

pub struct SmtpSink {
    pub port: u16,
    folder: tempfile::TempDir,
    child: Option<Child>,
}

/// The Python that has aiosmtpd: DEMINEURS_TEST_PYTHON, else the one
/// `scripts/setup-test.sh` installs it for.
fn python() -> PathBuf {
    if let Ok(path) = std::env::var("DEMINEURS_TEST_PYTHON") {
        return path.into();
    }
    let home = std::env::var("HOME").unwrap_or_default();
    PathBuf::from(home).join(".cache/demineurs-tools/venv/bin/python3")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl SmtpSink {
    /// A server listening on a free port.
    pub fn start() -> SmtpSink {
        SmtpSink::on_port(free_port())
    }

    /// A port nothing listens on yet, for a server started later.
    pub fn not_started() -> SmtpSink {
        SmtpSink {
            port: free_port(),
            folder: tempfile::tempdir().expect("a folder for the messages"),
            child: None,
        }
    }

    fn on_port(port: u16) -> SmtpSink {
        let mut sink = SmtpSink {
            port,
            folder: tempfile::tempdir().expect("a folder for the messages"),
            child: None,
        };
        sink.resume();
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts (again) listening on its port, keeping what it received.
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "the SMTP server runs already");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/smtp-sink.py");
        let child = Command::new(python())
            .arg(script)
            .args(["--port", &self.port.to_string(), "--dir"])
            .arg(self.folder.path())
            .stdout(Stdio::null())
            .spawn()
            .expect("the SMTP server starts (python with aiosmtpd: scripts/setup-test.sh)");
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < until,
                "the SMTP server did not listen within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops listening (what it received stays).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// What it received, in the order received.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("the messages' folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("a message's file");
                serde_json::from_slice(&bytes).expect("a message decoded")
            })
            .collect()
    }

    /// Waits until it received at least `count` messages; returns them.
    pub fn wait_for(&self, count: usize) -> Vec<Received> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.received();
            if got.len() >= count || Instant::now() > until {
                return got;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
