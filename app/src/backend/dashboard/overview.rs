//! The funnel (ideas by stage and outcome), how long ideas stay in each
//! stage, and the ideas nobody has moved for a while.

use super::{median, Scope};
use crate::backend::entities::{idea, idea_stage_change, round};
use crate::backend::ideas::error::IdeaError;
use crate::backend::store::Op;
use crate::domain::dashboard::{IdleIdea, Overview, StageAge, StageRow};
use crate::domain::maturity::Stage;
use crate::domain::rounds::Outcome;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A round's opening, reveal or end, if it happened.
type Moment = Option<DateTime<Utc>>;

type IdeaLine = (
    i64,
    String,
    Stage,
    Option<Outcome>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
);

/// The section; `page` 0 keeps every idle idea (exports), else the
/// longest idle are shown.
pub(super) async fn overview(
    db: &impl ConnectionTrait,
    scope: &Scope,
    page: u32,
) -> Result<Overview, IdeaError> {
    // Three independent reads, side by side on the pool.
    let read_ideas = idea::Entity::find()
        .select_only()
        .columns([
            idea::Column::Id,
            idea::Column::Title,
            idea::Column::Stage,
            idea::Column::Outcome,
            idea::Column::PublishedAt,
            idea::Column::UpdatedAt,
        ])
        .filter(idea::Column::Id.in_subquery(scope.ideas.clone()))
        .into_tuple::<IdeaLine>()
        .all(db);
    let (ideas, moves, changes) = tokio::try_join!(
        async { Ok::<_, IdeaError>(read_ideas.await.op("dashboard: ideas")?) },
        last_moves(db, scope),
        stage_changes(db, scope),
    )?;
    let funnel = Stage::ALL
        .into_iter()
        .map(|stage| {
            let of = |outcome: Option<Outcome>| {
                ideas
                    .iter()
                    .filter(|i| i.2 == stage && i.3 == outcome)
                    .count() as u32
            };
            StageRow {
                stage,
                ongoing: of(None),
                launched: of(Some(Outcome::Launched)),
                parked: of(Some(Outcome::Parked)),
                dropped: of(Some(Outcome::Dropped)),
            }
        })
        .collect();
    let idle_days = scope.filters.idle_days();
    let last = last_activity(&ideas, moves);
    let mut idle: Vec<IdleIdea> = ideas
        .iter()
        .filter(|i| i.3.is_none())
        .filter_map(|i| {
            let at = last.get(&i.0).copied().unwrap_or(i.5);
            let days = (scope.now - at).num_days();
            (days >= i64::from(idle_days)).then(|| IdleIdea {
                id: i.0,
                title: i.1.clone(),
                stage: i.2,
                last_activity: crate::domain::paris_time::day(at),
                days: days as u32,
            })
        })
        .collect();
    idle.sort_by(|a, b| b.days.cmp(&a.days).then(a.id.cmp(&b.id)));
    let idle_total = idle.len() as u32;
    if page != 0 {
        idle.truncate(Overview::IDLE_SHOWN);
    }
    Ok(Overview {
        funnel,
        ages: ages(scope, &ideas, changes),
        idle,
        idle_total,
        idle_days,
    })
}

