use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What may be seen now follows `revealed_at` alone (a cancelled round
        // reveals nothing by itself): rounds that were revealed before they
        // ended, by their deadline, keep their reveal on record.
        let ended_after_deadline = Expr::col(Rounds::Deadline)
            .is_not_null()
            .and(Expr::col(Rounds::EndedAt).is_not_null())
            .and(Expr::col(Rounds::Deadline).lte(Expr::col(Rounds::EndedAt)));
        manager
            .exec_stmt(
                Query::update()
                    .table(Rounds::Table)
                    .value(Rounds::RevealedAt, Expr::col(Rounds::Deadline))
                    .and_where(Expr::col(Rounds::RevealedAt).is_null())
                    .and_where(Expr::col(Rounds::Status).is_in(["cancelled", "closed"]))
                    .cond_where(ended_after_deadline)
                    .to_owned(),
            )
            .await?;
        // A closed round was revealed, at the latest when it closed.
        manager
            .exec_stmt(
                Query::update()
                    .table(Rounds::Table)
                    .value(Rounds::RevealedAt, Expr::col(Rounds::EndedAt))
                    .and_where(Expr::col(Rounds::RevealedAt).is_null())
                    .and_where(Expr::col(Rounds::Status).eq("closed"))
                    .to_owned(),
            )
            .await?;
        // A post under a role card never covers its domain, even one edited
        // online before this version kept that rule.
        manager
            .exec_stmt(
                Query::update()
                    .table(Contributions::Table)
                    .value(Contributions::HoldsDomain, false)
                    .and_where(Expr::col(Contributions::UnderCard).eq(true))
                    .and_where(Expr::col(Contributions::HoldsDomain).eq(true))
                    .to_owned(),
            )
            .await?;
        // Stored stages are recomputed by the housekeeping task at start.
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Data repaired, nothing to undo.
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Status,
    Deadline,
    RevealedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    HoldsDomain,
    UnderCard,
}
