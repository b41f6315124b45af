#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Requests to join, reset links, profiles and organisation settings over
//! HTTP, as a browser without JavaScript uses them.
mod common;

use common::{
    back, invite_and_sign_up, location, member_id, open_to_lille, page, post, post_from,
    session_cookie, set_up, signs_in, spawn_app, status_of,
};
use reqwest::header;

/// The id in the first `name="user_id" value="…"` after `after` in a page.
fn user_id_after(html: &str, after: &str) -> String {
    html.split(after)
        .nth(1)
        .unwrap()
        .split("name=\"user_id\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

const REQUEST: &str =
    "display_name=Dominique&email=dominique%40lille.fr&password=une+autre+phrase+solide";
const LOG_IN: &str = "email=dominique%40lille.fr&password=une+autre+phrase+solide";

#[tokio::test]
async fn someone_asks_to_join_and_logs_in_once_an_admin_approves() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;

    // Closed until the administrator names the organisation's domain.
    let closed = post_from(&app, "/inscription", "/api/request_account", REQUEST, None).await;
    let page_back = back(&app, &closed, None).await;
    assert!(
        page_back.contains("ne sont pas ouvertes pour cette adresse"),
        "{page_back}"
    );
    assert!(
        page_back.contains("value=\"dominique@lille.fr\""),
        "input kept"
    );

    let saved = post(
        &app,
        "/api/update_organisation",
        "name=Ville+de+Lille&email_domains=lille.fr&domains_needed=4",
        Some(&admin),
    )
    .await;
    assert_eq!(location(&saved), "/admin/organisation?ok");
    let settings = page(&app, "/admin/organisation?ok", Some(&admin)).await;
    assert!(settings.contains("Modifications enregistrées"));
    assert!(settings.contains("value=\"lille.fr\""));

    assert!(page(&app, "/inscription", None)
        .await
        .contains("Envoyer ma demande"));
    let sent = post(&app, "/api/request_account", REQUEST, None).await;
    assert_eq!(location(&sent), "/inscription?envoyee");
    assert!(page(&app, "/inscription?envoyee", None)
        .await
        .contains("Demande enregistrée"));

    // Not before the approval.
    let early = post_from(&app, "/connexion", "/api/log_in", LOG_IN, None).await;
    assert!(!signs_in(&early), "nobody signed in");
    assert!(back(&app, &early, None)
        .await
        .contains("dès qu’une administratrice ou un administrateur aura approuvé la demande"));

    let members = page(&app, "/admin/membres", Some(&admin)).await;
    assert!(members.contains("Demandes pour rejoindre l’organisation (1)"));
    let id = user_id_after(&members, "Dominique");
    let approved = post(
        &app,
        "/api/approve_member",
        &format!("user_id={id}"),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&approved), "/admin/membres");
    let member = session_cookie(&post(&app, "/api/log_in", LOG_IN, None).await);
    assert!(page(&app, "/", Some(&member)).await.contains("Dominique"));
}

