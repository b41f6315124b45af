#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! `spawn_app`: the real router on port 0, a fresh database each time.
#![allow(dead_code)]

use app::backend::clock::SystemClock;
use app::backend::testing::TestDb;
use reqwest::header;
use server::config::Config;
use std::sync::Arc;

pub mod sse;
pub mod workshop;

/// The setup token of every test app.
pub const SETUP_TOKEN: &str = "test-setup-token-0123456789";

pub struct TestApp {
    pub address: String,
    pub db: TestDb,
    pub client: reqwest::Client,
    pub site_root: std::path::PathBuf,
    /// The SQL statements the app has run so far.
    pub statements: app::backend::db::StatementCount,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDb::sqlite().await).await
}

pub async fn spawn_app_on(db: TestDb) -> TestApp {
    spawn_app_with(db, |_| {}).await
}

/// An app whose configuration the test adjusts first.
pub async fn spawn_app_with(db: TestDb, adjust: impl FnOnce(&mut Config)) -> TestApp {
    // A site root holding one hashed asset, as cargo-leptos would build it.
    let site_root = tempfile::tempdir().expect("site root").keep();
    std::fs::create_dir_all(site_root.join("pkg")).expect("pkg");
    std::fs::write(
        site_root.join("pkg/demineurs.css"),
        "body{margin:0}".repeat(20),
    )
    .expect("css");
    std::fs::write(site_root.join("robots.txt"), "User-agent: *\n").expect("robots");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("addr"));
    let mut config = Config {
        database_url: db.url.clone(),
        bind: listener.local_addr().expect("addr"),
        public_url: address.clone(),
        site_root: site_root.clone(),
        log: "warn".into(),
        setup_token: Some(SETUP_TOKEN.into()),
        trusted_proxies: Vec::new(),
        max_guests_per_workshop: 300,
        sqlite_synchronous: "full".into(),
        // No sender runs in these tests (only `server::run` starts one):
        // messages stay queued in the database.
        smtp_url: None,
        mail_from: None,
        mail_dir: site_root.join("unused-mail"),
    };
    adjust(&mut config);
    let state = server::start(&config, Arc::new(SystemClock))
        .await
        .expect("start");
    let statements = state.statements.clone();
    let router = server::routes::router(state);
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    // A response that never comes fails its test in seconds, naming the
    // request, instead of holding CI until its time limit.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client");
    TestApp {
        address,
        db,
        client,
        site_root,
        statements,
    }
}

// What a browser without JavaScript does.

pub const PASSWORD: &str = "une phrase de passe solide";

/// A form posted from the home page.
pub async fn post(
    app: &TestApp,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    post_from(app, "/", path, body, cookie).await
}

/// A form posted from `page`: a refusal redirects back there.
pub async fn post_from(
    app: &TestApp,
    page: &str,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url(page))
        .body(body.to_owned());
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

pub async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> String {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap().text().await.unwrap()
}

/// The `name=value` of the session cookie a response sets.
pub fn session_cookie(response: &reqwest::Response) -> String {
    let set = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("demineurs_session="))
        .expect("a session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    set.split(';').next().unwrap().to_owned()
}

/// The admin invites a member, who signs up: the member's session cookie.
pub async fn invite_and_sign_up(app: &TestApp, admin: &str, name: &str, email: &str) -> String {
    let invited = post(app, "/api/create_invitation", "role=member", Some(admin)).await;
    let location = invited.headers()[header::LOCATION].to_str().unwrap();
    let token = location.split("lien=").nth(1).unwrap().to_owned();
    let body =
        format!("token={token}&display_name={name}&email={email}&password=une+autre+phrase+solide");
    session_cookie(&post(app, "/api/sign_up", &body, None).await)
}

pub fn setup_body(token: &str) -> String {
    format!(
        "token={token}&organisation=Ville+de+Lille&display_name=Camille+Martin&email=camille%40lille.fr&password={}",
        PASSWORD.replace(' ', "+")
    )
}

/// The set-up organisation takes requests to join from `lille.fr`
/// addresses (asked for four domains).
pub async fn open_to_lille(app: &TestApp, admin: &str) {
    post(
        app,
        "/api/update_organisation",
        "name=Ville+de+Lille&email_domains=lille.fr&domains_needed=4",
        Some(admin),
    )
    .await;
}

pub async fn set_up(app: &TestApp) -> String {
    let response = post(app, "/api/complete_setup", &setup_body(SETUP_TOKEN), None).await;
    assert_eq!(response.status(), 302);
    session_cookie(&response)
}

/// Where a response redirects, as a path on the app (a refused form goes
/// back to the absolute address of the page it came from).
pub fn location(response: &reqwest::Response) -> String {
    let to = response.headers()[header::LOCATION].to_str().unwrap();
    match to.find("://") {
        Some(scheme) => {
            let rest = &to[scheme + 3..];
            rest[rest.find('/').unwrap_or(rest.len())..].to_owned()
        }
        None => to.to_owned(),
    }
}

pub async fn status_of(app: &TestApp, path: &str, cookie: Option<&str>) -> u16 {
    let mut request = app.client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap().status().as_u16()
}

/// Whether a plain form was refused: it goes back to its page with the
/// refusal, in the address (`__err`, messages only) or kept on the server
/// (`__ref`, when it echoes what was typed).
pub fn refused(response: &reqwest::Response) -> bool {
    let to = location(response);
    to.contains("__err=") || to.contains("__ref=")
}

/// The page a refused form goes back to, as the browser that sent it sees
/// it: with its cookies, and the refusal cookie the response set, if any.
pub async fn back(app: &TestApp, response: &reqwest::Response, cookie: Option<&str>) -> String {
    let refusal_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("demineurs_refusals="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    let cookies: Vec<String> = cookie
        .map(str::to_owned)
        .into_iter()
        .chain(refusal_cookie)
        .collect();
    let cookies = cookies.join("; ");
    page(
        app,
        &location(response),
        (!cookies.is_empty()).then_some(cookies.as_str()),
    )
    .await
}

/// Whether a response signs someone in (sets a session cookie).
pub fn signs_in(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|c| {
            c.to_str()
                .is_ok_and(|c| c.starts_with("demineurs_session="))
        })
}

/// The id of the account named `name`, from the link to its page on the
/// members list.
pub fn member_id(list: &str, name: &str) -> String {
    let before = list
        .split(&format!("\">{name}</a>"))
        .next()
        .unwrap_or_default();
    let id = before.rsplit("/admin/membres/").next().unwrap_or_default();
    assert!(
        id.parse::<i64>().is_ok(),
        "no link to {name}'s page: {list}"
    );
    id.to_owned()
}
