#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The dashboard on SQLite and PostgreSQL, on a small organisation made by
//! hand whose every figure is written below: silent rounds count for
//! nothing until their reveal, another organisation never counts, people
//! who are not leads see their own ideas only.
mod common;

use app::backend::clock::ManualClock;
use app::backend::dashboard::{self, csv::to_csv};
use app::backend::rounds::{contributing, course, triage};
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::dashboard::{Closing, CoverageMark, DashboardFilters, Wait};
use app::domain::directory::Availability;
use app::domain::maturity::Stage;
use app::domain::round_inputs::{DefusedBy, Draft, Triage};
use app::domain::rounds::{ContributionKind, Outcome};
use app::i18n::Locale;
use chrono::Duration;
use common::workshop::mine;
use common::{
    admin_of, as_member, clock, colleague, idea, key, open_for_a_week, other_organisation, post,
    say_profile, text,
};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

fn all_clear(domain: i64) -> Draft {
    Draft {
        kind: ContributionKind::AllClear,
        domain_id: Some(domain),
        severity: None,
        body: String::new(),
        link: None,
        answers: None,
    }
}

/// The organisation of the tests, at its day 42:
/// - idea A (Camille): round 1 calls Juridique and Finances; Anne (Juridique)
///   raises a mine an hour in, Bruno (Finances) says nothing to report,
///   Dominique (no domain) raises a Finances mine; revealed at day 1,
///   triaged (defused, accepted), closed at day 2 → Esquisse; launched.
/// - idea B (Camille): a week-long round on Juridique; Anne's mine two days
///   in; nobody reveals it: its deadline does, at day 7; never closed.
/// - idea C (Dominique): published, nothing else.
/// - another organisation: an idea with a revealed round and a question,
///   counted nowhere else.
struct Org {
    camille: CurrentUser,
    dominique: CurrentUser,
    outsider: CurrentUser,
}

async fn organisation(t: &TestDb, clock: &ManualClock) -> Org {
    let camille = admin_of(t, clock).await;
    let anne = colleague(t, clock, &camille, "Anne Juriste", &[LEGAL]).await;
    let bruno = colleague(t, clock, &camille, "Bruno Caisse", &[FINANCE]).await;
    let dominique = colleague(t, clock, &camille, "Dominique Terrain", &[]).await;
    for (who, service) in [
        (&anne, "Service juridique"),
        (&bruno, "Direction des finances"),
        (&dominique, "DSI"),
    ] {
        say_profile(t, clock, who, service, Availability::Available, None)
            .await
            .unwrap();
    }
    let outsider = other_organisation(t, clock).await;
    let theirs = idea(t, clock, &outsider).await;
    let their_round = open_for_a_week(t, clock, &outsider, theirs, &[]).await;
    let question = Draft {
        kind: ContributionKind::Question,
        domain_id: None,
        severity: None,
        body: "Ailleurs ?".into(),
        link: None,
        answers: None,
    };
    post(t, clock, &outsider, their_round, question).await;

    let a = idea(t, clock, &camille).await;
    let b = idea(t, clock, &camille).await;
    idea(t, clock, &dominique).await;
    let round_a = open_for_a_week(t, clock, &camille, a, &[LEGAL, FINANCE]).await;
    let round_b = open_for_a_week(t, clock, &camille, b, &[LEGAL]).await;
    clock.advance(Duration::hours(1));
    let legal_mine = post(t, clock, &anne, round_a, mine(LEGAL, "Le RGPD s’applique")).await;
    post(t, clock, &bruno, round_a, all_clear(FINANCE)).await;
    let finance_mine = post(t, clock, &dominique, round_a, mine(FINANCE, "Le budget")).await;
    clock.advance(Duration::hours(49));
    post(
        t,
        clock,
        &anne,
        round_b,
        mine(LEGAL, "Une convention à signer"),
    )
    .await;
    org_day(t, clock, &camille, round_a, legal_mine, finance_mine, a).await;
    course::reveal(&as_member(t, clock, &outsider), their_round)
        .await
        .unwrap();
    Org {
        camille,
        dominique,
        outsider,
    }
}