#[tokio::test]
async fn a_refused_request_leaves_the_list_and_a_second_answer_is_said_on_it() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    open_to_lille(&app, &admin).await;
    post(&app, "/api/request_account", REQUEST, None).await;
    let members = page(&app, "/admin/membres", Some(&admin)).await;
    let id = user_id_after(&members, "Dominique");
    // A request's own page warns that its address is unproven.
    assert!(page(&app, &format!("/admin/membres/{id}"), Some(&admin))
        .await
        .contains("Adresse non vérifiée"));
    // "Reactivating" a request would let it in without its approval.
    let sneaked = post(
        &app,
        "/api/set_member_active",
        &format!("user_id={id}&active=true"),
        Some(&admin),
    )
    .await;
    assert!(common::refused(&sneaked));

    let refused = post_from(
        &app,
        "/admin/membres",
        "/api/set_member_active",
        &format!("user_id={id}&active=false&confirm=oui"),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&refused), "/admin/membres");
    let after = page(&app, "/admin/membres", Some(&admin)).await;
    assert!(!after.contains("Dominique"), "gone from the list: {after}");
    assert_eq!(
        status_of(&app, &format!("/admin/membres/{id}"), Some(&admin)).await,
        404
    );
    // Answered again (a second click): the refusal is said on the list.
    let again = post_from(
        &app,
        "/admin/membres",
        "/api/approve_member",
        &format!("user_id={id}"),
        Some(&admin),
    )
    .await;
    assert!(common::refused(&again));
    assert!(back(&app, &again, Some(&admin))
        .await
        .contains("n’existe pas ou plus"));
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_the_old_sessions() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Dominique", "dominique%40lille.fr").await;
    let members = page(&app, "/admin/membres", Some(&admin)).await;
    let id = member_id(&members, "Dominique");

    let made = post(
        &app,
        "/api/create_reset_link",
        &format!("user_id={id}"),
        Some(&admin),
    )
    .await;
    let shown = location(&made);
    assert!(
        shown.starts_with(&format!("/admin/membres/{id}?reinit=")),
        "shown on the person's page: {shown}"
    );
    let token = shown.split("reinit=").nth(1).unwrap().to_owned();
    let notice = page(&app, &shown, Some(&admin)).await;
    assert!(notice.contains(&format!("/reinitialisation/{token}")));

    let form = page(&app, &format!("/reinitialisation/{token}"), None).await;
    assert!(form.contains("Choisir un nouveau mot de passe") && form.contains("name=\"token\""));
    let short = post_from(
        &app,
        &format!("/reinitialisation/{token}"),
        "/api/reset_password",
        &format!("token={token}&password=court"),
        None,
    )
    .await;
    assert!(back(&app, &short, None).await.contains("12 caractères"));

    let reset = post(
        &app,
        "/api/reset_password",
        &format!("token={token}&password=la+nouvelle+phrase+solide"),
        None,
    )
    .await;
    let fresh = session_cookie(&reset);
    assert!(page(&app, "/", Some(&fresh)).await.contains("Dominique"));
    let replay = app
        .client
        .post(app.url("/api/get_profile"))
        .header(header::COOKIE, &member)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401, "the old session ended");
    assert!(page(&app, &format!("/reinitialisation/{token}"), None)
        .await
        .contains("n’est plus valable"));
    let old = post(
        &app,
        "/api/log_in",
        "email=dominique%40lille.fr&password=une+autre+phrase+solide",
        None,
    )
    .await;
    assert!(!signs_in(&old), "nobody signed in");
}

#[tokio::test]
async fn people_edit_their_profile_and_only_admins_the_organisation() {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Dominique", "dominique%40lille.fr").await;
    assert_eq!(status_of(&app, "/profil", None).await, 401);
    assert_eq!(
        status_of(&app, "/admin/organisation", Some(&member)).await,
        403
    );
    assert_eq!(
        status_of(&app, "/admin/organisation", Some(&admin)).await,
        200
    );

    let profile = page(&app, "/profil", Some(&member)).await;
    assert!(profile.contains("Données &amp; RGPD"));
    let domain = profile
        .split("name=\"domains[]\" value=\"")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let saved = post(
        &app,
        "/api/update_profile",
        &format!("display_name=Dominique+B.&service=%3Cb%3EDSI%3C%2Fb%3E&domains%5B%5D={domain}"),
        Some(&member),
    )
    .await;
    assert_eq!(location(&saved), "/profil?ok");
    let profile = page(&app, "/profil?ok", Some(&member)).await;
    assert!(
        profile.contains("&lt;b&gt;DSI&lt;/b&gt;"),
        "markup stays inert"
    );
    assert!(profile.contains(&format!(
        "id=\"domain-{domain}\" name=\"domains[]\" value=\"{domain}\" checked"
    )));
    assert!(page(&app, "/", Some(&member))
        .await
        .contains("Dominique B."));

    // A refused profile changes nothing and says why next to the field.
    let refused = post_from(
        &app,
        "/profil",
        "/api/update_profile",
        "display_name=&service=X",
        Some(&member),
    )
    .await;
    let page_back = back(&app, &refused, Some(&member)).await;
    assert!(page_back.contains("field-error"), "{page_back}");
    assert!(page(&app, "/", Some(&member))
        .await
        .contains("Dominique B."));

    // The administrator's domain list: add, rename, retire.
    let added = post(
        &app,
        "/api/add_domain",
        "name=S%C3%A9curit%C3%A9",
        Some(&admin),
    )
    .await;
    assert_eq!(location(&added), "/admin/organisation?ok");
    let settings = page(&app, "/admin/organisation", Some(&admin)).await;
    assert!(settings.contains("value=\"Sécurité\""));
    let twice = post_from(
        &app,
        "/admin/organisation",
        "/api/add_domain",
        "name=S%C3%A9curit%C3%A9",
        Some(&admin),
    )
    .await;
    assert!(back(&app, &twice, Some(&admin))
        .await
        .contains("déjà une casquette de ce nom"));
    let retired = post(
        &app,
        "/api/retire_domain",
        &format!("domain_id={domain}&confirm=oui"),
        Some(&admin),
    )
    .await;
    assert_eq!(location(&retired), "/admin/organisation?ok");
    let profile = page(&app, "/profil", Some(&member)).await;
    assert!(!profile.contains(&format!("value=\"{domain}\"")));
}
