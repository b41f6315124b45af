use anyhow::Context;
use clap::Parser;
use server::config::{Cli, Command};

fn main() -> anyhow::Result<()> {
    // Before the runtime starts its threads.
    server::memory::return_large_blocks_to_the_system();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?
        .block_on(run_command())
}

async fn run_command() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&cli.config.log).context("RUST_LOG")?,
        )
        // Logs go to stderr; stdout carries command output (`routes`).
        .with_writer(std::io::stderr)
        .init();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => server::run(cli.config).await,
        Command::Migrate => server::migrate_only(&cli.config).await,
        Command::CreateAdmin {
            organisation,
            name,
            email,
        } => server::create_admin(&cli.config, &organisation, &name, &email).await,
        Command::CreateOrganisation {
            organisation,
            name,
            email,
        } => server::create_organisation(&cli.config, &organisation, &name, &email).await,
        Command::SeedDemo => server::seed_demo(&cli.config).await,
        Command::ResetPassword { email } => server::reset_password(&cli.config, &email).await,
        Command::Routes => {
            println!("{}", serde_json::to_string(&server::routes::page_paths())?);
            Ok(())
        }
    }
}
