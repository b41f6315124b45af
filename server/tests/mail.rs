#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! E-mail over HTTP, as a browser without JavaScript (or a mail client)
//! uses it: « Mot de passe oublié ? », the settings page, and unsubscribing
//! without a session.
mod common;

use app::backend::entities::{mail_outbox, user};
use app::backend::mail::{preferences, unsubscribe};
use app::domain::mail::Delivery;
use app::domain::round_views::NotificationKind;
use common::{back, location, open_to_lille, page, post, post_from, set_up, spawn_app, TestApp};
use reqwest::header;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn admin_id(app: &TestApp) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq("camille@lille.fr"))
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn queued(app: &TestApp) -> u64 {
    mail_outbox::Entity::find().count(&app.db.db).await.unwrap()
}

#[tokio::test]
async fn a_forgotten_password_gets_the_same_answer_for_any_address() {
    let app = spawn_app().await;
    set_up(&app).await;
    let login = page(&app, "/connexion", None).await;
    assert!(login.contains("href=\"/mot-de-passe-oublie\""), "{login}");
    for address in ["camille%40lille.fr", "personne%40lille.fr"] {
        let sent = post_from(
            &app,
            "/mot-de-passe-oublie",
            "/api/forgot_password",
            &format!("email={address}"),
            None,
        )
        .await;
        assert_eq!(location(&sent), "/mot-de-passe-oublie?envoye");
    }
    assert_eq!(
        queued(&app).await,
        1,
        "only the account's address is written to"
    );
    let shown = page(&app, "/mot-de-passe-oublie?envoye", None).await;
    assert!(
        shown.contains("Si un compte actif a cette adresse"),
        "{shown}"
    );
    // Not an address: said next to the field, nothing queued.
    let refused = post_from(
        &app,
        "/mot-de-passe-oublie",
        "/api/forgot_password",
        "email=pas-une-adresse",
        None,
    )
    .await;
    assert!(location(&refused).starts_with("/mot-de-passe-oublie"));
    assert_eq!(queued(&app).await, 1);
}

#[tokio::test]
async fn the_mail_settings_are_saved_and_a_choice_never_offered_is_refused() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let shown = page(&app, "/reglages/courriels", Some(&admin)).await;
    assert!(
        shown.contains("Mes e-mails") && shown.contains("camille@lille.fr"),
        "{shown}"
    );
    assert!(page(&app, "/reglages/courriels", None)
        .await
        .contains("réservée aux personnes connectées"));
    let saved = post_from(
        &app,
        "/reglages/courriels",
        "/api/save_mail_settings",
        "digest_every=weekly&mine_triaged=never&round_closed=now",
        Some(&admin),
    )
    .await;
    assert_eq!(location(&saved), "/reglages/courriels?ok");
    let id = admin_id(&app).await;
    let chosen = preferences::of(&app.db.db, id).await.unwrap();
    assert_eq!(
        preferences::delivery(&chosen, NotificationKind::MineTriaged),
        Delivery::Never
    );
    assert_eq!(
        preferences::delivery(&chosen, NotificationKind::RoundClosed),
        Delivery::AtOnce
    );
    let shown = page(&app, "/reglages/courriels", Some(&admin)).await;
    assert!(
        shown.contains("id=\"mine_triaged-never\" name=\"mine_triaged\" value=\"never\" checked"),
        "{shown}"
    );
    assert!(
        shown.contains("id=\"digest_every-weekly\" name=\"digest_every\" value=\"weekly\" checked"),
        "{shown}"
    );

    let refused = post_from(
        &app,
        "/reglages/courriels",
        "/api/save_mail_settings",
        "digest_every=hourly&mine_triaged=now",
        Some(&admin),
    )
    .await;
    let back = location(&refused);
    assert!(back.starts_with("/reglages/courriels"), "{back}");
    let again = page(&app, &back, Some(&admin)).await;
    assert!(
        again.contains("Choisissez l’une des options proposées."),
        "{again}"
    );
    let chosen = preferences::of(&app.db.db, id).await.unwrap();
    assert_eq!(
        preferences::delivery(&chosen, NotificationKind::MineTriaged),
        Delivery::Never,
        "nothing changed"
    );
}