/// The rounds' moves, by idea: opened, revealed or ended, a revealed
/// contribution or an author's answer to one (each round keeps its
/// latest: `rounds::tally`).
async fn last_moves(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<(i64, Moment)>, IdeaError> {
    let rounds = round::Entity::find()
        .select_only()
        .column(round::Column::IdeaId)
        .column_as(round::Column::OpenedAt.max(), "opened")
        .column_as(round::Column::RevealedAt.max(), "revealed")
        .column_as(round::Column::EndedAt.max(), "ended")
        .filter(round::Column::IdeaId.in_subquery(scope.ideas.clone()))
        .group_by(round::Column::IdeaId)
        .into_tuple::<(i64, Moment, Moment, Moment)>()
        .all(db);
    let said = round::Entity::find()
        .select_only()
        .column(round::Column::IdeaId)
        .column_as(round::Column::LastSaidAt.max(), "said")
        .column_as(round::Column::LastAnsweredAt.max(), "answered")
        .filter(round::Column::IdeaId.in_subquery(scope.ideas.clone()))
        .filter(super::revealed(scope.now))
        .group_by(round::Column::IdeaId)
        .into_tuple::<(i64, Moment, Moment)>()
        .all(db);
    let (rounds, said) = tokio::try_join!(
        async { rounds.await.op("dashboard: rounds' last moves") },
        async { said.await.op("dashboard: last contributions") },
    )?;
    let mut moves = Vec::with_capacity(rounds.len() * 3 + said.len() * 2);
    for (id, opened, revealed, ended) in rounds {
        moves.extend([opened, revealed, ended].map(|at| (id, at)));
    }
    for (id, said, answered) in said {
        moves.extend([said, answered].map(|at| (id, at)));
    }
    Ok(moves)
}

/// Each idea's last move: its last edit, or a later move of its rounds.
fn last_activity(ideas: &[IdeaLine], moves: Vec<(i64, Moment)>) -> HashMap<i64, DateTime<Utc>> {
    let mut last: HashMap<i64, DateTime<Utc>> = ideas.iter().map(|i| (i.0, i.5)).collect();
    for (id, at) in moves {
        if let (Some(at), Some(seen)) = (at, last.get_mut(&id)) {
            *seen = (*seen).max(at);
        }
    }
    last
}

/// When the ideas counted reached each stage, idea by idea in order.
async fn stage_changes(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<idea_stage_change::Model>, IdeaError> {
    Ok(idea_stage_change::Entity::find()
        .filter(idea_stage_change::Column::IdeaId.in_subquery(scope.ideas.clone()))
        .order_by_asc(idea_stage_change::Column::IdeaId)
        .order_by_asc(idea_stage_change::Column::Since)
        .all(db)
        .await
        .op("dashboard: stage changes")?)
}

/// How many days ideas stay in each stage: each idea is a Seed from its
/// publication, then in each stage it reached until the next (or now).
fn ages(
    scope: &Scope,
    ideas: &[IdeaLine],
    changes: Vec<idea_stage_change::Model>,
) -> Vec<StageAge> {
    let mut by_idea: HashMap<i64, Vec<(Stage, DateTime<Utc>)>> = HashMap::new();
    for change in changes {
        by_idea
            .entry(change.idea_id)
            .or_default()
            .push((change.stage, change.since));
    }
    let mut stays: HashMap<Stage, Vec<i64>> = HashMap::new();
    for (id, _, current, outcome, published, updated) in ideas {
        let start = published.unwrap_or(*updated);
        let mut steps = vec![(Stage::Seed, start)];
        steps.extend(by_idea.remove(id).unwrap_or_default());
        let mut spent: HashMap<Stage, i64> = HashMap::new();
        for (i, (stage, since)) in steps.iter().enumerate() {
            // An idea launched, parked or dropped stopped moving: its last
            // stay would only grow with the calendar.
            let until = match (steps.get(i + 1), outcome) {
                (Some(next), _) => next.1,
                (None, None) => scope.now,
                (None, Some(_)) => continue,
            };
            let seconds = (until - *since).num_seconds().max(0);
            // A stage passed through in no time (dated at publication by
            // the first version of this table) is no stay.
            if seconds > 0 || (stage == current && outcome.is_none()) {
                *spent.entry(*stage).or_default() += seconds;
            }
        }
        for (stage, seconds) in spent {
            stays.entry(stage).or_default().push(seconds / 86_400);
        }
    }
    Stage::ALL
        .into_iter()
        .map(|stage| {
            let days = stays.remove(&stage).unwrap_or_default();
            StageAge {
                stage,
                ideas: days.len() as u32,
                median_days: median(days).map(|d| d as u32),
            }
        })
        .collect()
}
