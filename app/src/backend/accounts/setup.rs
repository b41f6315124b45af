//! First-run setup: the organisation and its first administrator.

use super::error::AccountError;
use super::passwords;
use crate::backend::ctx::Ctx;
use crate::backend::entities::user;
use crate::backend::store::Op;
use crate::domain::accounts::{MemberStatus, Role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// What the setup form (or `demineurs create-admin`) gives, parsed.
pub use crate::backend::organisations::NewOrganisation as FirstAdmin;

/// True while no active administrator exists: the app then leads to setup.
pub async fn needs_setup(db: &impl ConnectionTrait) -> Result<bool, AccountError> {
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .count(db)
        .await
        .op("needs setup: count user")?;
    Ok(admins == 0)
}

/// Creates the organisation and its administrator, once: a second call
/// (or two at the same time) gets `AlreadySetUp` and changes nothing.
/// Returns the new administrator's id.
pub async fn create_first_admin(ctx: &Ctx<'_>, input: FirstAdmin) -> Result<i64, AccountError> {
    // Hash before taking the write lock: hashing is slow on purpose.
    let password_hash = passwords::hash(&input.password).await?;
    let txn = ctx.write().await?;
    if !needs_setup(&txn).await? {
        return Err(AccountError::AlreadySetUp);
    }
    let (_, admin) =
        crate::backend::organisations::insert_with_admin(&txn, ctx.clock, &input, password_hash)
            .await?;
    txn.commit().await.op("create first admin: commit")?;
    Ok(admin)
}
