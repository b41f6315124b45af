#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Accounts over HTTP, as a browser without JavaScript uses them.
mod common;

use common::{
    back, invite_and_sign_up, location, member_id, page, post, post_from, refused, session_cookie,
    set_up, setup_body, signs_in, spawn_app, status_of, TestApp, PASSWORD, SETUP_TOKEN,
};
use reqwest::header;

#[tokio::test]
async fn a_fresh_instance_leads_to_setup() {
    let app = spawn_app().await;
    let home = page(&app, "/", None).await;
    assert!(home.contains("href=\"/installation\""), "{home}");
    assert!(page(&app, "/installation", None)
        .await
        .contains("Jeton d’installation"));
}

#[tokio::test]
async fn an_administrator_made_from_the_shell_meanwhile_ends_the_setup_offer() {
    let app = spawn_app().await;
    assert!(page(&app, "/", None)
        .await
        .contains("href=\"/installation\""));
    // `demineurs create-admin` while the server runs: the same service.
    app::backend::accounts::setup::create_first_admin(
        &app::backend::ctx::Ctx::new(&app.db.db, &app::backend::clock::SystemClock),
        app::backend::accounts::setup::FirstAdmin {
            organisation: app::domain::accounts::OrganisationName::parse("Ville").unwrap(),
            display_name: app::domain::accounts::DisplayName::parse("Admin").unwrap(),
            email: app::domain::accounts::Email::parse("admin@ville.fr").unwrap(),
            password: app::domain::accounts::NewPassword::parse(PASSWORD).unwrap(),
        },
    )
    .await
    .unwrap();
    let home = page(&app, "/", None).await;
    assert!(!home.contains("href=\"/installation\""), "{home}");
    assert!(!home.contains("Installer Les Démineurs"), "{home}");
    assert!(home.contains("Se connecter"), "{home}");
    assert!(page(&app, "/installation", None)
        .await
        .contains("déjà installée"));
}

#[tokio::test]
async fn setup_with_a_wrong_token_changes_nothing_and_says_why() {
    let app = spawn_app().await;
    let response = post_from(
        &app,
        "/installation",
        "/api/complete_setup",
        &setup_body("not-the-token"),
        None,
    )
    .await;
    assert_eq!(response.status(), 302);
    assert!(refused(&response));
    assert!(
        !location(&response).contains("Lille"),
        "what was typed stays out of the address"
    );
    let page_back = back(&app, &response, None).await;
    assert!(
        page_back.contains("Ce jeton d’installation n’est pas le bon"),
        "{page_back}"
    );
    assert!(
        page_back.contains("value=\"Ville de Lille\""),
        "typed input kept: {page_back}"
    );
    assert!(!page_back.contains(PASSWORD), "a password never comes back");
    assert!(
        page(&app, "/installation", None)
            .await
            .contains("Jeton d’installation"),
        "still pending"
    );
}

#[tokio::test]
async fn setup_signs_the_admin_in_once_and_only_once() {
    let app = spawn_app().await;
    let cookie = set_up(&app).await;
    let home = page(&app, "/", Some(&cookie)).await;
    assert!(home.contains("Camille Martin"), "{home}");
    assert!(home.contains("Se déconnecter"));
    assert!(page(&app, "/installation", None)
        .await
        .contains("déjà installée"));
    let again = post(&app, "/api/complete_setup", &setup_body(SETUP_TOKEN), None).await;
    assert!(refused(&again), "the token is spent");
}

#[tokio::test]
async fn stored_passwords_are_argon2id_hashes() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    set_up(&app).await;
    let db = &app.db.db;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT password_hash FROM users",
        ))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "password_hash").unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

#[tokio::test]
async fn log_in_gives_a_new_session_id_each_time_and_a_vague_refusal() {
    let app = spawn_app().await;
    let setup_cookie = set_up(&app).await;
    let body = format!(
        "email=camille%40lille.fr&password={}",
        PASSWORD.replace(' ', "+")
    );
    let first = session_cookie(&post(&app, "/api/log_in", &body, Some(&setup_cookie)).await);
    let second = session_cookie(&post(&app, "/api/log_in", &body, Some(&first)).await);
    assert_ne!(first, setup_cookie);
    assert_ne!(first, second);

    for wrong in [
        "email=camille%40lille.fr&password=wrong+password+here",
        "email=nobody%40lille.fr&password=wrong+password+here",
    ] {
        let refused = post_from(&app, "/connexion", "/api/log_in", wrong, None).await;
        assert!(!signs_in(&refused), "nobody signed in");
        let page_back = back(&app, &refused, None).await;
        assert!(
            page_back.contains("Adresse ou mot de passe incorrect."),
            "{page_back}"
        );
    }
}

