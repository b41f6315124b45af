use sea_orm::entity::prelude::*;

/// Where log-ins from one caller, or for one address from one caller,
/// stand: see `accounts::login_limits`. Times are Unix seconds.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "throttles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Start of the current minute's window (caller rows).
    pub window_start: i64,
    /// Attempts reserved in that window (caller rows).
    pub attempts: i32,
    /// Failures in a row (address rows).
    pub failures: i32,
    /// No attempt before this time (address rows slowed down).
    pub next_at: i64,
    /// Last change, for the clean-up.
    pub touched_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
