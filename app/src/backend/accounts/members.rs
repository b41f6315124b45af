//! The people of an organisation, as administrators see them.

use crate::backend::entities::user;
use crate::backend::error::from_db;
use crate::domain::accounts::{CurrentUser, Member, Role};
use crate::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Everyone in the administrator's organisation, by name. Administrators only.
pub async fn list(db: &impl ConnectionTrait, by: &CurrentUser) -> Result<Vec<Member>, AppError> {
    if by.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let people = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(by.organisation_id))
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await
        .map_err(from_db)?;
    Ok(people
        .into_iter()
        .filter_map(|p| {
            Some(Member {
                id: p.id,
                role: Role::parse(&p.role)?,
                display_name: p.display_name,
                email: p.email,
                active: p.status == super::status::ACTIVE,
            })
        })
        .collect())
}
