//! Accounts in the UI: first-run setup, log-in, log-out, who is signed in.
mod api;
pub mod fields;
mod forgot_page;
mod join_api;
mod join_page;
mod login_page;
#[cfg(feature = "ssr")]
mod refusals;
mod reset_page;
mod setup_page;
mod signup_page;
mod user_menu;

pub use api::{
    complete_setup, invitation_is_open, log_in, log_out, sign_up, CompleteSetup, InvitationIsOpen,
    LogIn, LogOut, SetupForm, SignUp, SignUpForm,
};
pub use forgot_page::ForgotPage;
pub use join_api::{
    forgot_password, request_account, reset_link_is_open, reset_password, ForgotPassword, JoinForm,
    RequestAccount, ResetLinkIsOpen, ResetPassword,
};
pub use join_page::JoinPage;
pub use login_page::LoginPage;
pub use reset_page::ResetPage;
pub use setup_page::SetupPage;
pub use signup_page::SignUpPage;
pub use user_menu::UserMenu;

use crate::domain::accounts::CurrentUser;
use leptos::prelude::use_context;

/// Who is asking, resolved by the server from the session cookie before
/// rendering or running a server function.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Viewer(pub Option<CurrentUser>);

/// While no administrator exists, the app leads to the setup page.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SetupPending(pub bool);

pub fn use_viewer() -> Option<CurrentUser> {
    use_context::<Viewer>().and_then(|v| v.0)
}

pub fn use_setup_pending() -> bool {
    use_context::<SetupPending>().is_some_and(|s| s.0)
}

/// Where the pages live.
pub const SETUP_PATH: &str = "/installation";
pub const LOGIN_PATH: &str = "/connexion";
pub const SIGN_UP_PATH: &str = "/inscription";
pub const RESET_PATH: &str = "/reinitialisation";
pub const FORGOT_PATH: &str = "/mot-de-passe-oublie";
/// The forgotten-password page's address once the request is made.
pub const FORGOT_SENT: &str = "envoye";

/// The log-in page, leading back to `path` (a page of this site) once
/// signed in.
pub fn log_in_then(path: &str) -> String {
    format!(
        "{LOGIN_PATH}?{}={}",
        fields::RETURN_TO,
        leptos_router::location::Url::escape(path)
    )
}

/// The app's public address, for links shown to people (no trailing slash).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublicUrl(pub String);
