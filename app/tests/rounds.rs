#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Démining rounds on SQLite and PostgreSQL: opening and calling domains,
//! silent writing, the reveal (by hand and by the deadline), endorsements,
//! triage and closing, moderation, and the maturity that follows.
mod common;

use app::backend::clock::ManualClock;
use app::backend::notifications;
use app::backend::rounds::contributing;
use app::backend::rounds::contribution_page;
use app::backend::rounds::course;
use app::backend::rounds::opening;
use app::backend::rounds::reading;
use app::backend::rounds::triage;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::maturity::Stage;
use app::domain::round_inputs::{DefusedBy, Draft, RoundOpening, Triage};
use app::domain::round_views::CoverageState;
use app::domain::rounds::{ContributionKind, FocusQuestion, Outcome, RoundMode, Severity};
use app::error::AppError;
use app::i18n::Key;
use chrono::Duration;
use common::as_member;
use common::{admin_of, clock, colleague, field_error, idea, key, text};

fn ask(clock: &ManualClock, domains: Vec<i64>) -> RoundOpening {
    RoundOpening {
        focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
        mode: RoundMode::Async,
        deadline: Some(app::backend::clock::Clock::now(clock) + Duration::days(7)),
        domains,
        names: Vec::new(),
    }
}

fn mine(domain: i64, severity: Severity, body: &str) -> Draft {
    Draft {
        kind: ContributionKind::Mine,
        domain_id: Some(domain),
        severity: Some(severity),
        body: body.to_owned(),
        link: None,
        answers: None,
    }
}

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

/// The round panel of the idea as someone sees it.
async fn panel(
    t: &TestDb,
    clock: &ManualClock,
    who: &CurrentUser,
    idea: i64,
) -> app::domain::round_views::RoundsPanel {
    reading::panel(&as_member(t, clock, who), idea, None)
        .await
        .unwrap()
}

