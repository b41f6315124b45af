use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // When an idea reached each stage, for the dashboard's ageing. An
        // idea with no row is a Seed since it was published.
        manager
            .create_table(
                Table::create()
                    .table(IdeaStageChanges::Table)
                    .if_not_exists()
                    .col(big_integer(IdeaStageChanges::IdeaId))
                    .col(string_len(IdeaStageChanges::Stage, 10))
                    .col(timestamp_with_time_zone(IdeaStageChanges::Since))
                    .primary_key(
                        Index::create()
                            .col(IdeaStageChanges::IdeaId)
                            .col(IdeaStageChanges::Since)
                            .col(IdeaStageChanges::Stage),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_idea_stage_changes_idea")
                            .from(IdeaStageChanges::Table, IdeaStageChanges::IdeaId)
                            .to(Ideas::Table, Ideas::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The dashboard's domain filter looks contributions up by domain.
        manager
            .create_index(
                Index::create()
                    .name("idx_contributions_domain")
                    .table(Contributions::Table)
                    .col(Contributions::DomainId)
                    .col(Contributions::IdeaId)
                    .to_owned(),
            )
            .await?;
        // Ideas past the seed before this table: their stage is dated from
        // their publication (when they really got there is not known).
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(IdeaStageChanges::Table)
                    .columns([
                        IdeaStageChanges::IdeaId,
                        IdeaStageChanges::Stage,
                        IdeaStageChanges::Since,
                    ])
                    .select_from(
                        Query::select()
                            .column(Ideas::Id)
                            .column(Ideas::Stage)
                            .expr(Func::coalesce([
                                Expr::col(Ideas::PublishedAt),
                                Expr::col(Ideas::CreatedAt),
                            ]))
                            .from(Ideas::Table)
                            .and_where(Expr::col(Ideas::Stage).ne("seed"))
                            .to_owned(),
                    )
                    .map_err(|e| DbErr::Migration(e.to_string()))?
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_contributions_domain")
                    .table(Contributions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(IdeaStageChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum IdeaStageChanges {
    Table,
    IdeaId,
    Stage,
    Since,
}

#[derive(DeriveIden, Clone, Copy)]
enum Ideas {
    Table,
    Id,
    Stage,
    PublishedAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Contributions {
    Table,
    DomainId,
    IdeaId,
}
