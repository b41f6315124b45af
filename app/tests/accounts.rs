#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Accounts on SQLite and PostgreSQL: first-run setup, log-in, sessions.

mod common;

use app::backend::accounts::{login, sessions, setup};
use app::backend::ctx::Ctx;
use common::{admin_of, as_member, clock, first_admin, invited_member, sign_up_input};

use app::backend::accounts::error::AccountError;
use app::backend::accounts::login::Verdict;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::{MemberStatus, Role};
use chrono::Duration;

db_test!(
    setup_creates_the_organisation_and_its_admin_once,
    |t: TestDb| async move {
        let clock = clock();
        assert!(setup::needs_setup(&t.db).await.unwrap());
        let nobody = Ctx::new(&t.db, &clock);
        let id = setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        assert!(!setup::needs_setup(&t.db).await.unwrap());
        let again = setup::create_first_admin(&nobody, first_admin("other@lille.fr")).await;
        assert!(
            matches!(again, Err(AccountError::AlreadySetUp)),
            "{again:?}"
        );
        let token = sessions::open(&nobody, id).await.unwrap();
        let me = sessions::current_user(&nobody, &token)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(me.role, Role::Admin);
        assert_eq!(me.organisation_name, "Ville de Lille");
        assert_eq!(me.display_name, "Camille Martin");
    }
);

db_test!(
    two_setups_at_the_same_time_make_one_admin,
    |t: TestDb| async move {
        let clock = clock();
        let nobody = Ctx::new(&t.db, &clock);
        let (a, b) = tokio::join!(
            setup::create_first_admin(&nobody, first_admin("a@lille.fr")),
            setup::create_first_admin(&nobody, first_admin("b@lille.fr")),
        );
        assert!(a.is_ok() != b.is_ok(), "{a:?} {b:?}");
    }
);

db_test!(
    log_in_needs_the_right_password_and_says_nothing_of_unknown_addresses,
    |t: TestDb| async move {
        let clock = clock();
        let id =
            setup::create_first_admin(&Ctx::new(&t.db, &clock), first_admin("camille@lille.fr"))
                .await
                .unwrap();
        assert_eq!(
            login::authenticate(&t.db, " Camille@Lille.fr ", "un mot de passe solide")
                .await
                .unwrap(),
            Verdict::Active(id)
        );
        assert_eq!(
            login::authenticate(&t.db, "camille@lille.fr", "un mot de passe faux!")
                .await
                .unwrap(),
            Verdict::Refused
        );
        assert_eq!(
            login::authenticate(&t.db, "nobody@lille.fr", "un mot de passe solide")
                .await
                .unwrap(),
            Verdict::Refused
        );
    }
);

db_test!(
    a_session_ends_when_revoked_or_expired,
    |t: TestDb| async move {
        let clock = clock();
        let nobody = Ctx::new(&t.db, &clock);
        let id = setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        let kept = sessions::open(&nobody, id).await.unwrap();
        let ended = sessions::open(&nobody, id).await.unwrap();
        assert_ne!(kept, ended, "each log-in gets a new session id");
        sessions::revoke(&nobody, &ended).await.unwrap();
        assert!(sessions::current_user(&nobody, &ended)
            .await
            .unwrap()
            .is_none());
        assert!(sessions::current_user(&nobody, &kept)
            .await
            .unwrap()
            .is_some());
        assert!(sessions::current_user(&nobody, "forged-token")
            .await
            .unwrap()
            .is_none());
        clock.advance(Duration::days(sessions::SESSION_DAYS) + Duration::minutes(1));
        assert!(sessions::current_user(&nobody, &kept)
            .await
            .unwrap()
            .is_none());
    }
);

db_test!(
    revoking_all_sessions_of_a_person_logs_them_out_everywhere,
    |t: TestDb| async move {
        let clock = clock();
        let nobody = Ctx::new(&t.db, &clock);
        let id = setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        let a = sessions::open(&nobody, id).await.unwrap();
        let b = sessions::open(&nobody, id).await.unwrap();
        assert_eq!(sessions::revoke_all(&t.db, &clock, id).await.unwrap(), 2);
        assert!(sessions::current_user(&nobody, &a).await.unwrap().is_none());
        assert!(sessions::current_user(&nobody, &b).await.unwrap().is_none());
    }
);