#[tokio::test]
async fn an_unsubscribe_link_works_without_a_session_only_when_signed() {
    let app = spawn_app().await;
    set_up(&app).await;
    let id = admin_id(&app).await;
    let secret = unsubscribe::secret(&app.db.db).await.unwrap();
    let stop = unsubscribe::Stop::Kind(NotificationKind::MineTriaged);
    let link = unsubscribe::link("", &secret, id, stop);
    // The link opens a page; opening it stops nothing.
    let shown = page(&app, &link, None).await;
    assert!(shown.contains("Me désabonner"), "{shown}");
    assert!(preferences::of(&app.db.db, id).await.unwrap().is_empty());

    // A forged signature: refused, nothing changed.
    let forged = link.replace("&s=", "&s=AAAA");
    let refused = app
        .client
        .post(app.url(&forged))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(page(&app, &forged, None)
        .await
        .contains("n’est pas valable"));
    assert!(preferences::of(&app.db.db, id).await.unwrap().is_empty());

    // A mail client's one click (RFC 8058): no cookie, no origin.
    let done = app
        .client
        .post(app.url(&link))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200, "RFC 8058: answered, never redirected");
    let chosen = preferences::of(&app.db.db, id).await.unwrap();
    assert_eq!(
        preferences::delivery(&chosen, NotificationKind::MineTriaged),
        Delivery::Never
    );
    // The page's own button (a browser's form) is led to what was done.
    let button = app
        .client
        .post(app.url(&link))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(button.status(), 303);
    assert_eq!(location(&button), "/desabonnement?fait=mine_triaged");
    assert!(page(&app, "/desabonnement?fait=mine_triaged", None)
        .await
        .contains("C’est fait"));
    let _ = post(&app, "/api/log_out", "", None).await;
}

#[tokio::test]
async fn e_mail_comes_in_the_language_one_logs_in_with() {
    let app = spawn_app().await;
    set_up(&app).await;
    let logged = app
        .client
        .post(app.url("/api/log_in"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body(format!(
            "email=camille%40lille.fr&password={}",
            common::PASSWORD.replace(' ', "+")
        ))
        .send()
        .await
        .unwrap();
    assert!(logged.status().as_u16() < 400, "{}", logged.status());
    let person = user::Entity::find_by_id(admin_id(&app).await)
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.language, "en");
    // Asked for in English: the reset link comes in English.
    post(
        &app,
        "/api/forgot_password",
        "email=camille%40lille.fr",
        None,
    )
    .await;
    let mail = mail_outbox::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mail.subject, "Choose a new password");
}

#[tokio::test]
async fn an_invitation_form_with_an_address_mails_it_and_refuses_a_bad_one_next_to_the_field() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    // The members page's form, as a browser without JavaScript sends it.
    let invite = |body: &str| {
        let body = body.to_owned();
        let (app, admin) = (&app, &admin);
        async move {
            post_from(
                app,
                "/admin/membres",
                "/api/create_invitation",
                &body,
                Some(admin),
            )
            .await
        }
    };
    let refused = invite("role=member&email=pas-une-adresse").await;
    assert!(location(&refused).starts_with("/admin/membres"));
    let again = back(&app, &refused, Some(&admin)).await;
    assert!(again.contains("id=\"field-email-error\""), "{again}");
    assert!(again.contains("value=\"pas-une-adresse\""), "kept: {again}");
    assert_eq!(queued(&app).await, 0);
    // The administrator's own address has an account already.
    let taken = invite("role=member&email=camille%40lille.fr").await;
    let again = back(&app, &taken, Some(&admin)).await;
    assert!(again.contains("Cette personne a déjà un compte"), "{again}");
    assert_eq!(queued(&app).await, 0);

    let sent = invite("role=member&email=sacha%40lille.fr").await;
    let landing = location(&sent);
    assert!(
        landing.starts_with("/admin/membres?lien=") && landing.ends_with("&envoye"),
        "{landing}"
    );
    let shown = page(&app, &landing, Some(&admin)).await;
    assert!(
        shown.contains("Invitation envoyée par courriel."),
        "{shown}"
    );
    let mail = mail_outbox::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (mail.kind.as_str(), mail.to_address.as_str()),
        ("invitation", "sacha@lille.fr")
    );
    let token = landing
        .split("lien=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    assert!(mail.body_text.contains(&format!("/inscription/{token}")));
}

#[tokio::test]
async fn a_request_asked_in_english_is_approved_in_english() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    open_to_lille(&app, &admin).await;
    let asked = app
        .client
        .post(app.url("/api/request_account"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body("display_name=Sacha+Petit&email=sacha%40lille.fr&password=une+phrase+de+passe+solide")
        .send()
        .await
        .unwrap();
    assert!(asked.status().as_u16() < 400, "{}", asked.status());
    let person = user::Entity::find()
        .filter(user::Column::Email.eq("sacha@lille.fr"))
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.language, "en");
    post(
        &app,
        "/api/approve_member",
        &format!("user_id={}", person.id),
        Some(&admin),
    )
    .await;
    let mail = mail_outbox::Entity::find()
        .one(&app.db.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        mail.subject,
        "Welcome: your request to join Ville de Lille is approved"
    );
}
