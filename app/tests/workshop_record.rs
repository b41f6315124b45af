#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! A workshop's record (« compte rendu ») on SQLite and PostgreSQL: after
//! the reveal, the mines by domain with their dots and triage, each
//! workaround under the mine it answers, a hidden contribution without its
//! text; before the reveal, counts only. Its readers: those who may see the
//! idea and everyone who took part, a guest after the end too; not a
//! removed guest, nobody, another workshop's guest nor another
//! organisation.
mod common;

use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::rounds::{contributing, triage};
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::posting::{post, vote};
use app::backend::workshops::record::record;
use app::backend::workshops::{reading, room, running};
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::round_inputs::{DefusedBy, Draft, Triage};
use app::domain::rounds::{ContributionKind, TriageKind};
use app::domain::workshop_views::{RecordEntry, WorkshopRecord};
use app::domain::workshops::Phase;
use common::workshop::{at_console, join_as_guest, mine, workshop};
use common::{admin_of, as_member, clock, colleague, in_room, key, signed_in, text};

/// A domain (or none) and its mines' ids and dots, in the order shown.
type DomainLayout = (Option<i64>, Vec<(i64, u32)>);

async fn send(t: &TestDb, clock: &ManualClock, who: &Caller, id: i64, draft: Draft) -> i64 {
    post(&in_room(t, clock, who), &key(), id, Phase::Writing, draft)
        .await
        .unwrap()
}

/// From phase `from` to the next, at the console.
async fn to(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64, from: Phase) {
    running::advance(&at_console(t, clock, by), id, from, None)
        .await
        .unwrap();
}

async fn end(t: &TestDb, clock: &ManualClock, by: &CurrentUser, id: i64) {
    running::end(&at_console(t, clock, by), id).await.unwrap();
}

async fn dot(t: &TestDb, clock: &ManualClock, who: &Caller, id: i64, mine: i64) {
    vote(&in_room(t, clock, who), id, mine, true).await.unwrap();
}

async fn read(t: &TestDb, clock: &ManualClock, who: &Caller, id: i64) -> WorkshopRecord {
    record(&in_room(t, clock, who), id).await.unwrap()
}

fn bodies(entries: &[RecordEntry]) -> Vec<String> {
    entries.iter().map(|e| e.body.clone()).collect()
}

fn other_kind(kind: ContributionKind, body: &str) -> Draft {
    Draft {
        kind,
        domain_id: None,
        severity: None,
        body: body.to_owned(),
        link: None,
        answers: None,
    }
}

/// The administrator of another organisation, signed in.
async fn outsider(t: &TestDb, clock: &ManualClock) -> CurrentUser {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let organisation = app::backend::organisations::create(
        &t.db,
        clock,
        app::backend::organisations::NewOrganisation {
            organisation: app::domain::accounts::OrganisationName::parse("Roubaix").unwrap(),
            display_name: app::domain::accounts::DisplayName::parse("Rémi").unwrap(),
            email: app::domain::accounts::Email::parse("remi@roubaix.fr").unwrap(),
            password: app::domain::accounts::NewPassword::parse("une phrase solide ici").unwrap(),
        },
    )
    .await
    .unwrap();
    let admin = app::backend::entities::user::Entity::find()
        .filter(app::backend::entities::user::Column::OrganisationId.eq(organisation))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    signed_in(t, clock, admin.id).await
}

