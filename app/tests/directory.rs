#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The expertise directory on SQLite and PostgreSQL: who holds what, who
//! is free, a person's page, the names offered; never another
//! organisation's people, never what is still silent.
mod common;

use app::backend::accounts::error::AccountError;
use app::backend::accounts::profile::{self, ProfileUpdate};
use app::backend::directory;
use app::backend::rounds::{contributing, course, opening, triage};
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::{CurrentUser, DisplayName};
use app::domain::directory::{Availability, DirectoryQuery};
use app::domain::organisation::ServiceName;
use app::domain::round_inputs::{DefusedBy, Draft, Triage};
use app::domain::rounds::ContributionKind;
use app::i18n::Key;
use chrono::{Duration, NaiveDate};
use common::workshop::mine;
use common::{
    admin_of, as_member, clock, colleague, field_error, idea, key, open_for_a_week,
    other_organisation, say_profile,
};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

db_test!(
    the_directory_shows_who_holds_what_and_who_is_free,
    |t: TestDb| async move {
        let clock = clock(); // 29 November 2026
        let admin = admin_of(&t, &clock).await;
        let anne = colleague(&t, &clock, &admin, "Anne Juriste", &[LEGAL]).await;
        let chloe = colleague(&t, &clock, &admin, "Chloé Durand", &[LEGAL, FINANCE]).await;
        let bruno = colleague(&t, &clock, &admin, "Bruno Caisse", &[FINANCE]).await;
        let outsider = other_organisation(&t, &clock).await; // Alex Durand
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            Availability::Available,
            None,
        )
        .await
        .unwrap();
        say_profile(
            &t,
            &clock,
            &chloe,
            "Direction des finances",
            Availability::Away,
            Some(day(2026, 12, 2)),
        )
        .await
        .unwrap();
        say_profile(
            &t,
            &clock,
            &bruno,
            "Direction des finances",
            Availability::Busy,
            None,
        )
        .await
        .unwrap();

        let list = |query: DirectoryQuery| {
            let ctx = as_member(&t, &clock, &anne);
            async move { directory::list(&ctx, &query).await.unwrap() }
        };
        let names = |d: &app::domain::directory::Directory| -> Vec<String> {
            d.people.iter().map(|p| p.name.clone()).collect()
        };
        let all = list(DirectoryQuery::default()).await;
        assert_eq!(
            names(&all),
            [
                "Anne Juriste",
                "Bruno Caisse",
                "Camille Martin",
                "Chloé Durand"
            ],
            "sorted by name, accents aside; nobody from another organisation"
        );
        assert_eq!((all.total, all.page, all.page_count), (4, 1, 1));
        assert_eq!(
            all.services,
            ["Direction des finances", "Service juridique"]
        );
        let chloe_seen = all.people.iter().find(|p| p.id == chloe.id).unwrap();
        assert_eq!(chloe_seen.domains, ["Juridique", "Finances"]);
        assert_eq!(chloe_seen.presence.availability, Availability::Away);
        assert_eq!(chloe_seen.presence.until.as_deref(), Some("02/12/2026"));
        let count = |d: &app::domain::directory::Directory, name: &str| {
            let h = d.domains.iter().find(|h| h.name == name).unwrap();
            (h.people, h.available)
        };
        assert_eq!(count(&all, "Juridique"), (2, 1), "Chloé is away");
        assert_eq!(count(&all, "Finances"), (2, 0), "one busy, one away");
        assert_eq!(count(&all, "RH"), (0, 0), "a domain nobody holds");

        let by_domain = list(DirectoryQuery {
            domain: Some(LEGAL),
            ..Default::default()
        })
        .await;
        assert_eq!(names(&by_domain), ["Anne Juriste", "Chloé Durand"]);
        let by_service = list(DirectoryQuery {
            service: Some("direction des finances".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(names(&by_service), ["Bruno Caisse", "Chloé Durand"]);
        let free = list(DirectoryQuery {
            available_only: true,
            ..Default::default()
        })
        .await;
        assert_eq!(names(&free), ["Anne Juriste", "Camille Martin"]);
        let by_name = list(DirectoryQuery {
            q: Some("CHLOE dur".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(names(&by_name), ["Chloé Durand"], "any case, no accents");
        let durand = list(DirectoryQuery {
            q: Some("durand".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(
            names(&durand),
            ["Chloé Durand"],
            "not the other organisation's Alex Durand"
        );

        // After her last day, Chloé is available again without doing anything.
        clock.advance(Duration::days(4));
        let later = list(DirectoryQuery::default()).await;
        assert_eq!(count(&later, "Juridique"), (2, 2));
        let back = later.people.iter().find(|p| p.id == chloe.id).unwrap();
        assert_eq!(back.presence.availability, Availability::Available);
        assert_eq!(back.presence.until, None);

        // The other organisation sees only its own.
        let theirs = directory::list(
            &as_member(&t, &clock, &outsider),
            &DirectoryQuery::default(),
        )
        .await
        .unwrap();
        assert_eq!(names(&theirs), ["Alex Durand"]);
    }
);

db_test!(
    an_absence_needs_a_last_day_to_come_and_a_refusal_changes_nothing,
    |t: TestDb| async move {
        let clock = clock(); // 29 November 2026, in France too
        let admin = admin_of(&t, &clock).await;
        let anne = colleague(&t, &clock, &admin, "Anne Juriste", &[LEGAL]).await;
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            Availability::Busy,
            None,
        )
        .await
        .unwrap();
        for (last_day, refusal) in [
            (None, Key::ErrAwayUntilMissing),
            (Some(day(2026, 11, 28)), Key::ErrAwayUntilPast),
            (Some(day(2027, 12, 31)), Key::ErrAwayUntilTooFar),
        ] {
            let refused = say_profile(
                &t,
                &clock,
                &anne,
                "Autre service",
                Availability::Away,
                last_day,
            )
            .await;
            assert_eq!(field_error(refused, "away_until"), refusal, "{last_day:?}");
        }
        let kept = profile::get(&as_member(&t, &clock, &anne)).await.unwrap();
        assert_eq!(kept.availability, Availability::Busy);
        assert_eq!(kept.service, "Service juridique", "nothing saved");

        // Today is a last day one may give; a date with another choice is
        // not kept.
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            Availability::Away,
            Some(day(2026, 11, 29)),
        )
        .await
        .unwrap();
        let away = profile::get(&as_member(&t, &clock, &anne)).await.unwrap();
        assert_eq!(
            (away.availability, away.away_until.as_str()),
            (Availability::Away, "2026-11-29")
        );
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            Availability::Busy,
            Some(day(2026, 12, 1)),
        )
        .await
        .unwrap();
        let busy = profile::get(&as_member(&t, &clock, &anne)).await.unwrap();
        assert_eq!(
            (busy.availability, busy.away_until.as_str()),
            (Availability::Busy, "")
        );

        // A form from before availability existed changes none of it.
        profile::update(
            &as_member(&t, &clock, &anne),
            ProfileUpdate {
                display_name: DisplayName::parse("Anne Juriste").unwrap(),
                service: ServiceName::parse("Service juridique").unwrap(),
                domain_ids: vec![LEGAL],
                availability: None,
                away_until: None,
            },
        )
        .await
        .unwrap();
        let kept = profile::get(&as_member(&t, &clock, &anne)).await.unwrap();
        assert_eq!(kept.availability, Availability::Busy);

        // Once an absence is over, the profile offers "available" and an
        // empty day, which saves as it is.
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            Availability::Away,
            Some(day(2026, 11, 30)),
        )
        .await
        .unwrap();
        clock.advance(Duration::days(2));
        let back = profile::get(&as_member(&t, &clock, &anne)).await.unwrap();
        assert_eq!(
            (back.availability, back.away_until.as_str()),
            (Availability::Available, "")
        );
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            back.availability,
            None,
        )
        .await
        .unwrap();
    }
);

db_test!(
    a_persons_page_counts_revealed_work_only_and_stays_in_its_organisation,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let helper = colleague(&t, &clock, &author, "Bruno Caisse", &[FINANCE]).await;
        let outsider = other_organisation(&t, &clock).await;
        let idea_id = idea(&t, &clock, &author).await;
        let round_id = open_for_a_week(&t, &clock, &author, idea_id, &[LEGAL, FINANCE]).await;
        let post = |who: &CurrentUser, draft: Draft| {
            let ctx = as_member(&t, &clock, who);
            async move {
                contributing::contribute(&ctx, &key(), round_id, draft)
                    .await
                    .unwrap()
            }
        };
        let mine_id = post(&jurist, mine(LEGAL, "Le RGPD s’applique")).await;
        let way = post(
            &jurist,
            Draft {
                kind: ContributionKind::Workaround,
                domain_id: None,
                severity: None,
                body: "Une analyse d’impact".into(),
                link: None,
                answers: Some(mine_id),
            },
        )
        .await;
        post(
            &helper,
            Draft {
                kind: ContributionKind::HelpOffer,
                domain_id: None,
                severity: None,
                body: "Je peux relire le budget".into(),
                link: None,
                answers: None,
            },
        )
        .await;
        let page = |viewer: &CurrentUser, id: i64| {
            let ctx = as_member(&t, &clock, viewer);
            async move { directory::person(&ctx, id).await }
        };
        let silent = page(&helper, jurist.id).await.unwrap();
        assert_eq!(
            silent.recognition,
            Default::default(),
            "nothing counted while the round is silent"
        );

        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            mine_id,
            Triage::Defused(DefusedBy::Existing(way), None),
        )
        .await
        .unwrap();
        let seen = page(&helper, jurist.id).await.unwrap();
        let r = &seen.recognition;
        assert_eq!(
            (
                r.mines_caught,
                r.mines_defused,
                r.workarounds_adopted,
                r.help_offered,
                r.rounds_taken_part
            ),
            (1, 1, 1, 0, 1)
        );
        assert_eq!(seen.person.name, "Anne Juriste");
        assert_eq!(seen.person.domains, ["Juridique"]);
        assert_eq!(seen.email, "anne.juriste@lille.fr");
        assert!(!seen.is_me);
        assert!(page(&jurist, jurist.id).await.unwrap().is_me);
        assert_eq!(
            page(&jurist, helper.id)
                .await
                .unwrap()
                .recognition
                .help_offered,
            1
        );

        assert!(matches!(
            page(&outsider, jurist.id).await,
            Err(AccountError::NotFound)
        ));
        assert!(matches!(
            page(&jurist, outsider.id).await,
            Err(AccountError::NotFound)
        ));
        assert!(matches!(
            page(&jurist, 999_999).await,
            Err(AccountError::NotFound)
        ));
    }
);

db_test!(
    names_offered_are_colleagues_and_a_shared_name_is_offered_by_address,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let anne = colleague(&t, &clock, &admin, "Anne Juriste", &[LEGAL]).await;
        let _twin = colleague(&t, &clock, &admin, "Bruno Caisse", &[]).await;
        let _other_org = other_organisation(&t, &clock).await;
        say_profile(
            &t,
            &clock,
            &anne,
            "Service juridique",
            Availability::Available,
            None,
        )
        .await
        .unwrap();
        // A second Bruno Caisse, with another address.
        let token = app::backend::accounts::invitations::create(
            &as_member(&t, &clock, &admin),
            app::domain::accounts::Role::Member,
        )
        .await
        .unwrap();
        app::backend::accounts::invitations::accept(
            &app::backend::ctx::Ctx::new(&t.db, &clock),
            &token,
            app::backend::accounts::invitations::SignUp {
                display_name: DisplayName::parse("Bruno Caisse").unwrap(),
                email: app::domain::accounts::Email::parse("b.caisse@lille.fr").unwrap(),
                password: app::domain::accounts::NewPassword::parse("une phrase de passe solide")
                    .unwrap(),
            },
        )
        .await
        .unwrap();

        let offered = directory::suggestions(&as_member(&t, &clock, &admin))
            .await
            .unwrap();
        let values: Vec<&str> = offered.iter().map(|n| n.value.as_str()).collect();
        assert_eq!(
            values,
            ["Anne Juriste", "bruno.caisse@lille.fr", "b.caisse@lille.fr"],
            "not the caller, nobody from elsewhere; the twins by address"
        );
        assert_eq!(
            offered[0].label,
            "Anne Juriste — Service juridique — Juridique"
        );

        // Naming them on a round: a shared name asks for the address.
        let idea_id = idea(&t, &clock, &admin).await;
        let round_id = open_for_a_week(&t, &clock, &admin, idea_id, &[]).await;
        let by_admin = as_member(&t, &clock, &admin);
        let invite = |names: &[&str]| {
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let ctx = &by_admin;
            async move { opening::invite(ctx, round_id, &names).await }
        };
        assert_eq!(
            field_error(invite(&["bruno caisse"]).await, "invitees"),
            Key::ErrAmbiguousColleague
        );
        assert_eq!(
            field_error(invite(&["Alex Durand"]).await, "invitees"),
            Key::ErrUnknownColleague,
            "another organisation's person"
        );
        assert_eq!(
            invite(&["b.caisse@lille.fr", "anne JURISTE"])
                .await
                .unwrap(),
            2
        );
    }
);
