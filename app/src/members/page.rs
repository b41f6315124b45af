use super::actions::MemberActions;
use super::{ApproveMember, ChangeRole, CreateInvitation, CreateResetLink, SetMemberActive};
use crate::accounts::{use_viewer, RESET_PATH, SIGN_UP_PATH};
use crate::domain::accounts::{Email, Member, MemberStatus, Role};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::{page_title, refusal, Need};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The organisation's members, and the invitation form. Administrators only:
/// the status is decided before anything streams.
#[component]
pub fn MembersPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::Admin, Key::MembersTitle) {
        return refused;
    }
    let title = page_title(Key::MembersTitle);
    let me_id = use_viewer().map(|me| me.id).unwrap_or_default();
    let members = Resource::new(|| (), |_| super::list_members());
    let query = use_query_map().get_untracked();
    let new_link = query.get("lien");
    let sent = query.get(super::INVITE_SENT).is_some();
    let reset_link = query.get("reinit");
    view! {
        <Title text=title />
        <h1>{t(locale, Key::MembersTitle)}</h1>
        <ResetLinkNotice locale reset_link />
        <InviteForm locale new_link sent />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                members.await.map(|list| view! { <MemberTable locale list me=me_id /> })
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn InviteForm(locale: Locale, new_link: Option<String>, sent: bool) -> impl IntoView {
    let refused = refused_submission::<CreateInvitation>();
    let errors = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let public_url = use_context::<crate::accounts::PublicUrl>()
        .map(|u| u.0)
        .unwrap_or_default();
    view! {
        <section aria-labelledby="invite">
            <h2 id="invite">{t(locale, Key::InviteTitle)}</h2>
            <p>{t(locale, Key::InviteIntro)}</p>
            {new_link
                .map(|token| {
                    let link = format!("{public_url}{SIGN_UP_PATH}/{token}");
                    let said = if sent { Key::InviteSent } else { Key::InviteCreated };
                    view! {
                        <div class="callout" role="status">
                            <p>{t(locale, said)}</p>
                            <p>
                                <code class="invite-link">{link}</code>
                            </p>
                        </div>
                    }
                })}
            <ErrorSummary error=refused />
            <form method="post" action={<CreateInvitation as ServerFn>::PATH} class="stack-form">
                <div class="field">
                    <label for="field-role">{t(locale, Key::InviteRole)}</label>
                    <select id="field-role" name="role">
                        {Role::ALL
                            .iter()
                            .map(|&role| view! { <option value=role.as_str()>{t(locale, role.label())}</option> })
                            .collect::<Vec<_>>()}
                    </select>
                </div>
                <TextField name=crate::accounts::fields::EMAIL label=Key::InviteEmail kind="email" errors=errors max_len=Email::MAX_CHARS hint=Key::InviteEmailHint />
                <button type="submit" class="primary">{t(locale, Key::InviteSubmit)}</button>
            </form>
        </section>
    }
}

#[component]
fn MemberTable(locale: Locale, list: Vec<Member>, me: i64) -> impl IntoView {
    let refused = refused_submission::<ChangeRole>()
        .or_else(refused_submission::<SetMemberActive>)
        .or_else(refused_submission::<ApproveMember>)
        .or_else(refused_submission::<CreateResetLink>);
    view! {
        <ErrorSummary error=refused />
        <table class="members">
            <caption>{t(locale, Key::MembersTitle)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(locale, Key::MembersName)}</th>
                    <th scope="col">{t(locale, Key::MembersEmail)}</th>
                    <th scope="col">{t(locale, Key::MembersRole)}</th>
                    <th scope="col">{t(locale, Key::MembersStatus)}</th>
                    <th scope="col">{t(locale, Key::MembersActions)}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|m| {
                        let actions = (m.id != me).then(|| view! { <MemberActions locale member=m.clone() /> });
                        view! {
                            <tr>
                                <td>{m.display_name}</td>
                                <td>
                                    {m.email}
                                    {(m.status == MemberStatus::Pending)
                                        .then(|| view! { <p class="hint">{t(locale, Key::AddressUnproven)}</p> })}
                                </td>
                                <td>{t(locale, m.role.label())}</td>
                                <td>{t(locale, m.status.label())}</td>
                                <td>{actions}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The password reset link just made, shown once.
#[component]
fn ResetLinkNotice(locale: Locale, reset_link: Option<String>) -> impl IntoView {
    let public_url = use_context::<crate::accounts::PublicUrl>()
        .map(|u| u.0)
        .unwrap_or_default();
    reset_link.map(|token| {
        let link = format!("{public_url}{RESET_PATH}/{token}");
        view! {
            <div class="callout" role="status">
                <p>{t(locale, Key::ResetLinkCreated)}</p>
                <p>
                    <code class="reset-link">{link}</code>
                </p>
            </div>
        }
    })
}