#[tokio::test]
async fn log_in_leads_back_to_the_page_asked_for_and_never_off_the_site() {
    let app = spawn_app().await;
    set_up(&app).await;
    // A phone with an account, on a workshop's join page: logging in first
    // brings it back there, the code kept.
    let join = page(&app, "/rejoindre/k7p2qx", None).await;
    assert!(
        join.contains(r#"href="/connexion?suite=%2Frejoindre%2FK7P2QX""#),
        "{join}"
    );
    let log_in_page = page(&app, "/connexion?suite=%2Frejoindre%2FK7P2QX", None).await;
    assert!(
        log_in_page.contains(r#"name="suite" value="/rejoindre/K7P2QX""#),
        "{log_in_page}"
    );
    // A page for members, asked for signed out, names itself too.
    let idea = page(&app, "/idees/5?tour=1", None).await;
    assert!(
        idea.contains(r#"href="/connexion?suite=%2Fidees%2F5%3Ftour%3D1""#),
        "{idea}"
    );
    let credentials = format!(
        "email=camille%40lille.fr&password={}",
        PASSWORD.replace(' ', "+")
    );
    for (suite, lands_on) in [
        ("%2Frejoindre%2FK7P2QX", "/rejoindre/K7P2QX"),
        ("%2Fidees%2F5%3Ftour%3D1", "/idees/5?tour=1"),
        // Another site, however it is spelled: home instead.
        ("https%3A%2F%2Fevil.example%2F", "/"),
        ("%2F%2Fevil.example%2F", "/"),
        ("%2F%5Cevil.example%2F", "/"),
        ("%2Fa%0D%0ASet-Cookie%3A+x%3D1", "/"),
    ] {
        let from = format!("/connexion?suite={suite}");
        let body = format!("{credentials}&suite={suite}");
        let signed_in = post_from(&app, &from, "/api/log_in", &body, None).await;
        assert!(signs_in(&signed_in), "{suite}");
        // The header as sent: a foreign host must not be there at all.
        assert_eq!(signed_in.headers()[header::LOCATION], lands_on, "{suite}");
    }
    // A wrong password: the page comes back with the way back kept.
    let from = "/connexion?suite=%2Frejoindre%2FK7P2QX";
    let wrong = "email=camille%40lille.fr&password=wrong+password+here&suite=%2Frejoindre%2FK7P2QX";
    let refused = post_from(&app, from, "/api/log_in", wrong, None).await;
    assert!(!signs_in(&refused));
    let again = back(&app, &refused, None).await;
    assert!(
        again.contains("Adresse ou mot de passe incorrect."),
        "{again}"
    );
    assert!(
        again.contains(r#"name="suite" value="/rejoindre/K7P2QX""#),
        "{again}"
    );
    // A page for members asked for after a refused form: what the refusal
    // carried stays out of the way back.
    let idea = page(&app, "/idees/5?tour=1&__err=secret&__path=x", None).await;
    assert!(
        idea.contains(r#"href="/connexion?suite=%2Fidees%2F5%3Ftour%3D1""#),
        "{idea}"
    );
    // A login page with a foreign address to go back to carries nothing.
    let foreign = page(&app, "/connexion?suite=%2F%2Fevil.example", None).await;
    assert!(!foreign.contains(r#"name="suite""#), "{foreign}");
}

#[tokio::test]
async fn a_person_changes_their_password_from_the_profile_and_every_session_is_renewed() {
    let app = spawn_app().await;
    let here = set_up(&app).await;
    let old = format!(
        "email=camille%40lille.fr&password={}",
        PASSWORD.replace(' ', "+")
    );
    let elsewhere = session_cookie(&post(&app, "/api/log_in", &old, None).await);
    let profile = page(&app, "/profil", Some(&here)).await;
    assert!(profile.contains("Changer de mot de passe"), "{profile}");

    // Both fields wrong: each said next to it, nothing typed sent back.
    let change = |body: String| {
        let (app, here) = (&app, here.clone());
        async move { post_from(app, "/profil", "/api/change_password", &body, Some(&here)).await }
    };
    let empty = change("current_password=&new_password=court".into()).await;
    let again = back(&app, &empty, Some(&here)).await;
    assert!(again.contains("Ce champ est obligatoire."), "{again}");
    assert!(
        again.contains("Le mot de passe doit compter au moins 12 caractères."),
        "{again}"
    );
    let wrong =
        change("current_password=pas+le+bon+du+tout&new_password=une+toute+nouvelle+phrase".into())
            .await;
    let again = back(&app, &wrong, Some(&here)).await;
    assert!(
        again.contains("Ce n’est pas votre mot de passe actuel."),
        "{again}"
    );
    assert!(!again.contains("pas le bon du tout"), "{again}");
    assert!(!again.contains("une toute nouvelle phrase"), "{again}");
    assert_eq!(status_of(&app, "/profil", Some(&elsewhere)).await, 200);

    // The right one: changed and said; every session ends, this device
    // gets a new one (its old cookie, copied, would open nothing).
    let done = change(format!(
        "current_password={}&new_password=une+toute+nouvelle+phrase",
        PASSWORD.replace(' ', "+")
    ))
    .await;
    assert_eq!(location(&done), "/profil?mot-de-passe-change#mot-de-passe");
    let renewed = session_cookie(&done);
    let after = page(&app, "/profil?mot-de-passe-change", Some(&renewed)).await;
    assert!(
        after.contains("Mot de passe changé. Vos autres sessions sont fermées."),
        "{after}"
    );
    assert_eq!(status_of(&app, "/profil", Some(&elsewhere)).await, 401);
    assert_eq!(status_of(&app, "/profil", Some(&here)).await, 401);
    assert!(!signs_in(
        &post_from(&app, "/connexion", "/api/log_in", &old, None).await
    ));
    let new = "email=camille%40lille.fr&password=une+toute+nouvelle+phrase";
    assert!(signs_in(&post(&app, "/api/log_in", new, None).await));
}

#[tokio::test]
async fn a_cookie_replayed_after_log_out_signs_nobody_in() {
    let app = spawn_app().await;
    let cookie = set_up(&app).await;
    let out = post(&app, "/api/log_out", "", Some(&cookie)).await;
    assert_eq!(out.status(), 302);
    let cleared = out
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().unwrap().contains("Max-Age=0"));
    assert!(cleared, "the cookie is cleared");
    let home = page(&app, "/", Some(&cookie)).await;
    assert!(!home.contains("Camille Martin"), "{home}");
    assert!(home.contains("href=\"/connexion\""));
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/complete_setup"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .header(header::ORIGIN, "https://evil.example")
        .body(setup_body(SETUP_TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(
        page(&app, "/installation", None)
            .await
            .contains("Jeton d’installation"),
        "nothing changed"
    );
}

/// A wrong log-in for `email` from this test's one address (127.0.0.1).
async fn wrong_log_in(app: &TestApp, email: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/log_in"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "email={}&password=not+the+password",
            email.replace('@', "%40")
        ))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_21st_log_in_in_a_minute_from_one_caller_gets_429_with_retry_after() {
    let app = spawn_app().await;
    set_up(&app).await;
    for n in 1..=20 {
        let refused = wrong_log_in(&app, &format!("guess{n}@lille.fr")).await;
        assert_eq!(refused.status(), 422, "attempt {n}");
    }
    let limited = wrong_log_in(&app, "camille@lille.fr").await;
    assert_eq!(limited.status(), 429);
    let wait: u64 = limited.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Even the right password waits: the limit is checked before any hash.
    let right = app
        .client
        .post(app.url("/api/log_in"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "email=camille%40lille.fr&password={}",
            PASSWORD.replace(' ', "+")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), 429);
}

#[tokio::test]
async fn a_flood_of_100_parallel_wrong_log_ins_gets_at_most_20_passwords_checked_and_429_for_the_rest(
) {
    let app = spawn_app().await;
    set_up(&app).await;
    let flood = (0..100).map(|n| {
        let app = &app;
        async move {
            let email = if n % 2 == 0 {
                "camille@lille.fr".to_owned()
            } else {
                format!("guess{n}@lille.fr")
            };
            wrong_log_in(app, &email).await.status().as_u16()
        }
    });
    let statuses = futures::future::join_all(flood).await;
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert!(checked <= 20, "{checked} passwords checked: {statuses:?}");
    assert_eq!(checked + limited, 100, "{statuses:?}");
}

#[tokio::test]
async fn guessing_one_address_is_slowed_down_and_the_log_in_page_says_so() {
    let app = spawn_app().await;
    set_up(&app).await;
    for n in 1..=10 {
        assert_eq!(
            wrong_log_in(&app, "camille@lille.fr").await.status(),
            422,
            "attempt {n}"
        );
    }
    // Without JavaScript: the form comes back with the reason.
    let slowed = post_from(
        &app,
        "/connexion",
        "/api/log_in",
        "email=camille%40lille.fr&password=not+the+password",
        None,
    )
    .await;
    let page_back = back(&app, &slowed, None).await;
    assert!(
        page_back.contains("chaque nouvel essai attend un peu plus"),
        "{page_back}"
    );
    assert!(
        page_back.contains("value=\"camille@lille.fr\""),
        "address kept"
    );
}

#[tokio::test]
async fn an_admin_invites_someone_who_signs_up_once_and_appears_in_the_list() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let invited = post(
        &app,
        "/api/create_invitation",
        "role=facilitator",
        Some(&admin),
    )
    .await;
    let location = invited.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.starts_with("/admin/membres?lien="), "{location}");
    let token = location.split("lien=").nth(1).unwrap().to_owned();
    let shown = page(&app, &location, Some(&admin)).await;
    assert!(
        shown.contains(&format!("/inscription/{token}")),
        "the link is shown once: {shown}"
    );

    let form = page(&app, &format!("/inscription/{token}"), None).await;
    assert!(form.contains("Créer mon compte"), "{form}");
    let body = format!("token={token}&display_name=Dominique+Bernard&email=dominique%40lille.fr&password=une+autre+phrase+solide");
    let joined = post(&app, "/api/sign_up", &body, None).await;
    let member = session_cookie(&joined);
    assert!(page(&app, "/", Some(&member))
        .await
        .contains("Dominique Bernard"));

    let list = page(&app, "/admin/membres", Some(&admin)).await;
    assert!(
        list.contains("dominique@lille.fr") && list.contains("Animatrice ou animateur"),
        "{list}"
    );
    let spent = page(&app, &format!("/inscription/{token}"), None).await;
    assert!(spent.contains("n’est plus valable"), "{spent}");
}

#[tokio::test]
async fn the_members_page_answers_401_to_visitors_and_403_to_members() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let anonymous = app
        .client
        .get(app.url("/admin/membres"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let member = invite_and_sign_up(&app, &admin, "M", "m%40lille.fr").await;
    let refused = app
        .client
        .get(app.url("/admin/membres"))
        .header(header::COOKIE, &member)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("réservée aux administratrices"));
}

#[tokio::test]
async fn a_deactivated_persons_old_cookie_gets_401_and_signs_nobody_in() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Dominique", "d%40lille.fr").await;
    assert!(page(&app, "/", Some(&member)).await.contains("Dominique"));

    let list = page(&app, "/admin/membres", Some(&admin)).await;
    let id = member_id(&list, "Dominique");
    // Without the box ticked (a browser without JavaScript would not send
    // it, a crafted post might): refused, nothing changes.
    let unconfirmed = post(
        &app,
        "/api/set_member_active",
        &format!("user_id={id}&active=false"),
        Some(&admin),
    )
    .await;
    assert!(refused(&unconfirmed));
    let account = format!("/admin/membres/{id}");
    assert!(!page(&app, &account, Some(&admin))
        .await
        .contains("Désactivé"));
    let done = post(
        &app,
        "/api/set_member_active",
        &format!("user_id={id}&active=false&confirm=oui"),
        Some(&admin),
    )
    .await;
    assert_eq!(done.headers()[header::LOCATION], format!("{account}?ok"));
    assert!(page(&app, &format!("{account}?ok"), Some(&admin))
        .await
        .contains("Modifications enregistrées"));
    assert!(page(&app, &account, Some(&admin))
        .await
        .contains("Désactivé"));

    assert!(
        !page(&app, "/", Some(&member)).await.contains("Dominique"),
        "logged out"
    );
    let replay = app
        .client
        .post(app.url("/api/list_members"))
        .header(header::COOKIE, &member)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_ip_limit_counts_each_forwarded_caller() {
    let app = common::spawn_app_with(app::backend::testing::TestDb::sqlite().await, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    set_up(&app).await;
    // Different addresses, so that only the per-IP count can stop them.
    let attempt = |n: u32, from: &'static str| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/log_in"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-forwarded-for", from)
                .body(format!(
                    "email=guess{n}%40lille.fr&password=not+the+password"
                ))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for n in 1..=20 {
        assert_eq!(attempt(n, "198.51.100.1").await, 422, "attempt {n}");
    }
    assert_eq!(attempt(21, "198.51.100.1").await, 429);
    // A colleague behind the same proxy is not locked out.
    assert_eq!(attempt(22, "198.51.100.2").await, 422);
}