fn texts(p: &app::domain::round_views::RoundsPanel) -> Vec<String> {
    p.rounds[0]
        .contributions
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

db_test!(
    a_round_goes_from_silent_writing_to_its_closing,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (legal, finance) = (1, 2);
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[legal]).await;
        let accountant = colleague(&t, &clock, &author, "Paul Comptable", &[finance]).await;
        let idea_id = idea(&t, &clock, &author).await;

        let same = key();
        let number = opening::open(
            &as_member(&t, &clock, &author),
            &same,
            idea_id,
            ask(&clock, vec![legal, finance]),
        )
        .await
        .unwrap();
        assert_eq!(number, 1);
        let again = opening::open(
            &as_member(&t, &clock, &author),
            &same,
            idea_id,
            ask(&clock, vec![legal]),
        )
        .await
        .unwrap();
        assert_eq!(again, 1, "the same request opens one round");
        assert_eq!(
            field_error(
                opening::open(
                    &as_member(&t, &clock, &author),
                    &key(),
                    idea_id,
                    ask(&clock, vec![])
                )
                .await,
                "round"
            ),
            Key::ErrRoundAlreadyOpen
        );
        // Calling the domains told their holders, not the author.
        for person in [&jurist, &accountant] {
            let list = notifications::list(&as_member(&t, &clock, person))
                .await
                .unwrap();
            assert_eq!(list.unread, 1, "{}", person.display_name);
        }
        assert_eq!(
            notifications::list(&as_member(&t, &clock, &author))
                .await
                .unwrap()
                .unread,
            0
        );

        let round_id = panel(&t, &clock, &author, idea_id).await.rounds[0].info.id;
        let legal_mine = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(legal, Severity::Blocking, "Le RGPD s’applique aux trajets"),
        )
        .await
        .unwrap();
        let finance_mine = contributing::contribute(
            &as_member(&t, &clock, &accountant),
            &key(),
            round_id,
            mine(finance, Severity::Serious, "Pas de budget cette année"),
        )
        .await
        .unwrap();

        // Silent writing: each sees only their own; the author only a count.
        assert_eq!(
            texts(&panel(&t, &clock, &jurist, idea_id).await),
            ["Le RGPD s’applique aux trajets"]
        );
        assert_eq!(
            texts(&panel(&t, &clock, &accountant, idea_id).await),
            ["Pas de budget cette année"]
        );
        let seen_by_author = panel(&t, &clock, &author, idea_id).await;
        assert!(texts(&seen_by_author).is_empty());
        assert_eq!(seen_by_author.rounds[0].info.contribution_count, Some(2));
        assert_eq!(
            panel(&t, &clock, &jurist, idea_id).await.rounds[0]
                .info
                .contribution_count,
            None
        );
        assert!(panel(&t, &clock, &jurist, idea_id)
            .await
            .coverage
            .iter()
            .all(|c| c.state == CoverageState::NotLookedAt));
        assert_eq!(
            contribution_page::contribution_page(&as_member(&t, &clock, &jurist), finance_mine)
                .await
                .map_err(AppError::from)
                .unwrap_err(),
            AppError::NotFound,
            "another's unrevealed contribution is not found"
        );
        assert_eq!(
            contributing::endorse(&as_member(&t, &clock, &jurist), finance_mine)
                .await
                .map_err(AppError::from),
            Err(AppError::NotFound),
            "nor can it be endorsed"
        );
        // The author answers but does not object.
        assert_eq!(
            field_error(
                contributing::contribute(
                    &as_member(&t, &clock, &author),
                    &key(),
                    round_id,
                    mine(legal, Severity::Watch, "Moi")
                )
                .await,
                "kind"
            ),
            Key::ErrAuthorsAnswer
        );

        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        assert_eq!(texts(&panel(&t, &clock, &jurist, idea_id).await).len(), 2);
        assert_eq!(
            field_error(
                contributing::contribute(
                    &as_member(&t, &clock, &jurist),
                    &key(),
                    round_id,
                    all_clear(legal)
                )
                .await,
                "round"
            ),
            Key::ErrRoundNotAccepting
        );
        contributing::endorse(&as_member(&t, &clock, &jurist), finance_mine)
            .await
            .unwrap();
        assert_eq!(
            field_error(
                contributing::endorse(&as_member(&t, &clock, &jurist), finance_mine).await,
                "contribution"
            ),
            Key::ErrAlreadyEndorsed
        );
        contributing::reply(
            &as_member(&t, &clock, &accountant),
            &key(),
            legal_mine,
            text("Voir avec le DPO"),
        )
        .await
        .unwrap();

        // Closing waits for every mine's triage.
        assert_eq!(
            field_error(
                triage::close(
                    &as_member(&t, &clock, &author),
                    round_id,
                    text("Bilan"),
                    String::new()
                )
                .await,
                "synthesis"
            ),
            Key::ErrMinesUntriaged
        );
        assert_eq!(
            triage::triage(
                &as_member(&t, &clock, &jurist),
                &key(),
                legal_mine,
                Triage::Accepted { why: text("Non") }
            )
            .await
            .map_err(AppError::from),
            Err(AppError::Forbidden),
            "only authors triage"
        );
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            legal_mine,
            Triage::Defused(
                DefusedBy::New(text("Une analyse d’impact avec le DPO")),
                None,
            ),
        )
        .await
        .unwrap();
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            finance_mine,
            Triage::Accepted {
                why: text("Budget 2027 demandé"),
            },
        )
        .await
        .unwrap();
        let before = panel(&t, &clock, &author, idea_id).await.maturity;
        assert_eq!(before.stage, Stage::Seed, "no round closed yet");
        triage::close(
            &as_member(&t, &clock, &author),
            round_id,
            text("Deux mines, traitées"),
            "Lancer un pilote".into(),
        )
        .await
        .unwrap();
        let after = panel(&t, &clock, &author, idea_id).await;
        assert_eq!(after.maturity.stage, Stage::Sketch, "{:?}", after.maturity);
        assert!(after.maturity.score > before.score);
        let covered: Vec<CoverageState> = after.coverage.iter().take(2).map(|c| c.state).collect();
        assert_eq!(
            covered,
            [CoverageState::MinesHandled, CoverageState::MinesHandled]
        );
        assert_eq!(
            notifications::list(&as_member(&t, &clock, &jurist))
                .await
                .unwrap()
                .unread,
            4,
            "called, revealed, her mine triaged, closed"
        );
        // The list's stage filter follows.
        for (slug, expected) in [("esquisse", 1), ("graine", 0)] {
            let query = app::domain::idea_views::IdeaQuery {
                stage: Some(slug.into()),
                ..Default::default()
            };
            let list = app::backend::ideas::listing::list(&as_member(&t, &clock, &jurist), &query)
                .await
                .unwrap();
            assert_eq!(list.total, expected, "{slug}");
        }
        let recognition = contribution_page::recognition(&as_member(&t, &clock, &jurist))
            .await
            .unwrap();
        assert_eq!(
            (recognition.mines_caught, recognition.rounds_taken_part),
            (1, 1)
        );
    }
);

