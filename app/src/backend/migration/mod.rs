//! Schema migrations, applied at start (and by `demineurs migrate`).
use sea_orm_migration::prelude::*;

mod m20261129_000001_create_idempotency_keys;
mod m20261129_000002_create_accounts;
mod m20261129_000003_create_login_failures;
mod m20261129_000004_create_invitations;
mod m20261129_000005_create_audit_log;
mod m20261129_000006_create_profiles_and_resets;
mod m20261129_000007_create_ideas;
mod m20261129_000008_create_rounds;
mod m20261129_000009_create_workshops;
mod m20261130_000010_create_workshop_events;
mod m20261201_000011_create_organisation_email_domains;
mod m20261201_000012_add_notification_contribution;
mod m20261201_000013_repair_reveals_and_cards;
mod m20261202_000014_create_throttles;
mod m20261203_000015_create_form_refusals;
mod m20261203_000016_add_board_stage;
mod m20261203_000017_add_grouping_and_ways_around;
mod m20261203_000018_create_mail_outbox;
mod m20261203_000019_create_mail_preferences;
mod m20261204_000020_add_availability;
mod m20261204_000021_create_idea_stage_changes;
mod m20261205_000022_dashboard_tallies;
mod m20261205_000023_create_mine_library;
mod m20261205_000024_create_search_index;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_idempotency_keys::Migration),
            Box::new(m20261129_000002_create_accounts::Migration),
            Box::new(m20261129_000003_create_login_failures::Migration),
            Box::new(m20261129_000004_create_invitations::Migration),
            Box::new(m20261129_000005_create_audit_log::Migration),
            Box::new(m20261129_000006_create_profiles_and_resets::Migration),
            Box::new(m20261129_000007_create_ideas::Migration),
            Box::new(m20261129_000008_create_rounds::Migration),
            Box::new(m20261129_000009_create_workshops::Migration),
            Box::new(m20261130_000010_create_workshop_events::Migration),
            Box::new(m20261201_000011_create_organisation_email_domains::Migration),
            Box::new(m20261201_000012_add_notification_contribution::Migration),
            Box::new(m20261201_000013_repair_reveals_and_cards::Migration),
            Box::new(m20261202_000014_create_throttles::Migration),
            Box::new(m20261203_000015_create_form_refusals::Migration),
            Box::new(m20261203_000016_add_board_stage::Migration),
            Box::new(m20261203_000017_add_grouping_and_ways_around::Migration),
            Box::new(m20261203_000018_create_mail_outbox::Migration),
            Box::new(m20261203_000019_create_mail_preferences::Migration),
            Box::new(m20261204_000020_add_availability::Migration),
            Box::new(m20261204_000021_create_idea_stage_changes::Migration),
            Box::new(m20261205_000022_dashboard_tallies::Migration),
            Box::new(m20261205_000023_create_mine_library::Migration),
            Box::new(m20261205_000024_create_search_index::Migration),
        ]
    }
}
