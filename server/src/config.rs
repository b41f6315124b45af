//! Command line and environment: every setting has a flag and a variable.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "demineurs",
    version,
    about = "Les Démineurs: de-mine ideas together before they become projects."
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Migrate the database, then serve the app (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Print the app's page routes as JSON (for the accessibility tests).
    Routes,
    /// Create the organisation and its first administrator, as the setup
    /// page does. The password is read from DEMINEURS_ADMIN_PASSWORD, else
    /// from the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
    },
    /// Create another organisation on this instance, with its first
    /// administrator (nothing of one organisation is visible to another).
    /// The password is read as for `create-admin`.
    CreateOrganisation {
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
    },
    /// Create the demo organisation (« Communauté d’agglomération du
    /// Val-de-Loire »): eleven people, a dozen ideas at every stage, their
    /// rounds, a past workshop, the mine library. Once per instance. The
    /// people's password is DEMINEURS_DEMO_PASSWORD, else a random one,
    /// printed with the address to sign in with.
    SeedDemo,
    /// Print a one-time link (valid 24 hours) for the active person with this
    /// address to choose a new password; earlier links stop working.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

#[derive(Args, Debug, Clone)]
pub struct Config {
    /// Database URL: `sqlite://path?mode=rwc` (embedded default) or `postgres://user:pass@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/demineurs.db?mode=rwc"
    )]
    pub database_url: String,

    /// Address and port to listen on.
    #[arg(long, env = "DEMINEURS_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// The address people use to reach the app; cookies are `Secure` when it is https.
    #[arg(
        long,
        env = "DEMINEURS_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000"
    )]
    pub public_url: String,

    /// Folder holding the built site (`pkg/` with the wasm, JS and CSS).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// The first-run setup token; a random one is printed in the log when unset.
    #[arg(long, env = "DEMINEURS_SETUP_TOKEN", hide_env_values = true)]
    pub setup_token: Option<String>,

    /// Reverse proxies in front of the app (comma-separated IPs): their
    /// `X-Forwarded-For` names the caller for the per-IP log-in limit.
    #[arg(long, env = "DEMINEURS_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// The most guests one workshop takes (members of the organisation are
    /// never counted): a leaked code cannot fill a room with strangers.
    #[arg(
        long,
        env = "DEMINEURS_MAX_GUESTS_PER_WORKSHOP",
        default_value_t = app::backend::workshops::joining::DEFAULT_MAX_GUESTS
    )]
    pub max_guests_per_workshop: u64,

    /// SQLite only: `full` acknowledges a commit once it is on disk (nothing
    /// acknowledged is lost on a power cut); `normal` is faster and may lose
    /// the last commits before a power cut.
    #[arg(
        long,
        env = "DEMINEURS_SQLITE_SYNCHRONOUS",
        default_value = "full",
        value_parser = ["full", "normal"]
    )]
    pub sqlite_synchronous: String,

    /// The SMTP server e-mail goes through: `smtp://host:25` (STARTTLS when
    /// offered), `smtp://host:587?tls=required`, `smtps://user:password@host:465`.
    /// Unset: messages are written as `.eml` files in --mail-dir instead.
    #[arg(long, env = "DEMINEURS_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mail, `Name <address>`; by default
    /// `Les Démineurs <ne-pas-repondre@HOST>`, HOST that of the public URL.
    #[arg(long, env = "DEMINEURS_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Where messages are written when no SMTP server is configured.
    #[arg(long, env = "DEMINEURS_MAIL_DIR", default_value = "data/mail")]
    pub mail_dir: PathBuf,

    /// Log filter, e.g. `info` or `server=debug,tower_http=debug`.
    #[arg(long, env = "RUST_LOG", default_value = "info")]
    pub log: String,
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The sender's mailbox: --mail-from, else one at the public URL's host
    /// (`localhost` when that host is an IP address, which an address
    /// cannot end with).
    pub fn mail_from(&self) -> String {
        if let Some(from) = &self.mail_from {
            return from.clone();
        }
        let host = self
            .public_url
            .split_once("://")
            .map_or(self.public_url.as_str(), |(_, rest)| rest)
            .split(['/', ':', '?', '#'])
            .next()
            .unwrap_or_default();
        let named = host.contains('.') && host.parse::<std::net::IpAddr>().is_err();
        let domain = if named { host } else { "localhost" };
        format!("Les Démineurs <ne-pas-repondre@{domain}>")
    }
}
