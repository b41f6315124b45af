use sea_orm::entity::prelude::*;

/// One numbered version of an idea's text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub problem: String,
    #[sea_orm(column_type = "Text")]
    pub proposal: String,
    #[sea_orm(column_type = "Text")]
    pub beneficiaries: String,
    #[sea_orm(column_type = "Text")]
    pub help_sought: String,
    /// Comma-separated.
    #[sea_orm(column_type = "Text")]
    pub tags: String,
    /// Who saved this version.
    pub author_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
