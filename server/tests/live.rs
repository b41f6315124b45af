#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The workshop event stream over HTTP: events pushed as posts are made,
//! resumed from `Last-Event-ID`, a phone's page not sent others' posts,
//! never compressed, refused to those outside
//! the room; and two instances on one PostgreSQL, one of them losing its
//! listening connection while posts go on.
mod common;

use app::backend::testing::{listeners, wait_for_listeners, TestDb};
use common::sse::{SseEvent, SseReader};
use common::workshop::{a_workshop, join_as_guest, key, start_writing};
use common::{invite_and_sign_up, post, set_up, spawn_app_on, TestApp};
use reqwest::header;
use sea_orm::{ConnectionTrait, Statement};

const EVENTS: &str = "/api/ateliers/1/evenements";

async fn open_stream(
    app: &TestApp,
    cookie: &str,
    last_event_id: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .get(app.url(EVENTS))
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT, "text/event-stream")
        .header(header::ACCEPT_ENCODING, "br, gzip");
    if let Some(id) = last_event_id {
        request = request.header("Last-Event-ID", id);
    }
    request.send().await.unwrap()
}

async fn stream(app: &TestApp, cookie: &str, last_event_id: Option<&str>) -> SseReader {
    let response = open_stream(app, cookie, last_event_id).await;
    assert_eq!(response.status(), 200);
    let mut reader = SseReader::new(response);
    let hello = reader.next().await.unwrap();
    assert_eq!(hello.name, "hello");
    reader
}

fn kind(event: &SseEvent) -> String {
    let parsed: app::domain::live::LiveEvent = serde_json::from_str(&event.data).unwrap();
    parsed.kind
}

async fn post_mine(app: &TestApp, guest: &str, n: u32, body: &str) {
    let sent = post(
        app,
        "/api/post_live",
        &format!("request_id={}&workshop_id=1&started_in=writing&kind=mine&domain_id=1&severity=serious&body={body}", key(500 + n)),
        Some(guest),
    )
    .await;
    assert!(sent.status().is_redirection(), "{}", sent.status());
}

async fn pushes_posts_and_resumes(db: TestDb) {
    let app = spawn_app_on(db).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let lou = join_as_guest(&app, &code, "Lou").await;

    let response = open_stream(&app, &lou, None).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "text/event-stream");
    assert!(
        headers.get(header::CONTENT_ENCODING).is_none(),
        "never compressed"
    );
    let mut phone = SseReader::new(response);
    assert_eq!(phone.next().await.unwrap().name, "hello");
    let mut board = stream(&app, &admin, None).await;

    start_writing(&app, &admin).await;
    post_mine(&app, &lou, 1, "Le+RGPD").await;
    for reader in [&mut phone, &mut board] {
        let phase = reader.next_change().await.unwrap();
        assert_eq!(kind(&phase), "phase");
        let posted = reader.next_change().await.unwrap();
        assert_eq!(kind(&posted), "post");
        assert!(posted.data.len() <= 1024);
        assert_eq!(
            posted.id.as_deref().unwrap().parse::<i64>().unwrap(),
            phase.id.as_deref().unwrap().parse::<i64>().unwrap() + 1
        );
    }

    // A phone that saw the phase change comes back: it gets the post.
    let mut rows = app
        .db
        .db
        .query_all_raw(Statement::from_string(
            app.db.db.get_database_backend(),
            "SELECT seq FROM workshop_events WHERE workshop_id = 1 ORDER BY seq",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<i64>("", "seq").unwrap());
    let (joined, phase, posted) = (
        rows.next().unwrap(),
        rows.next().unwrap(),
        rows.next().unwrap(),
    );
    assert_eq!((phase, posted), (joined + 1, joined + 2));
    let mut back = stream(&app, &lou, Some(&phase.to_string())).await;
    let missed = back.next_change().await.unwrap();
    assert_eq!(
        (kind(&missed), missed.id),
        ("post".to_owned(), Some(posted.to_string()))
    );
    // ... and `?depuis=` does the same for a page opening its stream.
    let since = app
        .client
        .get(app.url(&format!("{EVENTS}?depuis={joined}")))
        .header(header::COOKIE, &lou)
        .send()
        .await
        .unwrap();
    let mut from_page = SseReader::new(since);
    assert_eq!(kind(&from_page.next_change().await.unwrap()), "phase");
    assert_eq!(kind(&from_page.next_change().await.unwrap()), "post");

    // A phone's page is not sent others' posts: after the phase, the timer.
    let phone_page = app
        .client
        .get(app.url(&format!("{EVENTS}?depuis={joined}&vue=telephone")))
        .header(header::COOKIE, &lou)
        .send()
        .await
        .unwrap();
    let mut phone_view = SseReader::new(phone_page);
    assert_eq!(kind(&phone_view.next_change().await.unwrap()), "phase");
    let paused = post(
        &app,
        "/api/workshop_timer",
        "workshop_id=1&action=pause",
        Some(&admin),
    )
    .await;
    assert!(paused.status().is_redirection(), "{}", paused.status());
    let timer = phone_view.next_change().await.unwrap();
    assert_eq!(kind(&timer), "timer");
    assert_eq!(timer.id, Some((posted + 1).to_string()));
}

