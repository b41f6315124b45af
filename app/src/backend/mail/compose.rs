//! A queued row made into the message sent: headers and both parts.

use crate::backend::entities::mail_outbox;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;
use std::time::SystemTime;

/// The message for `row`, from `from`. A recipient address the message
/// cannot carry is an error (refused for good: it will not improve).
pub fn message(row: &mail_outbox::Model, from: &Mailbox) -> Result<Message, String> {
    let address = row
        .to_address
        .parse()
        .map_err(|e| format!("recipient address: {e}"))?;
    let name = Some(row.to_name.clone()).filter(|n| !n.trim().is_empty());
    let mut builder = Message::builder()
        .from(from.clone())
        .to(Mailbox::new(name, address))
        .subject(row.subject.clone())
        // Fixed when queued: a message sent again after a crash keeps it,
        // so that mail clients show it once.
        .message_id(Some(row.message_id.clone()))
        .date(SystemTime::from(row.created_at))
        // RFC 3834: written by a program; autoresponders do not answer.
        .raw_header(header("Auto-Submitted", "auto-generated"));
    if let Some(url) = &row.unsubscribe_url {
        // RFC 2369 and RFC 8058: one click in the mail client unsubscribes.
        builder = builder
            .raw_header(header("List-Unsubscribe", &format!("<{url}>")))
            .raw_header(header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click",
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            row.body_text.clone(),
            row.body_html.clone(),
        ))
        .map_err(|e| format!("building the message: {e}"))
}

fn header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_owned())
}

/// The sender's mailbox, from `--mail-from` (`Name <address>` or an address).
pub fn sender(from: &str) -> Result<Mailbox, String> {
    from.parse()
        .map_err(|e| format!("--mail-from {from:?}: {e}"))
}
