//! Member administration: who is in the organisation, and inviting people.
mod actions;
mod api;
mod member_page;
mod page;

pub use api::{
    approve_member, change_role, create_invitation, create_reset_link, get_member, list_members,
    set_member_active, ApproveMember, ChangeRole, CreateInvitation, CreateResetLink, GetMember,
    ListMembers, SetMemberActive,
};
pub use member_page::MemberPage;
pub use page::MembersPage;

pub const MEMBERS_PATH: &str = "/admin/membres";

/// One account's page, where an administrator manages it.
pub fn member_path(id: i64) -> String {
    format!("{MEMBERS_PATH}/{id}")
}

/// Set on the page an invitation sent by e-mail comes back to.
const INVITE_SENT: &str = "envoye";