/// Idea A's reveal, triage and close (day 2 → 3), then its launch.
async fn org_day(
    t: &TestDb,
    clock: &ManualClock,
    camille: &CurrentUser,
    round_a: i64,
    legal_mine: i64,
    finance_mine: i64,
    a: i64,
) {
    let by = as_member(t, clock, camille);
    course::reveal(&by, round_a).await.unwrap();
    triage::triage(
        &by,
        &key(),
        legal_mine,
        Triage::Defused(DefusedBy::New(text("Une AIPD")), None),
    )
    .await
    .unwrap();
    triage::triage(
        &by,
        &key(),
        finance_mine,
        Triage::Accepted {
            why: text("Budget 2027"),
        },
    )
    .await
    .unwrap();
    clock.advance(Duration::days(1));
    triage::close(
        &as_member(t, clock, camille),
        round_a,
        text("Deux mines traitées"),
        "Un pilote".into(),
    )
    .await
    .unwrap();
    triage::set_outcome(
        &as_member(t, clock, camille),
        a,
        Some(Outcome::Launched),
        String::new(),
    )
    .await
    .unwrap();
}

db_test!(
    a_silent_round_counts_for_nothing_until_its_reveal,
    |t: TestDb| async move {
        let clock = clock();
        let org = organisation(&t, &clock).await; // day 3: B is still silent
        let by = as_member(&t, &clock, &org.camille);
        let none = DashboardFilters::default();
        let (frame, mines) = dashboard::read_mines(&by, &none, 1).await.unwrap();
        assert!(frame.whole_organisation);
        assert_eq!(frame.ideas, 3, "A, B, C; never the other organisation's");
        let legal = mines.mines.iter().find(|m| m.domain.id == LEGAL).unwrap();
        assert_eq!(
            (legal.mines, legal.defused, legal.untriaged),
            (1, 1, 0),
            "B's mine is silent"
        );
        let anne = mines
            .by_domain
            .iter()
            .find(|p| p.name == "Juridique")
            .unwrap();
        assert_eq!(
            (anne.people, anne.contributors, anne.contributions),
            (1, 1, 1)
        );
        let (_, coverage) = dashboard::read_coverage(&by, &none, 1).await.unwrap();
        assert_eq!(coverage.ideas_with_rounds, 1, "only A has a revealed round");
        let (_, delays) = dashboard::read_delays(&by, &none, 1).await.unwrap();
        let measured: u32 = delays.waits.iter().map(|w| w.1).sum();
        assert_eq!(measured, 1, "B's wait is not told before its reveal");
    }
);

