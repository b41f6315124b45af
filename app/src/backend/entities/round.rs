use sea_orm::entity::prelude::*;

/// A démining round on one version of an idea.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    /// 1, 2, … per idea.
    pub number: i32,
    pub version: i32,
    #[sea_orm(column_type = "Text")]
    pub focus: String,
    /// `RoundMode::as_str()`.
    pub mode: crate::domain::rounds::RoundMode,
    /// `RoundStatus::as_str()`.
    pub status: crate::domain::rounds::RoundStatus,
    pub deadline: Option<DateTimeUtc>,
    /// Set when revealed before the deadline (or a live round's reveal).
    pub revealed_at: Option<DateTimeUtc>,
    pub opened_by: i64,
    pub opened_at: DateTimeUtc,
    /// When closed or cancelled.
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub synthesis: String,
    #[sea_orm(column_type = "Text")]
    pub next_step: String,
    /// The first, the last unhidden contribution, the last answer to one
    /// (kept by `rounds::tally`): the dashboard reads rounds, not every
    /// contribution.
    pub first_said_at: Option<DateTimeUtc>,
    pub last_said_at: Option<DateTimeUtc>,
    pub last_answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
