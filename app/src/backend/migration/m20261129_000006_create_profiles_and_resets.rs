use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The expertise domains every organisation starts with (PRODUCT.md); an
/// administrator edits the list afterwards. Kept here, not imported, so this
/// migration seeds the same list whatever later code says.
const DEFAULT_DOMAINS: [&str; 11] = [
    "Juridique",
    "Finances",
    "RH",
    "Numérique & SI",
    "Données & RGPD",
    "Achats & marchés publics",
    "Usagers & terrain",
    "Communication",
    "Élus",
    "Accessibilité",
    "Environnement",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExpertiseDomains::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ExpertiseDomains::Id))
                    .col(big_integer(ExpertiseDomains::OrganisationId))
                    .col(string_len(ExpertiseDomains::Name, 60))
                    .col(integer(ExpertiseDomains::Position))
                    // Retired domains leave the lists but keep their history.
                    .col(boolean(ExpertiseDomains::Retired).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_expertise_domains_organisation")
                            .from(ExpertiseDomains::Table, ExpertiseDomains::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_expertise_domains_name")
                    .table(ExpertiseDomains::Table)
                    .col(ExpertiseDomains::OrganisationId)
                    .col(ExpertiseDomains::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserDomains::Table)
                    .if_not_exists()
                    .col(big_integer(UserDomains::UserId))
                    .col(big_integer(UserDomains::DomainId))
                    .primary_key(
                        Index::create()
                            .col(UserDomains::UserId)
                            .col(UserDomains::DomainId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_domains_user")
                            .from(UserDomains::Table, UserDomains::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_domains_domain")
                            .from(UserDomains::Table, UserDomains::DomainId)
                            .to(ExpertiseDomains::Table, ExpertiseDomains::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .if_not_exists()
                    // The SHA-256 of the link's token.
                    .col(string_len(PasswordResets::TokenHash, 64).primary_key())
                    .col(big_integer(PasswordResets::UserId))
                    .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_resets_user")
                            .from(PasswordResets::Table, PasswordResets::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Organisations created before this migration get the default list.
        for (position, name) in DEFAULT_DOMAINS.iter().enumerate() {
            let seed = Query::insert()
                .into_table(ExpertiseDomains::Table)
                .columns([
                    ExpertiseDomains::OrganisationId,
                    ExpertiseDomains::Name,
                    ExpertiseDomains::Position,
                ])
                .select_from(
                    Query::select()
                        .column(Organisations::Id)
                        .expr(Expr::val(*name))
                        .expr(Expr::val(position as i32))
                        .from(Organisations::Table)
                        .to_owned(),
                )
                .map_err(|e| DbErr::Migration(e.to_string()))?
                .to_owned();
            manager.exec_stmt(seed).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PasswordResets::Table.into_iden(),
            UserDomains::Table.into_iden(),
            ExpertiseDomains::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ExpertiseDomains {
    Table,
    Id,
    OrganisationId,
    Name,
    Position,
    Retired,
}

#[derive(DeriveIden)]
enum UserDomains {
    Table,
    UserId,
    DomainId,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