#[tokio::test]
async fn the_stream_pushes_posts_and_resumes_after_the_last_event_on_sqlite() {
    pushes_posts_and_resumes(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn the_stream_pushes_posts_and_resumes_after_the_last_event_on_postgres() {
    pushes_posts_and_resumes(TestDb::postgres().await).await;
}

#[tokio::test]
async fn only_people_in_the_room_and_facilitators_open_the_stream() {
    let app = spawn_app_on(TestDb::sqlite().await).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let member = invite_and_sign_up(&app, &admin, "Anne", "anne@example.fr").await;
    let status = |cookie: Option<String>| {
        let mut request = app.client.get(app.url(EVENTS));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status(None).await, 401);
    assert_eq!(status(Some("demineurs_guest=forged".into())).await, 401);
    assert_eq!(
        status(Some(member.clone())).await,
        403,
        "a member who has not joined"
    );
    post(
        &app,
        "/api/join_workshop",
        &format!("code={code}&name="),
        Some(&member),
    )
    .await;
    assert_eq!(status(Some(member)).await, 200);
    assert_eq!(status(Some(admin)).await, 200);
}

/// Two instances on one PostgreSQL: a post through A reaches a stream of
/// B; B's listening connection is killed while posts go on through A, and
/// B's stream still gets every one, once, in order.
#[tokio::test]
async fn two_instances_share_events_through_postgres() {
    let a = spawn_app_on(TestDb::postgres().await).await;
    let url = a.db.url.clone();
    let b_db = TestDb {
        db: app::backend::db::connect(&url).await.unwrap(),
        url,
    };
    let b = spawn_app_on(b_db).await;
    let admin = set_up(&a).await;
    let code = a_workshop(&a, &admin, 1).await;
    let lou = join_as_guest(&a, &code, "Lou").await;
    start_writing(&a, &admin).await;

    let mut on_b = stream(&b, &lou, None).await;
    post_mine(&a, &lou, 0, "Premier").await;
    assert_eq!(kind(&on_b.next_change().await.unwrap()), "post");

    let mut ids = Vec::new();
    for round in 1..=3u32 {
        // Once both instances listen (again), kill both connections.
        // A connection just killed may still be listed for a moment: kill
        // until two have gone.
        wait_for_listeners(&a.db.db, 2).await;
        let mut killed = 0;
        for _ in 0..50 {
            killed += listeners(&a.db.db, true).await;
            if killed >= 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(killed >= 2, "one listener per instance: {killed} killed");
        for i in 0..4 {
            post_mine(&a, &lou, round * 10 + i, &format!("Mine+{round}-{i}")).await;
        }
    }
    while ids.len() < 12 {
        let event = on_b.next_change().await.unwrap();
        assert_eq!(kind(&event), "post");
        ids.push(event.id.unwrap().parse::<i64>().unwrap());
    }
    assert!(
        ids.windows(2).all(|w| w[1] == w[0] + 1),
        "in order, once: {ids:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sigterm_streams_end_and_a_post_under_way_completes_on_sqlite() {
    sigterm_with_open_streams(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sigterm_streams_end_and_a_post_under_way_completes_on_postgres() {
    sigterm_with_open_streams(TestDb::postgres().await).await;
}

/// The real binary on a database prepared in-process: on SIGTERM its open
/// streams end, a post under way (headers sent, body still coming)
/// completes and is stored, and the process exits within 10 s.
async fn sigterm_with_open_streams(db: TestDb) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let prepared = spawn_app_on(db).await;
    let admin = set_up(&prepared).await;
    let code = a_workshop(&prepared, &admin, 1).await;
    let lou = join_as_guest(&prepared, &code, "Lou").await;
    start_writing(&prepared, &admin).await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_demineurs"))
        .args([
            "--database-url",
            &prepared.db.url,
            "--bind",
            &format!("127.0.0.1:{port}"),
            "serve",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let response = client
        .get(format!("{base}{EVENTS}"))
        .header(header::COOKIE, &lou)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut open = SseReader::new(response);
    assert_eq!(open.next().await.unwrap().name, "hello");

    // A post whose body is still on its way when the signal comes.
    let body = format!(
        "request_id={}&workshop_id=1&started_in=writing&kind=mine&domain_id=1&severity=serious&body=Pendant+l%27arr%C3%AAt",
        key(900)
    );
    let mut in_flight = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let head = format!(
        "POST /api/post_live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {lou}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nAccept: text/html\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    in_flight.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stopping = Instant::now();
    assert!(Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
    // The open stream ends (it would otherwise hold the shutdown).
    let mut ended = false;
    while stopping.elapsed() < Duration::from_secs(10) {
        if open.next().await.is_none() {
            ended = true;
            break;
        }
    }
    assert!(ended, "the stream ends on shutdown");
    in_flight.write_all(body.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    in_flight.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 30"),
        "the post under way is answered: {answer}"
    );

    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(10),
            "the server stops within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status {status}");
    let stored = prepared
        .db
        .db
        .query_one_raw(Statement::from_string(
            prepared.db.db.get_database_backend(),
            "SELECT count(*) AS n FROM contributions WHERE body = 'Pendant l''arrêt'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(stored, 1, "the post under way is stored");
}

#[tokio::test]
async fn a_seat_opening_stream_after_stream_is_held_to_a_few() {
    let app = spawn_app_on(TestDb::sqlite().await).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let lou = join_as_guest(&app, &code, "Lou").await;
    let sam = join_as_guest(&app, &code, "Sam").await;
    let mut open = Vec::new();
    for _ in 0..6 {
        open.push(stream(&app, &lou, None).await);
    }
    assert_eq!(open_stream(&app, &lou, None).await.status(), 429);
    // Another seat is not held back, and a closed stream frees its place.
    let _sam = stream(&app, &sam, None).await;
    drop(open.pop());
    // The server learns that a stream was closed when it next writes to it:
    // someone joins.
    join_as_guest(&app, &code, "Max").await;
    let mut freed = 0;
    for _ in 0..100 {
        let response = open_stream(&app, &lou, None).await;
        if response.status() == 200 {
            freed += 1;
            open.push(SseReader::new(response));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(freed, 1, "the closed stream's place came back");
}

#[tokio::test]
async fn a_triage_and_a_hide_during_a_live_workshop_reach_the_console() {
    let app = spawn_app_on(TestDb::sqlite().await).await;
    let admin = set_up(&app).await;
    let code = a_workshop(&app, &admin, 1).await;
    let lou = join_as_guest(&app, &code, "Lou").await;
    start_writing(&app, &admin).await;
    post_mine(&app, &lou, 1, "Le+RGPD").await;
    post_mine(&app, &lou, 2, "Les+badges").await;
    post(
        &app,
        "/api/next_phase",
        "workshop_id=1&from=writing&minutes=",
        Some(&admin),
    )
    .await;
    let mut console = stream(&app, &admin, None).await;

    // Triaged from the mine's own page, as an author does between phases.
    let triaged = post(
        &app,
        "/api/triage_mine",
        &format!(
            "request_id={}&contribution_id=1&triage=accepted&workaround_id=&workaround_text=&note=On+le+prend&owner=&due=",
            key(900)
        ),
        Some(&admin),
    )
    .await;
    assert!(!common::refused(&triaged), "{:?}", triaged.headers());
    assert_eq!(kind(&console.next_change().await.unwrap()), "triage");

    // Hidden from the console.
    let hidden = post(
        &app,
        "/api/hide_live",
        "workshop_id=1&contribution_id=2&reason=Hors+sujet&confirm=oui",
        Some(&admin),
    )
    .await;
    assert!(!common::refused(&hidden), "{:?}", hidden.headers());
    assert_eq!(kind(&console.next_change().await.unwrap()), "hide");
}
