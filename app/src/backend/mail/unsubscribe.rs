//! One-click unsubscribe without signing in: every message a person may
//! stop carries a link signed for them and its kind (HMAC-SHA256 with a
//! secret the instances share, made once in the database). The link opens
//! a page with one button; mail clients post to the same address at once
//! (`List-Unsubscribe-Post`, RFC 8058).

use crate::backend::entities::instance_secret;
use crate::backend::store::{Op, StoreError};
use crate::domain::mail::Delivery;
use crate::domain::round_views::NotificationKind;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

/// The page and the address mail clients post to.
pub const PATH: &str = crate::settings::UNSUBSCRIBE_PATH;
/// What the digest's link stops: every kind sent in the digest.
pub const DIGEST: &str = "digest";

const SECRET_NAME: &str = "unsubscribe";

type Signer = Hmac<sha2::Sha256>;

/// What a link stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    Kind(NotificationKind),
    /// Every kind the person receives in the digest.
    Digest,
}

impl Stop {
    pub fn as_str(self) -> &'static str {
        match self {
            Stop::Kind(kind) => kind.as_str(),
            Stop::Digest => DIGEST,
        }
    }

    pub fn parse(raw: &str) -> Option<Stop> {
        if raw == DIGEST {
            return Some(Stop::Digest);
        }
        NotificationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .map(Stop::Kind)
    }
}

/// The shared secret, made by the first instance that needs it.
pub async fn secret(db: &impl ConnectionTrait) -> Result<Vec<u8>, StoreError> {
    // A read on every call but the first: an anonymous unsubscribe page
    // takes no write lock.
    if let Some(stored) = instance_secret::Entity::find_by_id(SECRET_NAME.to_owned())
        .one(db)
        .await
        .op("unsubscribe::secret: read")?
    {
        return Ok(stored.value.into_bytes());
    }
    let fresh = crate::backend::accounts::tokens::new_token();
    instance_secret::Entity::insert(instance_secret::ActiveModel {
        name: Set(SECRET_NAME.to_owned()),
        value: Set(fresh),
    })
    .on_conflict(
        OnConflict::column(instance_secret::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await
    .op("unsubscribe::secret: insert")?;
    let stored = instance_secret::Entity::find_by_id(SECRET_NAME.to_owned())
        .one(db)
        .await
        .op("unsubscribe::secret: read")?
        .ok_or_else(|| StoreError::corrupt("unsubscribe::secret", "no secret after insert"))?;
    Ok(stored.value.into_bytes())
}

fn mac(secret: &[u8], user_id: i64, stop: Stop) -> Option<Signer> {
    let mut mac = Signer::new_from_slice(secret).ok()?;
    mac.update(format!("unsubscribe:{user_id}:{}", stop.as_str()).as_bytes());
    Some(mac)
}

/// The link that stops `stop` for `user_id`.
pub fn link(site: &str, secret: &[u8], user_id: i64, stop: Stop) -> String {
    let signature = mac(secret, user_id, stop)
        .map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("{site}{PATH}?u={user_id}&k={}&s={signature}", stop.as_str())
}

/// True when `signature` is the one [`link`] made (compared in constant time).
pub fn is_signed(secret: &[u8], user_id: i64, stop: Stop, signature: &str) -> bool {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature.trim()) else {
        return false;
    };
    mac(secret, user_id, stop).is_some_and(|m| m.verify_slice(&bytes).is_ok())
}

/// Stops what the link names for the person: `Never` for the kind, or for
/// every kind they receive in the digest.
pub async fn apply(db: &impl ConnectionTrait, user_id: i64, stop: Stop) -> Result<(), StoreError> {
    let kinds: Vec<NotificationKind> = match stop {
        Stop::Kind(kind) => vec![kind],
        Stop::Digest => {
            let chosen = super::preferences::of(db, user_id).await?;
            NotificationKind::ALL
                .into_iter()
                .filter(|k| super::preferences::delivery(&chosen, *k) == Delivery::Digest)
                .collect()
        }
    };
    for kind in kinds {
        super::preferences::set(db, user_id, kind, Delivery::Never).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_good_for_its_person_and_kind_only() {
        let secret = b"a secret of the instance";
        let stop = Stop::Kind(NotificationKind::MineTriaged);
        let url = link("https://h.fr", secret, 7, stop);
        assert!(url.starts_with("https://h.fr/desabonnement?u=7&k=mine_triaged&s="));
        let signature = url.rsplit_once("s=").map(|(_, s)| s).unwrap_or_default();
        assert!(is_signed(secret, 7, stop, signature));
        assert!(!is_signed(secret, 8, stop, signature), "another person");
        assert!(
            !is_signed(secret, 7, Stop::Digest, signature),
            "another kind"
        );
        assert!(!is_signed(b"another secret", 7, stop, signature));
        assert!(!is_signed(secret, 7, stop, "AAAA"));
        assert!(!is_signed(secret, 7, stop, "not base64!"));
        assert_eq!(Stop::parse("digest"), Some(Stop::Digest));
        assert_eq!(Stop::parse("mine_triaged"), Some(stop));
        assert_eq!(Stop::parse("users"), None);
    }
}
