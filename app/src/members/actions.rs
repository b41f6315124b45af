use super::{ApproveMember, ChangeRole, CreateResetLink, SetMemberActive};
use crate::domain::accounts::{Member, MemberStatus, Role};
use crate::i18n::{t, Key, Locale};
use crate::ui::forms::ConfirmBox;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What an administrator can do to one person, as plain forms: approve or
/// reject a request; change the role, send a new password link, deactivate
/// or reactivate an account.
#[component]
pub fn MemberActions(locale: Locale, member: Member) -> impl IntoView {
    match member.status {
        MemberStatus::Pending => view! {
            <ActionButton locale action={<ApproveMember as ServerFn>::PATH} id=member.id label=Key::Approve name=member.display_name.clone() />
            <SetActive locale member active=false label=Key::Reject consequence=Key::ConfirmReject />
        }
        .into_any(),
        MemberStatus::Active => view! {
            <RoleForm locale member=member.clone() />
            <ActionButton locale action={<CreateResetLink as ServerFn>::PATH} id=member.id label=Key::CreateResetLink name=member.display_name.clone() />
            <SetActive locale member active=false label=Key::Deactivate consequence=Key::ConfirmDeactivate />
        }
        .into_any(),
        MemberStatus::Deactivated => view! { <SetActive locale member active=true label=Key::Reactivate consequence=Key::ConfirmDeactivate /> }.into_any(),
        // Workshop guests are never listed among the members.
        MemberStatus::Guest => ().into_any(),
    }
}

/// A one-button form naming the person for screen readers.
#[component]
fn ActionButton(
    locale: Locale,
    action: &'static str,
    id: i64,
    label: Key,
    name: String,
) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline-form">
            <input type="hidden" name="user_id" value=id />
            <button type="submit">
                {t(locale, label)}
                <span class="visually-hidden">{format!(" {name}")}</span>
            </button>
        </form>
    }
}

#[component]
fn SetActive(
    locale: Locale,
    member: Member,
    active: bool,
    label: Key,
    /// What ticking the box agrees to (deactivating, or refusing a request).
    consequence: Key,
) -> impl IntoView {
    view! {
        <form method="post" action={<SetMemberActive as ServerFn>::PATH} class="inline-form">
            <input type="hidden" name="user_id" value=member.id />
            <input type="hidden" name="active" value=active.to_string() />
            {(!active).then(|| view! {
                <ConfirmBox id=format!("confirm-active-{}", member.id) consequence subject=member.display_name.clone() />
            })}
            <button type="submit">
                {t(locale, label)}
                <span class="visually-hidden">{format!(" {}", member.display_name)}</span>
            </button>
        </form>
    }
}

#[component]
fn RoleForm(locale: Locale, member: Member) -> impl IntoView {
    let select_id = format!("role-{}", member.id);
    view! {
        <form method="post" action={<ChangeRole as ServerFn>::PATH} class="inline-form">
            <input type="hidden" name="user_id" value=member.id />
            <label for=select_id.clone() class="visually-hidden">
                {format!("{} {}", t(locale, Key::RoleOf), member.display_name)}
            </label>
            <select id=select_id name="role">
                {Role::ALL
                    .iter()
                    .map(|&role| {
                        view! {
                            <option value=role.as_str() selected=role == member.role>
                                {t(locale, role.label())}
                            </option>
                        }
                    })
                    .collect::<Vec<_>>()}
            </select>
            <button type="submit">{t(locale, Key::ChangeRole)}</button>
        </form>
    }
}
