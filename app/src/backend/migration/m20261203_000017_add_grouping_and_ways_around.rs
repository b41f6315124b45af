use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The two optional steps of a workshop, chosen when it starts, and
        // the card a duplicate is grouped under. One column per statement:
        // SQLite alters a table one column at a time.
        for column in [Workshops::Grouping, Workshops::WaysAround] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Workshops::Table)
                        .add_column(boolean(column).default(false))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Contributions::Table)
                    .add_column(big_integer_null(Contributions::GroupedUnder))
                    .to_owned(),
            )
            .await?;
        // A card's duplicates are looked up by it (hiding, triage notices).
        manager
            .create_index(
                Index::create()
                    .name("idx_contributions_grouped_under")
                    .table(Contributions::Table)
                    .col(Contributions::GroupedUnder)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_contributions_grouped_under")
                    .table(Contributions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Contributions::Table)
                    .drop_column(Contributions::GroupedUnder)
                    .to_owned(),
            )
            .await?;
        for column in [Workshops::WaysAround, Workshops::Grouping] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Workshops::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Workshops {
    Table,
    Grouping,
    WaysAround,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    GroupedUnder,
}
