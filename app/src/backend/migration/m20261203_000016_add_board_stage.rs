use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What the console puts on the board: a mine in focus during the
        // triage, and the page of cards beyond one screen. One column per
        // statement: SQLite alters a table one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Workshops::Table)
                    .add_column(big_integer_null(Workshops::BoardFocus))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Workshops::Table)
                    .add_column(integer(Workshops::BoardPage).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Workshops::BoardPage, Workshops::BoardFocus] {
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
    BoardFocus,
    BoardPage,
}
