use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per caller address, and one per (address typed, caller):
        // each log-in reserves its place here, in a short write transaction,
        // before its password is hashed. The rows of failures it replaces
        // were counted after the hash, so a burst slipped through.
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottles::Table)
                    .if_not_exists()
                    .col(string_len(LoginThrottles::Key, 400).primary_key())
                    // Unix seconds: compared and computed in Rust, the same
                    // on SQLite and PostgreSQL.
                    .col(big_integer(LoginThrottles::WindowStart))
                    .col(integer(LoginThrottles::Attempts))
                    .col(integer(LoginThrottles::Failures))
                    .col(big_integer(LoginThrottles::NextAt))
                    .col(big_integer(LoginThrottles::TouchedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_throttles_touched_at")
                    .table(LoginThrottles::Table)
                    .col(LoginThrottles::TouchedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(LoginFailures::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottles::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginThrottles {
    Table,
    Key,
    WindowStart,
    Attempts,
    Failures,
    NextAt,
    TouchedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginFailures {
    Table,
}
