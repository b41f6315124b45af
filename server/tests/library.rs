#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The mine library over HTTP, as a browser without JavaScript uses it:
//! signed-in people read it, only leads and administrators see the
//! curating forms, a refused name comes back next to its field.
mod common;

use common::{back, invite_and_sign_up, page, post_from, set_up, spawn_app};

#[tokio::test]
async fn the_library_is_read_by_members_and_curated_by_administrators() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Chlo%C3%A9+Durand", "chloe%40lille.fr").await;

    let nobody = page(&app, "/mines", None).await;
    assert!(!nobody.contains("Mines à ranger"), "{nobody}");
    let theirs = page(&app, "/mines", Some(&member)).await;
    assert!(
        theirs.contains("<h1>Bibliothèque des mines</h1>"),
        "{theirs}"
    );
    assert!(theirs.contains("Aucune mine connue pour l’instant."));
    assert!(!theirs.contains("Mines à ranger"), "curating is not theirs");
    let ours = page(&app, "/mines", Some(&admin)).await;
    assert!(
        ours.contains("Mines à ranger (0)")
            && ours.contains("Toutes les mines révélées sont rangées.")
    );

    // Nothing ticked, no name: both refused, said on the page, nothing filed.
    let refused = post_from(
        &app,
        "/mines",
        "/api/file_mines",
        "known_mine_id=&name=",
        Some(&admin),
    )
    .await;
    let again = back(&app, &refused, Some(&admin)).await;
    assert!(
        again.contains("Cochez au moins une mine à ranger."),
        "{again}"
    );
    assert!(again.contains("Ce champ est obligatoire."), "{again}");
    assert!(again.contains("Aucune mine connue pour l’instant."));
}
