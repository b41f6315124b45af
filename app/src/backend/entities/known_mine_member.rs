use sea_orm::entity::prelude::*;

/// A mine (contribution) filed under a known mine; one name at most.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "known_mine_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: i64,
    pub known_mine_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
