//! An organisation's settings as its administrators edit them, and the
//! profile its people fill in: expertise domains, service, e-mail domains.

use super::accounts::parse_text;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// The expertise domains ("casquettes") a new organisation starts with
/// (PRODUCT.md's glossary). They are the organisation's data from then on.
pub const DEFAULT_DOMAINS: [&str; 11] = [
    "Juridique",
    "Finances",
    "RH",
    "Numérique & SI",
    "Données & RGPD",
    "Achats & marchés publics",
    "Usagers & terrain",
    "Communication",
    "Élus",
    "Accessibilité",
    "Environnement",
];

/// One expertise domain of an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertiseDomain {
    pub id: i64,
    pub name: String,
}

/// A domain's name: 1 to 60 characters, shown on cards and map cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainName(String);

impl DomainName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<DomainName, Key> {
        parse_text(raw, Self::MAX_CHARS).map(DomainName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The person's service ("Direction des routes, service travaux"); optional.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceName(String);

impl ServiceName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<ServiceName, Key> {
        if raw.trim().is_empty() {
            return Ok(ServiceName(String::new()));
        }
        parse_text(raw, Self::MAX_CHARS).map(ServiceName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The e-mail domains whose addresses may ask to join (an administrator
/// approves each request): `isere.fr`, one per line or separated by commas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmailDomains(Vec<String>);

impl EmailDomains {
    pub const MAX_DOMAINS: usize = 20;

    pub fn parse(raw: &str) -> Result<EmailDomains, Key> {
        let mut domains: Vec<String> = Vec::new();
        for piece in raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
            let domain = piece.trim().trim_start_matches('@').to_lowercase();
            if domain.is_empty() {
                continue;
            }
            let valid = domain.len() <= 253
                && domain.contains('.')
                && !domain.starts_with(['.', '-'])
                && !domain.ends_with(['.', '-'])
                && !domain.contains("..")
                && domain
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
            if !valid {
                return Err(Key::ErrEmailDomainInvalid);
            }
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        if domains.len() > Self::MAX_DOMAINS {
            return Err(Key::ErrTooLong);
        }
        Ok(EmailDomains(domains))
    }

    /// As stored: comma-separated.
    pub fn from_stored(stored: &str) -> EmailDomains {
        EmailDomains::parse(stored).unwrap_or_default()
    }

    pub fn to_stored(&self) -> String {
        self.0.join(",")
    }

    pub fn contains(&self, domain: &str) -> bool {
        self.0.iter().any(|d| d == domain)
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// What the profile page shows: the person's details, and every domain of
/// the organisation with whether they hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub display_name: String,
    pub email: String,
    pub service: String,
    pub offered: Vec<ExpertiseDomain>,
    pub held: Vec<i64>,
    pub availability: super::directory::Availability,
    /// The absence's last day as a date input takes it (`2026-12-24`), or
    /// empty.
    pub away_until: String,
}

/// What the organisation page shows to its administrators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSettings {
    pub name: String,
    pub email_domains: Vec<String>,
    pub domains: Vec<ExpertiseDomain>,
    /// N of the maturity rule: domains to cover before "déminée".
    pub domains_needed: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_domains_are_normalised_and_checked() {
        let parsed = EmailDomains::parse(" @Isere.fr, isere.fr\nville-grenoble.fr ;").unwrap();
        assert_eq!(parsed.as_slice(), ["isere.fr", "ville-grenoble.fr"]);
        assert_eq!(parsed.to_stored(), "isere.fr,ville-grenoble.fr");
        assert!(parsed.contains("isere.fr"));
        assert!(EmailDomains::parse("").unwrap().as_slice().is_empty());
        for bad in ["isere", "<b>x.fr</b>", "a..fr", "-a.fr", "a.fr."] {
            assert_eq!(
                EmailDomains::parse(bad),
                Err(Key::ErrEmailDomainInvalid),
                "{bad}"
            );
        }
        let many = (0..21).map(|i| format!("d{i}.fr")).collect::<Vec<_>>();
        assert_eq!(EmailDomains::parse(&many.join(",")), Err(Key::ErrTooLong));
    }

    #[test]
    fn service_is_optional_but_bounded() {
        assert_eq!(ServiceName::parse("  ").unwrap().as_str(), "");
        assert_eq!(ServiceName::parse(&"s".repeat(121)), Err(Key::ErrTooLong));
        assert_eq!(DomainName::parse(" "), Err(Key::ErrRequired));
        assert_eq!(DomainName::parse(&"d".repeat(61)), Err(Key::ErrTooLong));
    }

    #[test]
    fn every_default_domain_is_a_valid_name() {
        for name in DEFAULT_DOMAINS {
            assert!(DomainName::parse(name).is_ok(), "{name}");
        }
    }
}
