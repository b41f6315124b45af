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
    let cookies: Vec<_> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .collect();
    assert!(
        !cookies.iter().any(|c| c.starts_with("lang=")),
        "nothing changed: {cookies:?}"
    );
    let location = common::location(&response);
    assert!(
        location.contains("__ref=") && !location.contains("klingon"),
        "what was typed is kept on the server, not in the address: {location}"
    );
    let body = common::back(&app, &response, None).await;
    assert!(body.contains("Cette langue n’est pas disponible"), "{body}");
    assert!(body.contains("role=\"alert\""));
}

#[tokio::test]
async fn a_kept_refusal_opens_only_for_the_browser_that_sent_the_form() {
    let app = spawn_app().await;
    let response = post_form(&app, "lang=klingon", true).await;
    let refusal_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("demineurs_refusals="))
        .expect("a refusal cookie");
    assert!(
        refusal_cookie.contains("HttpOnly") && refusal_cookie.contains("SameSite=Lax"),
        "{refusal_cookie}"
    );
    // The address alone, copied or read over a shoulder, opens nothing.
    let elsewhere = common::page(&app, &common::location(&response), None).await;
    assert!(!elsewhere.contains("Cette langue n’est pas disponible"));
    let other_browser = common::page(
        &app,
        &common::location(&response),
        Some("demineurs_refusals=someone-else"),
    )
    .await;
    assert!(!other_browser.contains("Cette langue n’est pas disponible"));
}

#[tokio::test]
async fn an_address_made_elsewhere_cannot_fill_in_a_form_for_someone() {
    use base64::{engine::general_purpose::URL_SAFE, Engine};
    let app = spawn_app().await;
    let admin = common::set_up(&app).await;
    let mut planted = app::error::FormErrors::with_input([("title", "Texte glissé par un tiers")]);
    planted.add("title", app::i18n::Key::ErrRequired);
    let payload =
        URL_SAFE.encode(serde_json::to_vec(&app::error::AppError::Invalid(planted)).unwrap());
    let crafted = format!("/idees/nouvelle?__path=/api/create_idea&__err={payload}");
    let shown = common::page(&app, &crafted, Some(&admin)).await;
    assert!(
        shown.contains("role=\"alert\""),
        "its message still shows: {shown}"
    );
    assert!(!shown.contains("Texte glissé par un tiers"), "{shown}");
}

#[tokio::test]
async fn a_form_sent_after_a_refusal_goes_back_to_a_clean_page() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/set_language"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(
            header::REFERER,
            app.url("/?__path=/api/set_language&__ref=abc"),
        )
        .body("lang=en")
        .send()
        .await
        .unwrap();
    let location = common::location(&response);
    assert!(!location.contains("__ref"), "{location}");
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
