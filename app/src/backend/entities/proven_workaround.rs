use sea_orm::entity::prelude::*;

/// A workaround a lead marked as proven against a known mine.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proven_workarounds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub known_mine_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: i64,
    pub marked_by: i64,
    pub marked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
