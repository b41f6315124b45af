//! `demineurs seed-demo`: the demo organisation and its story, for a
//! newcomer to see every page with something real in it.

use crate::config::Config;
use anyhow::Context;
use app::backend::clock::{Clock, SystemClock};
use app::backend::demo::{self, people, Seeding};
use app::domain::accounts::NewPassword;

/// Seeds the demo organisation once; says how to sign in. The people's
/// password is DEMINEURS_DEMO_PASSWORD, else a random one, printed.
pub async fn seed_demo(config: &Config) -> anyhow::Result<()> {
    let password = match std::env::var("DEMINEURS_DEMO_PASSWORD") {
        Ok(raw) => NewPassword::parse(&raw).map_err(|key| {
            anyhow::anyhow!(app::i18n::t(app::i18n::Locale::Fr, key))
                .context("DEMINEURS_DEMO_PASSWORD")
        })?,
        Err(_) => demo::generated_password(),
    };
    let db = crate::open_database(config).await?;
    app::backend::db::migrate(&db)
        .await
        .context("migration failed")?;
    let site = config.public_url.trim_end_matches('/');
    let admin = demo::administrator_email();
    if demo::already_there(&db)
        .await
        .map_err(|e| anyhow::anyhow!("cannot read the database: {}", crate::explain(&e)))?
    {
        println!(
            "The demo organisation is already on this instance: nothing changed. Sign in at {site}/connexion as {admin} with the password printed when it was created (forgotten: `demineurs reset-password --email {admin}` prints a link to choose another)."
        );
        return Ok(());
    }
    // Said first: should the story stop half-way, what was created can
    // still be entered.
    println!(
        "Creating the demo organisation « {} »; its people's password: {}",
        people::ORGANISATION,
        password.expose()
    );
    let told = demo::seed(&db, &password, SystemClock.now())
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot seed the demo: {} (the log above says why; what was created stays)",
                crate::explain(&e)
            )
        })?;
    match told {
        Seeding::Told { ideas, .. } => {
            println!(
                "Demo organisation « {} » created: {} people, {ideas} ideas at every stage, a past workshop, its dashboard and mine library.",
                people::ORGANISATION,
                people::PEOPLE.len(),
            );
            println!(
                "Sign in at {site}/connexion as {admin} (its administrator) or any colleague of its directory (…@{}), with the password: {}",
                people::EMAIL_DOMAIN,
                password.expose(),
            );
        }
        // Created by another run in the meantime.
        Seeding::AlreadyThere => println!("The demo organisation is already on this instance."),
    }
    Ok(())
}
