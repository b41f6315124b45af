#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Workshops over HTTP, as phones without JavaScript use them: the board's
//! QR code leads to the public join address, a guest joins and posts by
//! plain forms, refusals come back with their text, and a guest's cookie
//! opens nothing but its own workshop, and nothing once it ended.
mod common;

use app::backend::testing::TestDb;
use common::workshop::{a_workshop, key, start_writing};
use common::{back, location, page, post, post_from, set_up, spawn_app_with, status_of};
use reqwest::header;

// Plain http keeps the test's cookies simple (https would prefix them).
const PUBLIC_URL: &str = "http://demineurs.example.fr";

/// The dark modules of the `<svg>` the page shows, drawn as a bitmap and
/// read by a QR decoder.
fn decode_qr(html: &str) -> String {
    let svg = &html[html.find("<svg").expect("an svg")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    const SCALE: usize = 4;
    let mut dark = vec![false; size * size];
    for rect in path.split('M').filter(|r| !r.is_empty()) {
        // `x y h w v h H x V y`: one rectangle of modules.
        let numbers: Vec<usize> = rect
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, w, h) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        for row in y..y + h {
            for col in x..x + w {
                dark[row * size + col] = true;
            }
        }
    }
    let side = size * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        if dark[(y / SCALE) * size + x / SCALE] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn the_board_qr_code_leads_to_the_public_join_address() {
    let app = spawn_app_with(TestDb::sqlite().await, |c| c.public_url = PUBLIC_URL.into()).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let board = page(&app, "/ateliers/1/tableau", Some(&admin)).await;
    let url = format!("{PUBLIC_URL}/rejoindre/{code}");
    assert_eq!(decode_qr(&board), url);
    assert!(board.contains(&url), "the address is written too");
    // Locked, the board no longer shows how to join.
    post(
        &app,
        "/api/set_joining",
        "workshop_id=1&open=false",
        Some(&admin),
    )
    .await;
    assert!(!page(&app, "/ateliers/1/tableau", Some(&admin))
        .await
        .contains("<svg"));
}

#[tokio::test]
async fn a_guest_joins_and_posts_by_plain_forms() {
    let app = spawn_app_with(TestDb::sqlite().await, |_| {}).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let other_code = a_workshop(&app, &admin, 2).await;

    // The QR code's address shows the join form with its privacy notice.
    let join_page = page(&app, &format!("/rejoindre/{code}"), None).await;
    assert!(join_page.contains("Vos données"), "{join_page}");
    // A wrong code is said when joining, next to the code, which stays
    // there to be corrected.
    let wrong = post_from(
        &app,
        "/rejoindre/ZZZZZZ",
        "/api/join_workshop",
        "code=ZZZZZZ&name=Lou",
        None,
    )
    .await;
    let page_back = back(&app, &wrong, None).await;
    assert!(
        page_back.contains("Ce code ne correspond à aucun atelier en cours"),
        "{page_back}"
    );
    assert!(page_back.contains("value=\"ZZZZZZ\""), "{page_back}");

    let joined = post(
        &app,
        "/api/join_workshop",
        &format!("code={code}&name=Lou"),
        None,
    )
    .await;
    assert_eq!(location(&joined), "/ateliers/1");
    let guest = joined
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("demineurs_guest="))
        .expect("a guest cookie");
    assert!(
        guest.contains("HttpOnly") && guest.contains("SameSite=Lax"),
        "{guest}"
    );
    let guest = guest.split(';').next().unwrap().to_owned();
    let phone = page(&app, "/ateliers/1", Some(&guest)).await;
    assert!(phone.contains("Lou (invité·e)"), "{phone}");
    // A guest is nobody outside the workshop.
    assert_eq!(status_of(&app, "/ateliers/2", Some(&guest)).await, 404);
    assert_eq!(status_of(&app, "/idees/1", Some(&guest)).await, 401);
    assert_eq!(
        status_of(&app, "/ateliers/1/console", Some(&guest)).await,
        401
    );

    start_writing(&app, &admin).await;
    let form = |body: &str, n: u32| {
        format!("request_id={}&workshop_id=1&started_in=writing&kind=mine&domain_id=1&severity=serious&body={body}", key(100 + n))
    };
    let sent = post(
        &app,
        "/api/post_live",
        &form("Les+donn%C3%A9es+personnelles", 1),
        Some(&guest),
    )
    .await;
    assert_eq!(location(&sent), "/ateliers/1?envoye=1#envoye");
    // Where the answer lands, the post is said sent, with its text.
    let landed = page(&app, "/ateliers/1?envoye=1", Some(&guest)).await;
    assert!(landed.contains("Envoyée. Votre contribution :"), "{landed}");
    assert!(landed.contains("Les données personnelles"), "{landed}");
    let long = "a".repeat(10_000);
    let refused = post_from(
        &app,
        "/ateliers/1",
        "/api/post_live",
        &form(&long, 2),
        Some(&guest),
    )
    .await;
    let page_back = back(&app, &refused, Some(&guest)).await;
    assert!(page_back.contains("Ce texte est trop long."), "{page_back}");
    assert!(page_back.contains(&long), "the text is kept");
    let phone = page(&app, "/ateliers/1", Some(&guest)).await;
    assert!(phone.contains("Les données personnelles"));
    assert_eq!(
        phone.matches("class=\"live-item\"").count(),
        1,
        "one post, once"
    );

    // After the reveal ends, a late post is handed back, marked not sent.
    post(
        &app,
        "/api/next_phase",
        "workshop_id=1&from=writing&minutes=",
        Some(&admin),
    )
    .await;
    post(
        &app,
        "/api/next_phase",
        "workshop_id=1&from=reveal&minutes=",
        Some(&admin),
    )
    .await;
    let late = post_from(
        &app,
        "/ateliers/1",
        "/api/post_live",
        &form("Trop+tard", 3),
        Some(&guest),
    )
    .await;
    let page_back = back(&app, &late, Some(&guest)).await;
    assert!(page_back.contains("Non envoyé"), "{page_back}");
    assert!(page_back.contains("Trop tard"));
    // Dots by plain forms.
    let dotted = post(
        &app,
        "/api/place_dot",
        "workshop_id=1&contribution_id=1&add=true",
        Some(&guest),
    )
    .await;
    assert_eq!(location(&dotted), "/ateliers/1#mine-1");
    assert!(page(&app, "/ateliers/1", Some(&guest))
        .await
        .contains("Vos points ici : 1"));

    // The end closes the guest's seat; the other workshop's code still works.
    // Unconfirmed, the end is refused and names the box to tick.
    let unconfirmed = post_from(
        &app,
        "/ateliers/1/console",
        "/api/end_workshop",
        "workshop_id=1",
        Some(&admin),
    )
    .await;
    let page_back = back(&app, &unconfirmed, Some(&admin)).await;
    assert!(
        page_back.contains("Cochez la case pour confirmer"),
        "{page_back}"
    );
    assert!(page(&app, "/ateliers/1", Some(&guest))
        .await
        .contains("Vos points ici"));
    post(
        &app,
        "/api/end_workshop",
        "workshop_id=1&confirm=oui",
        Some(&admin),
    )
    .await;
    let over = page(&app, "/ateliers/1", Some(&guest)).await;
    assert!(over.contains("Cet atelier est terminé"), "{over}");
    // The seat still opens the workshop's record, linked from there.
    assert!(over.contains("href=\"/ateliers/1/compte-rendu\""), "{over}");
    assert_eq!(
        status_of(&app, "/ateliers/1/compte-rendu", Some(&guest)).await,
        200
    );
    let record = page(&app, "/ateliers/1/compte-rendu", Some(&guest)).await;
    assert!(record.contains("Compte rendu de l’atelier"), "{record}");
    let rejoined = post(
        &app,
        "/api/join_workshop",
        &format!("code={other_code}&name=Lou"),
        Some(&guest),
    )
    .await;
    assert_eq!(location(&rejoined), "/ateliers/2");
}

