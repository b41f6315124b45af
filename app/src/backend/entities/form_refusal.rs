use sea_orm::entity::prelude::*;

/// A plain form's refusal kept for the page it goes back to: see
/// `web::refusals`. Times are Unix seconds.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_refusals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// SHA-256 of the refusal cookie of the browser that sent the form.
    pub holder_hash: String,
    /// The refusal as Leptos encodes it for a URL (base64 of its JSON).
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
