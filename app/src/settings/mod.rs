//! Personal settings: the interface language (no account needed), and a
//! member's e-mail (what comes at once, in the digest, or never; one-click
//! unsubscribe without signing in).
mod api;
mod language_switch;
mod mail_api;
mod mail_page;
mod unsubscribe_page;

pub use api::{set_language, SetLanguage};
pub use language_switch::LanguageSwitch;
pub use mail_api::{
    get_mail_settings, save_mail_settings, unsubscribe_link_is_good, GetMailSettings,
    SaveMailSettings, UnsubscribeLinkIsGood,
};
pub use mail_page::MailSettingsPage;
pub use unsubscribe_page::UnsubscribePage;

/// A member's e-mail settings.
pub const MAIL_SETTINGS_PATH: &str = "/reglages/courriels";
/// Where a message's unsubscribe link leads (the page, and the address
/// mail clients post to).
pub const UNSUBSCRIBE_PATH: &str = "/desabonnement";
/// The unsubscribe page's parameter once done (its value: what was stopped).
pub const UNSUBSCRIBED: &str = "fait";
/// The digest's rhythm (settings form).
pub const DIGEST_EVERY: &str = "digest_every";
