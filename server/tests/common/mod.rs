#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! `spawn_app`: the real router on port 0, a fresh database each time.
#![allow(dead_code)]

use app::backend::clock::SystemClock;
use app::backend::testing::TestDb;
use server::config::Config;
use std::sync::Arc;

/// The setup token of every test app.
pub const SETUP_TOKEN: &str = "test-setup-token-0123456789";

pub struct TestApp {
    pub address: String,
    pub db: TestDb,
    pub client: reqwest::Client,
    pub site_root: std::path::PathBuf,
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
    let config = Config {
        database_url: db.url.clone(),
        bind: listener.local_addr().expect("addr"),
        public_url: address.clone(),
        site_root: site_root.clone(),
        log: "warn".into(),
        setup_token: Some(SETUP_TOKEN.into()),
    };
    let state = server::start(&config, Arc::new(SystemClock))
        .await
        .expect("start");
    let router = server::routes::router(state);
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        address,
        db,
        client,
        site_root,
    }
}
