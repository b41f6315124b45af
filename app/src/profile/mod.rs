//! The person's own profile: name, service and expertise domains.
mod api;
mod page;

pub use api::{get_profile, update_profile, GetProfile, UpdateProfile};
pub use page::ProfilePage;

pub const PROFILE_PATH: &str = "/profil";