db_test!(
    changing_one_s_password_needs_the_current_one_and_renews_every_session,
    |t: TestDb| async move {
        use app::backend::accounts::password_change::change_own;
        use app::domain::accounts::NewPassword;
        const IP: &str = "203.0.113.9";
        const OLD: &str = "un mot de passe solide";
        const NEW: &str = "une toute nouvelle phrase";
        let clock = clock();
        let nobody = Ctx::new(&t.db, &clock);
        let id = setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        let here = sessions::open(&nobody, id).await.unwrap();
        let elsewhere = sessions::open(&nobody, id).await.unwrap();
        let me = sessions::current_user(&nobody, &here)
            .await
            .unwrap()
            .unwrap();
        let on_this_device = Ctx::new(&t.db, &clock).member_acting(&me).on_device(&here);
        let new = NewPassword::parse(NEW).unwrap();

        // The wrong current password: refused, nothing changes.
        assert!(matches!(
            change_own(&on_this_device, "pas le bon mot de passe", &new, IP).await,
            Err(AccountError::WrongCurrentPassword)
        ));
        assert!(sessions::current_user(&nobody, &elsewhere)
            .await
            .unwrap()
            .is_some());
        assert_eq!(
            login::log_in(&nobody, "camille@lille.fr", OLD, IP)
                .await
                .unwrap(),
            id
        );

        // A signed-in person without their device's session cannot either.
        assert!(matches!(
            change_own(&as_member(&t, &clock, &me), OLD, &new, IP).await,
            Err(AccountError::SignInNeeded)
        ));

        // The right one: changed; every session ends, this device's
        // included (a copy of its cookie opens nothing), and it gets a new one.
        let renewed = change_own(&on_this_device, OLD, &new, IP).await.unwrap();
        for ended in [&elsewhere, &here] {
            assert!(sessions::current_user(&nobody, ended)
                .await
                .unwrap()
                .is_none());
        }
        assert!(sessions::current_user(&nobody, &renewed)
            .await
            .unwrap()
            .is_some());
        // The old device session cannot change it again.
        assert!(matches!(
            change_own(&on_this_device, NEW, &new, IP).await,
            Err(AccountError::SignInNeeded)
        ));
        assert!(matches!(
            login::log_in(&nobody, "camille@lille.fr", OLD, IP).await,
            Err(AccountError::BadCredentials)
        ));
        assert_eq!(
            login::log_in(&nobody, "camille@lille.fr", NEW, IP)
                .await
                .unwrap(),
            id
        );

        // Guessing from a session is slowed down like guessing at log-in.
        let on_new_device = Ctx::new(&t.db, &clock)
            .member_acting(&me)
            .on_device(&renewed);
        for _ in 0..app::backend::accounts::login_limits::FREE_FAILURES {
            assert!(matches!(
                change_own(&on_new_device, "encore une devinette", &new, IP).await,
                Err(AccountError::WrongCurrentPassword)
            ));
        }
        assert!(matches!(
            change_own(&on_new_device, NEW, &new, IP).await,
            Err(AccountError::SlowedDown)
        ));
    }
);

/// What a log-in answered, as the attacker sees it.
fn is_a_checked_refusal(answer: &Result<i64, AccountError>) -> bool {
    matches!(answer, Err(AccountError::BadCredentials))
}

db_test!(
    a_flood_of_100_parallel_wrong_log_ins_from_one_caller_checks_at_most_20_passwords,
    |t: TestDb| async move {
        use app::backend::accounts::login_limits::MAX_ATTEMPTS_PER_CALLER;
        let clock = clock();
        setup::create_first_admin(&Ctx::new(&t.db, &clock), first_admin("camille@lille.fr"))
            .await
            .unwrap();
        // Half on the known address, half on addresses made up as they go.
        let tries = (0..100).map(|i| {
            let db = t.db.clone();
            let clock = clock.clone();
            let email = if i % 2 == 0 {
                "camille@lille.fr".to_owned()
            } else {
                format!("guess{i}@lille.fr")
            };
            tokio::spawn(async move {
                login::log_in(
                    &Ctx::new(&db, &clock),
                    &email,
                    "pas le bon mot de passe",
                    "203.0.113.66",
                )
                .await
            })
        });
        let answers: Vec<_> = futures::future::join_all(tries)
            .await
            .into_iter()
            .map(|joined| joined.unwrap())
            .collect();
        let checked = answers.iter().filter(|a| is_a_checked_refusal(a)).count();
        let limited = answers
            .iter()
            .filter(|a| matches!(a, Err(AccountError::TooManyTries { retry_after_secs }) if *retry_after_secs >= 1))
            .count();
        assert!(
            checked <= MAX_ATTEMPTS_PER_CALLER as usize,
            "{checked} passwords checked"
        );
        assert_eq!(checked + limited, 100, "{answers:?}");
        // Another caller is not held back by the flood.
        assert!(login::log_in(
            &Ctx::new(&t.db, &clock),
            "camille@lille.fr",
            "un mot de passe solide",
            "198.51.100.1"
        )
        .await
        .is_ok());
    }
);

