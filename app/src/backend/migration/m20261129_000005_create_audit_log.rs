use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditLog::Id))
                    .col(big_integer(AuditLog::OrganisationId))
                    .col(big_integer(AuditLog::ActorId))
                    .col(string_len(AuditLog::Action, 32))
                    .col(big_integer(AuditLog::TargetUserId))
                    .col(string_len(AuditLog::Detail, 200).default(""))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    OrganisationId,
    ActorId,
    Action,
    TargetUserId,
    Detail,
    At,
}
