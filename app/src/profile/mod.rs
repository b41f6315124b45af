//! The person's own profile: name, service and expertise domains; their
//! password.
mod api;
mod page;

pub use api::{
    change_password, get_profile, update_profile, ChangePassword, GetProfile, UpdateProfile,
};
pub use page::ProfilePage;

pub const PROFILE_PATH: &str = "/profil";
/// The profile's query after a password change (says it is done).
pub const PASSWORD_CHANGED: &str = "mot-de-passe-change";
/// The password section's anchor.
pub const PASSWORD_SECTION: &str = "mot-de-passe";
