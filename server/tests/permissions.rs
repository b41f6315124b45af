#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The permission table: one row per server function, listed from Leptos'
//! registry, so a new server function without a row fails this test. Each
//! row says who may call the function and gives a call; the harness makes
//! that call as an anonymous visitor, a member, an administrator and the
//! administrator of another organisation, and checks that refused calls are
//! refused for who they are and change nothing.
mod common;

use app::domain::accounts::{DisplayName, Email, NewPassword, OrganisationName};
use common::{spawn_app, TestApp, SETUP_TOKEN};
use reqwest::header;
use sea_orm::{ConnectionTrait, Statement};

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    /// Anyone, signed in or not (what it does needs no account, or its own secret).
    Anyone,
    /// Anyone signed in, on their own account.
    SignedIn,
    /// Administrators, on their own organisation (the sample names nothing
    /// of another).
    Admin,
    /// Administrators of the first organisation: the sample names one of its
    /// records, so another organisation's administrator gets 404.
    AdminOf,
    /// People of the first organisation (the sample names one of its ideas).
    MemberOf,
    /// The idea's authors (the first administrator wrote idea 1).
    AuthorOf,
    /// The person invited to co-author idea 1 (the member, invited by the
    /// `invite_coauthor` row just before).
    Invitee,
    /// The writer of contribution 1 (the member), before the reveal: to
    /// anyone else, even the idea's author, it does not exist (404).
    WriterOf,
    /// Those who may facilitate workshop 1 (the administrator, author of
    /// idea 1); a guest has no account (401).
    Facilitator,
    /// People in workshop 1: the member (who joined) and a guest; the
    /// administrator did not join (403).
    Participant,
    /// People in workshop 1 and the device holding its console (the
    /// administrator, who started it): grouping duplicates.
    InRoomOrConsole,
    /// Readers of workshop 1's record: people of the first organisation
    /// (who may see idea 1) and the workshop's guests.
    RecordOf,
}

struct Row {
    path: &'static str,
    access: Access,
    /// A URL-encoded call.
    sample: &'static str,
    /// What each caller the row allows gets, exactly: the call succeeds, or
    /// is refused as a form (422) for a reason the row's comments give.
    ok: Ok,
}

/// The status of an allowed call: the same for every caller, or one each.
enum Ok {
    All(u16),
    Each(&'static [(&'static str, u16)]),
}

impl Ok {
    fn for_caller(&self, who: &str) -> u16 {
        match self {
            Ok::All(status) => *status,
            Ok::Each(each) => each
                .iter()
                .find(|(w, _)| *w == who)
                .map(|(_, s)| *s)
                .unwrap_or_else(|| panic!("no outcome for {who}")),
        }
    }
}

