use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A plain form's refusal, with what the person typed, kept for the
        // page it sends them back to: the address then carries only this
        // row's id, never the typed text (a silent contribution in a URL
        // lands in the history, in proxies' logs, on a shared screen).
        manager
            .create_table(
                Table::create()
                    .table(FormRefusals::Table)
                    .if_not_exists()
                    .col(string_len(FormRefusals::Id, 64).primary_key())
                    // SHA-256 of the browser's refusal cookie: the id alone,
                    // copied from an address, opens nothing.
                    .col(string_len(FormRefusals::HolderHash, 64))
                    .col(text(FormRefusals::Payload))
                    // Unix seconds, as in `throttles`.
                    .col(big_integer(FormRefusals::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_refusals_created_at")
                    .table(FormRefusals::Table)
                    .col(FormRefusals::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormRefusals::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum FormRefusals {
    Table,
    Id,
    HolderHash,
    Payload,
    CreatedAt,
}
