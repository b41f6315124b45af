#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The permission table: one row per server function, listed from Leptos'
//! registry, so a new server function without a row fails this test. Each
//! row says who may call the function and gives a call; the harness makes
//! that call as an anonymous visitor, a member and an administrator, and
//! checks that refused calls are refused for who they are and change nothing.
mod common;

use common::{spawn_app, TestApp, SETUP_TOKEN};
use reqwest::header;
use sea_orm::{ConnectionTrait, Statement};

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    /// Anyone, signed in or not (what it does needs no account, or its own secret).
    Anyone,
    /// Administrators of the caller's organisation.
    Admin,
}

struct Row {
    path: &'static str,
    access: Access,
    /// A URL-encoded call.
    sample: &'static str,
}

const TABLE: &[Row] = &[
    Row { path: "/api/set_language", access: Access::Anyone, sample: "lang=en" },
    Row {
        // The setup token is the secret, and only while setup is pending.
        path: "/api/complete_setup",
        access: Access::Anyone,
        sample: "token=wrong&organisation=Org&display_name=Admin&email=x%40org.fr&password=a+long+password",
    },
    Row { path: "/api/log_in", access: Access::Anyone, sample: "email=x%40org.fr&password=wrong+password" },
    Row { path: "/api/log_out", access: Access::Anyone, sample: "" },
    // The invitation token is the secret.
    Row { path: "/api/invitation_is_open", access: Access::Anyone, sample: "token=unknown" },
    Row {
        path: "/api/sign_up",
        access: Access::Anyone,
        sample: "token=unknown&display_name=X&email=y%40org.fr&password=a+long+password",
    },
    Row { path: "/api/list_members", access: Access::Admin, sample: "" },
    Row { path: "/api/create_invitation", access: Access::Admin, sample: "role=admin" },
    // The second person of the harness (the member) is user 2.
    Row { path: "/api/change_role", access: Access::Admin, sample: "user_id=2&role=member" },
    Row { path: "/api/set_member_active", access: Access::Admin, sample: "user_id=2&active=true" },
];

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

/// Row counts of every table: a refused call must leave them as they were.
async fn snapshot(app: &TestApp) -> Vec<(String, i64)> {
    let db = &app.db.db;
    let backend = db.get_database_backend();
    let tables = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        ))
        .await
        .unwrap();
    let mut counts = Vec::new();
    for row in tables {
        let name: String = row.try_get("", "name").unwrap();
        let count = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{name}\""),
            ))
            .await
            .unwrap()
            .unwrap();
        counts.push((name, count.try_get::<i64>("", "n").unwrap()));
    }
    counts
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

    for row in TABLE {
        for who in ["anonymous", "member", "admin"] {
            // A fresh session for each call: rows like log_out end the caller's.
            let cookie = match who {
                "anonymous" => None,
                _ => Some(log_in(&app, &format!("{who}%40org.fr")).await),
            };
            let before = snapshot(&app).await;
            let status = call(&app, row.path, row.sample, cookie.as_deref())
                .await
                .status();
            let expected_refusal = match (row.access, who) {
                (Access::Anyone, _) | (Access::Admin, "admin") => None,
                (Access::Admin, "anonymous") => Some(401),
                (Access::Admin, _) => Some(403),
            };
            match expected_refusal {
                Some(code) => {
                    assert_eq!(status.as_u16(), code, "{} as {who}", row.path);
                    assert_eq!(
                        snapshot(&app).await,
                        before,
                        "{} as {who} changed something",
                        row.path
                    );
                }
                None => assert!(
                    status != 401 && status != 403,
                    "{} as {who} refused with {status}",
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
