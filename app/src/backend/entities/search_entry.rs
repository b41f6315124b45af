use sea_orm::entity::prelude::*;

/// A searchable text: an idea, a contribution or a known mine's name, with
/// what decides who may find it (its idea and round).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub kind: crate::domain::search::SearchKind,
    /// The idea's, contribution's or known mine's id.
    pub source_id: i64,
    pub idea_id: Option<i64>,
    pub round_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
