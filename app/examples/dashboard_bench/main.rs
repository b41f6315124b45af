//! The dashboard and search at an organisation's scale: a generator writes
//! 2,000 people, 10,000 published ideas, 15,000 rounds and 200,000
//! contributions (bulk inserts, a fixed seed, believable French words),
//! then each dashboard section and a set of searches are read many times
//! as a lead would (the services the pages call, no HTTP), on SQLite and,
//! when DEMINEURS_TEST_PG_URL is set, PostgreSQL. Reports p50/p95; asserts
//! only that the figures add up to what was written.
//!   bench/dashboard.sh [reads per section]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: stop loudly

use app::backend::accounts::sessions;
use app::backend::accounts::setup::{self, FirstAdmin};
use app::backend::clock::SystemClock;
use app::backend::ctx::Ctx;
use app::backend::dashboard;
use app::backend::entities::{
    contribution, idea, idea_tag, round, round_domain, user, user_domain,
};
use app::backend::testing::TestDb;
use app::domain::accounts::{
    DisplayName, Email, MemberStatus, NewPassword, OrganisationName, Role,
};
use app::domain::dashboard::DashboardFilters;
use app::domain::ideas::IdeaStatus;
use app::domain::maturity::Stage;
use app::domain::rounds::{ContributionKind, RoundMode, RoundStatus, Severity, TriageKind};
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait};
use std::time::Instant;

mod prose;
mod search;

const PEOPLE: i64 = 2_000;
const IDEAS: i64 = 10_000;
const CONTRIBUTIONS: i64 = 200_000;
const DOMAINS: i64 = 11;

/// A small deterministic generator (xorshift): the same data every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % sides as u64) as i64
    }
}

async fn insert_in_chunks<A, E>(db: &sea_orm::DatabaseConnection, rows: Vec<A>)
where
    A: sea_orm::ActiveModelTrait<Entity = E> + Send,
    E: EntityTrait,
{
    // Below both databases' limits on bound parameters per statement.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(500).collect();
        E::insert_many(chunk)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
}

