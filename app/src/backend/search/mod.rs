//! One search over ideas, revealed contributions and the mine library:
//! folded, stemmed terms written in Rust beside each text
//! (`analysis`, `indexing`), ranked and marked when read (`querying`,
//! `highlight`), the same on SQLite and PostgreSQL.

pub mod analysis;
pub mod highlight;
pub mod indexing;
pub mod querying;

use crate::backend::ctx::NotSignedIn;
use crate::backend::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("not signed in")]
    SignInNeeded,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<NotSignedIn> for SearchError {
    fn from(_: NotSignedIn) -> SearchError {
        SearchError::SignInNeeded
    }
}
