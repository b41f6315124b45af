#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! How many SQL statements the main pages run. A page's count must not grow
//! with what it shows (no query per contribution); the counts are printed
//! (`cargo test -p server --test statements -- --nocapture`) for the notes.
mod common;

use common::workshop::{a_workshop, join_as_guest, key, start_writing};
use common::{invite_and_sign_up, page, post, set_up, spawn_app, TestApp};

async fn statements_of(app: &TestApp, path: &str, cookie: &str) -> u64 {
    let before = app.statements.get();
    let body = page(app, path, Some(cookie)).await;
    assert!(body.contains("</html>"), "{path}: {body}");
    app.statements.get() - before
}

/// A workshop whose room posted `n` mines, reached the reveal, and whose
/// facilitator endorsed and answered each: the
/// statements of each main page, as its usual visitor sees it.
async fn counts_with(n: u32) -> Vec<(&'static str, u64)> {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let lou = join_as_guest(&app, &code, "Lou").await;
    start_writing(&app, &admin).await;
    for i in 0..n {
        let sent = post(
            &app,
            "/api/post_live",
            &format!("request_id={}&workshop_id=1&started_in=writing&kind=mine&domain_id=1&severity=serious&body=Mine+{i}", key(2000 + i)),
            Some(&lou),
        )
        .await;
        assert!(sent.status().is_redirection());
    }
    post(
        &app,
        "/api/next_phase",
        "workshop_id=1&from=writing&minutes=",
        Some(&admin),
    )
    .await;
    // Each mine endorsed and answered: what hangs under a contribution
    // must not cost a query per contribution either.
    for id in 1..=n {
        post(
            &app,
            "/api/endorse",
            &format!("contribution_id={id}"),
            Some(&admin),
        )
        .await;
        let replied = post(
            &app,
            "/api/reply",
            &format!("request_id={}&contribution_id={id}&body=Vu", key(5000 + id)),
            Some(&admin),
        )
        .await;
        assert!(!common::refused(&replied));
    }
    let mut counts = Vec::new();
    for (name, path, cookie) in [
        ("home", "/", &admin),
        ("idea list", "/idees", &admin),
        ("idea page", "/idees/1", &admin),
        ("board", "/ateliers/1/tableau", &admin),
        ("console", "/ateliers/1/console", &admin),
        ("phone", "/ateliers/1", &lou),
        ("record", "/ateliers/1/compte-rendu", &lou),
    ] {
        counts.push((name, statements_of(&app, path, cookie).await));
    }
    counts
}

#[tokio::test]
async fn the_main_pages_run_as_many_statements_with_150_contributions_as_with_10() {
    let few = counts_with(10).await;
    let many = counts_with(150).await;
    for ((name, with_few), (_, with_many)) in few.iter().zip(&many) {
        eprintln!("{name}: {with_few} statements with 10 contributions, {with_many} with 150");
    }
    assert_eq!(few, many);
}

/// An idea whose `rounds` rounds each got two mines from a colleague and
/// were revealed, the earlier ones triaged and closed: the statements of
/// its page, for its author.
async fn idea_page_with_rounds(rounds: u32) -> u64 {
    let app = spawn_app().await;
    let admin = set_up(&app).await;
    let member = invite_and_sign_up(&app, &admin, "Anne", "anne%40lille.fr").await;
    post(
        &app,
        "/api/create_idea",
        &format!(
            "request_id={}&title=Covoiturage&problem=Parkings+pleins",
            key(7000)
        ),
        Some(&admin),
    )
    .await;
    post(&app, "/api/publish_idea", "idea_id=1", Some(&admin)).await;
    let mut mines = 0;
    for round in 1..=rounds {
        let opened = post(
            &app,
            "/api/open_round",
            &format!(
                "request_id={}&idea_id=1&focus=Quoi&mode=live&deadline=&invitees=",
                key(7100 + round)
            ),
            Some(&admin),
        )
        .await;
        assert!(!common::refused(&opened), "round {round} opened");
        for _ in 0..2 {
            mines += 1;
            let sent = post(
                &app,
                "/api/contribute",
                &format!("request_id={}&idea_id=1&round_id={round}&kind=mine&domain_id=1&severity=serious&body=Mine+{mines}&link=&answers=", key(7200 + mines)),
                Some(&member),
            )
            .await;
            assert!(!common::refused(&sent), "mine {mines} sent");
        }
        post(
            &app,
            "/api/reveal_round",
            &format!("idea_id=1&round_id={round}&confirm=oui"),
            Some(&admin),
        )
        .await;
        if round == rounds {
            break;
        }
        for mine in mines - 1..=mines {
            let triaged = post(
                &app,
                "/api/triage_mine",
                &format!("request_id={}&contribution_id={mine}&triage=accepted&workaround_id=&workaround_text=&note=Vu&owner=&due=", key(7300 + mine)),
                Some(&admin),
            )
            .await;
            assert!(!common::refused(&triaged), "mine {mine} triaged");
        }
        let closed = post(
            &app,
            "/api/close_round",
            &format!("round_id={round}&synthesis=Bilan&next_step="),
            Some(&admin),
        )
        .await;
        assert!(!common::refused(&closed), "round {round} closed");
    }
    let body = page(&app, "/idees/1", Some(&admin)).await;
    assert!(
        body.contains(&format!("Mine {mines}")),
        "the last round's mines are shown"
    );
    statements_of(&app, "/idees/1", &admin).await
}

#[tokio::test]
async fn the_idea_page_runs_as_many_statements_with_three_rounds_as_with_one() {
    let one = idea_page_with_rounds(1).await;
    let three = idea_page_with_rounds(3).await;
    eprintln!("idea page: {one} statements with 1 round, {three} with 3");
    assert_eq!(one, three);
}
