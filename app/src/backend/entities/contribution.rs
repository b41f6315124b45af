use sea_orm::entity::prelude::*;

/// A contribution to a round; a mine carries its triage.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contributions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub idea_id: i64,
    pub author_id: i64,
    /// `ContributionKind::as_str()`.
    pub kind: crate::domain::rounds::ContributionKind,
    pub domain_id: Option<i64>,
    /// `Severity::as_str()`, mines only.
    pub severity: Option<crate::domain::rounds::Severity>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub link: Option<String>,
    pub answers_id: Option<i64>,
    pub holds_domain: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<i64>,
    /// `TriageKind::as_str()`.
    pub triage: Option<crate::domain::rounds::TriageKind>,
    #[sea_orm(column_type = "Text", nullable)]
    pub triage_note: Option<String>,
    pub triage_workaround_id: Option<i64>,
    pub triage_owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub triage_due: Option<String>,
    pub triaged_at: Option<DateTimeUtc>,
    /// Written under a workshop role card: never counts toward maturity.
    pub under_card: bool,
    /// Sent after the writing phase of a workshop (« arrivée tardive »).
    pub late: bool,
    /// The card this duplicate is grouped under (same kind, same domain):
    /// its text and writer are kept, it counts once, with that card.
    pub grouped_under: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