/// Writes the organisation; its administrator's id.
async fn generate(t: &TestDb) -> i64 {
    let nobody = Ctx::new(&t.db, &SystemClock);
    let admin = setup::create_first_admin(
        &nobody,
        FirstAdmin {
            organisation: OrganisationName::parse("Région Bench").unwrap(),
            display_name: DisplayName::parse("Camille Bench").unwrap(),
            email: Email::parse("camille@bench.test").unwrap(),
            password: NewPassword::parse("un mot de passe solide").unwrap(),
        },
    )
    .await
    .unwrap();
    let org = user::Entity::find_by_id(admin)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let now = Utc::now();
    let mut dice = Dice(0x5eed_dec0_de00_0001);
    let services = [
        "DSI",
        "Direction des finances",
        "Service juridique",
        "RH",
        "Voirie",
        "Culture",
        "Éducation",
        "Social",
    ];
    let people: Vec<user::ActiveModel> = (0..PEOPLE)
        .map(|i| user::ActiveModel {
            organisation_id: Set(org),
            email: Set(format!("agent{i}@bench.test")),
            display_name: Set(format!("Agent {i}")),
            service: Set(services[(i % services.len() as i64) as usize].to_owned()),
            password_hash: Set("x".into()),
            role: Set(Role::Member),
            status: Set(MemberStatus::Active),
            created_at: Set(now),
            language: Set("fr".into()),
            digest_every: Set("daily".into()),
            ..Default::default()
        })
        .collect();
    insert_in_chunks(&t.db, people).await;
    let first_person = admin + 1;
    let held: Vec<user_domain::ActiveModel> = (0..PEOPLE)
        .map(|i| user_domain::ActiveModel {
            user_id: Set(first_person + i),
            domain_id: Set(1 + i % DOMAINS),
        })
        .collect();
    insert_in_chunks(&t.db, held).await;
    let ideas: Vec<idea::ActiveModel> = (0..IDEAS)
        .map(|i| {
            let published = now - Duration::days(dice.roll(720));
            idea::ActiveModel {
                organisation_id: Set(org),
                author_id: Set(first_person + dice.roll(PEOPLE)),
                status: Set(IdeaStatus::Published),
                current_version: Set(1),
                revision: Set(1),
                title: Set(format!("{} ({i})", prose::text(&mut dice, 3, 7))),
                problem: Set(prose::text(&mut dice, 15, 40)),
                search_text: Set(String::new()),
                created_at: Set(published),
                updated_at: Set(published + Duration::days(dice.roll(30))),
                published_at: Set(Some(published)),
                open_round: Set(None),
                outcome: Set(None),
                outcome_note: Set(None),
                stage: Set(Stage::ALL[dice.roll(4) as usize]),
                score: Set(50),
                ..Default::default()
            }
        })
        .collect();
    insert_in_chunks(&t.db, ideas).await;
    let first_idea = idea::Entity::find().one(&t.db).await.unwrap().unwrap().id;
    let tags: Vec<idea_tag::ActiveModel> = (0..IDEAS)
        .map(|i| idea_tag::ActiveModel {
            idea_id: Set(first_idea + i),
            tag: Set(["mobilité", "numérique", "accueil", "énergie"][(i % 4) as usize].into()),
        })
        .collect();
    insert_in_chunks(&t.db, tags).await;
    // One round per idea, a second for half of them.
    let mut rounds = Vec::new();
    let mut idea_of_round = Vec::new();
    for i in 0..IDEAS {
        for number in 1..=(1 + i % 2) {
            idea_of_round.push(first_idea + i);
            let opened = now - Duration::days(10 + dice.roll(600));
            let deadline = opened + Duration::days(7);
            let closed = dice.roll(3) > 0;
            rounds.push(round::ActiveModel {
                idea_id: Set(first_idea + i),
                number: Set(number as i32),
                version: Set(1),
                focus: Set("Qu’est-ce qui peut coincer ?".into()),
                mode: Set(RoundMode::Async),
                status: Set(if closed {
                    RoundStatus::Closed
                } else {
                    RoundStatus::Open
                }),
                deadline: Set(Some(deadline)),
                revealed_at: Set(Some(deadline)),
                opened_by: Set(admin),
                opened_at: Set(opened),
                ended_at: Set(closed.then(|| deadline + Duration::days(dice.roll(14)))),
                synthesis: Set(String::new()),
                next_step: Set(String::new()),
                ..Default::default()
            });
        }
    }
    let round_count = rounds.len() as i64;
    insert_in_chunks(&t.db, rounds).await;
    let first_round = round::Entity::find().one(&t.db).await.unwrap().unwrap().id;
    let called: Vec<round_domain::ActiveModel> = (0..round_count)
        .map(|r| round_domain::ActiveModel {
            round_id: Set(first_round + r),
            domain_id: Set(1 + r % DOMAINS),
        })
        .collect();
    insert_in_chunks(&t.db, called).await;
    let kinds = [
        ContributionKind::Mine,
        ContributionKind::Mine,
        ContributionKind::Workaround,
        ContributionKind::Question,
        ContributionKind::AllClear,
        ContributionKind::HelpOffer,
    ];
    let triages = [
        None,
        Some(TriageKind::Defused),
        Some(TriageKind::Accepted),
        Some(TriageKind::ToInvestigate),
        Some(TriageKind::Dismissed),
    ];
    let contributions: Vec<contribution::ActiveModel> = (0..CONTRIBUTIONS)
        .map(|_| {
            let r = dice.roll(round_count);
            let idea_id = idea_of_round[r as usize];
            let kind = kinds[dice.roll(kinds.len() as i64) as usize];
            let with_domain = kind.needs_domain();
            let at = now - Duration::days(dice.roll(600)) + Duration::hours(dice.roll(72));
            contribution::ActiveModel {
                round_id: Set(first_round + r),
                idea_id: Set(idea_id),
                author_id: Set(first_person + dice.roll(PEOPLE)),
                kind: Set(kind),
                domain_id: Set(with_domain.then(|| 1 + dice.roll(DOMAINS))),
                severity: Set((kind == ContributionKind::Mine).then_some(Severity::Serious)),
                body: Set(prose::text(&mut dice, 8, 30)),
                link: Set(None),
                answers_id: Set(None),
                holds_domain: Set(dice.roll(2) == 0),
                created_at: Set(at),
                updated_at: Set(at),
                hidden_reason: Set(None),
                hidden_by: Set(None),
                triage: Set(if kind == ContributionKind::Mine {
                    triages[dice.roll(5) as usize]
                } else {
                    None
                }),
                triage_note: Set(None),
                triage_workaround_id: Set(None),
                triage_owner: Set(None),
                triage_due: Set(None),
                triaged_at: Set(None),
                under_card: Set(false),
                late: Set(false),
                grouped_under: Set(None),
                ..Default::default()
            }
        })
        .collect();
    insert_in_chunks(&t.db, contributions).await;
    // Written around the services: each round's moments counted once.
    app::backend::rounds::tally::recount_all(&t.db)
        .await
        .unwrap();
    // The planner's statistics, as a running instance has them (SQLite:
    // `PRAGMA optimize` when a connection opens; PostgreSQL: autovacuum).
    use sea_orm::ConnectionTrait;
    let statistics = match t.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "VACUUM ANALYZE",
        _ => "ANALYZE",
    };
    search::rebuild(&t.db).await;
    t.db.execute_unprepared(statistics).await.unwrap();
    admin
}

pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// With BENCH_PROFILE set, every statement slower than 2 ms is printed with
/// its time: where a section spends it.
fn profile(db: &mut sea_orm::DatabaseConnection) {
    if std::env::var("BENCH_PROFILE").is_err() {
        return;
    }
    db.set_metric_callback(|info| {
        if info.elapsed.as_millis() >= 2 {
            let sql = info.statement.to_string();
            println!("  {:>6.1} ms  {sql}", info.elapsed.as_secs_f64() * 1000.0);
        }
    });
}

async fn run(name: &str, mut t: TestDb, reads: usize) {
    let started = Instant::now();
    let admin = generate(&t).await;
    // A new pool, as an instance started on this data: every connection
    // reads the statistics just gathered.
    t.db = app::backend::db::connect(&t.url).await.unwrap();
    profile(&mut t.db);
    println!(
        "{name}: generated in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let nobody = Ctx::new(&t.db, &SystemClock);
    let token = sessions::open(&nobody, admin).await.unwrap();
    let lead = sessions::current_user(&nobody, &token)
        .await
        .unwrap()
        .unwrap();
    let ctx = Ctx::new(&t.db, &SystemClock).member_acting(&lead);
    let filters = [
        ("no filter", DashboardFilters::default()),
        (
            "a domain and a stage",
            DashboardFilters {
                domain: Some(3),
                stage: Some(Stage::Sketch),
                ..Default::default()
            },
        ),
    ];
    for (label, filters) in &filters {
        let (frame, overview) = dashboard::read_overview(&ctx, filters, 1).await.unwrap();
        if !filters.any() {
            let total: u32 = overview.funnel.iter().map(|r| r.total()).sum();
            assert_eq!((frame.ideas, total), (IDEAS as u32, IDEAS as u32));
        }
        for section in ["overview", "coverage", "mines", "delays"] {
            if std::env::var("BENCH_PROFILE").is_ok() {
                println!("{name}, {label}, {section}:");
            }
            let mut times = Vec::with_capacity(reads);
            for _ in 0..reads {
                let start = Instant::now();
                match section {
                    "overview" => drop(dashboard::read_overview(&ctx, filters, 1).await.unwrap()),
                    "coverage" => drop(dashboard::read_coverage(&ctx, filters, 1).await.unwrap()),
                    "mines" => drop(dashboard::read_mines(&ctx, filters, 1).await.unwrap()),
                    _ => drop(dashboard::read_delays(&ctx, filters, 1).await.unwrap()),
                }
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{name}, {label}, {section}: p50 {:.1} ms, p95 {:.1} ms ({reads} reads)",
                percentile(&times, 0.5),
                percentile(&times, 0.95)
            );
        }
    }
    search::measure(name, &ctx, reads).await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let reads: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    run("SQLite", TestDb::sqlite().await, reads).await;
    if std::env::var("DEMINEURS_TEST_PG_URL").is_ok() {
        run("PostgreSQL", TestDb::postgres().await, reads).await;
    }
}
