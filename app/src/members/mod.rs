//! Member administration: who is in the organisation, and inviting people.
mod api;
mod page;

pub use api::{
    change_role, create_invitation, list_members, set_member_active, ChangeRole, CreateInvitation,
    ListMembers, SetMemberActive,
};
pub use page::MembersPage;

pub const MEMBERS_PATH: &str = "/admin/membres";
