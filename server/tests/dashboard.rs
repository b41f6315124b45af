#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The dashboard over HTTP: its pages without JavaScript, the filters in
//! the address, the CSV and JSON downloads (a title that a spreadsheet
//! would run as a formula comes out as text).
mod common;

use common::{invite_and_sign_up, page, post, set_up, spawn_app, status_of};
use reqwest::header;

const KEY: &str = "0f6c2c0e-8a0b-4c5e-9f1d-3b2a1c0d9e8f";
const KEY_2: &str = "6e1d3c2b-7a9f-4e8d-b1c0-5f4e3d2c1b0a";

#[tokio::test]
async fn the_dashboard_draws_its_figures_and_exports_them_inert() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Anne", "anne%40lille.fr").await;
    post(
        &app,
        "/api/create_idea",
        &format!(
            "request_id={KEY}&title=%3DHYPERLINK(%22http%3A%2F%2Fx%22)&problem=Parkings+pleins"
        ),
        Some(&admin),
    )
    .await;
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    post(
        &app,
        "/api/open_round",
        &format!("request_id={KEY_2}&idea_id=1&focus=Quoi&mode=live&deadline=&invitees="),
        Some(&admin),
    )
    .await;
    post(
        &app,
        "/api/reveal_round",
        "idea_id=1&round_id=1&confirm=oui",
        Some(&admin),
    )
    .await;

    let overview = page(&app, "/tableau-de-bord", Some(&admin)).await;
    assert!(
        overview.contains("<h2 id=\"funnel-title\">Idées par étape et par issue</h2>"),
        "{overview}"
    );
    assert!(
        overview.contains("role=\"img\" aria-labelledby=\"funnel-title\" class=\"chart\""),
        "{overview}"
    );
    assert!(overview.contains("1 idée(s) publiée(s) comptée(s)"));
    let filtered = page(
        &app,
        "/tableau-de-bord/couverture?etape=prete",
        Some(&admin),
    )
    .await;
    assert!(
        filtered.contains("0 idée(s) publiée(s) comptée(s)"),
        "{filtered}"
    );
    assert!(
        filtered.contains("href=\"/tableau-de-bord.csv?etape=prete\""),
        "the export keeps the filters"
    );
    let coverage = page(&app, "/tableau-de-bord/couverture", Some(&admin)).await;
    assert!(coverage.contains("Couverture des casquettes, idée par idée"));
    assert!(coverage.contains("&quot;http://x&quot;") || coverage.contains("=HYPERLINK("));
    for path in ["/tableau-de-bord/mines", "/tableau-de-bord/delais"] {
        assert_eq!(status_of(&app, path, Some(&admin)).await, 200, "{path}");
    }
    let theirs = page(&app, "/tableau-de-bord", Some(&member)).await;
    assert!(
        theirs.contains("La maturité de vos idées"),
        "a member sees their own ideas"
    );
    assert!(theirs.contains("0 idée(s) publiée(s) comptée(s)"));

    assert_eq!(status_of(&app, "/tableau-de-bord.csv", None).await, 401);
    let csv = app
        .client
        .get(app.url("/tableau-de-bord.csv"))
        .header(header::COOKIE, &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(
        csv.headers()[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(csv.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let text = csv.text().await.unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(!text.contains("\"=HYPERLINK"), "never a live formula");

    let json = app
        .client
        .get(app.url("/tableau-de-bord.json?etape=graine"))
        .header(header::COOKIE, &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(json.headers()[header::CONTENT_TYPE], "application/json");
    let data: serde_json::Value = serde_json::from_str(&json.text().await.unwrap()).unwrap();
    assert_eq!(data["frame"]["ideas"], 1);
    assert_eq!(data["filters"]["stage"], "Seed");
    assert_eq!(
        data["coverage"]["rows"][0]["title"],
        "=HYPERLINK(\"http://x\")"
    );
}