#[tokio::test]
async fn the_console_leads_an_unseated_facilitator_to_joining_and_confirms_the_end() {
    let app = spawn_app_with(TestDb::sqlite().await, |_| {}).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    // Not in the room: « Vue téléphone » leads to joining, never to a 403.
    let console = page(&app, "/ateliers/1/console", Some(&admin)).await;
    assert!(
        console.contains(&format!("href=\"/rejoindre/{code}\"")),
        "{console}"
    );
    assert!(!console.contains("href=\"/ateliers/1\""), "{console}");
    let joined = post(
        &app,
        "/api/join_workshop",
        &format!("code={code}&name="),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&joined), "/ateliers/1");
    assert!(page(&app, "/ateliers/1/console", Some(&admin))
        .await
        .contains("href=\"/ateliers/1\""));
    assert_eq!(status_of(&app, "/ateliers/1", Some(&admin)).await, 200);

    // From the live triage, the next step is the end: one confirmed form,
    // and a post without the box names it instead of « le formulaire
    // contient des erreurs » alone.
    for from in ["pitch", "writing", "reveal", "vote"] {
        post(
            &app,
            "/api/next_phase",
            &format!("workshop_id=1&from={from}&minutes="),
            Some(&admin),
        )
        .await;
    }
    let console = page(&app, "/ateliers/1/console", Some(&admin)).await;
    assert!(
        !console.contains("Passer à la phase : Atelier terminé"),
        "{console}"
    );
    assert!(
        console.contains("Je confirme la fin de l’atelier"),
        "{console}"
    );
    let unconfirmed = post_from(
        &app,
        "/ateliers/1/console",
        "/api/next_phase",
        "workshop_id=1&from=triage",
        Some(&admin),
    )
    .await;
    let page_back = back(&app, &unconfirmed, Some(&admin)).await;
    assert!(
        page_back.contains("Cochez la case pour confirmer"),
        "{page_back}"
    );
    assert!(
        page_back.contains("Je confirme la fin de l’atelier"),
        "still running: {page_back}"
    );
    // A form missing a field says which.
    let malformed = post_from(
        &app,
        "/ateliers/1/console",
        "/api/set_dots",
        "workshop_id=1",
        Some(&admin),
    )
    .await;
    let page_back = back(&app, &malformed, Some(&admin)).await;
    assert!(
        page_back.contains("Ce champ est obligatoire"),
        "{page_back}"
    );
}

