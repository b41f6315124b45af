//! Where messages go: an SMTP server (`--smtp-url`), or, with none
//! configured, a folder of `.eml` files a newcomer can open to see what
//! would have been sent.

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long one SMTP exchange may take before it counts as failed (and
/// is tried again later).
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Debug)]
pub enum Transport {
    Smtp {
        mailer: AsyncSmtpTransport<Tokio1Executor>,
        /// Where it sends, for the log (no credentials).
        shown: String,
    },
    Folder(PathBuf),
}

/// Why a message was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// Worth trying again later: the server away, busy, a timeout, and
    /// every refusal of the server too. A 5xx answer does not say whether
    /// the one recipient is unknown or the relay refuses everything (bad
    /// credentials, a sender not allowed): taken as final, a wrong setting
    /// would throw the whole outbox away.
    Transient(String),
    /// The message cannot be sent as it is (an address it cannot carry):
    /// trying again would fail again.
    Permanent(String),
}

impl Transport {
    /// An SMTP relay from a URL: `smtp://host:25` (STARTTLS when offered),
    /// `smtp://host:587?tls=required`, `smtps://user:password@host:465`.
    pub fn smtp(url: &str) -> Result<Transport, String> {
        let mailer = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("--smtp-url: {e}"))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Transport::Smtp {
            mailer,
            shown: without_credentials(url),
        })
    }

    pub fn folder(path: impl Into<PathBuf>) -> Transport {
        Transport::Folder(path.into())
    }

    /// Where messages go, for the log.
    pub fn describe(&self) -> String {
        match self {
            Transport::Smtp { shown, .. } => format!("SMTP server {shown}"),
            Transport::Folder(path) => {
                let shown = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                format!("no SMTP server configured (--smtp-url): messages are written as .eml files in {}", shown.display())
            }
        }
    }

    /// Sends one message; `name` names its file in a folder.
    pub async fn send(&self, message: Message, name: &str) -> Result<(), SendError> {
        match self {
            Transport::Smtp { mailer, .. } => mailer
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Transient(e.to_string())),
            Transport::Folder(path) => write_file(path, name, &message.formatted())
                .await
                .map_err(|e| SendError::Transient(format!("{}: {e}", path.display()))),
        }
    }
}

/// Writes the file whole or not at all: a reader never sees half a message.
async fn write_file(folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(folder).await?;
    let partial = folder.join(format!(".{name}.part"));
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, folder.join(format!("{name}.eml"))).await
}

/// `url` without its user and password.
fn without_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((_, host)) => format!("{scheme}://{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The SMTP client's pool lives on the runtime.
    #[tokio::test]
    async fn the_log_never_shows_the_smtp_password() {
        assert_eq!(
            without_credentials("smtps://moi:secret@smtp.example.org:465"),
            "smtps://smtp.example.org:465"
        );
        assert_eq!(
            without_credentials("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525"
        );
        let smtp = Transport::smtp("smtp://user:pw@127.0.0.1:2525").expect("a valid url");
        assert!(!smtp.describe().contains("pw"));
        assert!(Transport::smtp("http://nope").is_err());
    }
}
