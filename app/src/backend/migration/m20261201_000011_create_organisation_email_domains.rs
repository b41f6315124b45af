use sea_orm_migration::sea_orm::Statement;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per e-mail domain that may ask to join, its primary key
        // the domain itself: two organisations can never both accept the
        // same addresses, even when their administrators save at once (the
        // check in code only said so politely).
        manager
            .create_table(
                Table::create()
                    .table(OrganisationEmailDomains::Table)
                    .if_not_exists()
                    .col(string_len(OrganisationEmailDomains::Domain, 253).primary_key())
                    .col(big_integer(OrganisationEmailDomains::OrganisationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                OrganisationEmailDomains::Table,
                                OrganisationEmailDomains::OrganisationId,
                            )
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organisation_email_domains_organisation")
                    .table(OrganisationEmailDomains::Table)
                    .col(OrganisationEmailDomains::OrganisationId)
                    .to_owned(),
            )
            .await?;
        // The domains saved so far, from the list kept on each organisation;
        // the first organisation (by id) keeps a domain two of them listed,
        // and the other's list loses it (its settings then say the truth).
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, email_domains FROM organisations ORDER BY id",
            ))
            .await?;
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let listed: String = row.try_get("", "email_domains")?;
            let mut kept = Vec::new();
            for domain in listed.split(',').map(str::trim).filter(|d| !d.is_empty()) {
                if !seen.insert(domain.to_owned()) {
                    continue;
                }
                kept.push(domain.to_owned());
                let insert = Query::insert()
                    .into_table(OrganisationEmailDomains::Table)
                    .columns([
                        OrganisationEmailDomains::Domain,
                        OrganisationEmailDomains::OrganisationId,
                    ])
                    .values_panic([domain.into(), id.into()])
                    .to_owned();
                manager.exec_stmt(insert).await?;
            }
            let rewritten = kept.join(",");
            if rewritten != listed {
                let update = Query::update()
                    .table(Organisations::Table)
                    .value(Organisations::EmailDomains, rewritten)
                    .and_where(Expr::col(Organisations::Id).eq(id))
                    .to_owned();
                manager.exec_stmt(update).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(OrganisationEmailDomains::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum OrganisationEmailDomains {
    Table,
    Domain,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    EmailDomains,
}
