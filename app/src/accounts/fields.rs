//! The names of the account forms' fields (setup, log-in, sign-up, request
//! to join, reset, profile, members), shared by the pages that draw them,
//! the functions that read them and the refusals that point at them.

/// The setup token (setup page).
pub const TOKEN: &str = "token";
/// The organisation's name (setup page).
pub const ORGANISATION: &str = "organisation";
/// A person's name.
pub const DISPLAY_NAME: &str = "display_name";
/// A person's address; a log-in refusal about the account itself.
pub const EMAIL: &str = "email";
/// The password, typed or chosen; a log-in refusal about the attempt.
pub const PASSWORD: &str = "password";
/// The page to go back to after logging in (log-in page's address and
/// form; the log-in function's argument of the same name).
pub const RETURN_TO: &str = "suite";
/// The password one has, to change it (profile).
pub const CURRENT_PASSWORD: &str = "current_password";
/// The password chosen instead (profile).
pub const NEW_PASSWORD: &str = "new_password";
/// The person an administrator acts on (members page).
pub const USER_ID: &str = "user_id";
/// The role of an invitation (members page).
pub const ROLE: &str = "role";
/// A person's service (profile).
pub const SERVICE: &str = "service";
/// The expertise domains a person holds (profile).
pub const DOMAINS: &str = "domains";
/// Available, busy or away (profile).
pub const AVAILABILITY: &str = "availability";
/// The last day of an absence (profile).
pub const AWAY_UNTIL: &str = "away_until";
