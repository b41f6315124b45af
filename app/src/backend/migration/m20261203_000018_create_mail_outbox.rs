use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every e-mail, written in the same transaction as what caused it
        // and sent afterwards by a background task: a rolled-back write
        // sends nothing, and a message acknowledged by the database is
        // never lost while the SMTP server is away.
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .if_not_exists()
                    .col(big_pk_auto(MailOutbox::Id))
                    // The `Message-ID` header, fixed when queued: a message
                    // sent twice after a crash is recognised as one.
                    .col(string_len_uniq(MailOutbox::MessageId, 200))
                    .col(big_integer_null(MailOutbox::RecipientId))
                    .col(string_len(MailOutbox::ToAddress, 320))
                    .col(string_len(MailOutbox::ToName, 200))
                    .col(string_len(MailOutbox::Kind, 40))
                    .col(string_len(MailOutbox::Subject, 400))
                    .col(text(MailOutbox::BodyText))
                    .col(text(MailOutbox::BodyHtml))
                    .col(text_null(MailOutbox::UnsubscribeUrl))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    // When the next attempt may be made.
                    .col(timestamp_with_time_zone(MailOutbox::DueAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    // A sender's claim: another instance leaves the row
                    // alone until the claim lapses (a sender that died).
                    .col(string_len_null(MailOutbox::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    // Refused for good by the SMTP server (an unknown address).
                    .col(timestamp_with_time_zone_null(MailOutbox::FailedAt))
                    .col(text_null(MailOutbox::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::SentAt)
                    .col(MailOutbox::DueAt)
                    .to_owned(),
            )
            .await?;
        // The language a person's e-mails are written in (the interface's
        // is a cookie, which a background task cannot read).
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::Language, 8).default("fr"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::Language)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(MailOutbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum MailOutbox {
    Table,
    Id,
    MessageId,
    RecipientId,
    ToAddress,
    ToName,
    Kind,
    Subject,
    BodyText,
    BodyHtml,
    UnsubscribeUrl,
    CreatedAt,
    DueAt,
    Attempts,
    ClaimedBy,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Language,
}
