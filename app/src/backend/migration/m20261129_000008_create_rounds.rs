use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A foreign key to the idea, deleted with it.
fn idea_fk(
    name: &str,
    table: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Ideas::Table, Ideas::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            // The number of the round open now: claimed by a conditional
            // update, so two rounds can never be open at once.
            integer_null(Ideas::OpenRound),
            string_len_null(Ideas::Outcome, 16),
            text_null(Ideas::OutcomeNote),
            // The stage and score as last computed, for the list's filter;
            // pages compute them afresh.
            string_len(Ideas::Stage, 16).default("seed").to_owned(),
            integer(Ideas::Score).default(0).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Ideas::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(integer(Organisations::DomainsNeeded).default(4))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rounds::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Rounds::Id))
                    .col(big_integer(Rounds::IdeaId))
                    .col(integer(Rounds::Number))
                    .col(integer(Rounds::Version))
                    .col(text(Rounds::Focus))
                    .col(string_len(Rounds::Mode, 16))
                    .col(string_len(Rounds::Status, 16))
                    .col(timestamp_with_time_zone_null(Rounds::Deadline))
                    .col(timestamp_with_time_zone_null(Rounds::RevealedAt))
                    .col(big_integer(Rounds::OpenedBy))
                    .col(timestamp_with_time_zone(Rounds::OpenedAt))
                    .col(timestamp_with_time_zone_null(Rounds::EndedAt))
                    .col(text(Rounds::Synthesis).default(""))
                    .col(text(Rounds::NextStep).default(""))
                    .foreign_key(&mut idea_fk(
                        "fk_rounds_idea",
                        Rounds::Table,
                        Rounds::IdeaId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rounds_number")
                    .table(Rounds::Table)
                    .col(Rounds::IdeaId)
                    .col(Rounds::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundDomains::Table)
                    .if_not_exists()
                    .col(big_integer(RoundDomains::RoundId))
                    .col(big_integer(RoundDomains::DomainId))
                    .primary_key(
                        Index::create()
                            .col(RoundDomains::RoundId)
                            .col(RoundDomains::DomainId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundInvitees::Table)
                    .if_not_exists()
                    .col(big_integer(RoundInvitees::RoundId))
                    .col(big_integer(RoundInvitees::UserId))
                    // The domain called, when asked through it.
                    .col(big_integer_null(RoundInvitees::DomainId))
                    .col(timestamp_with_time_zone(RoundInvitees::InvitedAt))
                    .primary_key(
                        Index::create()
                            .col(RoundInvitees::RoundId)
                            .col(RoundInvitees::UserId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Contributions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Contributions::Id))
                    .col(big_integer(Contributions::RoundId))
                    .col(big_integer(Contributions::IdeaId))
                    .col(big_integer(Contributions::AuthorId))
                    .col(string_len(Contributions::Kind, 16))
                    .col(big_integer_null(Contributions::DomainId))
                    .col(string_len_null(Contributions::Severity, 16))
                    .col(text(Contributions::Body))
                    .col(text_null(Contributions::Link))
                    // The mine a workaround answers (same idea).
                    .col(big_integer_null(Contributions::AnswersId))
                    // Whether the author held the domain when writing: only
                    // then does it cover the domain.
                    .col(boolean(Contributions::HoldsDomain).default(false))
                    .col(timestamp_with_time_zone(Contributions::CreatedAt))
                    .col(timestamp_with_time_zone(Contributions::UpdatedAt))
                    .col(text_null(Contributions::HiddenReason))
                    .col(big_integer_null(Contributions::HiddenBy))
                    // A mine's triage: kind, why (or the action), the
                    // workaround that defuses it, who and by when.
                    .col(string_len_null(Contributions::Triage, 16))
                    .col(text_null(Contributions::TriageNote))
                    .col(big_integer_null(Contributions::TriageWorkaroundId))
                    .col(string_len_null(Contributions::TriageOwner, 120))
                    .col(string_len_null(Contributions::TriageDue, 10))
                    .col(timestamp_with_time_zone_null(Contributions::TriagedAt))
                    .foreign_key(&mut idea_fk(
                        "fk_contributions_idea",
                        Contributions::Table,
                        Contributions::IdeaId,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_contributions_round", Contributions::RoundId),
            ("idx_contributions_idea", Contributions::IdeaId),
            ("idx_contributions_author", Contributions::AuthorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Contributions::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Endorsements::Table)
                    .if_not_exists()
                    .col(big_integer(Endorsements::ContributionId))
                    .col(big_integer(Endorsements::UserId))
                    .col(timestamp_with_time_zone(Endorsements::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(Endorsements::ContributionId)
                            .col(Endorsements::UserId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Replies::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Replies::Id))
                    .col(big_integer(Replies::ContributionId))
                    .col(big_integer(Replies::IdeaId))
                    .col(big_integer(Replies::AuthorId))
                    .col(text(Replies::Body))
                    .col(timestamp_with_time_zone(Replies::CreatedAt))
                    .foreign_key(&mut idea_fk(
                        "fk_replies_idea",
                        Replies::Table,
                        Replies::IdeaId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_replies_contribution")
                    .table(Replies::Table)
                    .col(Replies::ContributionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::UserId))
                    .col(string_len(Notifications::Kind, 32))
                    .col(big_integer(Notifications::IdeaId))
                    .col(integer_null(Notifications::RoundNumber))
                    .col(big_integer_null(Notifications::DomainId))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(&mut idea_fk(
                        "fk_notifications_idea",
                        Notifications::Table,
                        Notifications::IdeaId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::ReadAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Notifications::Table.into_iden(),
            Replies::Table.into_iden(),
            Endorsements::Table.into_iden(),
            Contributions::Table.into_iden(),
            RoundInvitees::Table.into_iden(),
            RoundDomains::Table.into_iden(),
            Rounds::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Ideas::OpenRound,
            Ideas::Outcome,
            Ideas::OutcomeNote,
            Ideas::Stage,
            Ideas::Score,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Ideas::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::DomainsNeeded)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Ideas {
    Table,
    Id,
    OpenRound,
    Outcome,
    OutcomeNote,
    Stage,
    Score,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    DomainsNeeded,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
    IdeaId,
    Number,
    Version,
    Focus,
    Mode,
    Status,
    Deadline,
    RevealedAt,
    OpenedBy,
    OpenedAt,
    EndedAt,
    Synthesis,
    NextStep,
}

#[derive(DeriveIden)]
enum RoundDomains {
    Table,
    RoundId,
    DomainId,
}

#[derive(DeriveIden)]
enum RoundInvitees {
    Table,
    RoundId,
    UserId,
    DomainId,
    InvitedAt,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
    RoundId,
    IdeaId,
    AuthorId,
    Kind,
    DomainId,
    Severity,
    Body,
    Link,
    AnswersId,
    HoldsDomain,
    CreatedAt,
    UpdatedAt,
    HiddenReason,
    HiddenBy,
    Triage,
    TriageNote,
    TriageWorkaroundId,
    TriageOwner,
    TriageDue,
    TriagedAt,
}

#[derive(DeriveIden)]
enum Endorsements {
    Table,
    ContributionId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Replies {
    Table,
    Id,
    ContributionId,
    IdeaId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    IdeaId,
    RoundNumber,
    DomainId,
    CreatedAt,
    ReadAt,
}