db_test!(
    the_deadline_reveals_when_read_and_closes_writing,
    |t: TestDb| async move {
        use app::backend::clock::Clock;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[1]).await;
        let other = colleague(&t, &clock, &author, "Léa Terrain", &[7]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            ask(&clock, vec![1]),
        )
        .await
        .unwrap();
        let round_id = panel(&t, &clock, &author, idea_id).await.rounds[0].info.id;
        let written = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(1, Severity::Watch, "Première version"),
        )
        .await
        .unwrap();
        contributing::edit(
            &as_member(&t, &clock, &jurist),
            written,
            mine(1, Severity::Serious, "Mieux dit"),
        )
        .await
        .unwrap();
        assert_eq!(
            contributing::edit(
                &as_member(&t, &clock, &other),
                written,
                mine(1, Severity::Serious, "Pas à moi")
            )
            .await
            .map_err(AppError::from),
            Err(AppError::NotFound),
            "someone else's unrevealed contribution is not found"
        );
        assert_eq!(
            field_error(
                course::extend(
                    &as_member(&t, &clock, &author),
                    round_id,
                    Some(clock.now() + Duration::days(1))
                )
                .await,
                "deadline"
            ),
            Key::ErrDeadlineNotLater
        );
        course::extend(
            &as_member(&t, &clock, &author),
            round_id,
            Some(clock.now() + Duration::days(8)),
        )
        .await
        .unwrap();
        assert!(texts(&panel(&t, &clock, &other, idea_id).await).is_empty());

        clock.advance(Duration::days(8) + Duration::minutes(1));
        assert_eq!(
            texts(&panel(&t, &clock, &other, idea_id).await),
            ["Mieux dit"],
            "revealed by the deadline"
        );
        assert_eq!(
            field_error(
                contributing::contribute(
                    &as_member(&t, &clock, &other),
                    &key(),
                    round_id,
                    all_clear(7)
                )
                .await,
                "round"
            ),
            Key::ErrRoundNotAccepting
        );
        assert_eq!(
            field_error(
                contributing::withdraw(&as_member(&t, &clock, &jurist), written).await,
                "round"
            ),
            Key::ErrRoundNotAccepting
        );
    }
);

