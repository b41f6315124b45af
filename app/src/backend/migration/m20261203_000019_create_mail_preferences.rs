use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What a person chose for a kind of message (at once, in the
        // digest, never); no row is the kind's default.
        manager
            .create_table(
                Table::create()
                    .table(MailPreferences::Table)
                    .if_not_exists()
                    .col(big_integer(MailPreferences::UserId))
                    .col(string_len(MailPreferences::Kind, 40))
                    .col(string_len(MailPreferences::Delivery, 10))
                    .primary_key(
                        Index::create()
                            .col(MailPreferences::UserId)
                            .col(MailPreferences::Kind),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mail_preferences_user")
                            .from(MailPreferences::Table, MailPreferences::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // How often a person's digest comes, and up to when the last one
        // covered (claimed by the instance that writes it).
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::DigestEvery, 10).default("daily"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::DigestUpTo))
                    .to_owned(),
            )
            .await?;
        // Secrets every instance shares (the key that signs unsubscribe
        // links), made by the first instance that needs one.
        manager
            .create_table(
                Table::create()
                    .table(InstanceSecrets::Table)
                    .if_not_exists()
                    .col(string_len(InstanceSecrets::Name, 40).primary_key())
                    .col(string_len(InstanceSecrets::Value, 200))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InstanceSecrets::Table).to_owned())
            .await?;
        for column in [Users::DigestUpTo, Users::DigestEvery] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(MailPreferences::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum MailPreferences {
    Table,
    UserId,
    Kind,
    Delivery,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    DigestEvery,
    DigestUpTo,
}

#[derive(DeriveIden, Clone, Copy)]
enum InstanceSecrets {
    Table,
    Name,
    Value,
}
