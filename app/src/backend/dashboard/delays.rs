//! How long rounds wait for a first contribution, and whether they are
//! closed within a week after their writing time.

use super::{median, Scope};
use crate::backend::entities::round;
use crate::backend::ideas::error::IdeaError;
use crate::backend::store::Op;
use crate::domain::dashboard::{Closing, Delays, Wait};
use crate::domain::rounds::{is_revealed, RoundStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

type RoundLine = (
    i64,
    RoundStatus,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

pub(super) async fn delays(
    db: &impl ConnectionTrait,
    scope: &Scope,
    _page: u32,
) -> Result<Delays, IdeaError> {
    let rounds: Vec<RoundLine> = round::Entity::find()
        .select_only()
        .columns([
            round::Column::Id,
            round::Column::Status,
            round::Column::OpenedAt,
            round::Column::Deadline,
            round::Column::RevealedAt,
            round::Column::EndedAt,
            round::Column::FirstSaidAt,
        ])
        .filter(round::Column::IdeaId.in_subquery(scope.ideas.clone()))
        .filter(round::Column::Status.ne(RoundStatus::Cancelled))
        .into_tuple()
        .all(db)
        .await
        .op("dashboard: rounds")?;
    let now = scope.now;
    // Only revealed rounds: a silent one says nothing, not even when.
    let revealed: Vec<&RoundLine> = rounds
        .iter()
        .filter(|r| is_revealed(r.1, r.4, r.3, now))
        .collect();
    let hours: Vec<Option<i64>> = revealed
        .iter()
        // The first unhidden contribution (`rounds::tally`).
        .map(|r| r.6.map(|at| (at - r.2).num_hours().max(0)))
        .collect();
    let waits = Wait::ALL
        .into_iter()
        .map(|w| {
            (
                w,
                hours.iter().filter(|h| Wait::of_hours(**h) == w).count() as u32,
            )
        })
        .collect();
    let mut closing = Closing::default();
    let grace = Duration::days(Closing::GRACE_DAYS);
    for r in &revealed {
        // Writing ends at the reveal, or at the deadline if that came first.
        let Some(writing_end) = [r.4, r.3].into_iter().flatten().min() else {
            continue;
        };
        match (r.1, r.5) {
            (RoundStatus::Closed, Some(ended)) if ended <= writing_end + grace => {
                closing.on_time += 1
            }
            (RoundStatus::Closed, _) => closing.late += 1,
            _ if now > writing_end + grace => closing.overdue += 1,
            _ => {}
        }
    }
    Ok(Delays {
        waits,
        median_hours: median(hours.into_iter().flatten().collect()).map(|h| h as u32),
        closing,
    })
}
