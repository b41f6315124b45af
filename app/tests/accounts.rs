#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Accounts on SQLite and PostgreSQL: first-run setup, log-in, sessions.

mod common;

use app::backend::accounts::{login, sessions, setup};
use common::{admin_of, clock, first_admin, invited_member, sign_up_input};

use app::backend::accounts::login::Verdict;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::{MemberStatus, Role};
use app::error::AppError;
use chrono::Duration;

db_test!(
    setup_creates_the_organisation_and_its_admin_once,
    |t: TestDb| async move {
        let clock = clock();
        assert!(setup::needs_setup(&t.db).await.unwrap());
        let id = setup::create_first_admin(&t.db, &clock, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        assert!(!setup::needs_setup(&t.db).await.unwrap());
        let again = setup::create_first_admin(&t.db, &clock, first_admin("other@lille.fr")).await;
        assert_eq!(again, Err(AppError::Conflict));
        let token = sessions::open(&t.db, &clock, id).await.unwrap();
        let me = sessions::current_user(&t.db, &clock, &token)
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
        let (a, b) = tokio::join!(
            setup::create_first_admin(&t.db, &clock, first_admin("a@lille.fr")),
            setup::create_first_admin(&t.db, &clock, first_admin("b@lille.fr")),
        );
        assert!(a.is_ok() != b.is_ok(), "{a:?} {b:?}");
    }
);

db_test!(
    log_in_needs_the_right_password_and_says_nothing_of_unknown_addresses,
    |t: TestDb| async move {
        let clock = clock();
        let id = setup::create_first_admin(&t.db, &clock, first_admin("camille@lille.fr"))
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
        let id = setup::create_first_admin(&t.db, &clock, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        let kept = sessions::open(&t.db, &clock, id).await.unwrap();
        let ended = sessions::open(&t.db, &clock, id).await.unwrap();
        assert_ne!(kept, ended, "each log-in gets a new session id");
        sessions::revoke(&t.db, &clock, &ended).await.unwrap();
        assert!(sessions::current_user(&t.db, &clock, &ended)
            .await
            .unwrap()
            .is_none());
        assert!(sessions::current_user(&t.db, &clock, &kept)
            .await
            .unwrap()
            .is_some());
        assert!(sessions::current_user(&t.db, &clock, "forged-token")
            .await
            .unwrap()
            .is_none());
        clock.advance(Duration::days(sessions::SESSION_DAYS) + Duration::minutes(1));
        assert!(sessions::current_user(&t.db, &clock, &kept)
            .await
            .unwrap()
            .is_none());
    }
);

db_test!(
    revoking_all_sessions_of_a_person_logs_them_out_everywhere,
    |t: TestDb| async move {
        let clock = clock();
        let id = setup::create_first_admin(&t.db, &clock, first_admin("camille@lille.fr"))
            .await
            .unwrap();
        let a = sessions::open(&t.db, &clock, id).await.unwrap();
        let b = sessions::open(&t.db, &clock, id).await.unwrap();
        assert_eq!(sessions::revoke_all(&t.db, &clock, id).await.unwrap(), 2);
        assert!(sessions::current_user(&t.db, &clock, &a)
            .await
            .unwrap()
            .is_none());
        assert!(sessions::current_user(&t.db, &clock, &b)
            .await
            .unwrap()
            .is_none());
    }
);

db_test!(
    failed_log_ins_are_limited_per_address_and_per_ip_for_a_minute,
    |t: TestDb| async move {
        use app::backend::accounts::login_limits::{check, record_failure, MAX_FAILURES};
        let clock = clock();
        for _ in 0..MAX_FAILURES {
            check(&t.db, &clock, "a@lille.fr", "10.0.0.1")
                .await
                .unwrap();
            record_failure(&t.db, &clock, "a@lille.fr", "10.0.0.1")
                .await
                .unwrap();
            clock.advance(Duration::seconds(1));
        }
        let limited = check(&t.db, &clock, "a@lille.fr", "10.0.0.2").await;
        assert_eq!(
            limited,
            Err(AppError::RateLimited {
                retry_after_secs: 40
            })
        );
        assert!(
            matches!(
                check(&t.db, &clock, "b@lille.fr", "10.0.0.1").await,
                Err(AppError::RateLimited { .. })
            ),
            "same IP"
        );
        assert!(
            check(&t.db, &clock, "b@lille.fr", "10.0.0.2").await.is_ok(),
            "another address from another IP"
        );
        clock.advance(Duration::seconds(41));
        assert!(
            check(&t.db, &clock, "a@lille.fr", "10.0.0.1").await.is_ok(),
            "the window has moved on"
        );
    }
);

db_test!(
    an_invitation_lets_one_person_join_with_its_role_once,
    |t: TestDb| async move {
        use app::backend::accounts::{invitations, members};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let token = invitations::create(&t.db, &clock, &admin, Role::Facilitator)
            .await
            .unwrap();
        assert!(invitations::is_open(&t.db, &clock, &token).await.unwrap());
        let id = invitations::accept(&t.db, &clock, &token, sign_up_input("dominique@lille.fr"))
            .await
            .unwrap();
        assert!(
            !invitations::is_open(&t.db, &clock, &token).await.unwrap(),
            "spent"
        );
        let again =
            invitations::accept(&t.db, &clock, &token, sign_up_input("other@lille.fr")).await;
        assert_eq!(again, Err(AppError::NotFound));
        let list = members::list(&t.db, &admin).await.unwrap();
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
        let late = invitations::create(&t.db, &clock, &admin, Role::Member)
            .await
            .unwrap();
        let taken = invitations::create(&t.db, &clock, &admin, Role::Member)
            .await
            .unwrap();
        let refused =
            invitations::accept(&t.db, &clock, &taken, sign_up_input("camille@lille.fr")).await;
        let Err(AppError::Invalid(errors)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(
            errors.message_for("email"),
            Some(app::i18n::Key::ErrEmailTaken)
        );
        assert!(
            invitations::is_open(&t.db, &clock, &taken).await.unwrap(),
            "a refusal spends nothing"
        );
        clock.advance(Duration::days(invitations::INVITATION_DAYS) + Duration::minutes(1));
        assert_eq!(
            invitations::accept(&t.db, &clock, &late, sign_up_input("late@lille.fr")).await,
            Err(AppError::NotFound)
        );
    }
);

db_test!(
    only_administrators_invite_and_list_members,
    |t: TestDb| async move {
        use app::backend::accounts::{invitations, members};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let (_, session) = invited_member(&t, &clock, &admin).await;
        let member = sessions::current_user(&t.db, &clock, &session)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(member.role, Role::Member);
        assert_eq!(
            invitations::create(&t.db, &clock, &member, Role::Admin).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            members::list(&t.db, &member).await,
            Err(AppError::Forbidden)
        );
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

        apply(&t.db, &clock, &admin, id, Change::Role(Role::Lead))
            .await
            .unwrap();
        let me = sessions::current_user(&t.db, &clock, &session)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(me.role, Role::Lead, "a new role applies at once");

        apply(&t.db, &clock, &admin, id, Change::Deactivate)
            .await
            .unwrap();
        assert!(
            sessions::current_user(&t.db, &clock, &session)
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
            list(&t.db, &admin)
                .await
                .unwrap()
                .iter()
                .find(|m| m.id == id)
                .unwrap()
                .status
                == MemberStatus::Deactivated
        );

        apply(&t.db, &clock, &admin, id, Change::Reactivate)
            .await
            .unwrap();
        assert!(
            list(&t.db, &admin)
                .await
                .unwrap()
                .iter()
                .find(|m| m.id == id)
                .unwrap()
                .status
                == MemberStatus::Active
        );

        let own = apply(&t.db, &clock, &admin, admin.id, Change::Deactivate).await;
        assert!(matches!(own, Err(AppError::Invalid(_))), "{own:?}");
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
    members_change_nothing_and_no_one_outside_the_organisation,
    |t: TestDb| async move {
        use app::backend::accounts::members::{apply, Change};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let (_, session) = invited_member(&t, &clock, &admin).await;
        let member = sessions::current_user(&t.db, &clock, &session)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            apply(&t.db, &clock, &member, admin.id, Change::Deactivate).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            apply(&t.db, &clock, &admin, 9_999, Change::Deactivate).await,
            Err(AppError::NotFound)
        );
    }
);
