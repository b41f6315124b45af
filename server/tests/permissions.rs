#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The permission table: one row per server function, listed from Leptos'
//! registry, so a new server function without a row fails this test. Each
//! row says who may call the function and gives a valid call; the harness
//! makes that call as each kind of caller and checks the answer.
mod common;

use common::spawn_app;
use reqwest::header;

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    /// Anyone, signed in or not (it touches only the caller's browser).
    Anyone,
}

struct Row {
    path: &'static str,
    access: Access,
    /// A valid, URL-encoded call.
    sample: &'static str,
}

/// Rows run in this order against one app: setup first, so that the
/// log-in sample has an account to use.
const TABLE: &[Row] = &[
    Row {
        path: "/api/set_language",
        access: Access::Anyone,
        sample: "lang=en",
    },
    Row {
        // Anyone who holds the setup token, while setup is pending.
        path: "/api/complete_setup",
        access: Access::Anyone,
        sample: "token=test-setup-token-0123456789&organisation=Org&display_name=Admin&email=admin%40org.fr&password=a+long+password",
    },
    Row {
        path: "/api/log_in",
        access: Access::Anyone,
        sample: "email=admin%40org.fr&password=a+long+password",
    },
    Row {
        path: "/api/log_out",
        access: Access::Anyone,
        sample: "",
    },
];

#[test]
fn every_server_function_has_a_row_and_every_row_a_server_function() {
    // Touch the app crate so its server functions are registered.
    let _ = app::settings::SetLanguage::PATH;
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
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

#[tokio::test]
async fn each_row_holds_for_an_anonymous_caller() {
    let app = spawn_app().await;
    for row in TABLE {
        let response = app
            .client
            .post(app.url(row.path))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(row.sample)
            .send()
            .await
            .unwrap();
        match row.access {
            Access::Anyone => assert!(
                response.status().is_success() || response.status().is_redirection(),
                "{}: {}",
                row.path,
                response.status()
            ),
        }
    }
}

#[tokio::test]
async fn every_server_function_refuses_a_cross_site_post() {
    let app = spawn_app().await;
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        let row = TABLE.iter().find(|r| r.path == path).expect("a row");
        let response = app
            .client
            .post(app.url(path))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(row.sample)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path}");
    }
}

use leptos::server_fn::ServerFn as _;
