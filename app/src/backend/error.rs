//! Mapping server-side failures to what a user may see. The real cause is
//! logged here, once; the browser only gets an `AppError`.

use crate::error::AppError;
use sea_orm::DbErr;

/// A database failure: "unavailable" when the database cannot be reached
/// (the person may retry), "internal" otherwise.
pub fn from_db(err: DbErr) -> AppError {
    if is_unreachable(&err) {
        tracing::warn!(error = %err, "database unreachable");
        AppError::Unavailable
    } else {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

/// Any other unexpected failure.
pub fn unexpected(err: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %err, "unexpected error");
    AppError::Internal
}

pub fn is_unreachable(err: &DbErr) -> bool {
    matches!(err, DbErr::ConnectionAcquire(_) | DbErr::Conn(_))
}
