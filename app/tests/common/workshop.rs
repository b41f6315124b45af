#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! A live round and its workshop, and people joining it.

use super::{as_member, idea, in_room, key};
use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::idempotency::IdempotencyKey;
use app::backend::rounds::opening;
use app::backend::rounds::reading as round_reading;
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::joining::{join, Joined, Joiner};
use app::backend::workshops::posting::post;
use app::backend::workshops::{reading, running};
use app::domain::accounts::CurrentUser;
use app::domain::round_inputs::{Draft, RoundOpening};
use app::domain::rounds::{ContributionKind, FocusQuestion, RoundMode, Severity};
use app::domain::workshops::{Phase, Steps};

pub const CONSOLE: &str = "the-console-device-session-token";
pub const ROOM_IP: &str = "203.0.113.7";

/// The context of a facilitator's call from the device holding the console.
pub fn at_console<'a>(t: &'a TestDb, clock: &'a ManualClock, who: &CurrentUser) -> Ctx<'a> {
    Ctx::new(&t.db, clock).member_acting(who).on_device(CONSOLE)
}

pub fn mine(domain: i64, body: &str) -> Draft {
    Draft {
        kind: ContributionKind::Mine,
        domain_id: Some(domain),
        severity: Some(Severity::Serious),
        body: body.to_owned(),
        link: None,
        answers: None,
    }
}

/// A published idea with a live round calling `domains`, and its workshop.
pub async fn workshop(
    t: &TestDb,
    clock: &ManualClock,
    author: &CurrentUser,
    domains: Vec<i64>,
) -> (i64, i64, String) {
    workshop_with_steps(t, clock, author, domains, Steps::default()).await
}

/// As [`workshop`], going through the optional `steps`.
pub async fn workshop_with_steps(
    t: &TestDb,
    clock: &ManualClock,
    author: &CurrentUser,
    domains: Vec<i64>,
    steps: Steps,
) -> (i64, i64, String) {
    let idea_id = idea(t, clock, author).await;
    opening::open(
        &as_member(t, clock, author),
        &key(),
        idea_id,
        RoundOpening {
            focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
            mode: RoundMode::Live,
            deadline: None,
            domains,
            names: Vec::new(),
        },
    )
    .await
    .unwrap();
    let round_id = round_reading::panel(&as_member(t, clock, author), idea_id, None)
        .await
        .unwrap()
        .rounds[0]
        .info
        .id;
    let id = running::start(&at_console(t, clock, author), round_id, steps)
        .await
        .unwrap();
    let console = reading::console(&at_console(t, clock, author), id)
        .await
        .unwrap();
    (idea_id, id, console.code.unwrap())
}

/// A guest giving `name`, with no cookie yet.
pub fn as_guest(name: &str) -> Joiner {
    Joiner::Guest {
        name: app::domain::accounts::DisplayName::parse(name).ok(),
        token: None,
    }
}

pub async fn join_as_guest(t: &TestDb, clock: &ManualClock, code: &str, name: &str) -> Caller {
    let Joined { guest_token, .. } = join(&Ctx::new(&t.db, clock), ROOM_IP, code, as_guest(name))
        .await
        .unwrap();
    Caller::Guest(guest_token.unwrap())
}

/// Posts a mine of domain 1 from a phone showing `phase`, under `key`.
pub async fn post_mine(
    t: &TestDb,
    clock: &ManualClock,
    who: &Caller,
    key: &IdempotencyKey,
    workshop_id: i64,
    phase: Phase,
    body: &str,
) -> Result<i64, WorkshopError> {
    post(
        &in_room(t, clock, who),
        key,
        workshop_id,
        phase,
        mine(1, body),
    )
    .await
}