db_test!(
    after_the_reveal_the_record_lists_mines_by_domain_with_dots_triage_and_workarounds,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (legal, finance) = (1, 2);
        let (_, id, code) = workshop(&t, &clock, &author, vec![legal, finance]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        let sam = join_as_guest(&t, &clock, &code, "Sam").await;
        to(&t, &clock, &author, id, Phase::Pitch).await;
        let parking = send(
            &t,
            &clock,
            &lou,
            id,
            mine(legal, "Les parkings sont pleins"),
        )
        .await;
        let money = send(&t, &clock, &sam, id, mine(finance, "Le budget manque")).await;
        let insurance = send(&t, &clock, &sam, id, mine(legal, "Les assurances")).await;
        let rude = send(&t, &clock, &lou, id, mine(legal, "Propos déplacé")).await;
        send(
            &t,
            &clock,
            &lou,
            id,
            other_kind(ContributionKind::Question, "Qui paie l’essence ?"),
        )
        .await;
        send(
            &t,
            &clock,
            &lou,
            id,
            other_kind(ContributionKind::Workaround, "Covoiturer entre services"),
        )
        .await;

        // The reveal; a mine hidden by the facilitator.
        to(&t, &clock, &author, id, Phase::Writing).await;
        room::hide(
            &at_console(&t, &clock, &author),
            id,
            rude,
            text("Hors sujet"),
        )
        .await
        .unwrap();
        // A workaround proposed for a mine.
        contributing::propose_workaround(
            &as_member(&t, &clock, &author),
            &key(),
            parking,
            text("Un parking relais"),
        )
        .await
        .unwrap();

        // The vote: Lou 2 on the budget, 1 on the parkings; Sam 1 and 2.
        to(&t, &clock, &author, id, Phase::Reveal).await;
        dot(&t, &clock, &lou, id, money).await;
        dot(&t, &clock, &lou, id, money).await;
        dot(&t, &clock, &lou, id, parking).await;
        dot(&t, &clock, &sam, id, money).await;
        dot(&t, &clock, &sam, id, insurance).await;
        dot(&t, &clock, &sam, id, insurance).await;

        // The triage: one mine defused by a new workaround, one accepted.
        to(&t, &clock, &author, id, Phase::Vote).await;
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            insurance,
            Triage::Defused(DefusedBy::New(text("Un contrat groupé")), None),
        )
        .await
        .unwrap();
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            money,
            Triage::Accepted {
                why: text("Budget 2027 demandé"),
            },
        )
        .await
        .unwrap();
        end(&t, &clock, &author, id).await;

        // A guest reads it after the end.
        let seen = read(&t, &clock, &lou, id).await;
        assert!(seen.ended && !seen.member);
        assert_eq!((seen.participants, seen.contributions), (2, 8));
        assert_eq!(seen.focus, "Qu’est-ce qui peut coincer ?");
        assert_eq!(seen.date, "29/11/2026");
        let content = seen.content.clone().expect("revealed");

        // Mines by domain, the round's domains in order, most dotted first.
        let layout: Vec<DomainLayout> = content
            .mines
            .iter()
            .map(|g| {
                let mines = g.mines.iter().map(|m| (m.mine.id, m.mine.dots)).collect();
                (g.domain.as_ref().map(|d| d.id), mines)
            })
            .collect();
        assert_eq!(
            layout,
            [
                (Some(legal), vec![(insurance, 2), (parking, 1), (rude, 0)]),
                (Some(finance), vec![(money, 3)]),
            ]
        );
        assert!(content
            .mines
            .iter()
            .all(|g| g.domain.as_ref().is_some_and(|d| !d.name.is_empty())));

        // Triage, and each workaround under the mine it answers.
        let insured = &content.mines[0].mines[0];
        let defused = insured.mine.triage.clone().expect("triaged");
        assert_eq!(defused.kind, TriageKind::Defused);
        assert_eq!(
            defused.workaround_text.as_deref(),
            Some("Un contrat groupé")
        );
        assert_eq!(bodies(&insured.workarounds), ["Un contrat groupé"]);
        let parked = &content.mines[0].mines[1];
        assert_eq!(parked.mine.body, "Les parkings sont pleins");
        assert_eq!(
            (parked.mine.author.as_str(), parked.mine.author_guest),
            ("Lou", true)
        );
        assert!(parked.mine.triage.is_none());
        assert_eq!(bodies(&parked.workarounds), ["Un parking relais"]);
        let accepted = content.mines[1].mines[0]
            .mine
            .triage
            .clone()
            .expect("triaged");
        assert_eq!(
            (accepted.kind, accepted.note.as_str()),
            (TriageKind::Accepted, "Budget 2027 demandé")
        );

        // The hidden mine: there, without its text (nor its reason).
        let hidden = &content.mines[0].mines[2].mine;
        assert!(hidden.hidden && hidden.body.is_empty() && hidden.triage.is_none());
        let whole = format!("{seen:?}");
        assert!(
            !whole.contains("Propos déplacé") && !whole.contains("Hors sujet"),
            "{whole}"
        );

        // The workaround aimed at no mine, then the question.
        assert_eq!(bodies(&content.workarounds), ["Covoiturer entre services"]);
        let others: Vec<(ContributionKind, Vec<String>)> = content
            .others
            .iter()
            .map(|g| (g.kind, bodies(&g.items)))
            .collect();
        assert_eq!(
            others,
            [(
                ContributionKind::Question,
                vec!["Qui paie l’essence ?".to_owned()]
            )]
        );

        // The author reads the same, as a member.
        let theirs = record(&as_member(&t, &clock, &author), id).await.unwrap();
        assert!(theirs.member);
        assert_eq!(theirs.content, seen.content);
    }
);

