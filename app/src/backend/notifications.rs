//! In-app notifications: stored here, listed and marked read. Who is told
//! what is decided in one place, from the change that caused it
//! (`backend::changes`).

use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, expertise_domain, idea, notification};
use crate::backend::rounds::error::RoundError;
use crate::backend::store::{Op, StoreError};
use crate::domain::round_views::{NotificationKind, NotificationView, Notifications};
use crate::domain::rounds::{Outcome, TriageKind};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// How many notifications the page shows.
pub const SHOWN: u64 = 50;

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct About {
    pub kind: NotificationKind,
    pub idea_id: i64,
    pub round_number: Option<i32>,
    pub domain_id: Option<i64>,
    /// The contribution it is about, if one.
    pub contribution_id: Option<i64>,
}

/// Tells each of `people` (once each) about something. Only changes
/// (`backend::changes`) tell anyone anything.
pub(crate) async fn notify(
    txn: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    people: impl IntoIterator<Item = i64>,
    about: About,
) -> Result<(), StoreError> {
    let mut people: Vec<i64> = people.into_iter().collect();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() {
        return Ok(());
    }
    notification::Entity::insert_many(people.into_iter().map(|user_id| {
        notification::ActiveModel {
            user_id: Set(user_id),
            kind: Set(about.kind),
            idea_id: Set(about.idea_id),
            round_number: Set(about.round_number),
            domain_id: Set(about.domain_id),
            contribution_id: Set(about.contribution_id),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        }
    }))
    .exec_without_returning(txn)
    .await
    .op("notify: insert notification")?;
    Ok(())
}

/// How many notifications the person has not read.
pub async fn unread_count(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, StoreError> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await
        .op("notifications::unread_count")
}

/// The caller's latest notifications.
pub async fn list(ctx: &Ctx<'_>) -> Result<Notifications, RoundError> {
    let (db, me) = (ctx.db, ctx.member()?);
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .order_by_desc(notification::Column::Id)
        .limit(SHOWN)
        .all(db)
        .await
        .op("notifications::list")?;
    let items = views(db, rows).await?;
    let unread = unread_count(db, me.id).await? as u32;
    Ok(Notifications { items, unread })
}

/// Notifications as shown, with their idea's title, their domain's name,
/// and how their mine stands now.
pub async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<notification::Model>,
) -> Result<Vec<NotificationView>, StoreError> {
    let idea_ids: Vec<i64> = rows.iter().map(|n| n.idea_id).collect();
    let titles = crate::backend::ideas::reading::titles(db, idea_ids).await?;
    let domain_ids: Vec<i64> = rows.iter().filter_map(|n| n.domain_id).collect();
    let domains: HashMap<i64, String> = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::Id.is_in(domain_ids))
        .select_only()
        .column(expertise_domain::Column::Id)
        .column(expertise_domain::Column::Name)
        .into_tuple()
        .all(db)
        .await
        .op("notifications::list")?
        .into_iter()
        .collect();
    // How each mine named was triaged, as it stands now.
    let mine_ids: Vec<i64> = rows.iter().filter_map(|n| n.contribution_id).collect();
    let triages: HashMap<i64, Option<TriageKind>> = contribution::Entity::find()
        .filter(contribution::Column::Id.is_in(mine_ids))
        .select_only()
        .column(contribution::Column::Id)
        .column(contribution::Column::Triage)
        .into_tuple()
        .all(db)
        .await
        .op("notifications::list")?
        .into_iter()
        .collect();
    // Where each idea decided on stands now.
    let decided: Vec<i64> = rows
        .iter()
        .filter(|n| n.kind == NotificationKind::IdeaOutcome)
        .map(|n| n.idea_id)
        .collect();
    let outcomes: HashMap<i64, Option<Outcome>> = if decided.is_empty() {
        HashMap::new()
    } else {
        idea::Entity::find()
            .filter(idea::Column::Id.is_in(decided))
            .select_only()
            .column(idea::Column::Id)
            .column(idea::Column::Outcome)
            .into_tuple()
            .all(db)
            .await
            .op("notifications::list")?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|n| NotificationView {
            outcome: (n.kind == NotificationKind::IdeaOutcome)
                .then(|| outcomes.get(&n.idea_id).copied().flatten())
                .flatten(),
            id: n.id,
            kind: n.kind,
            idea_id: n.idea_id,
            idea_title: titles.get(&n.idea_id).cloned().unwrap_or_default(),
            round_number: n.round_number,
            domain: n.domain_id.and_then(|d| domains.get(&d).cloned()),
            contribution_id: n.contribution_id,
            triage: n
                .contribution_id
                .and_then(|c| triages.get(&c).copied().flatten()),
            created: crate::domain::paris_time::show(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// Marks all the caller's notifications read.
pub async fn mark_all_read(ctx: &Ctx<'_>) -> Result<(), RoundError> {
    let me = ctx.member()?;
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(ctx.now())))
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(ctx.db)
        .await
        .op("notifications::mark_all_read")?;
    Ok(())
}
