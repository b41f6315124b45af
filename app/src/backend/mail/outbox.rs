//! The outbox: every message is a row written in the transaction of its
//! cause, sent later by [`super::sender`].

use super::letter::Letter;
use super::MailKind;
use crate::backend::entities::mail_outbox;
use crate::backend::store::{Op, StoreError};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A message to queue.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// The member written to, if the address is a member's.
    pub recipient_id: Option<i64>,
    pub to_address: String,
    pub to_name: String,
    pub kind: MailKind,
    pub letter: Letter,
    /// The one-click unsubscribe link (`List-Unsubscribe`), for messages a
    /// person may stop (not the links they asked for).
    pub unsubscribe_url: Option<String>,
}

/// Queues `mail` in `txn`: sent once `txn` commits, never if it rolls
/// back. `site` is the public address (its host names the `Message-ID`).
pub async fn queue(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    site: &str,
    mail: Outgoing,
) -> Result<(), StoreError> {
    mail_outbox::Entity::insert(mail_outbox::ActiveModel {
        message_id: Set(message_id(site)),
        recipient_id: Set(mail.recipient_id),
        to_address: Set(mail.to_address),
        to_name: Set(mail.to_name),
        kind: Set(mail.kind.as_str().to_owned()),
        subject: Set(mail.letter.subject),
        body_text: Set(mail.letter.text),
        body_html: Set(mail.letter.html),
        unsubscribe_url: Set(mail.unsubscribe_url),
        created_at: Set(now),
        due_at: Set(now),
        attempts: Set(0),
        claimed_by: Set(None),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await
    .op("mail::queue: insert mail_outbox")?;
    Ok(())
}

/// A new `Message-ID`, unique and under the site's host name.
fn message_id(site: &str) -> String {
    format!("<{}@{}>", uuid::Uuid::new_v4().simple(), host_of(site))
}

/// The host of a URL, without scheme, credentials, port or path.
fn host_of(site: &str) -> &str {
    let rest = site.split_once("://").map_or(site, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // An IPv6 address keeps its brackets: `<id@[::1]>` is well formed.
    let host = match host.find(']') {
        Some(end) if host.starts_with('[') => &host[..=end],
        _ => host.split(':').next().unwrap_or(host),
    };
    if host.is_empty() {
        "localhost"
    } else {
        host
    }
}

/// Deletes messages sent or refused before `spent`; returns how many.
pub async fn clean_up(db: &impl ConnectionTrait, spent: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(mail_outbox::Entity::delete_many()
        .filter(
            Condition::any()
                .add(mail_outbox::Column::SentAt.lt(spent))
                .add(mail_outbox::Column::FailedAt.lt(spent)),
        )
        .exec(db)
        .await
        .op("mail::clean_up")?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_id_is_under_the_site_host() {
        assert_eq!(
            host_of("https://demineurs.example.gouv.fr"),
            "demineurs.example.gouv.fr"
        );
        assert_eq!(host_of("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(host_of("https://u:p@h.fr:8443/app?x"), "h.fr");
        assert_eq!(host_of("http://[::1]:3000"), "[::1]");
        assert_eq!(host_of(""), "localhost");
        let id = message_id("https://h.fr");
        assert!(id.starts_with('<') && id.ends_with("@h.fr>"), "{id}");
        assert_ne!(message_id("https://h.fr"), id);
    }
}
