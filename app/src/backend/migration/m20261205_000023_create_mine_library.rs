//! The mine library: mines met again and again, grouped by leads under a
//! name, with the workarounds they marked as proven.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(KnownMines::Table)
                    .if_not_exists()
                    .col(pk_auto(KnownMines::Id).big_integer())
                    .col(big_integer(KnownMines::OrganisationId))
                    .col(string_len(KnownMines::Name, 120))
                    .col(big_integer_null(KnownMines::DomainId))
                    .col(big_integer(KnownMines::CreatedBy))
                    .col(timestamp_with_time_zone(KnownMines::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_known_mines_organisation")
                            .from(KnownMines::Table, KnownMines::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_known_mines_organisation")
                    .table(KnownMines::Table)
                    .col(KnownMines::OrganisationId)
                    .col(KnownMines::DomainId)
                    .to_owned(),
            )
            .await?;
        // A mine is filed under one name at most.
        manager
            .create_table(
                Table::create()
                    .table(KnownMineMembers::Table)
                    .if_not_exists()
                    .col(big_integer(KnownMineMembers::ContributionId).primary_key())
                    .col(big_integer(KnownMineMembers::KnownMineId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_known_mine_members_known_mine")
                            .from(KnownMineMembers::Table, KnownMineMembers::KnownMineId)
                            .to(KnownMines::Table, KnownMines::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_known_mine_members_contribution")
                            .from(KnownMineMembers::Table, KnownMineMembers::ContributionId)
                            .to(Contributions::Table, Contributions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_known_mine_members_known_mine")
                    .table(KnownMineMembers::Table)
                    .col(KnownMineMembers::KnownMineId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProvenWorkarounds::Table)
                    .if_not_exists()
                    .col(big_integer(ProvenWorkarounds::KnownMineId))
                    .col(big_integer(ProvenWorkarounds::ContributionId))
                    .col(big_integer(ProvenWorkarounds::MarkedBy))
                    .col(timestamp_with_time_zone(ProvenWorkarounds::MarkedAt))
                    .primary_key(
                        Index::create()
                            .col(ProvenWorkarounds::KnownMineId)
                            .col(ProvenWorkarounds::ContributionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proven_workarounds_known_mine")
                            .from(ProvenWorkarounds::Table, ProvenWorkarounds::KnownMineId)
                            .to(KnownMines::Table, KnownMines::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_proven_workarounds_contribution")
                            .from(ProvenWorkarounds::Table, ProvenWorkarounds::ContributionId)
                            .to(Contributions::Table, Contributions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProvenWorkarounds::Table.into_iden(),
            KnownMineMembers::Table.into_iden(),
            KnownMines::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum KnownMines {
    Table,
    Id,
    OrganisationId,
    Name,
    DomainId,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum KnownMineMembers {
    Table,
    KnownMineId,
    ContributionId,
}

#[derive(DeriveIden)]
enum ProvenWorkarounds {
    Table,
    KnownMineId,
    ContributionId,
    MarkedBy,
    MarkedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
}
