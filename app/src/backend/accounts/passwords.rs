//! Password hashing with Argon2id (RustCrypto's `argon2`, OWASP's default
//! parameters). Hashing is deliberately slow: it runs on the blocking pool.

use crate::backend::error::unexpected;
use crate::domain::accounts::NewPassword;
use crate::error::AppError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

/// Hashes a new password; the result starts with `$argon2id$`.
pub async fn hash(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(unexpected)
    })
    .await
    .map_err(unexpected)?
}

/// Checks a password against a stored hash. `None` stands for an unknown
/// address: the check then runs against a dummy hash, so that it takes as
/// long and says nothing about which addresses exist.
pub async fn verify(password: &str, stored: Option<&str>) -> Result<bool, AppError> {
    let password = password.to_owned();
    let known = stored.is_some();
    let stored = stored
        .map(str::to_owned)
        .unwrap_or_else(|| dummy_hash().to_owned());
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|hash| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(unexpected)?;
    Ok(known && matches)
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
