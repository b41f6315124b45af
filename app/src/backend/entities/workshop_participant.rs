use sea_orm::entity::prelude::*;

/// Someone in a workshop: a member, or a guest with a user row of status
/// `guest` and a cookie scoped to the workshop.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_participants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub workshop_id: i64,
    pub user_id: i64,
    pub guest: bool,
    pub guest_token_hash: Option<String>,
    pub card_domain_id: Option<i64>,
    pub joined_at: DateTimeUtc,
    pub removed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
