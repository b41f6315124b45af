//! Password hashing with Argon2id (RustCrypto's `argon2`, OWASP's default
//! parameters). Hashing is deliberately slow and takes 19 MiB: it runs on
//! the blocking pool, and never more hashes at once than the machine has
//! cores, so that a burst of log-ins queues instead of taking the memory.

use super::error::AccountError;
use crate::domain::accounts::NewPassword;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long a caller waits for a free place before being told to come back.
const WAIT_FOR_A_PLACE: Duration = Duration::from_secs(5);

/// One place per core: a hash keeps its core busy for its whole run.
fn places() -> Arc<Semaphore> {
    static PLACES: OnceLock<Arc<Semaphore>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            Arc::new(Semaphore::new(cores))
        })
        .clone()
}

/// Waits for a place to hash; beyond [`WAIT_FOR_A_PLACE`] the server is
/// too busy: `Busy` (503, with `Retry-After`). The place moves into
/// the blocking task: a caller who hangs up does not free it before the
/// hash it started is done.
async fn take_a_place() -> Result<OwnedSemaphorePermit, AccountError> {
    match tokio::time::timeout(WAIT_FOR_A_PLACE, places().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(AccountError::Busy),
    }
}

/// Hashes a new password; the result starts with `$argon2id$`.
pub async fn hash(password: &NewPassword) -> Result<String, AccountError> {
    let password = password.expose().to_owned();
    let place = take_a_place().await?;
    tokio::task::spawn_blocking(move || {
        let _place = place;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(hashing)
    })
    .await
    .map_err(hashing)?
}

/// Checks a password against a stored hash. `None` stands for an unknown
/// address: the check then runs against a dummy hash, so that it takes as
/// long and says nothing about which addresses exist.
pub async fn verify(password: &str, stored: Option<&str>) -> Result<bool, AccountError> {
    let password = password.to_owned();
    let known = stored.is_some();
    let stored = stored.map(str::to_owned);
    let place = take_a_place().await?;
    let matches = tokio::task::spawn_blocking(move || {
        let _place = place;
        // The dummy is made on first use, here: hashing blocks.
        let stored = stored.as_deref().unwrap_or_else(|| dummy_hash());
        PasswordHash::new(stored)
            .map(|hash| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(hashing)?;
    Ok(known && matches)
}

/// A failure of the hasher or of its task, for the log.
fn hashing(err: impl std::fmt::Display) -> AccountError {
    AccountError::Hashing(err.to_string())
}

/// A hash of a random password, made once, with the same parameters as
/// real hashes.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(salt.as_str().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_and_only_its_password_matches() {
        let password = NewPassword::parse("correct horse battery").unwrap();
        let hash = hash(&password).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify("correct horse battery", Some(&hash)).await.unwrap());
        assert!(!verify("wrong horse battery", Some(&hash)).await.unwrap());
    }

    #[tokio::test]
    async fn an_unknown_address_never_matches() {
        assert!(!verify("anything at all", None).await.unwrap());
    }
}
