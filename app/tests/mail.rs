#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! E-mail, on SQLite and PostgreSQL, through a real SMTP server
//! (`scripts/smtp-sink.py`): queued with its cause and rolled back with it,
//! delivered once when the server comes back, once with two senders at
//! once, a forgotten password's link that works, and no silent text in
//! any message before the reveal.
mod common;

use app::backend::accounts::{profile, resets};
use app::backend::changes::{Change, RoundRef};
use app::backend::clock::{Clock, ManualClock};
use app::backend::ctx::{Ctx, DEFAULT_SITE};
use app::backend::entities::{idea, mail_outbox, round};
use app::backend::housekeeping;
use app::backend::mail::letter::Draft;
use app::backend::mail::outbox::{queue, Outgoing};
use app::backend::mail::sender::{deliver_due, Delivered};
use app::backend::mail::transport::Transport;
use app::backend::mail::{compose, MailKind, Mailbox};
use app::backend::rounds::{contributing, opening};
use app::backend::smtp_sink::SmtpSink;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::{Email, NewPassword};
use app::domain::round_inputs::RoundOpening;
use app::domain::rounds::{FocusQuestion, RoundMode};
use app::i18n::Locale;
use chrono::Duration;
use common::workshop::mine;
use common::{admin_of, as_member, clock, colleague, idea, key};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

fn from() -> Mailbox {
    compose::sender("Les Démineurs <ne-pas-repondre@demineurs.test>").unwrap()
}

fn in_a_week(clock: &ManualClock, names: &[&str]) -> RoundOpening {
    RoundOpening {
        focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
        mode: RoundMode::Async,
        deadline: Some(clock.now() + Duration::days(7)),
        domains: vec![LEGAL],
        names: names.iter().map(|n| n.to_string()).collect(),
    }
}

async fn outbox(t: &TestDb) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
}

/// Queues `n` plain messages, each in its own write.
async fn queue_plain(t: &TestDb, clock: &ManualClock, n: usize) {
    for i in 0..n {
        let write = Ctx::new(&t.db, clock).write().await.unwrap();
        let letter = Draft::new(Locale::Fr, format!("Message n° {i}"))
            .para("Bonjour, voici un message « accentué ».")
            .action("Ouvrir", "http://127.0.0.1:3000/idees")
            .footer("Pourquoi ce message.", &[]);
        let mail = Outgoing {
            recipient_id: None,
            to_address: format!("personne{i}@lille.fr"),
            to_name: format!("Personne {i}"),
            kind: MailKind::PasswordReset,
            letter,
            unsubscribe_url: None,
        };
        queue(&write, clock.now(), DEFAULT_SITE, mail)
            .await
            .unwrap();
        write.commit().await.unwrap();
    }
}

/// Sends until nothing is left for now; what was sent in all.
async fn drain(t: &TestDb, transport: &Transport, clock: &ManualClock) -> u32 {
    let mut sent = 0;
    loop {
        let done = deliver_due(&t.db, transport, &from(), clock).await.unwrap();
        sent += done.sent;
        if done.sent == 0 && !done.full {
            return sent;
        }
    }
}

