//! The organisation's settings, for its administrators: its name, the
//! e-mail domains that may ask to join, and its expertise domains.
mod api;
mod domains;
pub mod fields;
mod page;

pub use api::{
    add_domain, get_organisation_settings, rename_domain, retire_domain, update_organisation,
    AddDomain, GetOrganisationSettings, RenameDomain, RetireDomain, UpdateOrganisation,
};
pub use page::OrganisationPage;

pub const ORGANISATION_PATH: &str = "/admin/organisation";
