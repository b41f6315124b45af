//! Search: each searchable text (an idea, a contribution, a known mine's
//! name) is an entry, and each of its terms (folded, stemmed words, made
//! in Rust: `backend::search::analysis`) a row with its weight. The same
//! rows on SQLite and PostgreSQL, so both return the same results. The
//! entries are filled at start-up when the index is older than the code
//! that makes it (`search_index_state`), then kept with every write.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchEntries::Table)
                    .if_not_exists()
                    .col(pk_auto(SearchEntries::Id).big_integer())
                    .col(big_integer(SearchEntries::OrganisationId))
                    .col(string_len(SearchEntries::Kind, 16))
                    .col(big_integer(SearchEntries::SourceId))
                    .col(big_integer_null(SearchEntries::IdeaId))
                    .col(big_integer_null(SearchEntries::RoundId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_search_entries_organisation")
                            .from(SearchEntries::Table, SearchEntries::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_entries_source")
                    .table(SearchEntries::Table)
                    .col(SearchEntries::Kind)
                    .col(SearchEntries::SourceId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // No primary key: the one index a query reads covers it whole
        // (term, then entry and weight), and an entry's terms are written
        // once each, together.
        manager
            .create_table(
                Table::create()
                    .table(SearchTerms::Table)
                    .if_not_exists()
                    .col(string_len(SearchTerms::Term, 64))
                    .col(big_integer(SearchTerms::EntryId))
                    .col(integer(SearchTerms::Weight))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_search_terms_entry")
                            .from(SearchTerms::Table, SearchTerms::EntryId)
                            .to(SearchEntries::Table, SearchEntries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_terms_term")
                    .table(SearchTerms::Table)
                    .col(SearchTerms::Term)
                    .col(SearchTerms::EntryId)
                    .col(SearchTerms::Weight)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_terms_entry")
                    .table(SearchTerms::Table)
                    .col(SearchTerms::EntryId)
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
            SearchEntries::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SearchEntries {
    Table,
    Id,
    OrganisationId,
    Kind,
    SourceId,
    IdeaId,
    RoundId,
}

#[derive(DeriveIden)]
enum SearchTerms {
    Table,
    Term,
    EntryId,
    Weight,
}

#[derive(DeriveIden)]
enum SearchIndexState {
    Table,
    Id,
    Version,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}
