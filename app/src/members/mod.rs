//! Member administration: who is in the organisation, and inviting people.
mod actions;
mod api;
mod page;

pub use api::{
    approve_member, change_role, create_invitation, create_reset_link, list_members,
    set_member_active, ApproveMember, ChangeRole, CreateInvitation, CreateResetLink, ListMembers,
    SetMemberActive,
};
pub use page::MembersPage;

pub const MEMBERS_PATH: &str = "/admin/membres";

/// Set on the page an invitation sent by e-mail comes back to.
const INVITE_SENT: &str = "envoye";
