#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Pages over real HTTP: status codes, language, headers, caching, compression.
mod common;

use common::{page, set_up, spawn_app};
use reqwest::header;

#[tokio::test]
async fn the_home_page_answers_200_in_french_by_default() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("<html lang=\"fr\""), "{body}");
    assert!(body.contains("Déminer une idée avant qu’elle ne devienne un projet"));
    assert!(body.contains("Aller au contenu"));
}

#[tokio::test]
async fn an_unknown_address_answers_404_with_a_french_page() {
    let app = spawn_app().await;
    let response = app.get("/nulle-part/ici").await;
    assert_eq!(response.status(), 404);
    let body = response.text().await.unwrap();
    assert!(body.contains("Page introuvable"), "{body}");
    assert!(body.contains("Revenir à l’accueil"));
}

#[tokio::test]
async fn the_browser_language_or_the_language_cookie_picks_english() {
    let app = spawn_app().await;
    let by_header = app
        .client
        .get(app.url("/"))
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(by_header
        .text()
        .await
        .unwrap()
        .contains("De-mine an idea before it becomes a project"));
    let by_cookie = app
        .client
        .get(app.url("/"))
        .header(header::ACCEPT_LANGUAGE, "fr")
        .header(header::COOKIE, "lang=en")
        .send()
        .await
        .unwrap();
    let body = by_cookie.text().await.unwrap();
    assert!(body.contains("<html lang=\"en\""), "{body}");
}

#[tokio::test]
async fn pages_carry_a_nonce_csp_matching_their_script_and_the_usual_headers() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let h = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(h("x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(h("x-frame-options").as_deref(), Some("DENY"));
    assert_eq!(h("referrer-policy").as_deref(), Some("same-origin"));
    assert_eq!(h("cache-control").as_deref(), Some("private, no-store"));
    assert!(h("permissions-policy").is_some());
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "script nonce differs from the CSP"
    );
    let again = app.get("/").await;
    let csp_again = again.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(!csp_again.contains(&nonce), "a nonce must never be reused");
}

#[tokio::test]
async fn pages_are_compressed_with_brotli_or_gzip() {
    let app = spawn_app().await;
    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(app.url("/"))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[tokio::test]
async fn assets_are_cached_for_a_year_but_a_missing_one_is_not() {
    let app = spawn_app().await;
    let found = app.get("/pkg/demineurs.css").await;
    assert_eq!(found.status(), 200);
    assert_eq!(
        found.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let missing = app.get("/pkg/nothing.js").await;
    assert_eq!(missing.status(), 404);
    assert_ne!(
        missing.headers().get(header::CACHE_CONTROL).unwrap(),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn files_of_the_site_root_are_served() {
    let app = spawn_app().await;
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status(), 200);
    assert!(robots.text().await.unwrap().contains("User-agent"));
}

#[tokio::test]
async fn health_reports_a_reachable_database() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_and_a_french_page_whether_or_not_it_gave_its_length() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let huge = format!("request_id=x&title={}", "a".repeat(3 * 1024 * 1024));
    let announced = app
        .client
        .post(app.url("/api/create_idea"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &admin)
        .body(huge.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(announced.status(), 413);
    let said = announced.text().await.unwrap();
    assert!(said.contains("Envoi trop volumineux"), "{said}");
    // Streamed, without a length: refused all the same.
    let chunks = futures::stream::iter(
        huge.into_bytes()
            .chunks(64 * 1024)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let streamed = app
        .client
        .post(app.url("/api/create_idea"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &admin)
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    assert_eq!(streamed.status(), 413);
    // Nothing was saved, and the server still answers.
    let list = page(&app, "/idees", Some(&admin)).await;
    assert!(!list.contains("aaaaaaaaaa"), "{list}");
}

#[tokio::test]
async fn a_refusal_never_sends_a_megabyte_back() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    // Just under the body limit, in a field of 200 characters at most: the
    // refusal comes back with the title cut to 20,000 characters.
    let long = "b".repeat(900 * 1024);
    let refused = app
        .client
        .post(app.url("/api/create_idea"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &admin)
        .body(format!("request_id=x&title={long}&problem=Parkings+pleins"))
        .send()
        .await
        .unwrap();
    let status = refused.status();
    let body = refused.text().await.unwrap();
    assert_eq!(status, 422, "{}", &body[..body.len().min(500)]);
    assert!(body.len() < 30_000, "{} bytes sent back", body.len());
}
