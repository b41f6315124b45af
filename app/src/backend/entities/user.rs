use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub service: String,
    #[sea_orm(column_type = "Text")]
    pub password_hash: String,
    /// What the person may do, stored as `Role::as_str()`.
    pub role: crate::domain::accounts::Role,
    /// Active, pending (awaiting approval), deactivated, or a workshop
    /// guest; stored as `MemberStatus::as_str()`.
    pub status: crate::domain::accounts::MemberStatus,
    pub created_at: DateTimeUtc,
    /// The language of the person's e-mails (`Locale::code`).
    pub language: String,
    /// How often the digest comes (`DigestEvery::as_str`).
    pub digest_every: String,
    /// Up to when the last digest covered (claimed when written).
    pub digest_up_to: Option<DateTimeUtc>,
    /// What the person says of their availability
    /// (`Availability::as_str`).
    pub availability: String,
    /// The last day of an absence (with `availability` "away").
    pub away_until: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
