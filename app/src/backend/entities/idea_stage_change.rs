use sea_orm::entity::prelude::*;

/// An idea reached a stage (the dashboard's ageing reads these).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_stage_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub since: DateTimeUtc,
    #[sea_orm(primary_key, auto_increment = false)]
    pub stage: crate::domain::maturity::Stage,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