db_test!(
    coverage_needs_domain_holders_and_maturity_reaches_every_stage,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let idea_id = idea(&t, &clock, &author).await;
        // Four holders of four domains, and one who speaks for a domain she
        // does not hold.
        let mut holders = Vec::new();
        for (i, name) in ["Anne A", "Bruno B", "Chloé C", "David D"]
            .iter()
            .enumerate()
        {
            holders.push(colleague(&t, &clock, &author, name, &[i as i64 + 1]).await);
        }
        let outsider = colleague(&t, &clock, &author, "Eve E", &[]).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            ask(&clock, vec![1, 2, 3, 4]),
        )
        .await
        .unwrap();
        let round_id = panel(&t, &clock, &author, idea_id).await.rounds[0].info.id;
        for (i, who) in holders.iter().enumerate().take(3) {
            contributing::contribute(
                &as_member(&t, &clock, who),
                &key(),
                round_id,
                all_clear(i as i64 + 1),
            )
            .await
            .unwrap();
        }
        contributing::contribute(
            &as_member(&t, &clock, &outsider),
            &key(),
            round_id,
            all_clear(4),
        )
        .await
        .unwrap();
        // Eve speaks for a domain nobody holds: it shows, and does not count.
        contributing::contribute(
            &as_member(&t, &clock, &outsider),
            &key(),
            round_id,
            all_clear(5),
        )
        .await
        .unwrap();
        let blocking = contributing::contribute(
            &as_member(&t, &clock, &holders[3]),
            &key(),
            round_id,
            mine(4, Severity::Blocking, "Marché public obligatoire"),
        )
        .await
        .unwrap();
        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        let seen = panel(&t, &clock, &author, idea_id).await;
        assert_eq!(seen.coverage[3].state, CoverageState::MinesFound);
        assert!(seen.coverage[3].counts);
        assert_eq!(seen.coverage[4].state, CoverageState::AllClear);
        assert!(!seen.coverage[4].counts, "Eve does not hold domain 5");
        let covered = seen
            .maturity
            .met
            .iter()
            .chain(&seen.maturity.missing)
            .find_map(|c| match c {
                app::domain::maturity_rule::Criterion::DomainsCovered { covered, .. } => {
                    Some(*covered)
                }
                _ => None,
            });
        assert_eq!(covered, Some(4), "domains 1 to 4 by their holders; not 5");

        // Untriaged blocking mine: the round cannot close; triaging it as
        // "to investigate" lets it close but keeps the idea a Sketch.
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            blocking,
            Triage::ToInvestigate {
                action: text("Consulter la commande publique"),
                owner: "Service achats".into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
            },
        )
        .await
        .unwrap();
        triage::close(
            &as_member(&t, &clock, &author),
            round_id,
            text("À creuser"),
            String::new(),
        )
        .await
        .unwrap();
        let sketch = panel(&t, &clock, &author, idea_id).await.maturity;
        assert_eq!(sketch.stage, Stage::Sketch);
        assert!(sketch
            .missing
            .contains(&app::domain::maturity_rule::Criterion::NoOpenBlockingMine));

        // Accepting the risk settles it: four domains covered by holders.
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            blocking,
            Triage::Accepted {
                why: text("Marché passé en 2027"),
            },
        )
        .await
        .unwrap();
        let demined = panel(&t, &clock, &author, idea_id).await.maturity;
        assert_eq!(demined.stage, Stage::Demined, "{demined:?}");
        assert!(demined.score >= sketch.score);

        // A help offer and a next step make it Ready.
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            ask(&clock, vec![]),
        )
        .await
        .unwrap();
        let second = panel(&t, &clock, &author, idea_id).await.rounds[0]
            .info
            .clone();
        assert_eq!(second.number, 2);
        contributing::contribute(
            &as_member(&t, &clock, &outsider),
            &key(),
            second.id,
            Draft {
                kind: ContributionKind::HelpOffer,
                domain_id: None,
                severity: None,
                body: "Je connais un prestataire".into(),
                link: None,
                answers: None,
            },
        )
        .await
        .unwrap();
        course::reveal(&as_member(&t, &clock, &author), second.id)
            .await
            .unwrap();
        triage::close(
            &as_member(&t, &clock, &author),
            second.id,
            text("Une aide"),
            "Pilote en janvier".into(),
        )
        .await
        .unwrap();
        let ready = panel(&t, &clock, &author, idea_id).await.maturity;
        assert_eq!((ready.stage, ready.score), (Stage::Ready, 100));

        // Outcomes sit beside the stage; dropping asks for the lessons.
        assert_eq!(
            field_error(
                triage::set_outcome(
                    &as_member(&t, &clock, &author),
                    idea_id,
                    Some(Outcome::Dropped),
                    String::new()
                )
                .await,
                "note"
            ),
            Key::ErrLessonsRequired
        );
        for outcome in Outcome::ALL {
            triage::set_outcome(
                &as_member(&t, &clock, &author),
                idea_id,
                Some(*outcome),
                "Appris".into(),
            )
            .await
            .unwrap();
            let seen = panel(&t, &clock, &author, idea_id).await;
            assert_eq!(
                (seen.outcome, seen.maturity.stage),
                (Some(*outcome), Stage::Ready)
            );
        }
        assert_eq!(
            triage::set_outcome(
                &as_member(&t, &clock, &outsider),
                idea_id,
                None,
                String::new()
            )
            .await
            .map_err(AppError::from),
            Err(AppError::Forbidden)
        );

        // Hiding: leads and administrators only, the reason shown to all.
        // Round 1 is listed when asked for: the page shows one round at a time.
        let first_round = reading::panel(&as_member(&t, &clock, &outsider), idea_id, Some((1, 1)))
            .await
            .unwrap()
            .rounds
            .iter()
            .find(|b| b.info.number == 1)
            .unwrap()
            .contributions[0]
            .id;
        assert_eq!(
            triage::hide(
                &as_member(&t, &clock, &outsider),
                first_round,
                text("Hors sujet")
            )
            .await
            .map_err(AppError::from),
            Err(AppError::Forbidden)
        );
        triage::hide(
            &as_member(&t, &clock, &author),
            first_round,
            text("Hors sujet"),
        )
        .await
        .unwrap();
        let page =
            contribution_page::contribution_page(&as_member(&t, &clock, &outsider), first_round)
                .await
                .unwrap();
        assert_eq!(
            (
                page.contribution.hidden.as_deref(),
                page.contribution.text.as_str()
            ),
            (Some("Hors sujet"), "")
        );
    }
);

