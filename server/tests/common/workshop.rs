#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! A live round and its workshop over HTTP, and a guest joining it.

use super::{location, page, post, TestApp};
use reqwest::header;

pub fn key(n: u32) -> String {
    format!("workshop-test-key-{n:08}")
}

/// An idea, a live round calling domain 1, and its workshop started from
/// the console (the administrator's session): the join code.
pub async fn a_workshop(app: &TestApp, admin: &str, idea: u32) -> String {
    post(
        app,
        "/api/create_idea",
        &format!(
            "request_id={}&title=Covoiturage&problem=Parkings+pleins",
            key(idea * 10)
        ),
        Some(admin),
    )
    .await;
    post(
        app,
        "/api/publish_idea",
        &format!("idea_id={idea}"),
        Some(admin),
    )
    .await;
    post(
        app,
        "/api/open_round",
        &format!(
            "request_id={}&idea_id={idea}&focus=Quoi&mode=live&deadline=&domains%5B%5D=1&invitees=",
            key(idea * 10 + 1)
        ),
        Some(admin),
    )
    .await;
    let started = post(
        app,
        "/api/start_workshop",
        &format!("round_id={idea}"),
        Some(admin),
    )
    .await;
    assert_eq!(location(&started), format!("/ateliers/{idea}/console"));
    let console = page(app, &format!("/ateliers/{idea}/console"), Some(admin)).await;
    let code = console
        .split("Code de l’atelier ")
        .nth(1)
        .or_else(|| console.split("Code de l'atelier ").nth(1));
    code.expect("the console shows the code")[..6].to_owned()
}

/// Joins by code as a guest named `name`: the guest cookie (`name=value`).
pub async fn join_as_guest(app: &TestApp, code: &str, name: &str) -> String {
    let joined = post(
        app,
        "/api/join_workshop",
        &format!("code={code}&name={name}"),
        None,
    )
    .await;
    joined
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("demineurs_guest="))
        .expect("a guest cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Moves workshop 1 from the pitch to silent writing (its console is the
/// administrator's session).
pub async fn start_writing(app: &TestApp, admin: &str) {
    post(
        app,
        "/api/next_phase",
        "workshop_id=1&from=pitch&minutes=",
        Some(admin),
    )
    .await;
}
