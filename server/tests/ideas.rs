#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Ideas over HTTP, as a browser without JavaScript posts them: repeated
//! submissions act once, refused forms come back with their text, markup
//! stays inert, and only authors edit.
mod common;

use common::{
    back, invite_and_sign_up, location, page, post, post_from, set_up, spawn_app, status_of,
    TestApp,
};
use reqwest::header;
use sea_orm::{ConnectionTrait, Statement};

async fn count(app: &TestApp, sql: &str) -> i64 {
    let db = &app.db.db;
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// The hidden `request_id` of the form a page shows.
fn request_id(html: &str) -> String {
    html.split("name=\"request_id\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

const STEP_ONE: &str = "title=V%C3%A9los+de+service&problem=Trop+de+voitures";

#[tokio::test]
async fn the_same_submission_twice_at_once_acts_once_and_two_submissions_twice() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let key = request_id(&page(&app, "/idees/nouvelle", Some(&admin)).await);
    let body = format!("request_id={key}&{STEP_ONE}");
    let (a, b) = tokio::join!(
        post(&app, "/api/create_idea", &body, Some(&admin)),
        post(&app, "/api/create_idea", &body, Some(&admin)),
    );
    assert_eq!(location(&a), "/idees/1/modifier?etape=2");
    assert_eq!(location(&b), "/idees/1/modifier?etape=2");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas").await, 1);

    // Step two, "Publier" pressed twice: one publication, one version.
    let form = page(&app, "/idees/1/modifier?etape=2", Some(&admin)).await;
    assert!(form.contains("Étape 2 sur 2"));
    let publish = format!(
        "request_id={}&idea_id=1&revision=1&{STEP_ONE}&proposal=Des+v%C3%A9los&beneficiaries=&help_sought=&tags=mobilit%C3%A9&publish=1",
        request_id(&form)
    );
    let (a, b) = tokio::join!(
        post(&app, "/api/save_idea", &publish, Some(&admin)),
        post(&app, "/api/save_idea", &publish, Some(&admin)),
    );
    assert_eq!(location(&a), "/idees/1");
    assert_eq!(location(&b), "/idees/1");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM ideas WHERE status = 'published'"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_versions").await, 1);

    // Two different submissions make two ideas.
    for _ in 0..2 {
        let key = request_id(&page(&app, "/idees/nouvelle", Some(&admin)).await);
        post(
            &app,
            "/api/create_idea",
            &format!("request_id={key}&{STEP_ONE}"),
            Some(&admin),
        )
        .await;
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas").await, 3);
}

#[tokio::test]
async fn a_refused_form_keeps_its_text_and_markup_stays_inert() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let key = request_id(&page(&app, "/idees/nouvelle", Some(&admin)).await);
    let long_title = "t".repeat(121);
    let refused = post_from(
        &app,
        "/idees/nouvelle",
        "/api/create_idea",
        &format!("request_id={key}&title={long_title}&problem=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        Some(&admin),
    )
    .await;
    let to = location(&refused);
    assert!(
        to.contains("__ref=") && !to.contains("__err") && !to.contains("script"),
        "what was typed stays on the server: {to}"
    );
    let page_back = back(&app, &refused, Some(&admin)).await;
    assert!(
        page_back.contains("trop long") || page_back.contains("caractères au plus"),
        "{page_back}"
    );
    assert!(
        page_back.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "text kept, inert: {page_back}"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas").await, 0);

    let created = post(
        &app,
        "/api/create_idea",
        &format!("request_id={key}&title=%3Cb%3EGras%3C%2Fb%3E&problem=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&created), "/idees/1/modifier?etape=2");
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    let shown = page(&app, "/idees/1", Some(&admin)).await;
    assert!(
        shown.contains("&lt;b&gt;Gras&lt;/b&gt;") && !shown.contains("<b>Gras"),
        "{shown}"
    );
    assert!(!shown.contains("<script>alert(1)"));
    assert!(shown.contains("<title>&lt;b&gt;Gras&lt;/b&gt; — Les Démineurs</title>"));
}

#[tokio::test]
async fn only_authors_edit_and_others_read_published_ideas_only() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Dominique", "dominique%40lille.fr").await;
    let key = request_id(&page(&app, "/idees/nouvelle", Some(&admin)).await);
    post(
        &app,
        "/api/create_idea",
        &format!("request_id={key}&{STEP_ONE}"),
        Some(&admin),
    )
    .await;

    assert_eq!(
        status_of(&app, "/idees/1", Some(&member)).await,
        404,
        "a draft is its authors'"
    );
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    assert_eq!(status_of(&app, "/idees/1", Some(&member)).await, 200);
    assert_eq!(
        status_of(&app, "/idees/1/modifier", Some(&member)).await,
        403
    );
    assert_eq!(status_of(&app, "/idees/99", Some(&member)).await, 404);
    let list = page(&app, "/idees?q=VELOS", Some(&member)).await;
    assert!(
        list.contains("Vélos de service"),
        "accents and case ignored"
    );

    let edit = format!(
        "request_id=3b7c2f0e-4d7a-4b83-9a51-1f0f7d3c2a9e&idea_id=1&revision=2&{STEP_ONE}&proposal=X&beneficiaries=&help_sought=&tags="
    );
    let refused = app
        .client
        .post(app.url("/api/save_idea"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &member)
        .body(edit)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_versions").await, 1);
}

#[tokio::test]
async fn an_edit_from_an_old_revision_is_refused_with_the_text_kept() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let key = request_id(&page(&app, "/idees/nouvelle", Some(&admin)).await);
    post(
        &app,
        "/api/create_idea",
        &format!("request_id={key}&{STEP_ONE}"),
        Some(&admin),
    )
    .await;
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    // Two edit forms opened at revision 2; the first saves, the second is refused.
    let first = request_id(&page(&app, "/idees/1/modifier", Some(&admin)).await);
    let second = request_id(&page(&app, "/idees/1/modifier", Some(&admin)).await);
    let body = |key: &str, proposal: &str| {
        format!("request_id={key}&idea_id=1&revision=2&{STEP_ONE}&proposal={proposal}&beneficiaries=&help_sought=&tags=")
    };
    let saved = post(
        &app,
        "/api/save_idea",
        &body(&first, "Premier+texte"),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&saved), "/idees/1");
    let refused = post_from(
        &app,
        "/idees/1/modifier",
        "/api/save_idea",
        &body(&second, "Second+texte"),
        Some(&admin),
    )
    .await;
    let page_back = back(&app, &refused, Some(&admin)).await;
    assert!(page_back.contains("modifiée entre-temps"), "{page_back}");
    assert!(
        page_back.contains("Second texte"),
        "the refused text is kept"
    );
    let shown = page(&app, "/idees/1", Some(&admin)).await;
    assert!(shown.contains("Premier texte") && !shown.contains("Second texte"));
    let compared = page(&app, "/idees/1/versions?de=1&a=2", Some(&admin)).await;
    assert!(compared.contains("<ins>"), "{compared}");
}

#[tokio::test]
async fn the_co_author_picker_starts_on_no_one() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Dominique", "dominique%40lille.fr").await;
    let key = request_id(&page(&app, "/idees/nouvelle", Some(&admin)).await);
    post(
        &app,
        "/api/create_idea",
        &format!("request_id={key}&{STEP_ONE}"),
        Some(&admin),
    )
    .await;
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    let idea = page(&app, "/idees/1", Some(&admin)).await;
    assert!(idea.contains("href=\"/idees/1/coauteurs\""), "{idea}");
    assert!(
        !idea.contains("id=\"coauthor\""),
        "the picker has its own page"
    );
    let invite = page(&app, "/idees/1/coauteurs", Some(&admin)).await;
    let picker = &invite[invite.find("id=\"field-user_id\"").expect("a picker")..];
    let first = &picker[picker.find("<option").unwrap()..];
    assert!(first.starts_with("<option value=\"\" selected"), "{first}");
    // Sent as is, nobody is invited and the field says why.
    let refused = post_from(
        &app,
        "/idees/1/coauteurs",
        "/api/invite_coauthor",
        "idea_id=1&user_id=",
        Some(&admin),
    )
    .await;
    let page_back = back(&app, &refused, Some(&admin)).await;
    assert!(
        page_back.contains("id=\"field-user_id-error\""),
        "next to the field: {page_back}"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM idea_coauthors").await, 0);
    // Only the authors invite.
    assert_eq!(
        status_of(&app, "/idees/1/coauteurs", Some(&member)).await,
        403
    );
}