db_test!(
    before_the_reveal_the_record_gives_counts_and_no_text,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        to(&t, &clock, &author, id, Phase::Pitch).await;
        send(&t, &clock, &lou, id, mine(1, "Secret de Lou")).await;

        // Silent writing: counts only, even for the writer.
        let during = read(&t, &clock, &lou, id).await;
        assert!(!during.ended);
        assert_eq!(during.content, None);
        assert_eq!((during.participants, during.contributions), (1, 1));

        // Ended before the reveal: still nothing of the texts.
        end(&t, &clock, &author, id).await;
        for seen in [
            read(&t, &clock, &lou, id).await,
            record(&as_member(&t, &clock, &author), id).await.unwrap(),
        ] {
            assert!(seen.ended);
            assert_eq!(seen.content, None);
            assert_eq!(seen.contributions, 1);
            let whole = format!("{seen:?}");
            assert!(!whole.contains("Secret"), "{whole}");
        }
    }
);

db_test!(
    a_guest_reads_it_after_the_end_a_removed_guest_and_outsiders_do_not,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![1]).await;
        let (_, other, other_code) = workshop(&t, &clock, &author, vec![1]).await;
        let lou = join_as_guest(&t, &clock, &code, "Lou").await;
        let sam = join_as_guest(&t, &clock, &code, "Sam").await;
        let elsewhere = join_as_guest(&t, &clock, &other_code, "Zoé").await;
        let sams_seat = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap()
            .participants
            .into_iter()
            .find(|p| p.name == "Sam")
            .unwrap()
            .id;
        room::remove(&at_console(&t, &clock, &author), id, sams_seat)
            .await
            .unwrap();
        end(&t, &clock, &author, id).await;

        // The phone is over for a guest; the record stays theirs.
        assert!(matches!(
            reading::phone(&in_room(&t, &clock, &lou), id).await,
            Err(WorkshopError::Ended)
        ));
        let seen = read(&t, &clock, &lou, id).await;
        assert_eq!((seen.workshop_id, seen.participants), (id, 1));

        // A colleague who may see the idea reads it without having joined.
        let anne = colleague(&t, &clock, &author, "Anne Leroy", &[]).await;
        assert!(
            record(&as_member(&t, &clock, &anne), id)
                .await
                .unwrap()
                .member
        );

        assert!(matches!(
            record(&in_room(&t, &clock, &sam), id).await,
            Err(WorkshopError::Removed)
        ));
        assert!(matches!(
            record(&in_room(&t, &clock, &elsewhere), id).await,
            Err(WorkshopError::NotFound)
        ));
        // Their own workshop's record opens.
        assert_eq!(read(&t, &clock, &elsewhere, other).await.workshop_id, other);
        assert!(matches!(
            record(&Ctx::new(&t.db, &clock), id).await,
            Err(WorkshopError::SignInNeeded)
        ));
        let stranger = outsider(&t, &clock).await;
        assert!(matches!(
            record(&as_member(&t, &clock, &stranger), id).await,
            Err(WorkshopError::NotFound)
        ));
        assert!(matches!(
            record(
                &in_room(&t, &clock, &Caller::Guest("not-a-seat".into())),
                id
            )
            .await,
            Err(WorkshopError::SignInNeeded)
        ));
    }
);