db_test!(
    a_room_behind_one_address_can_all_sign_in_because_a_success_gives_its_place_back,
    |t: TestDb| async move {
        let clock = clock();
        let nobody = Ctx::new(&t.db, &clock);
        setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        for _ in 0..60 {
            login::log_in(
                &nobody,
                "camille@lille.fr",
                "un mot de passe solide",
                "10.1.1.1",
            )
            .await
            .unwrap();
        }
        // Then 20 failures from that address in the minute, and it waits.
        for i in 0..20 {
            let typo = format!("camile{i}@lille.fr");
            let answer = login::log_in(&nobody, &typo, "faux", "10.1.1.1").await;
            assert!(is_a_checked_refusal(&answer), "{answer:?}");
        }
        let limited = login::log_in(
            &nobody,
            "camille@lille.fr",
            "un mot de passe solide",
            "10.1.1.1",
        )
        .await;
        assert!(
            matches!(
                limited,
                Err(AccountError::TooManyTries {
                    retry_after_secs: 60
                })
            ),
            "{limited:?}"
        );
        clock.advance(Duration::seconds(60));
        assert!(
            login::log_in(
                &nobody,
                "camille@lille.fr",
                "un mot de passe solide",
                "10.1.1.1"
            )
            .await
            .is_ok(),
            "the window has moved on"
        );
    }
);

db_test!(
    guessing_someone_s_password_slows_that_address_down_from_that_caller_only_and_never_locks_it,
    |t: TestDb| async move {
        use app::backend::accounts::login_limits::{FREE_FAILURES, MAX_DELAY_SECS};
        let clock = clock();
        let nobody = Ctx::new(&t.db, &clock);
        setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        let attacker = "203.0.113.7";
        let try_as_attacker = || login::log_in(&nobody, "camille@lille.fr", "devine", attacker);
        for i in 0..FREE_FAILURES {
            if i > 0 {
                clock.advance(Duration::seconds(4));
            }
            assert!(is_a_checked_refusal(&try_as_attacker().await));
        }
        // Past the free failures: each attempt waits, longer and longer.
        let mut waited = Vec::new();
        for _ in 0..12 {
            let mut wait = 0;
            loop {
                let answer = try_as_attacker().await;
                if is_a_checked_refusal(&answer) {
                    break;
                }
                assert!(
                    matches!(answer, Err(AccountError::SlowedDown)),
                    "{answer:?}"
                );
                clock.advance(Duration::seconds(1));
                wait += 1;
            }
            waited.push(wait);
        }
        assert_eq!(waited[..4], [2, 4, 8, 16], "{waited:?}");
        assert!(
            waited.iter().all(|w| *w <= MAX_DELAY_SECS),
            "never locked: {waited:?}"
        );
        // Meanwhile Camille, from her own connection, signs in at once.
        assert!(login::log_in(
            &nobody,
            "camille@lille.fr",
            "un mot de passe solide",
            "10.20.30.40"
        )
        .await
        .is_ok());
    }
);