db_test!(bad_input_changes_nothing, |t: TestDb| async move {
    use app::backend::clock::Clock;
    let clock = clock();
    let author = admin_of(&t, &clock).await;
    let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[1]).await;
    let idea_id = idea(&t, &clock, &author).await;
    let other_idea = idea(&t, &clock, &author).await;
    let mut past = ask(&clock, vec![1]);
    past.deadline = Some(clock.now() - Duration::hours(1));
    assert_eq!(
        field_error(
            opening::open(&as_member(&t, &clock, &author), &key(), idea_id, past).await,
            "deadline"
        ),
        Key::ErrDeadlinePast
    );
    assert_eq!(
        field_error(
            opening::open(
                &as_member(&t, &clock, &author),
                &key(),
                idea_id,
                ask(&clock, vec![999])
            )
            .await,
            "domains"
        ),
        Key::ErrUnknownDomain
    );
    let mut unknown = ask(&clock, vec![]);
    unknown.names = vec!["Personne Inconnue".into()];
    assert_eq!(
        field_error(
            opening::open(&as_member(&t, &clock, &author), &key(), idea_id, unknown).await,
            "invitees"
        ),
        Key::ErrUnknownColleague
    );
    assert!(
        panel(&t, &clock, &author, idea_id).await.rounds.is_empty(),
        "nothing opened"
    );
    assert_eq!(
        opening::open(
            &as_member(&t, &clock, &jurist),
            &key(),
            idea_id,
            ask(&clock, vec![])
        )
        .await
        .map_err(AppError::from),
        Err(AppError::Forbidden)
    );

    // A workaround may only answer a mine of the same idea.
    opening::open(
        &as_member(&t, &clock, &author),
        &key(),
        other_idea,
        ask(&clock, vec![]),
    )
    .await
    .unwrap();
    let other_round = panel(&t, &clock, &author, other_idea).await.rounds[0]
        .info
        .id;
    let elsewhere = contributing::contribute(
        &as_member(&t, &clock, &jurist),
        &key(),
        other_round,
        mine(1, Severity::Watch, "Ailleurs"),
    )
    .await
    .unwrap();
    let mut named = ask(&clock, vec![]);
    named.names = vec!["anne juriste".into()];
    opening::open(&as_member(&t, &clock, &author), &key(), idea_id, named)
        .await
        .unwrap();
    assert_eq!(
        notifications::list(&as_member(&t, &clock, &jurist))
            .await
            .unwrap()
            .unread,
        1,
        "invited by name, any case"
    );
    let round_id = panel(&t, &clock, &author, idea_id).await.rounds[0].info.id;
    let answering = Draft {
        kind: ContributionKind::Workaround,
        domain_id: None,
        severity: None,
        body: "Une piste".into(),
        link: None,
        answers: Some(elsewhere),
    };
    assert_eq!(
        field_error(
            contributing::contribute(&as_member(&t, &clock, &jurist), &key(), round_id, answering)
                .await,
            "answers"
        ),
        Key::ErrNotAMineOfThisIdea
    );
    assert_eq!(
        field_error(
            contributing::contribute(
                &as_member(&t, &clock, &jurist),
                &key(),
                round_id,
                mine(999, Severity::Watch, "x")
            )
            .await,
            "domain_id"
        ),
        Key::ErrUnknownDomain
    );
    assert!(
        texts(&panel(&t, &clock, &jurist, idea_id).await).is_empty(),
        "nothing written"
    );

    // Cancelling keeps contributions, reveals none of them (silent writing
    // was promised), and frees the idea.
    contributing::contribute(
        &as_member(&t, &clock, &jurist),
        &key(),
        round_id,
        mine(1, Severity::Watch, "Gardée"),
    )
    .await
    .unwrap();
    course::cancel(&as_member(&t, &clock, &author), round_id)
        .await
        .unwrap();
    let after = panel(&t, &clock, &author, idea_id).await;
    assert!(texts(&after).is_empty(), "{:?}", texts(&after));
    assert!(!after.rounds[0].info.revealed);
    assert_eq!(
        texts(&panel(&t, &clock, &jurist, idea_id).await),
        ["Gardée"],
        "its writer still sees it"
    );
    assert_eq!(
        after.rounds[0].info.status,
        app::domain::rounds::RoundStatus::Cancelled
    );
    assert_eq!(
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            ask(&clock, vec![])
        )
        .await
        .map_err(AppError::from),
        Ok(2)
    );
});