db_test!(
    every_figure_of_a_small_organisation,
    |t: TestDb| async move {
        let clock = clock();
        let org = organisation(&t, &clock).await;
        clock.advance(Duration::days(39)); // day 42: B revealed by its deadline
        let by = as_member(&t, &clock, &org.camille);
        let none = DashboardFilters::default();

        let (frame, overview) = dashboard::read_overview(&by, &none, 1).await.unwrap();
        assert_eq!(frame.ideas, 3);
        assert_eq!(
            frame.services,
            ["Direction des finances", "DSI", "Service juridique"]
        );
        let funnel: Vec<(Stage, u32, u32)> = overview
            .funnel
            .iter()
            .map(|r| (r.stage, r.total(), r.launched))
            .collect();
        assert_eq!(
            funnel,
            [
                (Stage::Seed, 2, 0),
                (Stage::Sketch, 1, 1),
                (Stage::Demined, 0, 0),
                (Stage::Ready, 0, 0)
            ]
        );
        let ages: Vec<(Stage, u32, Option<u32>)> = overview
            .ages
            .iter()
            .map(|a| (a.stage, a.ideas, a.median_days))
            .collect();
        assert_eq!(
            ages,
            [
                (Stage::Seed, 3, Some(42)),
                (Stage::Sketch, 0, None),
                (Stage::Demined, 0, None),
                (Stage::Ready, 0, None)
            ],
            "A was a seed for 3 days, B and C for 42; A, launched, stopped moving: \
             its sketch stay does not grow with the calendar"
        );
        assert_eq!(overview.idle_total, 2, "B and C; A is launched");
        assert_eq!(overview.idle_days, 30);
        assert!(overview.idle.iter().all(|i| i.days >= 39));

        let (_, coverage) = dashboard::read_coverage(&by, &none, 1).await.unwrap();
        assert_eq!(coverage.ideas_with_rounds, 2);
        let gap = |id: i64| coverage.gaps.iter().find(|g| g.domain.id == id).unwrap();
        assert_eq!((gap(LEGAL).missing, gap(LEGAL).of), (0, 2));
        assert_eq!((gap(FINANCE).missing, gap(FINANCE).of), (1, 2));
        assert_eq!(
            coverage.gaps[0].domain.name, "RH",
            "missing twice, the first such domain"
        );
        assert_eq!(coverage.gaps[0].missing, 2);
        assert_eq!(coverage.rows.len(), 2);
        let marks = |row: usize| coverage.rows[row].marks[..3].to_vec();
        let (a_row, b_row) = if marks(0)[1] == CoverageMark::NothingToReport {
            (0, 1)
        } else {
            (1, 0)
        };
        assert_eq!(
            marks(a_row),
            [
                CoverageMark::Covered,
                CoverageMark::NothingToReport,
                CoverageMark::NotLookedAt
            ]
        );
        assert_eq!(
            marks(b_row),
            [
                CoverageMark::Covered,
                CoverageMark::NotLookedAt,
                CoverageMark::NotLookedAt
            ]
        );

        let (_, mines) = dashboard::read_mines(&by, &none, 1).await.unwrap();
        let row = |id: i64| mines.mines.iter().find(|m| m.domain.id == id).unwrap();
        assert_eq!(
            (row(LEGAL).mines, row(LEGAL).defused, row(LEGAL).untriaged),
            (2, 1, 1)
        );
        assert_eq!((row(FINANCE).mines, row(FINANCE).accepted), (1, 1));
        assert_eq!(mines.mines[0].domain.id, LEGAL, "most mines first");
        let services: Vec<(&str, u32, u32, u32)> = mines
            .by_service
            .iter()
            .map(|p| (p.name.as_str(), p.people, p.contributors, p.contributions))
            .collect();
        assert_eq!(
            services,
            [
                ("Service juridique", 1, 1, 2),
                // Camille's workaround, written with her triage.
                ("", 1, 1, 1),
                ("Direction des finances", 1, 1, 1),
                ("DSI", 1, 1, 1),
            ]
        );
        let finance = mines
            .by_domain
            .iter()
            .find(|p| p.name == "Finances")
            .unwrap();
        assert_eq!(
            (finance.people, finance.contributors, finance.contributions),
            (1, 1, 1)
        );

        let (_, delays) = dashboard::read_delays(&by, &none, 1).await.unwrap();
        let wait = |w: Wait| delays.waits.iter().find(|x| x.0 == w).unwrap().1;
        assert_eq!((wait(Wait::UnderADay), wait(Wait::OneToThreeDays)), (1, 1));
        assert_eq!(delays.median_hours, Some(1));
        assert_eq!(
            delays.closing,
            Closing {
                on_time: 1,
                late: 0,
                overdue: 1
            }
        );

        // The filters.
        let count = |filters: DashboardFilters| {
            let by = as_member(&t, &clock, &org.camille);
            async move {
                dashboard::read_overview(&by, &filters, 1)
                    .await
                    .unwrap()
                    .0
                    .ideas
            }
        };
        let service = DashboardFilters {
            service: Some("DSI".into()),
            ..Default::default()
        };
        assert_eq!(count(service).await, 1, "Dominique's idea");
        let stage = DashboardFilters {
            stage: Some(Stage::Sketch),
            ..Default::default()
        };
        assert_eq!(count(stage).await, 1);
        let tag = DashboardFilters {
            tag: Some("Mobilité".into()),
            ..Default::default()
        };
        assert_eq!(count(tag).await, 3);
        let domain = DashboardFilters {
            domain: Some(FINANCE),
            ..Default::default()
        };
        assert_eq!(count(domain).await, 1, "only A's round called Finances");
        let later = DashboardFilters {
            from: Some("2026-11-30".into()),
            ..Default::default()
        };
        assert_eq!(count(later).await, 0, "all published on 29 November");
        let that_day = DashboardFilters {
            from: Some("2026-11-29".into()),
            to: Some("2026-11-29".into()),
            ..Default::default()
        };
        assert_eq!(count(that_day).await, 3);

        // The export says the same, in the reader's language.
        let data = dashboard::read_all(&by, &none).await.unwrap();
        assert_eq!(data.coverage.rows.len(), 2, "every line of the heatmap");
        let csv = to_csv(&data, Locale::Fr);
        assert!(csv.starts_with("\u{feff}\"figure\";\"ligne\";\"colonne\";\"valeur\"\r\n"));
        let english = to_csv(&data, Locale::En);
        assert!(english.starts_with("\u{feff}\"figure\",\"line\",\"column\",\"value\"\r\n"));
        assert_eq!(data.overview.idle.len(), 2, "every idle idea");
        assert!(
            csv.contains(
                "\"Mines les plus fréquentes par casquette\";\"Juridique\";\"Désamorcée\";\"1\""
            ),
            "{csv}"
        );
    }
);

