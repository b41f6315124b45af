use crate::domain::round_views::NotificationKind;
use sea_orm::entity::prelude::*;

/// Something a person should know about an idea; its text is written when
/// shown, from its kind.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub kind: NotificationKind,
    pub idea_id: i64,
    pub round_number: Option<i32>,
    pub domain_id: Option<i64>,
    /// The contribution it is about (a mine triaged).
    pub contribution_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