db_test!(
    a_message_is_queued_with_its_cause_and_rolled_back_with_it,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let finance = colleague(&t, &clock, &author, "Paul Finances", &[FINANCE]).await;
        // Paul reads English.
        profile::set_language(&as_member(&t, &clock, &finance), Locale::En)
            .await
            .unwrap();
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock, &["Paul Finances"]),
        )
        .await
        .unwrap();
        let rows = outbox(&t).await;
        assert_eq!(rows.len(), 2, "the domain's holder and the person named");
        let to_jurist = rows
            .iter()
            .find(|r| r.recipient_id == Some(jurist.id))
            .unwrap();
        assert_eq!(to_jurist.kind, "domain_called");
        assert!(
            to_jurist.subject.contains("Covoiturage des agents"),
            "{}",
            to_jurist.subject
        );
        assert!(
            to_jurist.subject.contains("Juridique"),
            "{}",
            to_jurist.subject
        );
        let contribute = format!("{DEFAULT_SITE}/idees/{idea_id}/contribuer");
        assert!(to_jurist.body_text.contains(&contribute));
        assert!(to_jurist.body_html.contains(&contribute));
        assert!(to_jurist.body_text.contains("Qu’est-ce qui peut coincer ?"));
        let to_finance = rows
            .iter()
            .find(|r| r.recipient_id == Some(finance.id))
            .unwrap();
        assert_eq!(to_finance.kind, "round_invitation");
        assert!(
            to_finance.subject.starts_with("Your view is asked"),
            "{}",
            to_finance.subject
        );

        // The same change recorded in a write that rolls back: no message.
        let idea_row = idea::Entity::find_by_id(idea_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let round_row = round::Entity::find()
            .filter(round::Column::IdeaId.eq(idea_id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let write = as_member(&t, &clock, &author).write().await.unwrap();
        write
            .record(Change::Asked {
                round: RoundRef::of(&round_row, &idea_row),
                domain: None,
                people: vec![jurist.id, finance.id],
            })
            .await
            .unwrap();
        write.rollback().await.unwrap();
        assert_eq!(outbox(&t).await.len(), 2);

        // Received over SMTP: the one-click unsubscribe in the headers
        // (RFC 8058) is the footer's link.
        let smtp = SmtpSink::start();
        let transport = Transport::smtp(&smtp.url()).unwrap();
        assert_eq!(drain(&t, &transport, &clock).await, 2);
        let received = smtp.wait_for(2);
        let to_jurist = received
            .iter()
            .find(|m| m.rcpt_tos.iter().any(|to| to == "anne.juriste@lille.fr"))
            .unwrap();
        let header = to_jurist.header("List-Unsubscribe").unwrap();
        let link = header.trim_start_matches('<').trim_end_matches('>');
        assert!(
            link.starts_with(&format!("{DEFAULT_SITE}/desabonnement?")),
            "{header}"
        );
        assert_eq!(
            to_jurist.header("List-Unsubscribe-Post"),
            Some("List-Unsubscribe=One-Click")
        );
        assert!(to_jurist.text().contains(link), "{}", to_jurist.text());
        assert!(to_jurist
            .html
            .as_deref()
            .unwrap()
            .contains(&link.replace('&', "&amp;")));
    }
);

db_test!(
    smtp_away_then_back_delivers_each_message_once,
    |t: TestDb| async move {
        let clock = clock();
        let mut smtp = SmtpSink::not_started();
        let transport = Transport::smtp(&smtp.url()).unwrap();
        queue_plain(&t, &clock, 3).await;
        // The server is away: one attempt, put off; the others wait.
        let done = deliver_due(&t.db, &transport, &from(), &clock)
            .await
            .unwrap();
        assert_eq!((done.sent, done.retried), (0, 1));
        let rows = outbox(&t).await;
        assert_eq!(rows[0].attempts, 1);
        assert_eq!(rows[0].due_at, clock.now() + Duration::seconds(30));
        assert!(rows[0].last_error.is_some());
        assert!(rows
            .iter()
            .all(|r| r.sent_at.is_none() && r.claimed_by.is_none()));

        smtp.resume();
        assert_eq!(
            drain(&t, &transport, &clock).await,
            2,
            "the two not put off"
        );
        clock.advance(Duration::seconds(31));
        assert_eq!(
            drain(&t, &transport, &clock).await,
            1,
            "the one put off, once due"
        );
        clock.advance(Duration::hours(2));
        assert_eq!(drain(&t, &transport, &clock).await, 0, "nothing twice");

        let received = smtp.wait_for(3);
        assert_eq!(received.len(), 3);
        let mut ids: Vec<&str> = received
            .iter()
            .map(|m| m.header("Message-ID").unwrap())
            .collect();
        ids.sort();
        let mut queued: Vec<String> = outbox(&t).await.into_iter().map(|r| r.message_id).collect();
        queued.sort();
        assert_eq!(ids, queued);
        assert!(
            outbox(&t)
                .await
                .iter()
                .all(|r| r.body_text.is_empty() && r.body_html.is_empty()),
            "once sent, a message's words leave the database"
        );
        let first = received
            .iter()
            .find(|m| m.header("Subject") == Some("Message n° 0"))
            .unwrap();
        assert_eq!(first.rcpt_tos, ["personne0@lille.fr"]);
        assert_eq!(first.mail_from, "ne-pas-repondre@demineurs.test");
        assert_eq!(first.header("To"), Some("Personne 0 <personne0@lille.fr>"));
        assert_eq!(first.header("Auto-Submitted"), Some("auto-generated"));
        assert!(first
            .text()
            .contains("Bonjour, voici un message « accentué »."));
        assert!(first.text().contains("http://127.0.0.1:3000/idees"));
        let html = first.html.clone().unwrap();
        assert!(html.contains("<a href=\"http://127.0.0.1:3000/idees\""));
        assert!(!html.contains("<img"), "no remote image, no tracking pixel");
    }
);

db_test!(
    two_senders_at_once_send_each_message_once,
    |t: TestDb| async move {
        let clock = clock();
        let smtp = SmtpSink::start();
        queue_plain(&t, &clock, 45).await;
        // Two instances: each its own SMTP client, one database.
        let (one, two) = (
            Transport::smtp(&smtp.url()).unwrap(),
            Transport::smtp(&smtp.url()).unwrap(),
        );
        let (a, b) = tokio::join!(drain(&t, &one, &clock), drain(&t, &two, &clock));
        assert_eq!(a + b, 45);
        let received = smtp.wait_for(45);
        let mut ids: Vec<&str> = received
            .iter()
            .map(|m| m.header("Message-ID").unwrap())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!((received.len(), ids.len()), (45, 45));
        assert!(outbox(&t)
            .await
            .iter()
            .all(|r| r.sent_at.is_some() && r.attempts == 1));
    }
);

db_test!(
    an_address_no_message_can_carry_is_given_up_at_once,
    |t: TestDb| async move {
        let clock = clock();
        let smtp = SmtpSink::start();
        let transport = Transport::smtp(&smtp.url()).unwrap();
        let write = Ctx::new(&t.db, &clock).write().await.unwrap();
        let mail = Outgoing {
            recipient_id: None,
            to_address: "pas une adresse".to_owned(),
            to_name: String::new(),
            kind: MailKind::PasswordReset,
            letter: Draft::new(Locale::Fr, "x").footer("y", &[]),
            unsubscribe_url: None,
        };
        queue(&write, clock.now(), DEFAULT_SITE, mail)
            .await
            .unwrap();
        write.commit().await.unwrap();
        let done = deliver_due(&t.db, &transport, &from(), &clock)
            .await
            .unwrap();
        assert_eq!(
            done,
            Delivered {
                refused: 1,
                ..Delivered::default()
            }
        );
        clock.advance(Duration::days(1));
        assert_eq!(drain(&t, &transport, &clock).await, 0);
        let row = &outbox(&t).await[0];
        assert!(row.failed_at.is_some() && row.sent_at.is_none());
        // Kept a day for whoever looks into it, then cleaned up.
        clock.advance(Duration::days(2));
        housekeeping::clean_up(&t.db, clock.now()).await.unwrap();
        assert!(outbox(&t).await.is_empty());
    }
);

db_test!(
    a_forgotten_password_is_mailed_a_link_that_works_once,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let nobody = Ctx::new(&t.db, &clock);
        let address = Email::parse("camille@lille.fr").unwrap();
        resets::request_by_email(&nobody, "192.0.2.1", &address, Locale::En)
            .await
            .unwrap();
        // Nobody has this one: the same answer, nothing sent.
        let stranger = Email::parse("personne@lille.fr").unwrap();
        resets::request_by_email(&nobody, "192.0.2.1", &stranger, Locale::Fr)
            .await
            .unwrap();
        let rows = outbox(&t).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].kind.as_str(), rows[0].recipient_id),
            ("password_reset", Some(admin.id))
        );
        // The person's language (French, the default), not the page's.
        assert_eq!(rows[0].subject, "Choisir un nouveau mot de passe");

        let smtp = SmtpSink::start();
        drain(&t, &Transport::smtp(&smtp.url()).unwrap(), &clock).await;
        let text = smtp.wait_for(1)[0].text();
        let start = text.find("/reinitialisation/").unwrap() + "/reinitialisation/".len();
        let token: String = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        let password = NewPassword::parse("une toute nouvelle phrase").unwrap();
        resets::complete(&nobody, &token, &password).await.unwrap();
        assert!(
            resets::complete(&nobody, &token, &password).await.is_err(),
            "once"
        );

        // An address gets three messages an hour, whoever asks; the caller
        // is told nothing different.
        for ip in ["192.0.2.2", "192.0.2.3", "192.0.2.4"] {
            resets::request_by_email(&nobody, ip, &address, Locale::Fr)
                .await
                .unwrap();
        }
        assert_eq!(
            outbox(&t).await.len(),
            3,
            "the first and two more this hour"
        );
        // A caller asks a few times an hour, whatever the addresses (two
        // asked above from 192.0.2.1).
        for n in 0..resets::ASKED_BY_CALLER.max - 2 {
            let other = Email::parse(&format!("x{n}@lille.fr")).unwrap();
            resets::request_by_email(&nobody, "192.0.2.1", &other, Locale::Fr)
                .await
                .unwrap();
        }
        let one_more = Email::parse("x99@lille.fr").unwrap();
        assert!(
            resets::request_by_email(&nobody, "192.0.2.1", &one_more, Locale::Fr)
                .await
                .is_err()
        );
    }
);