// The harness's people: 1 the first administrator, 2 a member of the same
// organisation, 3 the administrator of another organisation. Domains 1 to 11
// are the first organisation's.
const TABLE: &[Row] = &[
    Row { path: "/api/set_language", access: Access::Anyone, sample: "lang=en", ok: Ok::All(200) },
    Row {
        // The setup token is the secret, and only while setup is pending.
        path: "/api/complete_setup",
        access: Access::Anyone,
        sample: "token=wrong&organisation=Org&display_name=Admin&email=x%40org.fr&password=a+long+password",
        ok: Ok::All(422),
    },
    Row { path: "/api/log_in", access: Access::Anyone, sample: "email=x%40org.fr&password=wrong+password", ok: Ok::All(422) },
    Row { path: "/api/log_out", access: Access::Anyone, sample: "", ok: Ok::All(200) },
    // The invitation token is the secret.
    Row { path: "/api/invitation_is_open", access: Access::Anyone, sample: "token=unknown", ok: Ok::All(200) },
    Row {
        path: "/api/sign_up",
        access: Access::Anyone,
        sample: "token=unknown&display_name=X&email=y%40org.fr&password=a+long+password",
        ok: Ok::All(404),
    },
    // Nothing opens before an administrator approves.
    Row {
        path: "/api/request_account",
        access: Access::Anyone,
        sample: "display_name=X&email=y%40closed.fr&password=a+long+password",
        ok: Ok::All(422),
    },
    // The reset token is the secret.
    Row { path: "/api/reset_link_is_open", access: Access::Anyone, sample: "token=unknown", ok: Ok::All(200) },
    Row { path: "/api/reset_password", access: Access::Anyone, sample: "token=unknown&password=a+long+password", ok: Ok::All(404) },
    // The same answer whether or not the address has an account.
    Row { path: "/api/forgot_password", access: Access::Anyone, sample: "email=nobody%40org.fr", ok: Ok::All(200) },
    Row { path: "/api/get_profile", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    Row { path: "/api/get_desk", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    Row { path: "/api/get_mail_settings", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    Row { path: "/api/save_mail_settings", access: Access::SignedIn, sample: "digest_every=weekly&round_closed=never", ok: Ok::All(200) },
    // The signature is the secret: a wrong one names nothing.
    Row { path: "/api/unsubscribe_link_is_good", access: Access::Anyone, sample: "u=1&k=digest&s=AAAA", ok: Ok::All(200) },
    Row { path: "/api/update_profile", access: Access::SignedIn, sample: "display_name=Renamed&service=DSI", ok: Ok::All(200) },
    // A wrong current password: refused next to it, nothing changes.
    Row {
        path: "/api/change_password",
        access: Access::SignedIn,
        sample: "current_password=wrong+password&new_password=a+long+new+password",
        ok: Ok::All(422),
    },
    Row { path: "/api/list_members", access: Access::Admin, sample: "", ok: Ok::All(200) },
    Row { path: "/api/get_member", access: Access::AdminOf, sample: "id=2", ok: Ok::All(200) },
    Row { path: "/api/create_invitation", access: Access::Admin, sample: "role=admin", ok: Ok::All(200) },
    Row { path: "/api/change_role", access: Access::AdminOf, sample: "user_id=2&role=member", ok: Ok::All(200) },
    Row { path: "/api/set_member_active", access: Access::AdminOf, sample: "user_id=2&active=true", ok: Ok::All(200) },
        // The member is active already: a conflict, nothing changes.
Row { path: "/api/approve_member", access: Access::AdminOf, sample: "user_id=2", ok: Ok::All(409) },
    Row { path: "/api/create_reset_link", access: Access::AdminOf, sample: "user_id=2", ok: Ok::All(200) },
    Row { path: "/api/get_organisation_settings", access: Access::Admin, sample: "", ok: Ok::All(200) },
    Row { path: "/api/update_organisation", access: Access::Admin, sample: "name=Renamed&email_domains=&domains_needed=3", ok: Ok::All(200) },
    Row { path: "/api/add_domain", access: Access::Admin, sample: "name=Nouvelle", ok: Ok::All(200) },
    Row { path: "/api/rename_domain", access: Access::AdminOf, sample: "domain_id=1&name=Juridique+2", ok: Ok::All(200) },
    Row { path: "/api/retire_domain", access: Access::AdminOf, sample: "domain_id=2&confirm=oui", ok: Ok::All(200) },
    Row { path: "/api/list_ideas", access: Access::SignedIn, sample: "q=v%C3%A9lo", ok: Ok::All(200) },
    Row {
        path: "/api/create_idea",
        access: Access::SignedIn,
        sample: "request_id=0b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&title=Titre&problem=Constat",
        ok: Ok::All(200),
    },
    Row { path: "/api/get_idea", access: Access::MemberOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row { path: "/api/compare_versions", access: Access::MemberOf, sample: "idea_id=1&from=1&to=1", ok: Ok::All(200) },
    Row { path: "/api/idea_form", access: Access::AuthorOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row {
        // An old revision: the author is refused with 422, changing nothing.
        path: "/api/save_idea",
        access: Access::AuthorOf,
        sample: "request_id=1b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&idea_id=1&revision=0&title=T&problem=P&proposal=&beneficiaries=&help_sought=&tags=",
        ok: Ok::All(422),
    },
    Row { path: "/api/publish_idea", access: Access::AuthorOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row { path: "/api/invite_coauthor", access: Access::AuthorOf, sample: "idea_id=1&user_id=2", ok: Ok::All(200) },
    Row { path: "/api/answer_coauthor_invitation", access: Access::Invitee, sample: "idea_id=1&accept=false", ok: Ok::All(200) },
    // Rounds, in the order of a round's life: round 1 of idea 1 is live
    // (no deadline); the member writes mines 1 and 2 (the administrator,
    // its author, may not post mines); mine 1 is withdrawn before the reveal.
    Row { path: "/api/get_rounds", access: Access::MemberOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row {
        path: "/api/open_round",
        access: Access::AuthorOf,
        sample: "request_id=3b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&idea_id=1&focus=Quoi&mode=live&deadline=&invitees=",
        ok: Ok::All(200),
    },
    Row {
        path: "/api/contribute",
        access: Access::MemberOf,
        sample: "request_id=4b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&idea_id=1&round_id=1&kind=mine&domain_id=1&severity=blocking&body=Secret+du+membre&link=&answers=",
        ok: Ok::Each(&[("member", 200), ("admin", 422)]),
    },
    Row {
        path: "/api/contribute",
        access: Access::MemberOf,
        sample: "request_id=7b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&idea_id=1&round_id=1&kind=mine&domain_id=1&severity=watch&body=Secret+du+membre&link=&answers=",
        ok: Ok::Each(&[("member", 200), ("admin", 422)]),
    },
    Row { path: "/api/get_rounds", access: Access::MemberOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row { path: "/api/get_contribution", access: Access::WriterOf, sample: "contribution_id=1", ok: Ok::All(200) },
    Row {
        path: "/api/edit_contribution",
        access: Access::WriterOf,
        sample: "idea_id=1&contribution_id=1&kind=mine&domain_id=1&severity=serious&body=Secret+du+membre&link=&answers=",
        ok: Ok::All(200),
    },
    Row { path: "/api/withdraw_contribution", access: Access::WriterOf, sample: "contribution_id=1&confirm=oui", ok: Ok::All(200) },
        // Domain 2 was retired by the row above: refused as a form.
Row { path: "/api/call_domain", access: Access::AuthorOf, sample: "idea_id=1&round_id=1&domain_id=2", ok: Ok::All(422) },
        // The member renamed themself (update_profile above): no colleague of that name.
Row { path: "/api/invite_to_round", access: Access::AuthorOf, sample: "idea_id=1&round_id=1&invitees=Member", ok: Ok::All(422) },
        // A live round has no deadline to extend.
Row { path: "/api/extend_round", access: Access::AuthorOf, sample: "idea_id=1&round_id=1&deadline=2026-12-24T10%3A00", ok: Ok::All(422) },
    Row { path: "/api/reveal_round", access: Access::AuthorOf, sample: "idea_id=1&round_id=1&confirm=oui", ok: Ok::All(200) },
    // The member cannot endorse their own mine (422), the administrator can.
    Row { path: "/api/endorse", access: Access::MemberOf, sample: "contribution_id=2", ok: Ok::Each(&[("member", 422), ("admin", 200)]) },
    Row { path: "/api/reply", access: Access::MemberOf, sample: "request_id=5b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&contribution_id=2&body=Oui", ok: Ok::All(200) },
    Row {
        path: "/api/triage_mine",
        access: Access::AuthorOf,
        sample: "request_id=6b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&contribution_id=2&triage=accepted&workaround_id=&workaround_text=&note=Assum%C3%A9&owner=&due=",
        ok: Ok::All(200),
    },
    Row {
        path: "/api/propose_workaround",
        access: Access::MemberOf,
        sample: "request_id=aa7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&contribution_id=2&body=Une+piste",
        ok: Ok::All(200),
    },
    Row { path: "/api/hide_contribution", access: Access::AdminOf, sample: "contribution_id=2&reason=Hors+sujet&confirm=oui", ok: Ok::All(200) },
    Row { path: "/api/close_round", access: Access::AuthorOf, sample: "round_id=1&synthesis=Bilan&next_step=", ok: Ok::All(200) },
        // Closed by the row above: no longer open.
Row { path: "/api/cancel_round", access: Access::AuthorOf, sample: "idea_id=1&round_id=1&confirm=oui", ok: Ok::All(422) },
    Row { path: "/api/set_outcome", access: Access::AuthorOf, sample: "idea_id=1&outcome=parked&note=", ok: Ok::All(200) },
    Row { path: "/api/get_fiche", access: Access::MemberOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row { path: "/api/get_notifications", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    Row { path: "/api/mark_notifications_read", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    Row { path: "/api/get_recognition", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    // The directory: one's own organisation's people only.
    Row { path: "/api/get_directory", access: Access::SignedIn, sample: "q=a&domain=1&available_only=true", ok: Ok::All(200) },
    Row { path: "/api/get_person", access: Access::MemberOf, sample: "id=1", ok: Ok::All(200) },
    Row { path: "/api/name_suggestions", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    // The dashboard: leads and administrators count their organisation,
    // others their own ideas; nobody another organisation's.
    Row { path: "/api/dashboard_overview", access: Access::SignedIn, sample: "du=2026-01-01&etape=graine", ok: Ok::All(200) },
    Row { path: "/api/dashboard_coverage", access: Access::SignedIn, sample: "casquette=1&page=2", ok: Ok::All(200) },
    Row { path: "/api/dashboard_mines", access: Access::SignedIn, sample: "", ok: Ok::All(200) },
    Row { path: "/api/dashboard_delays", access: Access::SignedIn, sample: "service=DSI", ok: Ok::All(200) },
    // The mine library: everyone reads it; leads and administrators of the
    // organisation curate it. No mine is readable in this world any more
    // (contribution 1 withdrawn, 2 hidden): curating finds nothing (404),
    // after the rights were checked (403 for a member).
    Row { path: "/api/get_mine_library", access: Access::SignedIn, sample: "domain=1&page=1", ok: Ok::All(200) },
    Row { path: "/api/get_mine_suggestions", access: Access::MemberOf, sample: "idea_id=1", ok: Ok::All(200) },
    Row { path: "/api/file_mines", access: Access::AdminOf, sample: "mines%5B%5D=1&known_mine_id=&name=Donn%C3%A9es+personnelles", ok: Ok::All(404) },
    Row { path: "/api/unfile_mine", access: Access::AdminOf, sample: "known_mine_id=1&mine_id=1", ok: Ok::All(404) },
    Row { path: "/api/rename_known_mine", access: Access::AdminOf, sample: "known_mine_id=1&name=RGPD", ok: Ok::All(404) },
    Row { path: "/api/mark_workaround", access: Access::AdminOf, sample: "known_mine_id=1&workaround_id=3&proven=1", ok: Ok::All(404) },
    Row { path: "/api/forget_known_mine", access: Access::AdminOf, sample: "known_mine_id=1&confirm=oui", ok: Ok::All(404) },
    // Search: anyone signed in, within what they may read.
    Row { path: "/api/search", access: Access::SignedIn, sample: "q=covoiturage&kind=idees&page=1", ok: Ok::All(200) },
    // Workshops: round 2 of idea 1 is live; its workshop 1 is started from
    // the first administrator's console (each call here comes from a fresh
    // session: console actions get 422, the console being elsewhere). The
    // member joins right after; a guest joins afresh for each call. A
    // wrong code is refused to anyone (422, or 429 once guessing is limited).
    Row {
        path: "/api/open_round",
        access: Access::AuthorOf,
        sample: "request_id=8b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&idea_id=1&focus=En+atelier&mode=live&deadline=&domains%5B%5D=1&invitees=",
        ok: Ok::All(200),
    },
    Row { path: "/api/start_workshop", access: Access::Facilitator, sample: "round_id=2", ok: Ok::All(200) },
    Row { path: "/api/join_workshop", access: Access::Anyone, sample: "code=ZZZZZZ&name=Lou", ok: Ok::All(422) },
    Row { path: "/api/workshop_phone", access: Access::Participant, sample: "workshop_id=1", ok: Ok::All(200) },
    Row { path: "/api/workshop_board", access: Access::Facilitator, sample: "workshop_id=1", ok: Ok::All(200) },
    Row { path: "/api/workshop_console", access: Access::Facilitator, sample: "workshop_id=1", ok: Ok::All(200) },
    // Before the reveal: the counts only, to everyone who may read it.
    Row { path: "/api/workshop_record", access: Access::RecordOf, sample: "workshop_id=1", ok: Ok::All(200) },
    Row { path: "/api/set_joining", access: Access::Facilitator, sample: "workshop_id=1&open=true", ok: Ok::All(422) },
    Row { path: "/api/set_dots", access: Access::Facilitator, sample: "workshop_id=1&dots=4", ok: Ok::All(422) },
    Row { path: "/api/deal_cards", access: Access::Facilitator, sample: "workshop_id=1", ok: Ok::All(422) },
    Row { path: "/api/workshop_timer", access: Access::Facilitator, sample: "workshop_id=1&action=plus1", ok: Ok::All(422) },
    Row { path: "/api/next_phase", access: Access::Facilitator, sample: "workshop_id=1&from=pitch&minutes=", ok: Ok::All(422) },
    Row {
        path: "/api/post_live",
        access: Access::Participant,
        sample: "request_id=9b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&workshop_id=1&started_in=writing&kind=question&domain_id=&severity=&body=Pourquoi",
        ok: Ok::All(422),
    },
    Row { path: "/api/place_dot", access: Access::Participant, sample: "workshop_id=1&contribution_id=1&add=true", ok: Ok::All(422) },
    // Refused as a form: the workshop takes no grouping step.
    Row { path: "/api/group_live", access: Access::InRoomOrConsole, sample: "workshop_id=1&duplicate=1&under=2&from=phone", ok: Ok::All(422) },
    Row { path: "/api/ungroup_live", access: Access::InRoomOrConsole, sample: "workshop_id=1&duplicate=1&from=console", ok: Ok::All(422) },
    Row { path: "/api/hide_live", access: Access::Facilitator, sample: "workshop_id=1&contribution_id=1&reason=Hors+sujet&confirm=oui", ok: Ok::All(422) },
    Row { path: "/api/remove_participant", access: Access::Facilitator, sample: "workshop_id=1&participant_id=1", ok: Ok::All(422) },
    // Refused as a form: the console is held elsewhere, or nothing is revealed yet.
    Row { path: "/api/show_on_board", access: Access::Facilitator, sample: "workshop_id=1&page=1", ok: Ok::All(422) },
    Row { path: "/api/take_console", access: Access::Facilitator, sample: "workshop_id=1", ok: Ok::All(200) },
    Row { path: "/api/end_workshop", access: Access::Facilitator, sample: "workshop_id=1&confirm=oui", ok: Ok::All(422) },
];

/// The status a caller must get, `None` when the call is theirs to make.
fn expected_refusal(access: Access, who: &str) -> Option<u16> {
    use Access::Participant;
    match (access, who) {
        (Access::Anyone, _) => None,
        (Participant | Access::RecordOf | Access::InRoomOrConsole, "guest") => None,
        (Access::InRoomOrConsole, "member") => None,
        (_, "anonymous" | "guest") => Some(401),
        (Participant, "admin") => Some(403),
        (Participant, "member") => None,
        (Access::WriterOf, "admin" | "outsider") => Some(404),
        (Access::WriterOf, _) => None,
        (Access::SignedIn, _) => None,
        (_, "outsider") if access != Access::Admin => Some(404),
        (Access::MemberOf | Access::RecordOf, _) | (Access::Invitee, "member") => None,
        (Access::Invitee, _) | (_, "member") => Some(403),
        _ => None,
    }
}

fn registered() -> Vec<String> {
    let _ = <app::settings::SetLanguage as leptos::server_fn::ServerFn>::PATH;
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect()
}

#[test]
fn every_server_function_has_a_row_and_every_row_a_server_function() {
    let registered = registered();
    assert!(
        !registered.is_empty(),
        "the registry lists no server function"
    );
    for path in &registered {
        assert!(
            TABLE.iter().any(|r| r.path == path),
            "no permission row for {path}"
        );
    }
    for row in TABLE {
        assert!(
            registered.iter().any(|p| p == row.path),
            "row for unknown function {}",
            row.path
        );
    }
}

#[test]
fn no_server_function_answers_get() {
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        assert_ne!(method, http::Method::GET, "{path} answers GET");
    }
}

async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.to_owned());
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

fn cookie_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|c| c.starts_with("demineurs_session="))
        .expect("session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

async fn log_in(app: &TestApp, email: &str) -> String {
    let body = format!("email={email}&password=a+long+password");
    cookie_of(&call(app, "/api/log_in", &body, None).await)
}

/// The content of every table: a refused call must leave it as it was.
async fn snapshot(app: &TestApp) -> Vec<(String, Vec<String>)> {
    let db = &app.db.db;
    let backend = db.get_database_backend();
    let query = |sql: String| db.query_all_raw(Statement::from_string(backend, sql));
    let tables = query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name".into())
        .await
        .unwrap();
    let mut content = Vec::new();
    for table in tables {
        let name: String = table.try_get("", "name").unwrap();
        let columns = query(format!("SELECT name FROM pragma_table_info('{name}')"))
            .await
            .unwrap()
            .iter()
            .map(|c| format!("quote(\"{}\")", c.try_get::<String>("", "name").unwrap()))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows = query(format!(
            "SELECT {columns} AS r FROM \"{name}\" ORDER BY rowid"
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "r").unwrap())
        .collect();
        content.push((name, rows));
    }
    content
}

/// The join code of workshop 1 while it runs.
async fn workshop_code(app: &TestApp) -> Option<String> {
    let db = &app.db.db;
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT code FROM workshops WHERE id = 1 AND code IS NOT NULL",
    ))
    .await
    .unwrap()
    .map(|row| row.try_get::<String>("", "code").unwrap())
}

/// A fresh guest's cookie in workshop 1, once it exists (before, a guest
/// is a visitor like any other). Joins from its own address, so that the
/// rows' wrong codes do not limit it.
async fn guest_of_workshop(app: &TestApp) -> Option<String> {
    use app::backend::workshops::joining::{join, Joiner};
    let code = workshop_code(app).await?;
    let joiner = Joiner::Guest {
        name: app::domain::accounts::DisplayName::parse("Invitée").ok(),
        token: None,
    };
    let joined = join(
        &app::backend::ctx::Ctx::new(&app.db.db, &app::backend::clock::SystemClock),
        "192.0.2.10",
        &code,
        joiner,
    )
    .await
    .unwrap();
    Some(format!("demineurs_guest={}", joined.guest_token.unwrap()))
}

#[tokio::test]
async fn each_row_holds_for_anonymous_members_and_administrators() {
    let app = spawn_app().await;
    let setup = format!(
        "token={SETUP_TOKEN}&organisation=Org&display_name=Admin&email=admin%40org.fr&password=a+long+password"
    );
    let admin = cookie_of(&call(&app, "/api/complete_setup", &setup, None).await);
    assert!(!admin.is_empty());
    let invited = call(&app, "/api/create_invitation", "role=member", Some(&admin)).await;
    let location = invited.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let token = location.split("lien=").nth(1).unwrap().to_owned();
    let signed_up = call(
        &app,
        "/api/sign_up",
        &format!(
            "token={token}&display_name=Member&email=member%40org.fr&password=a+long+password"
        ),
        None,
    )
    .await;
    let joined = signed_up.status();
    assert!(
        joined.is_success() || joined.is_redirection(),
        "the member signed up: {joined}"
    );

    // Idea 1, published by the first administrator.
    let key = "request_id=2b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e";
    let posted = call(
        &app,
        "/api/create_idea",
        &format!("{key}&title=Vélos&problem=Constat"),
        Some(&admin),
    )
    .await;
    assert!(
        posted.status().is_redirection() || posted.status().is_success(),
        "{}",
        posted.status()
    );
    let published = call(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    assert!(published.status().is_redirection() || published.status().is_success());

    // Another organisation on the same instance, with its administrator.
    app::backend::organisations::create(
        &app.db.db,
        &app::backend::clock::SystemClock,
        app::backend::organisations::NewOrganisation {
            organisation: OrganisationName::parse("Other").unwrap(),
            display_name: DisplayName::parse("Outsider").unwrap(),
            email: Email::parse("outsider@other.fr").unwrap(),
            password: NewPassword::parse("a long password").unwrap(),
        },
    )
    .await
    .unwrap();

    let mut revealed = false;
    for row in TABLE {
        revealed |= row.path == "/api/endorse";
        for who in ["anonymous", "member", "admin", "outsider", "guest"] {
            // A fresh session for each call: rows like log_out end the caller's.
            let cookie = match who {
                "anonymous" => None,
                "guest" => guest_of_workshop(&app).await,
                "outsider" => Some(log_in(&app, "outsider%40other.fr").await),
                _ => Some(log_in(&app, &format!("{who}%40org.fr")).await),
            };
            let before = snapshot(&app).await;
            let response = call(&app, row.path, row.sample, cookie.as_deref()).await;
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            // Silent writing: until the reveal, no answer to anyone but its
            // writer carries an unrevealed contribution, not even a list the
            // author may read (a refused form echoes its own input: 422).
            if !revealed && who != "member" && status != 422 {
                assert!(
                    !body.contains("Secret du membre"),
                    "{} as {who} leaked",
                    row.path
                );
            }
            if row.path == "/api/start_workshop" && who == "admin" {
                // The member joins the workshop the administrator started.
                let code = workshop_code(&app).await.expect("a workshop");
                let member = log_in(&app, "member%40org.fr").await;
                let joined = call(
                    &app,
                    "/api/join_workshop",
                    &format!("code={code}&name="),
                    Some(&member),
                )
                .await;
                assert!(
                    joined.status().is_redirection() || joined.status().is_success(),
                    "{}",
                    joined.status()
                );
            }
            match expected_refusal(row.access, who) {
                Some(code) => {
                    assert_eq!(status.as_u16(), code, "{} as {who}", row.path);
                    assert_eq!(
                        snapshot(&app).await,
                        before,
                        "{} as {who} changed something",
                        row.path
                    );
                }
                None => assert_eq!(
                    status.as_u16(),
                    row.ok.for_caller(who),
                    "{} as {who}",
                    row.path
                ),
            }
        }
    }
}

#[tokio::test]
async fn every_server_function_refuses_a_cross_site_post() {
    let app = spawn_app().await;
    for path in registered() {
        let row = TABLE.iter().find(|r| r.path == path).expect("a row");
        let response = app
            .client
            .post(app.url(&path))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(row.sample)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path}");
    }
}
