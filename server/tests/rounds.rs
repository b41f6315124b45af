#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Rounds over HTTP, as a browser without JavaScript posts them: silent
//! writing holds in the HTML, a refused contribution comes back with its
//! text, and the fiche downloads as Markdown to those who may read it.
mod common;

use common::{
    back, invite_and_sign_up, location, page, post, post_from, set_up, spawn_app, status_of,
    TestApp,
};
use reqwest::header;

const SECRET: &str = "Le+RGPD+s%E2%80%99applique";
const SECRET_TEXT: &str = "Le RGPD s’applique";

/// A fresh submission key, as a page would give.
fn key() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("round-test-key-{:08}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Idea 1, published by `admin`, with its first round open (live, silent).
async fn idea_one_with_a_live_round(app: &TestApp, admin: &str) {
    post(
        app,
        "/api/create_idea",
        &format!(
            "request_id={}&title=Covoiturage&problem=Parkings+pleins",
            key()
        ),
        Some(admin),
    )
    .await;
    post(app, "/api/publish_idea", "idea_id=1", Some(admin)).await;
    post(
        app,
        "/api/open_round",
        &format!(
            "request_id={}&idea_id=1&focus=Quoi&mode=live&deadline=&invitees=",
            key()
        ),
        Some(admin),
    )
    .await;
}

#[tokio::test]
async fn a_refused_silent_contribution_never_travels_in_an_address() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Anne", "anne%40lille.fr").await;
    let colleague = invite_and_sign_up(&app, &admin, "Bruno", "bruno%40lille.fr").await;
    idea_one_with_a_live_round(&app, &admin).await;
    // A silent mine, refused for its length: its text must come back to
    // its author, and to nobody else, before the round is revealed.
    let body = format!("{SECRET}+{}", "a".repeat(2001));
    let refused = post_from(
        &app,
        "/idees/1/contribuer",
        "/api/contribute",
        &format!("request_id={}&idea_id=1&round_id=1&kind=mine&domain_id=1&severity=blocking&body={body}&link=&answers=", key()),
        Some(&member),
    )
    .await;
    let address = location(&refused);
    assert!(
        address.contains("__ref=") && !address.contains("__err") && address.len() < 200,
        "only an id travels: {address}"
    );
    let shown = back(&app, &refused, Some(&member)).await;
    assert!(shown.contains("Ce texte est trop long."), "{shown}");
    assert!(shown.contains(SECRET_TEXT), "the author gets the text back");
    for someone_else in [None, Some(colleague.as_str()), Some(admin.as_str())] {
        let seen = page(&app, &address, someone_else).await;
        assert!(
            !seen.contains(SECRET_TEXT),
            "the address alone opens nothing"
        );
    }
}

#[tokio::test]
async fn a_round_by_plain_forms_keeps_silent_writing_and_the_fiche_downloads() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Anne", "anne%40lille.fr").await;
    let created = post(
        &app,
        "/api/create_idea",
        &format!(
            "request_id={}&title=Covoiturage&problem=Parkings+pleins",
            key()
        ),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&created), "/idees/1/modifier?etape=2");
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;

    let opened = post(
        &app,
        "/api/open_round",
        &format!(
            "request_id={}&idea_id=1&focus=Quoi&mode=live&deadline=&invitees=Anne",
            key()
        ),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&opened), "/idees/1#tour-1");
    assert!(page(&app, "/notifications", Some(&member))
        .await
        .contains("Vous êtes invité·e"));

    // Too long: back to the form, text kept, nothing written.
    let long = "a".repeat(2001);
    let refused = post_from(
        &app,
        "/idees/1/contribuer",
        "/api/contribute",
        &format!("request_id={}&idea_id=1&round_id=1&kind=question&domain_id=&severity=&body={long}&link=&answers=", key()),
        Some(&member),
    )
    .await;
    let page_back = back(&app, &refused, Some(&member)).await;
    assert!(page_back.contains("Ce texte est trop long."), "{page_back}");
    assert!(page_back.contains(&long), "the text is kept");

    let sent = post(
        &app,
        "/api/contribute",
        &format!("request_id={}&idea_id=1&round_id=1&kind=mine&domain_id=1&severity=blocking&body={SECRET}&link=&answers=", key()),
        Some(&member),
    )
    .await;
    assert_eq!(location(&sent), "/idees/1?envoye=1#tours");
    assert!(page(&app, "/idees/1", Some(&member))
        .await
        .contains(SECRET_TEXT));
    let seen_by_author = page(&app, "/idees/1", Some(&admin)).await;
    assert!(
        !seen_by_author.contains(SECRET_TEXT),
        "silent until the reveal"
    );
    assert!(seen_by_author.contains("1 contribution(s) reçue(s)"));
    assert_eq!(
        status_of(&app, "/idees/1/contributions/1", Some(&admin)).await,
        404
    );

    post(
        &app,
        "/api/reveal_round",
        "idea_id=1&round_id=1&confirm=oui",
        Some(&admin),
    )
    .await;
    assert!(page(&app, "/idees/1", Some(&admin))
        .await
        .contains(SECRET_TEXT));

    // The fiche: its page and its Markdown, for signed-in people only.
    assert!(page(&app, "/idees/1/fiche", Some(&member))
        .await
        .contains("Fiche de déminage — Covoiturage"));
    assert_eq!(status_of(&app, "/idees/1/fiche.md", None).await, 401);
    assert_eq!(
        status_of(&app, "/idees/99/fiche.md", Some(&member)).await,
        404
    );
    let markdown = app
        .client
        .get(app.url("/idees/1/fiche.md"))
        .header(header::COOKIE, &member)
        .send()
        .await
        .unwrap();
    assert_eq!(markdown.status(), 200);
    assert_eq!(
        markdown.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"fiche-deminage-1.md\""
    );
    let text = markdown.text().await.unwrap();
    assert!(
        text.starts_with("# Fiche de déminage — Covoiturage"),
        "{text}"
    );
    assert!(text.contains(SECRET_TEXT), "{text}");
}

