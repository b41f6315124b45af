//! The one-time token that proves, on a fresh instance, that the person
//! setting it up can read the server's log (so nobody else can claim it).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub struct SetupToken(Arc<Mutex<Option<String>>>);

impl SetupToken {
    /// A fresh random token, or the one given (for automated installs).
    pub fn new(given: Option<String>) -> SetupToken {
        let token = given.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
            let mut bytes = [0u8; 18];
            rand::thread_rng().fill_bytes(&mut bytes);
            URL_SAFE_NO_PAD.encode(bytes)
        });
        SetupToken(Arc::new(Mutex::new(Some(token))))
    }

    /// No token: setup is done, or was never needed.
    pub fn none() -> SetupToken {
        SetupToken::default()
    }

    pub fn reveal(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Compares in constant time.
    pub fn matches(&self, candidate: &str) -> bool {
        let guard = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_deref() {
            Some(token) => {
                token.len() == candidate.len()
                    && token
                        .bytes()
                        .zip(candidate.bytes())
                        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                        == 0
            }
            None => false,
        }
    }

    /// Setup is done: the token works no more.
    pub fn consume(&self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_token_matches_and_only_until_consumed() {
        let token = SetupToken::new(None);
        let value = token.reveal().unwrap();
        assert!(value.len() >= 20);
        assert!(token.matches(&value));
        assert!(!token.matches(&value[1..]));
        assert!(!token.matches(""));
        token.consume();
        assert!(!token.matches(&value));
        assert!(!SetupToken::none().matches(""));
    }

    #[test]
    fn a_given_token_is_used() {
        assert_eq!(
            SetupToken::new(Some("fixed-token-123".into()))
                .reveal()
                .as_deref(),
            Some("fixed-token-123")
        );
        assert_ne!(
            SetupToken::new(Some("  ".into())).reveal().as_deref(),
            Some("  ")
        );
    }
}
