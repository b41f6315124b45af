use super::actions::MemberActions;
use super::{member_path, ApproveMember, CreateInvitation, SetMemberActive, MEMBERS_PATH};
use crate::accounts::{use_viewer, SIGN_UP_PATH};
use crate::domain::accounts::{Email, Member, MemberList, Role};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::profile::PROFILE_PATH;
use crate::ui::forms::{refused_submission, ErrorSummary, TextField};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::pager::Pager;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin/membres`: the invitation form, the requests to join waiting for
/// an answer, and the organisation's accounts, a page at a time, each
/// leading to its own page where it is managed. Administrators only: the
/// status is decided before anything streams.
#[component]
pub fn MembersPage() -> impl IntoView {
    let locale = use_locale();
    if let Some(refused) = refusal(Need::Admin, Key::MembersTitle) {
        return refused;
    }
    let title = page_title(Key::MembersTitle);
    let me_id = use_viewer().map(|me| me.id).unwrap_or_default();
    let query = use_query_map().get_untracked();
    let search = query.get("q").filter(|q| !q.trim().is_empty());
    let page = query.get("page").and_then(|p| p.parse::<u32>().ok());
    let asked = search.clone();
    let members = Resource::new(
        move || (asked.clone(), page),
        |(q, page)| super::list_members(q, page),
    );
    let new_link = query.get("lien");
    let sent = query.get(super::INVITE_SENT).is_some();
    // Answering a request is refused next to the page's title: the request
    // may be gone from the list already (answered twice, or by another
    // administrator).
    let refused =
        refused_submission::<ApproveMember>().or_else(refused_submission::<SetMemberActive>);
    view! {
        <Title text=title />
        <h1>{t(locale, Key::MembersTitle)}</h1>
        <ErrorSummary error=refused />
        <InviteForm locale new_link sent />
        <Suspense fallback=|| ()>
            {move || {
                let search = search.clone();
                Suspend::new(async move {
                    members
                        .await
                        .map(|list| {
                            view! {
                                <Requests locale requests=list.requests.clone() />
                                <Accounts locale list search me=me_id />
                            }
                        })
                })
            }}
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

/// The requests to join, each answered here: approved, or refused.
#[component]
fn Requests(locale: Locale, requests: Vec<Member>) -> impl IntoView {
    (!requests.is_empty()).then(|| {
        view! {
            <section aria-labelledby="requests">
                <h2 id="requests">{format!("{} ({})", t(locale, Key::JoinRequestsTitle), requests.len())}</h2>
                <table class="members" aria-labelledby="requests">
                    <thead>
                        <tr>
                            <th scope="col">{t(locale, Key::MembersName)}</th>
                            <th scope="col">{t(locale, Key::MembersEmail)}</th>
                            <th scope="col">{t(locale, Key::RequestAnswer)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {requests
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <tr>
                                        <th scope="row"><a href=member_path(m.id)>{m.display_name.clone()}</a></th>
                                        <td>
                                            {m.email.clone()}
                                            <p class="hint">{t(locale, Key::AddressUnproven)}</p>
                                        </td>
                                        <td><MemberActions locale member=m /></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
        }
    })
}

/// The organisation's accounts, found by name or address, a page at a
/// time; each name leads to the account's page (one's own, to the profile).
#[component]
fn Accounts(locale: Locale, list: MemberList, search: Option<String>, me: i64) -> impl IntoView {
    let count = match list.total {
        0 => t(locale, Key::NobodyFound).to_owned(),
        1 => t(locale, Key::OnePerson).to_owned(),
        n => format!("{n} {}", t(locale, Key::PeopleCount)),
    };
    let pages = Pager {
        path: MEMBERS_PATH,
        page: list.page,
        page_count: list.page_count,
        filters: search.iter().map(|q| ("q", q.clone())).collect(),
    };
    view! {
        <section aria-labelledby="accounts">
            <h2 id="accounts">{t(locale, Key::AccountsTitle)}</h2>
            <form method="get" action=MEMBERS_PATH class="filters" role="search">
                <div class="field">
                    <label for="filter-q">{t(locale, Key::MembersSearch)}</label>
                    <input id="filter-q" name="q" type="search" value=search.clone().unwrap_or_default() />
                </div>
                <button type="submit">{t(locale, Key::Filter)}</button>
                {search.is_some().then(|| view! { <a href=MEMBERS_PATH>{t(locale, Key::ClearFilters)}</a> })}
            </form>
            <p class="members-count">{count}</p>
            // No table at all when the search finds nobody.
            {(!list.members.is_empty()).then(|| view! {
                <table class="members" aria-labelledby="accounts">
                    <thead>
                        <tr>
                            <th scope="col">{t(locale, Key::MembersName)}</th>
                            <th scope="col">{t(locale, Key::MembersEmail)}</th>
                            <th scope="col">{t(locale, Key::MembersRole)}</th>
                            <th scope="col">{t(locale, Key::MembersStatus)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list
                            .members
                            .into_iter()
                            .map(|m| {
                                let (href, name) = if m.id == me {
                                    (PROFILE_PATH.to_owned(), format!("{} ({})", m.display_name, t(locale, Key::YouMark)))
                                } else {
                                    (member_path(m.id), m.display_name)
                                };
                                view! {
                                    <tr>
                                        <th scope="row"><a href=href>{name}</a></th>
                                        <td>{m.email}</td>
                                        <td>{t(locale, m.role.label())}</td>
                                        <td>{t(locale, m.status.label())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            })}
            {pages.view(locale)}
        </section>
    }
}