#[tokio::test]
async fn loading_join_pages_with_wrong_codes_counts_nothing_and_shows_no_title() {
    let app = spawn_app_with(TestDb::sqlite().await, |_| {}).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    // Ten images on any site pointing at wrong codes…
    for n in 0..12 {
        let wrong = format!(
            "/rejoindre/ZZZZ{}{}",
            (b'A' + n) as char,
            (b'A' + n) as char
        );
        assert_eq!(status_of(&app, &wrong, None).await, 200);
    }
    // …lock nobody out: the room still joins.
    let joined = post(
        &app,
        "/api/join_workshop",
        &format!("code={code}&name=Lou"),
        None,
    )
    .await;
    assert_eq!(location(&joined), "/ateliers/1");
    // The page never names the idea before joining: it cannot tell a
    // stranger (or a member of another organisation) what a code leads to.
    let join_page = page(&app, &format!("/rejoindre/{code}"), None).await;
    assert!(!join_page.contains("Covoiturage"), "{join_page}");
}

#[tokio::test]
async fn while_a_room_writes_the_idea_page_offers_no_online_reveal_and_says_why() {
    let app = spawn_app_with(TestDb::sqlite().await, |_| {}).await;
    let admin = set_up(&app).await;
    a_workshop(&app, &admin, 1).await;
    start_writing(&app, &admin).await;
    let idea = page(&app, "/idees/1", Some(&admin)).await;
    assert!(
        idea.contains("la manche se dévoile depuis sa console"),
        "{idea}"
    );
    assert!(!idea.contains("Dévoiler maintenant"), "{idea}");
    // Posted anyway (a form kept open, a script): refused, said, nothing revealed.
    let refused = post_from(
        &app,
        "/idees/1",
        "/api/reveal_round",
        "idea_id=1&round_id=1&confirm=oui",
        Some(&admin),
    )
    .await;
    let page_back = back(&app, &refused, Some(&admin)).await;
    assert!(
        page_back.contains("Un atelier est en cours sur cette manche"),
        "{page_back}"
    );
}
