//! The library's refusals, in the web's terms.

use crate::backend::library::LibraryError;
use crate::error::AppError;

impl From<LibraryError> for AppError {
    fn from(err: LibraryError) -> AppError {
        match err {
            LibraryError::NotFound => AppError::NotFound,
            LibraryError::Forbidden => AppError::Forbidden,
            LibraryError::SignInNeeded => AppError::Unauthorized,
            LibraryError::Store(err) => err.into(),
        }
    }
}
