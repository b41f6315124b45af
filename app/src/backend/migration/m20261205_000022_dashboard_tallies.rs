//! The dashboard at an organisation's scale (bench/dashboard.sh: 10,000
//! ideas, 200,000 contributions). Each round keeps when it was first and
//! last spoken in and last answered, so ageing and delays read rounds, not
//! every contribution; the other aggregates read covering indexes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (name, columns) of the indexes this migration makes, each replacing a
/// narrower one of the same leading column where there was one.
const INDEXES: [(&str, &[Contributions]); 4] = [
    (
        "idx_contributions_round_times",
        &[
            Contributions::RoundId,
            Contributions::HiddenReason,
            Contributions::CreatedAt,
            Contributions::TriagedAt,
        ],
    ),
    (
        "idx_contributions_author_rounds",
        &[
            Contributions::AuthorId,
            Contributions::RoundId,
            Contributions::HiddenReason,
            Contributions::DomainId,
        ],
    ),
    (
        "idx_contributions_coverage",
        &[
            Contributions::DomainId,
            Contributions::IdeaId,
            Contributions::HoldsDomain,
            Contributions::Kind,
            Contributions::RoundId,
            Contributions::HiddenReason,
        ],
    ),
    (
        "idx_contributions_triage",
        &[
            Contributions::Kind,
            Contributions::DomainId,
            Contributions::Triage,
            Contributions::GroupedUnder,
            Contributions::RoundId,
            Contributions::HiddenReason,
        ],
    ),
];

/// The narrower indexes the new ones make redundant.
const REPLACED: [(&str, &[Contributions]); 3] = [
    ("idx_contributions_round", &[Contributions::RoundId]),
    ("idx_contributions_author", &[Contributions::AuthorId]),
    (
        "idx_contributions_domain",
        &[Contributions::DomainId, Contributions::IdeaId],
    ),
];

async fn create(
    manager: &SchemaManager<'_>,
    (name, columns): (&str, &[Contributions]),
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(Contributions::Table);
    for column in columns {
        index.col(*column);
    }
    manager.create_index(index.to_owned()).await
}

async fn drop_index(manager: &SchemaManager<'_>, name: &str) -> Result<(), DbErr> {
    manager
        .drop_index(
            Index::drop()
                .name(name)
                .table(Contributions::Table)
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Rounds::FirstSaidAt,
            Rounds::LastSaidAt,
            Rounds::LastAnsweredAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Rounds::Table)
                        .add_column(timestamp_with_time_zone_null(column))
                        .to_owned(),
                )
                .await?;
        }
        for index in INDEXES {
            create(manager, index).await?;
        }
        for (name, _) in REPLACED {
            drop_index(manager, name).await?;
        }
        // The rounds held before: counted once from their contributions.
        manager.exec_stmt(recount_every_round()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in REPLACED {
            create(manager, index).await?;
        }
        for (name, _) in INDEXES {
            drop_index(manager, name).await?;
        }
        for column in [
            Rounds::FirstSaidAt,
            Rounds::LastSaidAt,
            Rounds::LastAnsweredAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Rounds::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// Every round's three moments from its unhidden contributions (the same
/// rule as `rounds::tally`, written here so this migration stays as it is).
fn recount_every_round() -> UpdateStatement {
    let moment = |bound: Bound, column: Contributions| {
        let mut select = Query::select();
        select
            .expr(match bound {
                Bound::Min => Expr::col((Contributions::Table, column)).min(),
                Bound::Max => Expr::col((Contributions::Table, column)).max(),
            })
            .from(Contributions::Table)
            .and_where(
                Expr::col((Contributions::Table, Contributions::RoundId))
                    .equals((Rounds::Table, Rounds::Id)),
            )
            .and_where(Expr::col((Contributions::Table, Contributions::HiddenReason)).is_null());
        SimpleExpr::SubQuery(None, Box::new(select.to_owned().into()))
    };
    Query::update()
        .table(Rounds::Table)
        .value(
            Rounds::FirstSaidAt,
            moment(Bound::Min, Contributions::CreatedAt),
        )
        .value(
            Rounds::LastSaidAt,
            moment(Bound::Max, Contributions::CreatedAt),
        )
        .value(
            Rounds::LastAnsweredAt,
            moment(Bound::Max, Contributions::TriagedAt),
        )
        .to_owned()
}

#[derive(Clone, Copy)]
enum Bound {
    Min,
    Max,
}

#[derive(DeriveIden, Clone, Copy)]
enum Rounds {
    Table,
    Id,
    FirstSaidAt,
    LastSaidAt,
    LastAnsweredAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Contributions {
    Table,
    RoundId,
    IdeaId,
    AuthorId,
    Kind,
    DomainId,
    HoldsDomain,
    HiddenReason,
    CreatedAt,
    TriagedAt,
    Triage,
    GroupedUnder,
}