db_test!(
    no_message_carries_a_silent_text_and_the_deadline_tells_once,
    |t: TestDb| async move {
        const PROBE: &str = "SONDE-7f3a texte silencieux";
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let _finance = colleague(&t, &clock, &author, "Paul Finances", &[FINANCE]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock, &[]),
        )
        .await
        .unwrap();
        let round_id = round::Entity::find()
            .filter(round::Column::IdeaId.eq(idea_id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, PROBE),
        )
        .await
        .unwrap();
        // More people asked while the text is silent.
        opening::call_domain(&as_member(&t, &clock, &author), round_id, FINANCE)
            .await
            .unwrap();
        let smtp = SmtpSink::start();
        let transport = Transport::smtp(&smtp.url()).unwrap();
        let before = drain(&t, &transport, &clock).await as usize;
        assert_eq!(before, 2, "the jurist, then the finance holder");
        // Nobody ran at the deadline; two instances run a day later.
        clock.advance(Duration::days(8));
        let now = clock.now();
        let (a, b) = tokio::join!(
            housekeeping::run_once(&t.db, DEFAULT_SITE, now),
            housekeeping::run_once(&t.db, DEFAULT_SITE, now)
        );
        assert_eq!(a.unwrap().revealed + b.unwrap().revealed, 1);
        // The author hears of the mines to answer, the jurist of the reveal.
        let revealed: Vec<mail_outbox::Model> = outbox(&t)
            .await
            .into_iter()
            .filter(|r| r.kind == "round_revealed" || r.kind == "mines_to_answer")
            .collect();
        let mut told: Vec<Option<i64>> = revealed.iter().map(|r| r.recipient_id).collect();
        told.sort();
        let mut concerned = [Some(author.id), Some(jurist.id)];
        concerned.sort();
        assert_eq!(told, concerned, "once each");
        let author_mail = revealed
            .iter()
            .find(|r| r.recipient_id == Some(author.id))
            .unwrap();
        assert_eq!(author_mail.kind, "mines_to_answer");
        assert!(author_mail.body_text.contains("répondez à chaque mine"));
        drain(&t, &transport, &clock).await;
        let received = smtp.wait_for(before + 2);
        assert_eq!(received.len(), before + 2);
        for message in &received {
            let all = format!("{:?}{}{:?}", message.headers, message.text(), message.html);
            assert!(
                !all.contains("SONDE-7f3a"),
                "a silent text in {:?}",
                message.header("Subject")
            );
        }
    }
);

db_test!(
    without_smtp_each_message_is_an_eml_file,
    |t: TestDb| async move {
        let clock = clock();
        let folder = tempfile::tempdir().unwrap();
        let transport = Transport::folder(folder.path().join("mail"));
        assert!(transport.describe().contains(".eml files in"));
        queue_plain(&t, &clock, 2).await;
        assert_eq!(drain(&t, &transport, &clock).await, 2);
        let mut files: Vec<_> = std::fs::read_dir(folder.path().join("mail"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert_eq!(files.len(), 2, "{files:?}");
        for (file, row) in files.iter().zip(outbox(&t).await) {
            assert_eq!(file.extension().unwrap(), "eml");
            let eml = std::fs::read_to_string(file).unwrap();
            assert!(
                eml.contains(&format!("Message-ID: {}", row.message_id)),
                "{eml}"
            );
            assert!(eml.contains("multipart/alternative"));
        }
    }
);