#[tokio::test]
async fn a_round_ends_and_the_outcome_is_set_on_pages_of_their_own_for_the_authors_only() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Anne", "anne%40lille.fr").await;
    idea_one_with_a_live_round(&app, &admin).await;

    // The idea's page links to the round's end; silent, it can only be
    // cancelled there.
    let idea = page(&app, "/idees/1", Some(&admin)).await;
    assert!(idea.contains("href=\"/idees/1/tours/1/fin\""), "{idea}");
    assert!(!idea.contains("name=\"synthesis\""), "closed elsewhere");
    let silent = page(&app, "/idees/1/tours/1/fin", Some(&admin)).await;
    assert!(silent.contains("Clôturer ou annuler le tour 1"), "{silent}");
    assert!(silent.contains("une fois ses contributions dévoilées"));
    assert!(!silent.contains("name=\"synthesis\""));
    assert!(silent.contains("action=\"/api/cancel_round\""));
    assert_eq!(
        status_of(&app, "/idees/1/tours/1/fin", Some(&member)).await,
        403
    );
    assert_eq!(status_of(&app, "/idees/1/tours/1/fin", None).await, 401);
    assert_eq!(
        status_of(&app, "/idees/1/tours/2/fin", Some(&admin)).await,
        404
    );

    // Revealed: closed with a synthesis; a missing one comes back next to
    // its field, on the same page.
    post(
        &app,
        "/api/reveal_round",
        "idea_id=1&round_id=1&confirm=oui",
        Some(&admin),
    )
    .await;
    let revealed = page(&app, "/idees/1/tours/1/fin", Some(&admin)).await;
    assert!(revealed.contains("name=\"synthesis\""), "{revealed}");
    let empty = post_from(
        &app,
        "/idees/1/tours/1/fin",
        "/api/close_round",
        "round_id=1&synthesis=&next_step=",
        Some(&admin),
    )
    .await;
    assert!(location(&empty).starts_with("/idees/1/tours/1/fin"));
    let again = back(&app, &empty, Some(&admin)).await;
    assert!(again.contains("id=\"field-synthesis-error\""), "{again}");
    let closed = post(
        &app,
        "/api/close_round",
        "round_id=1&synthesis=Bilan&next_step=Un+pilote",
        Some(&admin),
    )
    .await;
    assert_eq!(location(&closed), "/idees/1#maturite");
    assert_eq!(
        status_of(&app, "/idees/1/tours/1/fin", Some(&admin)).await,
        404
    );

    // The outcome: linked from the maturity box, set on its page.
    let idea = page(&app, "/idees/1", Some(&admin)).await;
    assert!(idea.contains("href=\"/idees/1/issue\""), "{idea}");
    assert!(!page(&app, "/idees/1", Some(&member))
        .await
        .contains("href=\"/idees/1/issue\""));
    assert_eq!(status_of(&app, "/idees/1/issue", Some(&member)).await, 403);
    let form = page(&app, "/idees/1/issue", Some(&admin)).await;
    assert!(form.contains("action=\"/api/set_outcome\""), "{form}");
    // A choice the form never offered comes back next to it, on this page.
    let bad = post_from(
        &app,
        "/idees/1/issue",
        "/api/set_outcome",
        "idea_id=1&outcome=vendue&note=",
        Some(&admin),
    )
    .await;
    assert!(location(&bad).starts_with("/idees/1/issue"));
    assert!(back(&app, &bad, Some(&admin))
        .await
        .contains("id=\"field-outcome-error\""));
    post(
        &app,
        "/api/set_outcome",
        "idea_id=1&outcome=parked&note=En+attente+du+budget",
        Some(&admin),
    )
    .await;
    let set = page(&app, "/idees/1/issue", Some(&admin)).await;
    assert!(set.contains("En attente du budget"), "kept: {set}");
    assert!(page(&app, "/idees/1", Some(&member))
        .await
        .contains("En attente du budget"));
}
