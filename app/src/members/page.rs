use super::CreateInvitation;
use crate::accounts::{use_viewer, LOGIN_PATH, SIGN_UP_PATH};
use crate::domain::accounts::{Member, Role};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::forms::{refused_submission, ErrorSummary};
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The organisation's members, and the invitation form. Administrators only:
/// the status is decided before anything streams.
#[component]
pub fn MembersPage() -> impl IntoView {
    let locale = use_locale();
    let title = format!(
        "{} — {}",
        t(locale, Key::MembersTitle),
        t(locale, Key::AppName)
    );
    let refusal = match use_viewer() {
        None => Some((http::StatusCode::UNAUTHORIZED, Key::NeedLogIn)),
        Some(me) if me.role != Role::Admin => Some((http::StatusCode::FORBIDDEN, Key::NeedAdmin)),
        Some(_) => None,
    };
    if let Some((status, message)) = refusal {
        set_status(status);
        return view! {
            <Title text=title />
            <h1>{t(locale, Key::MembersTitle)}</h1>
            <p>{t(locale, message)}</p>
            <p>
                <a href=LOGIN_PATH>{t(locale, Key::LogIn)}</a>
            </p>
        }
        .into_any();
    }
    let members = Resource::new(|| (), |_| super::list_members());
    let new_link = use_query_map().get_untracked().get("lien");
    view! {
        <Title text=title />
        <h1>{t(locale, Key::MembersTitle)}</h1>
        <InviteForm locale new_link />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                members.await.map(|list| view! { <MemberTable locale list /> })
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn InviteForm(locale: Locale, new_link: Option<String>) -> impl IntoView {
    let refused = refused_submission::<CreateInvitation>();
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
                    view! {
                        <div class="callout" role="status">
                            <p>{t(locale, Key::InviteCreated)}</p>
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
                            .map(|role| view! { <option value=role.as_str()>{t(locale, role.label())}</option> })}
                    </select>
                </div>
                <button type="submit" class="primary">{t(locale, Key::InviteSubmit)}</button>
            </form>
        </section>
    }
}

#[component]
fn MemberTable(locale: Locale, list: Vec<Member>) -> impl IntoView {
    view! {
        <table class="members">
            <caption>{t(locale, Key::MembersTitle)}</caption>
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
                    .into_iter()
                    .map(|m| {
                        view! {
                            <tr>
                                <td>{m.display_name}</td>
                                <td>{m.email}</td>
                                <td>{t(locale, m.role.label())}</td>
                                <td>{t(locale, if m.active { Key::MemberActive } else { Key::MemberInactive })}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
