use super::actions::MemberActions;
use super::{
    get_member, ApproveMember, ChangeRole, CreateResetLink, SetMemberActive, MEMBERS_PATH,
};
use crate::accounts::{use_viewer, RESET_PATH};
use crate::domain::accounts::{Member, MemberStatus};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary};
use crate::ui::guard::{path_id, refusal, Need};
use crate::ui::raw_text::escape_raw_text;
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin/membres/<id>`: one account, and what an administrator can do
/// to it: change its role, hand over a new password link, deactivate or
/// reactivate it (a request to join is answered here too). Administrators
/// only; their own account is changed by another administrator.
#[component]
pub fn MemberPage() -> impl IntoView {
    if let Some(refused) = refusal(Need::Admin, Key::MembersTitle) {
        return refused;
    }
    let id = path_id("id");
    let member = Resource::new(move || id, get_member);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match member.await {
                    Ok(member) => view! { <Account member /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Account(member: Member) -> impl IntoView {
    let locale = use_locale();
    let mine = use_viewer().is_some_and(|me| me.id == member.id);
    let refused = refused_submission::<ChangeRole>()
        .or_else(refused_submission::<SetMemberActive>)
        .or_else(refused_submission::<ApproveMember>)
        .or_else(refused_submission::<CreateResetLink>);
    let reset_link = use_query_map().get_untracked().get("reinit");
    view! {
        // A name is typed by its person: escaped, as <title> holds raw text.
        <Title text=format!("{} — {}", escape_raw_text(&member.display_name), t(locale, Key::AppName)) />
        <p><a href=MEMBERS_PATH>{t(locale, Key::BackToMembers)}</a></p>
        <h1>{member.display_name.clone()}</h1>
        <ResetLinkNotice locale reset_link />
        <crate::ui::guard::SavedNotice />
        <dl class="person-facts">
            <dt>{t(locale, Key::MembersEmail)}</dt>
            <dd>
                {member.email.clone()}
                {(member.status == MemberStatus::Pending)
                    .then(|| view! { <p class="hint">{t(locale, Key::AddressUnproven)}</p> })}
            </dd>
            <dt>{t(locale, Key::MembersRole)}</dt>
            <dd>{t(locale, member.role.label())}</dd>
            <dt>{t(locale, Key::MembersStatus)}</dt>
            <dd>{t(locale, member.status.label())}</dd>
        </dl>
        <section aria-labelledby="manage">
            <h2 id="manage">{t(locale, Key::MembersActions)}</h2>
            <ErrorSummary error=refused />
            {if mine {
                view! { <p>{t(locale, Key::ErrOwnAccount)}</p> }.into_any()
            } else {
                view! { <MemberActions locale member /> }.into_any()
            }}
        </section>
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
