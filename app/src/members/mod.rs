//! Member administration: who is in the organisation, and inviting people.
mod api;
mod page;

pub use api::{create_invitation, list_members, CreateInvitation, ListMembers};
pub use page::MembersPage;

pub const MEMBERS_PATH: &str = "/admin/membres";