db_test!(
    people_who_are_not_leads_see_their_own_ideas_and_outsiders_theirs,
    |t: TestDb| async move {
        let clock = clock();
        let org = organisation(&t, &clock).await;
        let (frame, overview) = dashboard::read_overview(
            &as_member(&t, &clock, &org.dominique),
            &DashboardFilters::default(),
            1,
        )
        .await
        .unwrap();
        assert!(!frame.whole_organisation);
        assert_eq!(frame.ideas, 1, "her own idea C");
        assert_eq!(overview.funnel[0].total(), 1);
        let (frame, mines) = dashboard::read_mines(
            &as_member(&t, &clock, &org.outsider),
            &DashboardFilters::default(),
            1,
        )
        .await
        .unwrap();
        assert_eq!(frame.ideas, 1);
        assert!(mines.mines.iter().all(|m| m.mines == 0), "no mine of ours");
        let written: u32 = mines.by_service.iter().map(|p| p.contributions).sum();
        assert_eq!(written, 1, "their own question only");
    }
);

db_test!(
    a_rounds_first_word_follows_withdrawals_and_hiding,
    |t: TestDb| async move {
        // Each round keeps its first unhidden contribution's time
        // (`rounds::tally`): the wait told follows what can be read.
        let clock = clock();
        let camille = admin_of(&t, &clock).await;
        let anne = colleague(&t, &clock, &camille, "Anne Juriste", &[LEGAL]).await;
        let bruno = colleague(&t, &clock, &camille, "Bruno Caisse", &[FINANCE]).await;
        let a = idea(&t, &clock, &camille).await;
        let round = open_for_a_week(&t, &clock, &camille, a, &[LEGAL]).await;
        clock.advance(Duration::hours(1));
        let early = post(&t, &clock, &anne, round, mine(LEGAL, "Le RGPD")).await;
        clock.advance(Duration::hours(29));
        let later = post(&t, &clock, &bruno, round, all_clear(FINANCE)).await;
        let by = as_member(&t, &clock, &camille);
        let none = DashboardFilters::default();
        let first_wait = |delays: app::domain::dashboard::Delays| delays.median_hours;

        contributing::withdraw(&as_member(&t, &clock, &anne), early)
            .await
            .unwrap();
        course::reveal(&by, round).await.unwrap();
        let (_, delays) = dashboard::read_delays(&by, &none, 1).await.unwrap();
        assert_eq!(first_wait(delays), Some(30), "the withdrawn mine is gone");

        triage::hide(&by, later, text("Hors sujet")).await.unwrap();
        let (_, delays) = dashboard::read_delays(&by, &none, 1).await.unwrap();
        assert_eq!(first_wait(delays.clone()), None, "nothing readable is left");
        let never: u32 = delays
            .waits
            .iter()
            .filter(|w| w.0 == Wait::Nothing)
            .map(|w| w.1)
            .sum();
        assert_eq!(never, 1);
    }
);
