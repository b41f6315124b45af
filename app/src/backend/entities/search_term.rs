use sea_orm::entity::prelude::*;

/// A term of a searchable text (an idea, a contribution, a known mine's
/// name), with its weight there (how often, and where: a title's words
/// weigh more) and what decides who may find it. One row per term and text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_terms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub term: String,
    pub organisation_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: crate::domain::search::SearchKind,
    /// The idea's, contribution's or known mine's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_id: i64,
    pub idea_id: Option<i64>,
    pub round_id: Option<i64>,
    pub weight: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
