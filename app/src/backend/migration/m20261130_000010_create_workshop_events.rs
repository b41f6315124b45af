use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per change of a workshop, numbered by the workshop's
        // version in the transaction of the change: the numbers survive
        // restarts, are shared by every instance, and have no gaps (a change
        // rolled back takes its number with it).
        manager
            .create_table(
                Table::create()
                    .table(WorkshopEvents::Table)
                    .if_not_exists()
                    .col(big_integer(WorkshopEvents::WorkshopId))
                    .col(big_integer(WorkshopEvents::Seq))
                    .col(string_len(WorkshopEvents::Kind, 16))
                    // What changed, when one thing did (a contribution, a
                    // participant).
                    .col(big_integer_null(WorkshopEvents::Subject))
                    .col(timestamp_with_time_zone(WorkshopEvents::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(WorkshopEvents::WorkshopId)
                            .col(WorkshopEvents::Seq),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WorkshopEvents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum WorkshopEvents {
    Table,
    WorkshopId,
    Seq,
    Kind,
    Subject,
    CreatedAt,
}