db_test!(
    an_invitation_lets_one_person_join_with_its_role_once,
    |t: TestDb| async move {
        use app::backend::accounts::{invitations, members};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let token = invitations::create(&as_member(&t, &clock, &admin), Role::Facilitator)
            .await
            .unwrap();
        let nobody = Ctx::new(&t.db, &clock);
        assert!(invitations::is_open(&nobody, &token).await.unwrap());
        let id = invitations::accept(&nobody, &token, sign_up_input("dominique@lille.fr"))
            .await
            .unwrap();
        assert!(
            !invitations::is_open(&nobody, &token).await.unwrap(),
            "spent"
        );
        let again = invitations::accept(&nobody, &token, sign_up_input("other@lille.fr")).await;
        assert!(matches!(again, Err(AccountError::NotFound)), "{again:?}");
        let list = members::list(&as_member(&t, &clock, &admin)).await.unwrap();
        let joined = list.iter().find(|m| m.id == id).unwrap();
        assert_eq!(joined.role, Role::Facilitator);
        assert_eq!(joined.email, "dominique@lille.fr");
        assert_eq!(list.len(), 2);
    }
);

db_test!(
    an_invitation_expires_after_a_week_and_an_address_joins_once,
    |t: TestDb| async move {
        use app::backend::accounts::invitations;
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let late = invitations::create(&as_member(&t, &clock, &admin), Role::Member)
            .await
            .unwrap();
        let taken = invitations::create(&as_member(&t, &clock, &admin), Role::Member)
            .await
            .unwrap();
        let nobody = Ctx::new(&t.db, &clock);
        let refused = invitations::accept(&nobody, &taken, sign_up_input("camille@lille.fr")).await;
        assert!(
            matches!(refused, Err(AccountError::EmailTaken)),
            "{refused:?}"
        );
        assert!(
            invitations::is_open(&nobody, &taken).await.unwrap(),
            "a refusal spends nothing"
        );
        clock.advance(Duration::days(invitations::INVITATION_DAYS) + Duration::minutes(1));
        assert!(matches!(
            invitations::accept(&nobody, &late, sign_up_input("late@lille.fr")).await,
            Err(AccountError::NotFound)
        ));
    }
);

db_test!(
    only_administrators_invite_and_list_members,
    |t: TestDb| async move {
        use app::backend::accounts::{invitations, members};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let (_, session) = invited_member(&t, &clock, &admin).await;
        let member = sessions::current_user(&Ctx::new(&t.db, &clock), &session)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(member.role, Role::Member);
        assert!(matches!(
            invitations::create(&as_member(&t, &clock, &member), Role::Admin).await,
            Err(AccountError::Forbidden)
        ));
        assert!(matches!(
            members::list(&as_member(&t, &clock, &member)).await,
            Err(AccountError::Forbidden)
        ));
    }
);

