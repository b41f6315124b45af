use sea_orm::entity::prelude::*;

/// An idea, with its current version's title and problem for lists.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ideas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub author_id: i64,
    /// `IdeaStatus::as_str()`.
    pub status: crate::domain::ideas::IdeaStatus,
    pub current_version: i32,
    pub revision: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub problem: String,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    /// The number of the round open now, if any.
    pub open_round: Option<i32>,
    /// `Outcome::as_str()`, set by an author.
    pub outcome: Option<crate::domain::rounds::Outcome>,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome_note: Option<String>,
    /// `Stage::slug()` and score as last computed (for the list's filter).
    pub stage: crate::domain::maturity::Stage,
    pub score: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
