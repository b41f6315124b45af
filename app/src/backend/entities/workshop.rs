use sea_orm::entity::prelude::*;

/// A live round in a room: join code, phases, timer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshops")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub idea_id: i64,
    pub organisation_id: i64,
    /// `None` once ended.
    pub code: Option<String>,
    pub joining_open: bool,
    pub started_by: i64,
    /// The hash of the session token that holds the console.
    pub console_session: String,
    /// `Phase::as_str()`.
    pub phase: crate::domain::workshops::Phase,
    pub version: i64,
    pub timer_ends_at: Option<DateTimeUtc>,
    /// Seconds left while paused.
    pub timer_paused_left: Option<i32>,
    pub dots: i32,
    pub cards_dealt: bool,
    pub started_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    /// The mine the board shows in focus (the console's choice).
    pub board_focus: Option<i64>,
    /// The board's page of cards, from 0.
    pub board_page: i32,
    /// The optional steps chosen at the start: grouping duplicates after
    /// the reveal, proposing ways around the top mines after the vote.
    pub grouping: bool,
    pub ways_around: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