db_test!(
    an_admin_changes_roles_and_deactivates_with_an_audit_line_each,
    |t: TestDb| async move {
        use app::backend::accounts::members::{apply, list, Change};
        use sea_orm::{ConnectionTrait, Statement};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let (id, session) = invited_member(&t, &clock, &admin).await;

        let by_admin = as_member(&t, &clock, &admin);
        apply(&by_admin, id, Change::Role(Role::Lead))
            .await
            .unwrap();
        let me = sessions::current_user(&by_admin, &session)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(me.role, Role::Lead, "a new role applies at once");

        apply(&by_admin, id, Change::Deactivate).await.unwrap();
        assert!(
            sessions::current_user(&by_admin, &session)
                .await
                .unwrap()
                .is_none(),
            "logged out"
        );
        assert_eq!(
            app::backend::accounts::login::authenticate(
                &t.db,
                "dominique@lille.fr",
                "une autre phrase solide"
            )
            .await
            .unwrap(),
            Verdict::Deactivated
        );
        assert!(
            list(&by_admin)
                .await
                .unwrap()
                .iter()
                .find(|m| m.id == id)
                .unwrap()
                .status
                == MemberStatus::Deactivated
        );

        apply(&by_admin, id, Change::Reactivate).await.unwrap();
        assert!(
            list(&by_admin)
                .await
                .unwrap()
                .iter()
                .find(|m| m.id == id)
                .unwrap()
                .status
                == MemberStatus::Active
        );

        let own = apply(&by_admin, admin.id, Change::Deactivate).await;
        assert!(matches!(own, Err(AccountError::OwnAccount)), "{own:?}");
        let backend = t.db.get_database_backend();
        let row =
            t.db.query_one_raw(Statement::from_string(
                backend,
                "SELECT COUNT(*) AS n FROM audit_log",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get::<i64>("", "n").unwrap(), 3);
    }
);

db_test!(
    the_members_page_sets_requests_apart_finds_by_name_or_address_and_shows_25_at_a_time,
    |t: TestDb| async move {
        use app::backend::accounts::{members, requests};
        use app::backend::organisations;
        use app::domain::accounts::{MemberList, OrganisationName};
        use app::domain::organisation::EmailDomains;
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let by_admin = as_member(&t, &clock, &admin);
        // 29 more people: 30 accounts in all, and a request to join.
        for n in 1..=29 {
            common::colleague(&t, &clock, &admin, &format!("Agent {n:02}"), &[]).await;
        }
        organisations::update(
            &by_admin,
            OrganisationName::parse("Ville de Lille").unwrap(),
            EmailDomains::parse("lille.fr").unwrap(),
            4,
        )
        .await
        .unwrap();
        requests::submit(
            &Ctx::new(&t.db, &clock),
            "10.9.9.9",
            sign_up_input("dominique@lille.fr"),
        )
        .await
        .unwrap();

        let first = members::page(&by_admin, None, None).await.unwrap();
        assert_eq!(first.requests.len(), 1, "the request, on every page");
        assert_eq!(first.requests[0].email, "dominique@lille.fr");
        assert_eq!((first.total, first.page, first.page_count), (30, 1, 2));
        assert_eq!(first.members.len(), MemberList::PAGE_SIZE as usize);
        assert!(first
            .members
            .iter()
            .all(|m| m.status != MemberStatus::Pending));
        assert_eq!(first.members[0].display_name, "Agent 01", "by name");
        let second = members::page(&by_admin, None, Some(2)).await.unwrap();
        assert_eq!(second.members.len(), 5);
        assert_eq!(second.members[4].display_name, "Camille Martin");
        // A page past the last shows the last.
        let past = members::page(&by_admin, None, Some(9)).await.unwrap();
        assert_eq!((past.page, past.members), (2, second.members));

        // Words of a name or an address, any case, any accents.
        let found = members::page(&by_admin, Some("  agent  1"), None)
            .await
            .unwrap();
        let names: Vec<&str> = found
            .members
            .iter()
            .map(|m| m.display_name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Agent 01", "Agent 10", "Agent 11", "Agent 12", "Agent 13", "Agent 14", "Agent 15",
                "Agent 16", "Agent 17", "Agent 18", "Agent 19", "Agent 21"
            ]
        );
        let by_address = members::page(&by_admin, Some("CAMILLE@LILLE"), None)
            .await
            .unwrap();
        assert_eq!(by_address.total, 1);
        assert_eq!(by_address.members[0].id, admin.id);
        let nobody = members::page(&by_admin, Some("Zoé"), None).await.unwrap();
        assert_eq!((nobody.total, nobody.page_count), (0, 1));
        assert!(nobody.members.is_empty());

        // One account: in the organisation, not a guest.
        let one = members::one(&by_admin, first.members[0].id).await.unwrap();
        assert_eq!(one, first.members[0]);
        let outsider = common::other_organisation(&t, &clock).await;
        assert!(matches!(
            members::one(&by_admin, outsider.id).await,
            Err(AccountError::NotFound)
        ));
        let agent = common::signed_in(&t, &clock, first.members[0].id).await;
        assert!(matches!(
            members::one(&as_member(&t, &clock, &agent), admin.id).await,
            Err(AccountError::Forbidden)
        ));
        assert!(matches!(
            members::page(&as_member(&t, &clock, &agent), None, None).await,
            Err(AccountError::Forbidden)
        ));
    }
);

db_test!(
    members_change_nothing_and_no_one_outside_the_organisation,
    |t: TestDb| async move {
        use app::backend::accounts::members::{apply, Change};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let (_, session) = invited_member(&t, &clock, &admin).await;
        let member = sessions::current_user(&Ctx::new(&t.db, &clock), &session)
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(
            apply(
                &as_member(&t, &clock, &member),
                admin.id,
                Change::Deactivate
            )
            .await,
            Err(AccountError::Forbidden)
        ));
        assert!(matches!(
            apply(&as_member(&t, &clock, &admin), 9_999, Change::Deactivate).await,
            Err(AccountError::NotFound)
        ));
    }
);
