//! The names of the organisation settings' fields, shared by the page that
//! draws them, the functions that read them and the refusals that point at
//! them.

/// The organisation's name (settings form).
pub const NAME: &str = "name";
/// The e-mail domains that may ask to join (settings form).
pub const EMAIL_DOMAINS: &str = "email_domains";
/// N of the maturity rule (settings form).
pub const DOMAINS_NEEDED: &str = "domains_needed";
/// An expertise domain's name (add and rename forms).
pub const DOMAIN_NAME: &str = "name";
/// The expertise domain renamed.
pub const DOMAIN_ID: &str = "domain_id";
