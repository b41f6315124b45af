//! A database failure as services report it: the operation that met it and
//! the database's own error, kept for the log. What a person is told is the
//! web side's business (`crate::error`): "unavailable" when the database
//! cannot be reached (they may retry), "internal" otherwise.

use sea_orm::DbErr;

/// A failed database operation.
#[derive(Debug, thiserror::Error)]
#[error("{op}: {source}")]
pub struct StoreError {
    /// What the service was doing, in a few words ("insert participant").
    pub op: &'static str,
    #[source]
    pub source: DbErr,
}

impl StoreError {
    /// Whether the database could not be reached at all (as opposed to a
    /// query it refused).
    pub fn unreachable(&self) -> bool {
        matches!(self.source, DbErr::ConnectionAcquire(_) | DbErr::Conn(_))
    }

    /// A failure that is not the database's, met while storing (a stored
    /// answer that no longer reads back, say).
    pub fn corrupt(op: &'static str, what: impl std::fmt::Display) -> StoreError {
        StoreError {
            op,
            source: DbErr::Custom(what.to_string()),
        }
    }
}

/// Names the operation of a database call: `query.one(db).await.op("find workshop")?`.
pub trait Op<T> {
    fn op(self, op: &'static str) -> Result<T, StoreError>;
}

impl<T> Op<T> for Result<T, DbErr> {
    fn op(self, op: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError { op, source })
    }
}
