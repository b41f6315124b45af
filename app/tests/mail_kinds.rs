#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The messages beyond a round's own, on SQLite and PostgreSQL: an
//! invitation mailed with a link that works, a request to join approved,
//! the mines an author has to answer when the round is revealed, a
//! workshop starting for those asked to it, and what became of an idea
//! for whoever de-mined it, a mine triaged (how and why) and a round
//! closed with its synthesis; each to whom it concerns, once, and never a
//! contribution's text.
mod common;

use app::backend::accounts::error::AccountError;
use app::backend::accounts::members::{self, Change};
use app::backend::accounts::{invitations, login, requests};
use app::backend::clock::Clock;
use app::backend::ctx::{Ctx, DEFAULT_SITE};
use app::backend::entities::{invitation, mail_outbox};
use app::backend::mail::preferences;
use app::backend::organisations;
use app::backend::rounds::{contributing, course, triage};
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::{Email, OrganisationName, Role};
use app::domain::mail::{Delivery, DigestEvery};
use app::domain::organisation::EmailDomains;
use app::domain::round_inputs::Triage;
use app::domain::round_views::NotificationKind;
use app::domain::rounds::Outcome;
use app::i18n::Locale;
use chrono::Duration;
use common::workshop::{mine, workshop};
use common::{
    admin_of, as_member, clock, colleague, idea, key, open_for_a_week, sign_up_input, text,
};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

async fn outbox(t: &TestDb) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
}

async fn of_kind(t: &TestDb, kind: &str) -> Vec<mail_outbox::Model> {
    outbox(t)
        .await
        .into_iter()
        .filter(|r| r.kind == kind)
        .collect()
}

db_test!(
    an_invitation_is_mailed_with_a_link_that_works_unless_the_person_has_an_account,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let by_admin = as_member(&t, &clock, &admin);
        let to = Email::parse("Dominique@Lille.fr").unwrap();
        let token = invitations::send(&by_admin, Role::Facilitator, &to, Locale::Fr)
            .await
            .unwrap();
        let rows = outbox(&t).await;
        assert_eq!(rows.len(), 1);
        let mail = &rows[0];
        assert_eq!(mail.kind, "invitation");
        assert_eq!(mail.to_address, "dominique@lille.fr");
        assert!(mail.subject.contains("vous invite"), "{}", mail.subject);
        let link = format!("{DEFAULT_SITE}/inscription/{token}");
        assert!(mail.body_text.contains(&link), "{}", mail.body_text);
        assert!(mail.body_html.contains(&link));
        assert!(mail.unsubscribe_url.is_none(), "asked for, not a list");
        // The link mailed is the invitation's.
        let nobody = Ctx::new(&t.db, &clock);
        invitations::accept(&nobody, &token, sign_up_input("dominique@lille.fr"))
            .await
            .unwrap();
        // Someone with an account: refused, and neither a link nor a
        // message is left behind.
        let again = invitations::send(&by_admin, Role::Member, &to, Locale::Fr).await;
        assert!(
            matches!(again, Err(AccountError::InviteeHasAccount)),
            "{again:?}"
        );
        assert_eq!(outbox(&t).await.len(), 1);
        assert_eq!(invitation::Entity::find().count(&t.db).await.unwrap(), 1);
        // Only an administrator invites.
        let member = colleague(&t, &clock, &admin, "Anne Juriste", &[LEGAL]).await;
        let refused = invitations::send(
            &as_member(&t, &clock, &member),
            Role::Member,
            &Email::parse("autre@lille.fr").unwrap(),
            Locale::Fr,
        )
        .await;
        assert!(matches!(refused, Err(AccountError::Forbidden)));
        assert_eq!(outbox(&t).await.len(), 1);
    }
);

