use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per thing limited (a caller's log-ins, an address typed
        // from a caller, a caller's wrong join codes): each attempt reserves
        // its place here, in a short write transaction, before the work it
        // limits (a password hash, a code look-up). The rows of failures it
        // replaces were counted afterwards, so a burst slipped through.
        manager
            .create_table(
                Table::create()
                    .table(Throttles::Table)
                    .if_not_exists()
                    .col(string_len(Throttles::Key, 400).primary_key())
                    // Unix seconds: compared and computed in Rust, the same
                    // on SQLite and PostgreSQL.
                    .col(big_integer(Throttles::WindowStart))
                    .col(integer(Throttles::Attempts))
                    .col(integer(Throttles::Failures))
                    .col(big_integer(Throttles::NextAt))
                    .col(big_integer(Throttles::TouchedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_throttles_touched_at")
                    .table(Throttles::Table)
                    .col(Throttles::TouchedAt)
                    .to_owned(),
            )
            .await?;
        for spent in [OldFailures::LoginFailures, OldFailures::JoinFailures] {
            manager
                .drop_table(Table::drop().table(spent).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Throttles::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Throttles {
    Table,
    Key,
    WindowStart,
    Attempts,
    Failures,
    NextAt,
    TouchedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OldFailures {
    LoginFailures,
    JoinFailures,
}
