//! A plain form's refusal, kept on the server for the page it goes back to.
//!
//! Without JavaScript, Leptos sends a refused form back to its page with the
//! refusal in the address (`__err`): the messages *and what the person
//! typed*, so that the form comes back filled in. An address is the wrong
//! place for typed text: it stays in the browser's history, in proxies'
//! logs, on a shared screen, and a silent contribution would be readable
//! there before its round is revealed. So a refusal that echoes input is
//! kept here instead, for an hour, and the address carries only its id
//! (`__ref`); the page asks for it back with the browser's refusal cookie,
//! without which the id opens nothing.
//!
//! When it cannot be kept (too large, too many from one caller, the
//! database away) the refusal still goes back in the address, its messages
//! only: the person sees what to correct, and no typed text travels.

use crate::backend::accounts::tokens::hash_token;
use crate::backend::db::begin_write;
use crate::backend::entities::form_refusal::{ActiveModel, Column, Entity};
use crate::backend::store::{Op, StoreError};
use crate::backend::throttle::{self, Window};
use crate::error::AppError;
use base64::{engine::general_purpose::URL_SAFE, Engine};
use leptos::server_fn::error::FromServerFnError;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

/// How long a refusal waits for its page: time to read, correct and send.
pub const KEEP_SECS: i64 = 3600;

/// The largest refusal kept, as encoded (base64 of its JSON). Every echoed
/// value is already cut at `MAX_ECHOED_CHARS`; a form's worth of fields at
/// their limits fits many times over, so only pasted junk goes beyond.
pub const MAX_PAYLOAD_BYTES: usize = 128 * 1024;

/// Refusals one caller may have kept in an hour: a room of guests behind
/// one address may each make a few mistakes; a script filling the table
/// may not.
const KEPT_PER_CALLER: Window = Window {
    max: 600,
    secs: 3600,
};

/// Where a refusal travels back to its page.
#[derive(Debug, PartialEq, Eq)]
pub enum Carried {
    /// Kept here: the address carries this id.
    Kept(String),
    /// In the address, as encoded: nothing typed in it.
    InAddress(String),
}

/// Keeps `payload` (a refusal as Leptos encodes it for an address) for the
/// browser holding the refusal cookie `holder`, when it echoes input;
/// `caller` names who sent it, for the limit (a member, else an address).
pub async fn carry(
    db: &DatabaseConnection,
    now: i64,
    caller: &str,
    holder: &str,
    payload: &str,
) -> Result<Carried, AppError> {
    let Some(refusal) = decode(payload) else {
        // Not a refusal of ours: its text cannot be trusted to be harmless.
        return Ok(Carried::InAddress(encode(&AppError::Internal)));
    };
    if !echoes_input(&refusal) {
        return Ok(Carried::InAddress(payload.to_owned()));
    }
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Ok(Carried::InAddress(messages_only(refusal)));
    }
    let txn = begin_write(db).await.op("keep refusal: begin")?;
    match throttle::take_place(&txn, format!("refusal:{caller}"), now, KEPT_PER_CALLER).await {
        Ok(_) => {}
        Err(throttle::ThrottleError::Limited { .. }) => {
            return Ok(Carried::InAddress(messages_only(refusal)))
        }
        Err(other) => return Err(other.into()),
    }
    let id = crate::backend::accounts::tokens::new_token();
    ActiveModel {
        id: Set(id.clone()),
        holder_hash: Set(hash_token(holder)),
        payload: Set(payload.to_owned()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .op("keep refusal: insert")?;
    txn.commit().await.op("keep refusal: commit")?;
    Ok(Carried::Kept(id))
}

/// The refusal kept under `id` for the browser holding `holder`, as encoded
/// for an address, if it is still there. Left in place until it expires, so
/// that reloading the page shows the same refusal.
pub async fn bring_back(
    db: &DatabaseConnection,
    now: i64,
    holder: &str,
    id: &str,
) -> Result<Option<String>, AppError> {
    let row = Entity::find_by_id(id.to_owned())
        .filter(Column::HolderHash.eq(hash_token(holder)))
        .filter(Column::CreatedAt.gt(now - KEEP_SECS))
        .one(db)
        .await
        .op("bring back refusal")?;
    Ok(row.map(|r| r.payload))
}

/// The same refusal with nothing typed in it, as encoded for an address.
pub fn messages_only(mut refusal: AppError) -> String {
    if let AppError::Invalid(errors) = &mut refusal {
        errors.input.clear();
    }
    encode(&refusal)
}

/// Deletes refusals past their hour; returns how many went.
pub async fn clean_up(db: &DatabaseConnection, now: i64) -> Result<u64, StoreError> {
    Ok(Entity::delete_many()
        .filter(Column::CreatedAt.lte(now - KEEP_SECS))
        .exec(db)
        .await
        .op("clean up refusals")?
        .rows_affected)
}

/// A refusal as the address carries it (Leptos' `__err`).
pub fn decode(payload: &str) -> Option<AppError> {
    let json = URL_SAFE.decode(payload).ok()?;
    serde_json::from_slice(&json).ok()
}

fn encode(refusal: &AppError) -> String {
    URL_SAFE.encode(refusal.ser())
}

fn echoes_input(refusal: &AppError) -> bool {
    refusal
        .form_errors()
        .is_some_and(|errors| errors.input.iter().any(|(_, value)| !value.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FormErrors;
    use crate::i18n::Key;

    fn refused_with(body: &str) -> AppError {
        let mut errors = FormErrors::with_input([("body", body)]);
        errors.add("body", Key::ErrRequired);
        AppError::Invalid(errors)
    }

    #[test]
    fn messages_only_keeps_the_messages_and_drops_what_was_typed() {
        let stripped = decode(&messages_only(refused_with("un secret"))).unwrap();
        let errors = stripped.form_errors().unwrap();
        assert_eq!(errors.message_for("body"), Some(Key::ErrRequired));
        assert!(errors.input.is_empty());
    }

    #[test]
    fn only_a_refusal_with_typed_text_needs_keeping() {
        assert!(echoes_input(&refused_with("x")));
        assert!(!echoes_input(&refused_with("")));
        assert!(!echoes_input(&AppError::Forbidden));
    }

    #[test]
    fn what_is_not_an_encoded_refusal_decodes_to_nothing() {
        assert_eq!(decode("pas du base64 !"), None);
        assert_eq!(decode(&URL_SAFE.encode(b"{\"pas\":1}")), None);
    }
}