db_test!(
    an_approved_request_is_told_in_its_language_how_to_log_in,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let by_admin = as_member(&t, &clock, &admin);
        organisations::update(
            &by_admin,
            OrganisationName::parse("Ville de Lille").unwrap(),
            EmailDomains::parse("lille.fr").unwrap(),
            4,
        )
        .await
        .unwrap();
        let nobody = Ctx::new(&t.db, &clock);
        requests::submit(&nobody, "10.9.9.9", sign_up_input("sacha@lille.fr"))
            .await
            .unwrap();
        assert!(outbox(&t).await.is_empty(), "a request mails nobody");
        let pending = members::list(&by_admin)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.email == "sacha@lille.fr")
            .unwrap();
        members::apply(&by_admin, pending.id, Change::Approve)
            .await
            .unwrap();
        let rows = of_kind(&t, "join_approved").await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].recipient_id, Some(pending.id));
        assert!(rows[0].subject.contains("Ville de Lille"));
        assert!(rows[0]
            .body_text
            .contains(&format!("{DEFAULT_SITE}/connexion")));
        // The way in it names works.
        login::log_in(
            &nobody,
            "sacha@lille.fr",
            "une autre phrase solide",
            "10.0.0.1",
        )
        .await
        .unwrap();
        // Approving again is refused and sends nothing more.
        assert!(members::apply(&by_admin, pending.id, Change::Approve)
            .await
            .is_err());
        assert_eq!(outbox(&t).await.len(), 1);
    }
);

db_test!(
    at_the_reveal_the_author_is_sent_the_mines_to_answer_by_domain_never_their_text,
    |t: TestDb| async move {
        const PROBE: &str = "SONDE-91c2 texte de la mine";
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        let round_id = open_for_a_week(&t, &clock, &author, idea_id, &[LEGAL]).await;
        let mine_id = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, PROBE),
        )
        .await
        .unwrap();
        assert!(of_kind(&t, "mines_to_answer").await.is_empty());
        // Revealed at the deadline.
        clock.advance(Duration::days(8));
        app::backend::housekeeping::run_once(&t.db, DEFAULT_SITE, clock.now())
            .await
            .unwrap();
        let to_answer = of_kind(&t, "mines_to_answer").await;
        assert_eq!(to_answer.len(), 1, "the author, once");
        let mail = &to_answer[0];
        assert_eq!(mail.recipient_id, Some(author.id));
        assert!(
            mail.body_text.contains("Mine — Juridique"),
            "{}",
            mail.body_text
        );
        assert!(mail
            .body_text
            .contains(&format!("/idees/{idea_id}/contributions/{mine_id}")));
        for row in outbox(&t).await {
            let all = format!("{}{}{}", row.subject, row.body_text, row.body_html);
            assert!(
                !all.contains("SONDE-91c2"),
                "a contribution's text in {}",
                row.kind
            );
        }
        // The jurist hears that the round is revealed, not that mines wait.
        let revealed = of_kind(&t, "round_revealed").await;
        assert_eq!(revealed.len(), 1);
        assert_eq!(revealed[0].recipient_id, Some(jurist.id));
    }
);

db_test!(
    a_workshop_starting_mails_its_code_to_those_asked_but_not_its_facilitator,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let _finance = colleague(&t, &clock, &author, "Paul Finances", &[FINANCE]).await;
        let (_idea, _workshop, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        let started = of_kind(&t, "workshop_started").await;
        assert_eq!(started.len(), 1, "the holder of the domain called only");
        let mail = &started[0];
        assert_eq!(mail.recipient_id, Some(jurist.id));
        assert!(mail.body_text.contains(&code), "{}", mail.body_text);
        assert!(mail
            .body_html
            .contains(&format!("{DEFAULT_SITE}/rejoindre/{code}")));
    }
);

