#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! « Mon bureau », on SQLite and PostgreSQL: each kind of thing waiting
//! appears for the person it waits for, and leaves once done.
mod common;

use app::backend::clock::Clock;
use app::backend::desk;
use app::backend::ideas::{coauthors, posting};
use app::backend::rounds::{contributing, course, opening};
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::ideas::{IdeaText, IdeaTitle};
use app::domain::round_inputs::RoundOpening;
use app::domain::rounds::{FocusQuestion, RoundMode};
use chrono::Duration;
use common::workshop::{mine, workshop};
use common::{admin_of, as_member, clock, colleague, idea, key, open_for_a_week};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

db_test!(
    each_kind_of_waiting_thing_reaches_its_person,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let desk_of = |who| {
            let ctx = as_member(&t, &clock, who);
            async move { desk::read(&ctx).await.unwrap() }
        };
        let empty = desk_of(&jurist).await;
        assert!(empty.calls.is_empty() && empty.workshops.is_empty() && empty.drafts.is_empty());

        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            RoundOpening {
                focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
                mode: RoundMode::Async,
                deadline: Some(clock.now() + Duration::days(7)),
                domains: vec![LEGAL],
                names: Vec::new(),
            },
        )
        .await
        .unwrap();
        let called = desk_of(&jurist).await;
        assert_eq!(called.calls.len(), 1);
        let call = &called.calls[0];
        assert_eq!(
            (call.idea_id, call.round_number, call.answered),
            (idea_id, 1, false)
        );
        assert_eq!(call.domain.as_deref(), Some("Juridique"));
        assert!(call.deadline.is_some());
        assert_eq!(called.unread_count, 1, "the call is a notification too");
        assert_eq!(called.unread.len(), 1);

        let round_id =
            app::backend::rounds::reading::panel(&as_member(&t, &clock, &author), idea_id, None)
                .await
                .unwrap()
                .rounds[0]
                .info
                .id;
        contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Le RGPD"),
        )
        .await
        .unwrap();
        assert!(desk_of(&jurist).await.calls[0].answered);
        assert!(
            desk_of(&author).await.to_triage.is_empty(),
            "silent until the reveal"
        );

        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        assert!(
            desk_of(&jurist).await.calls.is_empty(),
            "revealed: no longer a call"
        );
        let author_desk = desk_of(&author).await;
        assert_eq!(author_desk.to_triage.len(), 1);
        assert_eq!(
            (
                author_desk.to_triage[0].idea_id,
                author_desk.to_triage[0].count
            ),
            (idea_id, 1)
        );

        // A draft of the jurist's own, and an invitation to co-author.
        let draft = posting::create_draft(
            &as_member(&t, &clock, &jurist),
            &key(),
            posting::NewIdea {
                title: IdeaTitle::parse("Un brouillon").unwrap(),
                problem: IdeaText::parse_required("Un problème").unwrap(),
            },
        )
        .await
        .unwrap();
        coauthors::invite(&as_member(&t, &clock, &author), idea_id, jurist.id)
            .await
            .unwrap();
        let desk = desk_of(&jurist).await;
        assert_eq!(
            desk.drafts.iter().map(|d| d.idea_id).collect::<Vec<_>>(),
            [draft]
        );
        assert_eq!(
            desk.coauthor_invitations
                .iter()
                .map(|d| d.idea_id)
                .collect::<Vec<_>>(),
            [idea_id]
        );

        // A workshop under way in the organisation, with its code.
        let (_, workshop_id, code) = workshop(&t, &clock, &author, vec![FINANCE]).await;
        let desk = desk_of(&jurist).await;
        assert_eq!(desk.workshops.len(), 1);
        assert_eq!(desk.workshops[0].workshop_id, workshop_id);
        assert_eq!(
            desk.workshops[0].code.as_deref(),
            Some(code.as_str()),
            "joining is open at first"
        );
    }
);

db_test!(
    a_domain_taken_on_after_the_call_brings_the_round_to_the_desk,
    |t: TestDb| async move {
        use app::backend::expertise;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let newcomer = colleague(&t, &clock, &author, "Paul Finances", &[]).await;
        let idea_id = idea(&t, &clock, &author).await;
        open_for_a_week(&t, &clock, &author, idea_id, &[FINANCE]).await;
        let ctx = as_member(&t, &clock, &newcomer);
        assert!(desk::read(&ctx).await.unwrap().calls.is_empty());
        // Paul takes on finance the next day: the round calling it waits
        // for him too.
        expertise::set_held(&t.db, &newcomer, &[FINANCE])
            .await
            .unwrap();
        let calls = desk::read(&ctx).await.unwrap().calls;
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].idea_id, idea_id);
        assert_eq!(calls[0].domain.as_deref(), Some("Finances"));
        // The author holding the domain is not called on their own idea.
        expertise::set_held(&t.db, &author, &[FINANCE])
            .await
            .unwrap();
        let own = desk::read(&as_member(&t, &clock, &author)).await.unwrap();
        assert!(own.calls.is_empty());
    }
);
