//! Search: each term (folded, stemmed word, made in Rust:
//! `backend::search::analysis`) of each searchable text (an idea, a
//! contribution, a known mine's name) is a row with its weight and what
//! decides who may find it (organisation, idea, round), so a query reads
//! one covering index and joins nothing. The same rows on SQLite and
//! PostgreSQL, so both return the same results. The rows are filled at
//! start-up when the index is older than the code that makes it
//! (`search_index_state`), then kept with every write.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The index a query reads holds every column it needs; a second,
        // unique one finds a text's rows to rewrite and refuses a term
        // written twice for one text (it would count twice in the ranking).
        // No foreign key: the rows are derived, rebuilt at will, and a
        // check per row would make a rebuild of millions crawl.
        manager
            .create_table(
                Table::create()
                    .table(SearchTerms::Table)
                    .if_not_exists()
                    .col(string_len(SearchTerms::Term, 64))
                    .col(big_integer(SearchTerms::OrganisationId))
                    .col(string_len(SearchTerms::Kind, 16))
                    .col(big_integer(SearchTerms::SourceId))
                    .col(big_integer_null(SearchTerms::IdeaId))
                    .col(big_integer_null(SearchTerms::RoundId))
                    .col(integer(SearchTerms::Weight))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_terms_lookup")
                    .table(SearchTerms::Table)
                    .col(SearchTerms::Term)
                    .col(SearchTerms::OrganisationId)
                    .col(SearchTerms::Kind)
                    .col(SearchTerms::SourceId)
                    .col(SearchTerms::IdeaId)
                    .col(SearchTerms::RoundId)
                    .col(SearchTerms::Weight)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_terms_source")
                    .table(SearchTerms::Table)
                    .col(SearchTerms::Kind)
                    .col(SearchTerms::SourceId)
                    .col(SearchTerms::Term)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SearchIndexState::Table)
                    .if_not_exists()
                    .col(integer(SearchIndexState::Id).primary_key())
                    .col(integer(SearchIndexState::Version))
                    .to_owned(),
            )
            .await?;
        // Version 0: no index yet; the first start fills it.
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(SearchIndexState::Table)
                    .columns([SearchIndexState::Id, SearchIndexState::Version])
                    .values_panic([1.into(), 0.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SearchIndexState::Table.into_iden(),
            SearchTerms::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SearchTerms {
    Table,
    Term,
    OrganisationId,
    Kind,
    SourceId,
    IdeaId,
    RoundId,
    Weight,
}

#[derive(DeriveIden)]
enum SearchIndexState {
    Table,
    Id,
    Version,
}
