use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Ideas::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Ideas::Id))
                    .col(big_integer(Ideas::OrganisationId))
                    .col(big_integer(Ideas::AuthorId))
                    .col(string_len(Ideas::Status, 16))
                    // The number of the current version.
                    .col(integer(Ideas::CurrentVersion))
                    // Bumped at every save: an edit based on an older
                    // revision is refused instead of overwriting.
                    .col(integer(Ideas::Revision))
                    // The current version's title and problem, for lists.
                    .col(string_len(Ideas::Title, 120))
                    .col(text(Ideas::Problem))
                    // Folded (lower case, no accents) title, problem and
                    // proposal: the same search on SQLite and PostgreSQL.
                    .col(text(Ideas::SearchText))
                    .col(timestamp_with_time_zone(Ideas::CreatedAt))
                    .col(timestamp_with_time_zone(Ideas::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Ideas::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ideas_organisation")
                            .from(Ideas::Table, Ideas::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ideas_author")
                            .from(Ideas::Table, Ideas::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ideas_listing")
                    .table(Ideas::Table)
                    .col(Ideas::OrganisationId)
                    .col(Ideas::Status)
                    .col(Ideas::UpdatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdeaVersions::Table)
                    .if_not_exists()
                    .col(big_integer(IdeaVersions::IdeaId))
                    .col(integer(IdeaVersions::Number))
                    .col(string_len(IdeaVersions::Title, 120))
                    .col(text(IdeaVersions::Problem))
                    .col(text(IdeaVersions::Proposal))
                    .col(text(IdeaVersions::Beneficiaries))
                    .col(text(IdeaVersions::HelpSought))
                    // Comma-separated, as typed once normalised.
                    .col(text(IdeaVersions::Tags))
                    .col(big_integer(IdeaVersions::AuthorId))
                    .col(timestamp_with_time_zone(IdeaVersions::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdeaVersions::IdeaId)
                            .col(IdeaVersions::Number),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_versions_idea")
                            .from(IdeaVersions::Table, IdeaVersions::IdeaId)
                            .to(Ideas::Table, Ideas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdeaTags::Table)
                    .if_not_exists()
                    .col(big_integer(IdeaTags::IdeaId))
                    .col(string_len(IdeaTags::Tag, 30))
                    .primary_key(Index::create().col(IdeaTags::IdeaId).col(IdeaTags::Tag))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_tags_idea")
                            .from(IdeaTags::Table, IdeaTags::IdeaId)
                            .to(Ideas::Table, Ideas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_idea_tags_tag")
                    .table(IdeaTags::Table)
                    .col(IdeaTags::Tag)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdeaCoauthors::Table)
                    .if_not_exists()
                    .col(big_integer(IdeaCoauthors::IdeaId))
                    .col(big_integer(IdeaCoauthors::UserId))
                    // `invited`, then `accepted`.
                    .col(string_len(IdeaCoauthors::Status, 16))
                    .col(big_integer(IdeaCoauthors::InvitedBy))
                    .col(timestamp_with_time_zone(IdeaCoauthors::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdeaCoauthors::IdeaId)
                            .col(IdeaCoauthors::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_coauthors_idea")
                            .from(IdeaCoauthors::Table, IdeaCoauthors::IdeaId)
                            .to(Ideas::Table, Ideas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_coauthors_user")
                            .from(IdeaCoauthors::Table, IdeaCoauthors::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdeaCoauthors::Table.into_iden(),
            IdeaTags::Table.into_iden(),
            IdeaVersions::Table.into_iden(),
            Ideas::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Ideas {
    Table,
    Id,
    OrganisationId,
    AuthorId,
    Status,
    CurrentVersion,
    Revision,
    Title,
    Problem,
    SearchText,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum IdeaVersions {
    Table,
    IdeaId,
    Number,
    Title,
    Problem,
    Proposal,
    Beneficiaries,
    HelpSought,
    Tags,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdeaTags {
    Table,
    IdeaId,
    Tag,
}

#[derive(DeriveIden)]
enum IdeaCoauthors {
    Table,
    IdeaId,
    UserId,
    Status,
    InvitedBy,
    CreatedAt,
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
