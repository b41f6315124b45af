#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The expertise directory over HTTP, as a browser without JavaScript uses
//! it: availability set on the profile, the directory and its filters in
//! the address, a person's page, names offered when asking colleagues.
mod common;

use common::{
    back, invite_and_sign_up, location, page, post, post_from, set_up, spawn_app, status_of,
};

#[tokio::test]
async fn availability_set_on_the_profile_shows_in_the_directory() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Chlo%C3%A9+Durand", "chloe%40lille.fr").await;

    // Away with no last day: refused next to the date, nothing saved.
    let refused = post_from(
        &app,
        "/profil",
        "/api/update_profile",
        "display_name=Chlo%C3%A9+Durand&service=DSI&availability=away&away_until=",
        Some(&member),
    )
    .await;
    let again = back(&app, &refused, Some(&member)).await;
    assert!(
        again.contains("id=\"field-away_until-error\"")
            && again.contains("Indiquez le dernier jour de votre absence."),
        "{again}"
    );
    assert!(
        again.contains("id=\"availability-away\" name=\"availability\" value=\"away\" checked"),
        "the choice is kept"
    );
    assert!(!page(&app, "/annuaire", Some(&admin)).await.contains("DSI"));

    // A date typed badly is refused as a date.
    let bad = post_from(
        &app,
        "/profil",
        "/api/update_profile",
        "display_name=Chlo%C3%A9+Durand&service=DSI&availability=away&away_until=demain",
        Some(&member),
    )
    .await;
    assert!(back(&app, &bad, Some(&member))
        .await
        .contains("field-away_until-error"));

    let last_day = (chrono::Utc::now() + chrono::Duration::days(10)).date_naive();
    let saved = post_from(
        &app,
        "/profil",
        "/api/update_profile",
        &format!(
            "display_name=Chlo%C3%A9+Durand&service=DSI&availability=away&away_until={}",
            last_day.format("%Y-%m-%d")
        ),
        Some(&member),
    )
    .await;
    assert_eq!(location(&saved), "/profil?ok");

    let directory = page(&app, "/annuaire", Some(&admin)).await;
    let shown = format!("Absent·e jusqu’au {}", last_day.format("%d/%m/%Y"));
    assert!(directory.contains(&shown), "{directory}");
    assert!(directory.contains("Chloé Durand") && directory.contains("Camille Martin"));
    let free = page(&app, "/annuaire?disponibles=1", Some(&admin)).await;
    assert!(free.contains("Camille Martin") && !free.contains("Chloé Durand"));
    let by_name = page(&app, "/annuaire?q=chloe", Some(&admin)).await;
    assert!(by_name.contains("Chloé Durand") && !by_name.contains("href=\"/annuaire/1\""));
    assert!(
        by_name.contains("value=\"chloe\""),
        "the filter stays in the form"
    );
}

#[tokio::test]
async fn a_persons_page_is_for_their_organisation_and_names_are_offered() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    // A name with markup in it, which the page's <title> must keep inert.
    let _member = invite_and_sign_up(
        &app,
        &admin,
        "Anne+Juriste+%3C%2Ftitle%3E",
        "anne%40lille.fr",
    )
    .await;
    let directory = page(&app, "/annuaire?q=anne", Some(&admin)).await;
    let href = directory
        .split("href=\"/annuaire/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let person = page(&app, &format!("/annuaire/{href}"), Some(&admin)).await;
    assert!(
        person.contains("<h1>Anne Juriste &lt;/title&gt;</h1>"),
        "{person}"
    );
    assert!(person.contains("<title>Anne Juriste &lt;/title&gt; — Les Démineurs</title>"));
    assert!(person.contains("mailto:anne@lille.fr"));
    assert!(person.contains("Son déminage"));
    assert_eq!(
        status_of(&app, &format!("/annuaire/{href}"), None).await,
        401
    );
    assert_eq!(status_of(&app, "/annuaire/999999", Some(&admin)).await, 404);

    // Opening a round offers the directory's names, without JavaScript.
    post(
        &app,
        "/api/create_idea",
        "request_id=7d1e9d4e-1c1f-4c7e-9a3b-2b0a7c6d5e4f&title=Covoiturage&problem=Les+parkings+d%C3%A9bordent",
        Some(&admin),
    )
    .await;
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    let open = page(&app, "/idees/1/tours/nouveau", Some(&admin)).await;
    assert!(
        open.contains("list=\"directory-names\"")
            && open.contains("<datalist id=\"directory-names\">")
            && open.contains("value=\"Anne Juriste &lt;/title&gt;\""),
        "{open}"
    );
}
