#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The no-JavaScript form pattern over HTTP, through the language switch.
mod common;

use common::spawn_app;
use reqwest::header;

async fn post_form(app: &common::TestApp, body: &str, accept_html: bool) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/api/set_language"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::REFERER, app.url("/"))
        .body(body.to_owned());
    if accept_html {
        request = request.header(header::ACCEPT, "text/html,application/xhtml+xml");
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn a_plain_form_post_sets_the_language_and_comes_back_to_the_page() {
    let app = spawn_app().await;
    let response = post_form(&app, "lang=en", true).await;
    assert_eq!(response.status(), 302);
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert_eq!(location.trim_end_matches('?'), app.url("/"));
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "http public URL: no Secure flag"
    );
}

#[tokio::test]
async fn a_refused_plain_form_comes_back_with_its_french_message() {
    let app = spawn_app().await;
    let response = post_form(&app, "lang=klingon", true).await;
    assert_eq!(response.status(), 302);
    assert!(
        response.headers().get(header::SET_COOKIE).is_none(),
        "nothing changed"
    );
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.contains("__err="), "{location}");
    let page = app.client.get(&location).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(body.contains("Cette langue n’est pas disponible"), "{body}");
    assert!(body.contains("role=\"alert\""));
}

#[tokio::test]
async fn a_refused_call_from_javascript_gets_422_and_the_field_errors() {
    let app = spawn_app().await;
    let response = post_form(&app, "lang=klingon", false).await;
    assert_eq!(response.status(), 422);
    let error: app::error::AppError =
        serde_json::from_str(&response.text().await.unwrap()).unwrap();
    let form = error.form_errors().unwrap();
    assert_eq!(
        form.message_for("lang"),
        Some(app::i18n::Key::ErrUnknownLanguage)
    );
    assert_eq!(
        form.value_of("lang"),
        Some("klingon"),
        "the typed input comes back"
    );
}
