use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Workshops::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Workshops::Id))
                    .col(big_integer(Workshops::RoundId))
                    .col(big_integer(Workshops::IdeaId))
                    .col(big_integer(Workshops::OrganisationId))
                    // Freed (NULL) when the workshop ends, so codes are reused.
                    .col(string_len_null(Workshops::Code, 6))
                    .col(boolean(Workshops::JoiningOpen).default(true))
                    .col(big_integer(Workshops::StartedBy))
                    // The session (token hash) holding the console.
                    .col(string_len(Workshops::ConsoleSession, 64))
                    .col(string_len(Workshops::Phase, 16))
                    // Bumped by every change: the views poll it (later, the
                    // event stream carries it).
                    .col(big_integer(Workshops::Version).default(1))
                    .col(timestamp_with_time_zone_null(Workshops::TimerEndsAt))
                    .col(integer_null(Workshops::TimerPausedLeft))
                    .col(integer(Workshops::Dots).default(3))
                    .col(boolean(Workshops::CardsDealt).default(false))
                    .col(timestamp_with_time_zone(Workshops::StartedAt))
                    .col(timestamp_with_time_zone_null(Workshops::EndedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column, unique) in [
            ("idx_workshops_round", Workshops::RoundId, true),
            ("idx_workshops_code", Workshops::Code, true),
            ("idx_workshops_idea", Workshops::IdeaId, false),
        ] {
            let mut index = Index::create()
                .name(name)
                .table(Workshops::Table)
                .col(column)
                .to_owned();
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(WorkshopParticipants::Table)
                    .if_not_exists()
                    .col(big_pk_auto(WorkshopParticipants::Id))
                    .col(big_integer(WorkshopParticipants::WorkshopId))
                    // A guest has a user row of status `guest` too, so that
                    // their contributions have an author like any other.
                    .col(big_integer(WorkshopParticipants::UserId))
                    .col(boolean(WorkshopParticipants::Guest).default(false))
                    // A guest's cookie, hashed; NULL for members.
                    .col(string_len_null(WorkshopParticipants::GuestTokenHash, 64))
                    // The role card dealt: a domain worn as a hat.
                    .col(big_integer_null(WorkshopParticipants::CardDomainId))
                    .col(timestamp_with_time_zone(WorkshopParticipants::JoinedAt))
                    .col(timestamp_with_time_zone_null(
                        WorkshopParticipants::RemovedAt,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "idx_participants_person",
                vec![
                    WorkshopParticipants::WorkshopId,
                    WorkshopParticipants::UserId,
                ],
                true,
            ),
            (
                "idx_participants_guest_token",
                vec![WorkshopParticipants::GuestTokenHash],
                true,
            ),
        ] {
            let mut index = Index::create()
                .name(name)
                .table(WorkshopParticipants::Table)
                .to_owned();
            for column in columns {
                index.col(column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(DotVotes::Table)
                    .if_not_exists()
                    .col(big_integer(DotVotes::WorkshopId))
                    .col(big_integer(DotVotes::ParticipantId))
                    .col(big_integer(DotVotes::ContributionId))
                    .col(integer(DotVotes::Dots))
                    .primary_key(
                        Index::create()
                            .col(DotVotes::ParticipantId)
                            .col(DotVotes::ContributionId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JoinFailures::Table)
                    .if_not_exists()
                    .col(big_pk_auto(JoinFailures::Id))
                    .col(string_len(JoinFailures::Ip, 64))
                    .col(timestamp_with_time_zone(JoinFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_join_failures_ip")
                    .table(JoinFailures::Table)
                    .col(JoinFailures::Ip)
                    .col(JoinFailures::FailedAt)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            // Written in a workshop, under a role card: shown as « casquette
            // jouée », never counted toward maturity.
            boolean(Contributions::UnderCard).default(false).to_owned(),
            // Sent after the writing phase, from a form started during it.
            boolean(Contributions::Late).default(false).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Contributions::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Contributions::UnderCard, Contributions::Late] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Contributions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            JoinFailures::Table.into_iden(),
            DotVotes::Table.into_iden(),
            WorkshopParticipants::Table.into_iden(),
            Workshops::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Workshops {
    Table,
    Id,
    RoundId,
    IdeaId,
    OrganisationId,
    Code,
    JoiningOpen,
    StartedBy,
    ConsoleSession,
    Phase,
    Version,
    TimerEndsAt,
    TimerPausedLeft,
    Dots,
    CardsDealt,
    StartedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum WorkshopParticipants {
    Table,
    Id,
    WorkshopId,
    UserId,
    Guest,
    GuestTokenHash,
    CardDomainId,
    JoinedAt,
    RemovedAt,
}

#[derive(DeriveIden)]
enum DotVotes {
    Table,
    WorkshopId,
    ParticipantId,
    ContributionId,
    Dots,
}

#[derive(DeriveIden)]
enum JoinFailures {
    Table,
    Id,
    Ip,
    FailedAt,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    UnderCard,
    Late,
}
