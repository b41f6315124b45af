//! Search at scale: the index rebuilt from the generated texts (timed, as
//! a first start of this version would), then queries a person types, each
//! read many times as a lead and as a member.

use super::percentile;
use app::backend::ctx::Ctx;
use app::backend::search::{indexing, querying};
use sea_orm::TransactionTrait;
use std::time::Instant;

/// Words in the forms people type them: plural for singular, no accents,
/// capitals; one very common word, rarer ones, two and three together.
const QUERIES: &[&str] = &[
    "service",
    "réseaux",
    "donnees personnelles",
    "Marchés publics",
    "accessibilite des ecoles",
    "télétravail sécurité messagerie",
    "chauffage",
    "parking vélo",
    "terme300",
];

pub async fn rebuild(db: &sea_orm::DatabaseConnection) -> u64 {
    let started = Instant::now();
    let txn = db.begin().await.unwrap();
    let entries = indexing::rebuild(&txn).await.unwrap();
    txn.commit().await.unwrap();
    println!(
        "  search index: {entries} entries rebuilt in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    entries
}

/// p50/p95 of each query, then of all of them together.
pub async fn measure(name: &str, ctx: &Ctx<'_>, reads: usize) {
    let mut all = Vec::new();
    for q in QUERIES {
        let mut times = Vec::with_capacity(reads);
        let mut total = 0;
        for _ in 0..reads {
            let start = Instant::now();
            let results = querying::search(ctx, q, None, None).await.unwrap();
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            total = results.total;
        }
        assert!(total > 0, "« {q} » finds something");
        times.sort_by(f64::total_cmp);
        println!(
            "{name}, search « {q} » ({total} found): p50 {:.1} ms, p95 {:.1} ms",
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "{name}, search, all queries: p50 {:.1} ms, p95 {:.1} ms ({} reads)",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all.len()
    );
}
