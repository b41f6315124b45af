//! People and organisations: roles and the rules their input must follow.
//! "Parse, don't validate": a value of these types is always acceptable.

use super::rounds::stored_enum;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// What a person may do in their organisation, from least to most. On
    /// the server a user's or an invitation's `role` holds it.
    Role {
        Member => ("member", RoleMember),
        Facilitator => ("facilitator", RoleFacilitator),
        Lead => ("lead", RoleLead),
        Admin => ("admin", RoleAdmin),
    }
}

/// Who is signed in, as pages and server functions see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: i64,
    pub organisation_name: String,
}

/// A person as the member list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub status: MemberStatus,
}

/// The members page: the requests to join waiting for an administrator
/// (all of them, first), and one page of the other accounts, filtered by
/// part of a name or address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberList {
    pub requests: Vec<Member>,
    pub members: Vec<Member>,
    /// Accounts matching the search, on every page.
    pub total: u32,
    pub page: u32,
    pub page_count: u32,
}

impl MemberList {
    /// Accounts shown on one page: a table light enough for a phone.
    pub const PAGE_SIZE: u32 = 25;
}

stored_enum! {
    /// Where an account stands: active; pending (asked to join from an
    /// address of the organisation, an administrator has to approve it);
    /// deactivated; or a workshop guest, who joined by the workshop's link
    /// without an account, never signs in and is never listed among the
    /// members (see `backend::workshops::joining`): where a page marks one
    /// (a workshop's authors), its label is the guest mark.
    MemberStatus {
        Active => ("active", MemberActive),
        Pending => ("pending", MemberPending),
        Deactivated => ("deactivated", MemberInactive),
        Guest => ("guest", GuestMark),
    }
}

/// Trims, and refuses empty, too long or control characters.
pub(crate) fn parse_text(raw: &str, max_chars: usize) -> Result<String, Key> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Key::ErrRequired);
    }
    if text.chars().count() > max_chars {
        return Err(Key::ErrTooLong);
    }
    if text
        .chars()
        .any(|c| c.is_control() || is_direction_override(c))
    {
        return Err(Key::ErrInvisibleCharacters);
    }
    Ok(text.to_owned())
}

/// Characters that silently reorder the text around them (bidirectional
/// embeddings, overrides and isolates): in a name or a title they can make
/// it read as something else, so they are refused.
pub(crate) fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A person's name as shown to others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(raw: &str) -> Result<DisplayName, Key> {
        parse_text(raw, Self::MAX_CHARS).map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organisation's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationName(String);

impl OrganisationName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<OrganisationName, Key> {
        parse_text(raw, Self::MAX_CHARS).map(OrganisationName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, lower-cased: the login of a local account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Email, Key> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(Key::ErrRequired);
        }
        if email.chars().count() > Self::MAX_CHARS {
            return Err(Key::ErrTooLong);
        }
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Email(email))
        } else {
            Err(Key::ErrEmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.split_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

/// A new password: 12 characters at least (ANSSI's advice for passwords
/// alone), 128 at most so that hashing stays cheap.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<NewPassword, Key> {
        let n = raw.chars().count();
        if n == 0 {
            Err(Key::ErrRequired)
        } else if n < Self::MIN_CHARS {
            Err(Key::ErrPasswordTooShort)
        } else if n > Self::MAX_CHARS {
            Err(Key::ErrTooLong)
        } else {
            Ok(NewPassword(raw.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Never print a password, even in a debug log.
impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// `raw` when it is a page of this site to go back to after logging in:
/// a path starting with one `/` (`//host` and `/\host` name another site
/// to a browser), printable ASCII only (it becomes a `Location` header,
/// where anything else could not stand), not too long. Anything else is
/// nowhere: the log-in then leads home.
pub fn return_path(raw: &str) -> Option<&str> {
    let safe = raw.starts_with('/')
        && !raw.starts_with("//")
        && raw.len() <= 2000
        && raw.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    safe.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_are_ordered_by_power() {
        for &role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert!(
            Role::Admin > Role::Lead
                && Role::Lead > Role::Facilitator
                && Role::Facilitator > Role::Member
        );
        assert_eq!(Role::parse("root"), None);
    }

    /// The words already in the database: renaming one would orphan rows.
    #[test]
    fn stored_words_stay_the_same() {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(roles, ["member", "facilitator", "lead", "admin"]);
        let statuses: Vec<&str> = MemberStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(statuses, ["active", "pending", "deactivated", "guest"]);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_word_stored_is_the_word_named() {
        use sea_orm::ActiveEnum;
        for role in Role::ALL {
            assert_eq!(role.to_value(), role.as_str());
        }
        for status in MemberStatus::ALL {
            assert_eq!(status.to_value(), status.as_str());
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            DisplayName::parse("  Camille  ").unwrap().as_str(),
            "Camille"
        );
        assert_eq!(DisplayName::parse("   "), Err(Key::ErrRequired));
        assert_eq!(DisplayName::parse(&"é".repeat(81)), Err(Key::ErrTooLong));
        assert!(DisplayName::parse(&"é".repeat(80)).is_ok());
        assert_eq!(
            DisplayName::parse("a\u{0}b"),
            Err(Key::ErrInvisibleCharacters)
        );
        assert_eq!(
            DisplayName::parse("abc\u{202E}fdp.exe"),
            Err(Key::ErrInvisibleCharacters)
        );
        assert!(DisplayName::parse("Zoé 🚲 Ünal").is_ok());
        assert!(OrganisationName::parse("Département de l’Isère").is_ok());
    }

    #[test]
    fn emails_are_lower_cased_and_checked() {
        let email = Email::parse(" Camille.Martin@Isere.FR ").unwrap();
        assert_eq!(email.as_str(), "camille.martin@isere.fr");
        assert_eq!(email.domain(), "isere.fr");
        for bad in [
            "camille",
            "@isere.fr",
            "camille@",
            "camille@isere",
            "a b@isere.fr",
            "a@b@c.fr",
            "a@.fr",
        ] {
            assert_eq!(Email::parse(bad), Err(Key::ErrEmailInvalid), "{bad}");
        }
        assert_eq!(Email::parse(""), Err(Key::ErrRequired));
    }

    #[test]
    fn passwords_need_twelve_characters_and_never_show() {
        assert_eq!(NewPassword::parse("short"), Err(Key::ErrPasswordTooShort));
        assert_eq!(NewPassword::parse(""), Err(Key::ErrRequired));
        let ok = NewPassword::parse("douze-caractères").unwrap();
        assert_eq!(format!("{ok:?}"), "NewPassword(***)");
        assert_eq!(NewPassword::parse(&"x".repeat(129)), Err(Key::ErrTooLong));
    }

    #[test]
    fn the_log_in_goes_back_only_to_a_page_of_this_site() {
        for ok in [
            "/",
            "/rejoindre/K7P2QX",
            "/idees/3?tour=1&page=2#contribution-4",
        ] {
            assert_eq!(return_path(ok), Some(ok));
        }
        for refused in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "/a\\b",
            "javascript:alert(1)",
            "/idées",
            "/a b",
            "/a\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(return_path(refused), None, "{refused:?}");
        }
        assert_eq!(return_path(&format!("/{}", "a".repeat(2000))), None);
    }
}
