//! The outbox's throughput: N messages queued, then sent by one sender and
//! by two at once to the tests' SMTP server (aiosmtpd, on this machine),
//! on SQLite and, when DEMINEURS_TEST_PG_URL is set, PostgreSQL. Reports
//! figures; asserts only that every message arrived once.
//!   bench/mail.sh [messages]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: stop loudly

use app::backend::clock::SystemClock;
use app::backend::ctx::{Ctx, DEFAULT_SITE};
use app::backend::mail::letter::Draft;
use app::backend::mail::outbox::{queue, Outgoing};
use app::backend::mail::sender::deliver_due;
use app::backend::mail::transport::Transport;
use app::backend::mail::{compose, MailKind};
use app::backend::smtp_sink::SmtpSink;
use app::backend::testing::TestDb;
use app::i18n::Locale;
use std::time::Instant;

async fn queue_many(t: &TestDb, n: usize) {
    let write = Ctx::new(&t.db, &SystemClock).write().await.unwrap();
    for i in 0..n {
        let letter = Draft::new(Locale::Fr, format!("Message n° {i}"))
            .para("Bonjour, un tour de déminage appelle votre casquette « Juridique ».")
            .action("Contribuer", "http://127.0.0.1:3000/idees/1/contribuer")
            .footer("Pourquoi ce message.", &[]);
        let mail = Outgoing {
            recipient_id: None,
            to_address: format!("personne{i}@bench.test"),
            to_name: format!("Personne {i}"),
            kind: MailKind::PasswordReset,
            letter,
            unsubscribe_url: None,
        };
        queue(&write, chrono::Utc::now(), DEFAULT_SITE, mail)
            .await
            .unwrap();
    }
    write.commit().await.unwrap();
}

async fn drain(t: &TestDb, transport: &Transport) -> u32 {
    let from = compose::sender("Les Démineurs <ne-pas-repondre@bench.test>").unwrap();
    let mut sent = 0;
    loop {
        let done = deliver_due(&t.db, transport, &from, &SystemClock)
            .await
            .unwrap();
        sent += done.sent;
        if done.sent == 0 && !done.full {
            return sent;
        }
    }
}

async fn run(
    name: &str,
    make: impl Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = TestDb>>>,
    n: usize,
) {
    for senders in [1, 2] {
        let t = make().await;
        let smtp = SmtpSink::start();
        queue_many(&t, n).await;
        let transports: Vec<Transport> = (0..senders)
            .map(|_| Transport::smtp(&smtp.url()).unwrap())
            .collect();
        let start = Instant::now();
        let sent: u32 = futures::future::join_all(transports.iter().map(|tr| drain(&t, tr)))
            .await
            .into_iter()
            .sum();
        let elapsed = start.elapsed().as_secs_f64();
        let received = smtp.wait_for(n).len();
        assert_eq!((sent as usize, received), (n, n), "each message once");
        println!(
            "{name}: {n} messages, {senders} sender(s): {elapsed:.2} s, {:.0} messages/s",
            n as f64 / elapsed
        );
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);
    run("SQLite", || Box::pin(TestDb::sqlite()), n).await;
    if std::env::var("DEMINEURS_TEST_PG_URL").is_ok() {
        run("PostgreSQL", || Box::pin(TestDb::postgres()), n).await;
    }
}
