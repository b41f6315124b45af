use sea_orm::entity::prelude::*;

/// The dots one participant placed on one mine.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dot_votes")]
pub struct Model {
    pub workshop_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub participant_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: i64,
    pub dots: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