db_test!(
    a_decision_on_the_idea_tells_whoever_de_mined_it_with_the_lessons_once,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let _finance = colleague(&t, &clock, &author, "Paul Finances", &[FINANCE]).await;
        let idea_id = idea(&t, &clock, &author).await;
        let round_id = open_for_a_week(&t, &clock, &author, idea_id, &[LEGAL, FINANCE]).await;
        contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Le marché n’est pas passé."),
        )
        .await
        .unwrap();
        let by_author = as_member(&t, &clock, &author);
        let decide = |outcome, note: &str| {
            triage::set_outcome(&by_author, idea_id, outcome, note.to_owned())
        };
        decide(Some(Outcome::Dropped), "Le besoin était couvert ailleurs.")
            .await
            .unwrap();
        let told = of_kind(&t, "idea_outcome").await;
        assert_eq!(
            told.len(),
            1,
            "the jurist, who wrote; not Paul, who did not"
        );
        assert_eq!(told[0].recipient_id, Some(jurist.id));
        assert!(
            told[0].subject.contains("Abandonnée"),
            "{}",
            told[0].subject
        );
        assert!(told[0]
            .body_text
            .contains("Le besoin était couvert ailleurs."));
        // Editing the lessons, or taking the decision back, tells nobody.
        decide(Some(Outcome::Dropped), "Couvert par la métropole.")
            .await
            .unwrap();
        decide(None, "").await.unwrap();
        assert_eq!(of_kind(&t, "idea_outcome").await.len(), 1);
        // A new decision does.
        decide(Some(Outcome::Launched), "").await.unwrap();
        let told = of_kind(&t, "idea_outcome").await;
        assert_eq!(told.len(), 2);
        assert!(told[1].subject.contains("Lancée"), "{}", told[1].subject);
        // And the jurist's notifications say it.
        let news = app::backend::notifications::list(&as_member(&t, &clock, &jurist))
            .await
            .unwrap();
        let outcome = news
            .items
            .iter()
            .find(|n| n.kind == NotificationKind::IdeaOutcome)
            .unwrap();
        assert_eq!(outcome.outcome, Some(Outcome::Launched));
    }
);

db_test!(
    a_triage_tells_its_writer_how_and_why_and_a_close_sends_the_synthesis,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        // The jurist wants the close at once rather than in the digest.
        preferences::save(
            &as_member(&t, &clock, &jurist),
            &[(NotificationKind::RoundClosed, Delivery::AtOnce)],
            DigestEvery::Daily,
        )
        .await
        .unwrap();
        let idea_id = idea(&t, &clock, &author).await;
        let round_id = open_for_a_week(&t, &clock, &author, idea_id, &[LEGAL]).await;
        let mine_id = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Le marché n’est pas passé."),
        )
        .await
        .unwrap();
        let by_author = as_member(&t, &clock, &author);
        course::reveal(&by_author, round_id).await.unwrap();
        triage::triage(
            &by_author,
            &key(),
            mine_id,
            Triage::Accepted {
                why: text("Budget 2027 demandé"),
            },
        )
        .await
        .unwrap();
        let triaged = of_kind(&t, "mine_triaged").await;
        assert_eq!(triaged.len(), 1);
        assert_eq!(triaged[0].recipient_id, Some(jurist.id));
        assert!(
            triaged[0].body_text.contains("Risque assumé"),
            "{}",
            triaged[0].body_text
        );
        assert!(triaged[0].body_text.contains("Budget 2027 demandé"));
        assert!(triaged[0].body_html.contains("Budget 2027 demandé"));
        assert!(triaged[0]
            .body_text
            .contains(&format!("/idees/{idea_id}/contributions/{mine_id}")));

        triage::close(
            &by_author,
            round_id,
            text("Une mine, assumée : le budget suivra."),
            String::new(),
        )
        .await
        .unwrap();
        let closed = of_kind(&t, "round_closed").await;
        assert_eq!(closed.len(), 1, "the jurist; not the author, who wrote it");
        assert_eq!(closed[0].recipient_id, Some(jurist.id));
        assert!(closed[0]
            .body_text
            .contains("Une mine, assumée : le budget suivra."));
        assert!(closed[0]
            .body_html
            .contains("Une mine, assumée : le budget suivra."));
    }
);
