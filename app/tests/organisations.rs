#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Organisations on SQLite and PostgreSQL: expertise domains, profiles,
//! requests to join, password reset links, and the wall between
//! organisations.
mod common;

use app::backend::accounts::error::AccountError;
use app::backend::accounts::login::{self, Verdict};
use app::backend::accounts::members::{self, Change};
use app::backend::accounts::profile::{self, ProfileUpdate};
use app::backend::accounts::{requests, resets, sessions};
use app::backend::ctx::Ctx;
use app::backend::testing::TestDb;
use app::backend::{expertise, organisations};
use app::db_test;
use app::domain::accounts::{DisplayName, MemberStatus, NewPassword, OrganisationName};
use app::domain::organisation::{DomainName, EmailDomains, ServiceName, DEFAULT_DOMAINS};
use app::error::AppError;
use app::i18n::Key;
use chrono::Duration;
use common::{
    admin_of, as_member, clock, invited_member, other_organisation, sign_up_input, signed_in,
};

fn names(domains: &[app::domain::organisation::ExpertiseDomain]) -> Vec<&str> {
    domains.iter().map(|d| d.name.as_str()).collect()
}

fn refused_field(result: Result<(), AccountError>, field: &str) -> Key {
    match result.map_err(AppError::from) {
        Err(AppError::Invalid(errors)) => errors.message_for(field).expect("field message"),
        other => panic!("expected a refusal on {field}: {other:?}"),
    }
}

db_test!(
    a_new_organisation_starts_with_the_default_domains_and_its_admin_edits_them,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let offered = expertise::offered(&t.db, admin.organisation_id)
            .await
            .unwrap();
        assert_eq!(names(&offered), DEFAULT_DOMAINS);

        let legal = offered[0].id;
        let name = |n: &str| DomainName::parse(n).unwrap();
        let by_admin = as_member(&t, &clock, &admin);
        expertise::rename(&by_admin, legal, name("Juridique & commande publique"))
            .await
            .unwrap();
        let taken = expertise::rename(&by_admin, legal, name("Finances")).await;
        assert_eq!(refused_field(taken, "name"), Key::ErrDomainTaken);
        expertise::add(&by_admin, name("Sécurité")).await.unwrap();
        let twice = expertise::add(&by_admin, name("Sécurité")).await;
        assert_eq!(refused_field(twice, "name"), Key::ErrDomainTaken);

        // Someone holds the domain; retiring it takes it off the list and
        // off their profile; adding the name again brings the same domain back.
        let (member_id, _) = invited_member(&t, &clock, &admin).await;
        let member = signed_in(&t, &clock, member_id).await;
        profile::update(
            &as_member(&t, &clock, &member),
            ProfileUpdate {
                display_name: DisplayName::parse("Dominique").unwrap(),
                service: ServiceName::parse("Direction des routes").unwrap(),
                domain_ids: vec![legal],
                availability: Default::default(),
                away_until: None,
            },
        )
        .await
        .unwrap();
        expertise::retire(&by_admin, legal).await.unwrap();
        let offered = expertise::offered(&t.db, admin.organisation_id)
            .await
            .unwrap();
        assert!(!offered.iter().any(|d| d.id == legal));
        assert_eq!(offered.last().unwrap().name, "Sécurité");
        assert!(expertise::held(&t.db, member_id).await.unwrap().is_empty());
        assert!(matches!(
            expertise::retire(&by_admin, legal).await,
            Err(AccountError::NotFound)
        ));
        expertise::add(&by_admin, name("Juridique & commande publique"))
            .await
            .unwrap();
        let offered = expertise::offered(&t.db, admin.organisation_id)
            .await
            .unwrap();
        assert_eq!(offered.last().unwrap().id, legal);

        // Members do not edit the list.
        assert!(matches!(
            expertise::add(&as_member(&t, &clock, &member), name("Autre")).await,
            Err(AccountError::Forbidden)
        ));
        assert!(matches!(
            expertise::retire(&as_member(&t, &clock, &member), legal).await,
            Err(AccountError::Forbidden)
        ));
    }
);

db_test!(
    a_profile_holds_only_its_own_organisations_domains,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let outsider = other_organisation(&t, &clock).await;
        let ours = expertise::offered(&t.db, admin.organisation_id)
            .await
            .unwrap();
        let theirs = expertise::offered(&t.db, outsider.organisation_id)
            .await
            .unwrap();
        let update = |ids: Vec<i64>| ProfileUpdate {
            display_name: DisplayName::parse("Camille M.").unwrap(),
            service: ServiceName::parse("DSI").unwrap(),
            domain_ids: ids,
            availability: Default::default(),
            away_until: None,
        };
        let by_admin = as_member(&t, &clock, &admin);
        profile::update(&by_admin, update(vec![ours[1].id, ours[3].id, ours[1].id]))
            .await
            .unwrap();
        let saved = profile::get(&by_admin).await.unwrap();
        assert_eq!(saved.display_name, "Camille M.");
        assert_eq!(saved.service, "DSI");
        let mut held = saved.held.clone();
        held.sort_unstable();
        assert_eq!(held, vec![ours[1].id, ours[3].id]);

        // Another organisation's domain: refused, and nothing changes.
        let refused = profile::update(&by_admin, update(vec![ours[0].id, theirs[0].id])).await;
        assert_eq!(refused_field(refused, "domains"), Key::ErrInvalid);
        let mut still = profile::get(&by_admin).await.unwrap().held;
        still.sort_unstable();
        assert_eq!(still, held);

        // Each organisation sees its own list only.
        assert!(theirs.iter().all(|d| !ours.iter().any(|o| o.id == d.id)));
        let settings = organisations::settings(&as_member(&t, &clock, &outsider))
            .await
            .unwrap();
        assert_eq!(settings.name, "Département du Nord");
    }
);

db_test!(
    an_address_of_the_organisation_asks_to_join_and_an_admin_approves,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let outsider = other_organisation(&t, &clock).await;
        let request = || sign_up_input("dominique@lille.fr");

        // Closed until the administrator opens the domain.
        let nobody = Ctx::new(&t.db, &clock);
        let by_admin = as_member(&t, &clock, &admin);
        let by_outsider = as_member(&t, &clock, &outsider);
        let closed = requests::submit(&nobody, "10.9.9.9", request()).await;
        assert_eq!(
            refused_field(closed.map(|_| ()), "email"),
            Key::ErrEmailDomainClosed
        );
        let lille = || EmailDomains::parse("lille.fr, mairie-lille.fr").unwrap();
        let org_name = || OrganisationName::parse("Ville de Lille").unwrap();
        organisations::update(&by_admin, org_name(), lille(), 4)
            .await
            .unwrap();
        // Another organisation cannot claim the same domain.
        let claimed = organisations::update(
            &by_outsider,
            OrganisationName::parse("Nord").unwrap(),
            EmailDomains::parse("lenord.fr, lille.fr").unwrap(),
            4,
        )
        .await;
        assert_eq!(
            refused_field(claimed, "email_domains"),
            Key::ErrEmailDomainTaken
        );
        assert_eq!(
            organisations::settings(&by_outsider).await.unwrap().name,
            "Département du Nord"
        );

        requests::submit(&nobody, "10.9.9.9", request())
            .await
            .unwrap();
        // Asked again: the same answer, and nothing changes.
        requests::submit(&nobody, "10.9.9.9", request())
            .await
            .unwrap();
        // Pending: the right password says so, a wrong one says nothing.
        assert_eq!(
            login::authenticate(&t.db, "dominique@lille.fr", "une autre phrase solide")
                .await
                .unwrap(),
            Verdict::Pending
        );
        assert_eq!(
            login::authenticate(&t.db, "dominique@lille.fr", "pas la bonne phrase")
                .await
                .unwrap(),
            Verdict::Refused
        );
        let pending = members::list(&by_admin)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.status == MemberStatus::Pending)
            .unwrap();
        // Nobody outside the organisation sees or approves the request.
        assert!(!members::list(&by_outsider)
            .await
            .unwrap()
            .iter()
            .any(|m| m.id == pending.id));
        assert!(matches!(
            members::apply(&by_outsider, pending.id, Change::Approve).await,
            Err(AccountError::NotFound)
        ));
        members::apply(&by_admin, pending.id, Change::Approve)
            .await
            .unwrap();
        assert!(matches!(
            members::apply(&by_admin, pending.id, Change::Approve).await,
            Err(AccountError::NotPending)
        ));
        assert_eq!(
            login::authenticate(&t.db, "dominique@lille.fr", "une autre phrase solide")
                .await
                .unwrap(),
            Verdict::Active(pending.id)
        );
    }
);

db_test!(
    a_reset_link_sets_a_new_password_once_and_ends_every_session,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let outsider = other_organisation(&t, &clock).await;
        let (member_id, session) = invited_member(&t, &clock, &admin).await;
        let member = signed_in(&t, &clock, member_id).await;

        assert!(matches!(
            resets::create(&as_member(&t, &clock, &member), admin.id).await,
            Err(AccountError::Forbidden)
        ));
        assert!(matches!(
            resets::create(&as_member(&t, &clock, &outsider), member_id).await,
            Err(AccountError::NotFound)
        ));
        let by_admin = as_member(&t, &clock, &admin);
        let first = resets::create(&by_admin, member_id).await.unwrap();
        let link = resets::create(&by_admin, member_id).await.unwrap();
        // A newer link replaces the older one.
        let nobody = Ctx::new(&t.db, &clock);
        assert!(!resets::is_open(&nobody, &first).await.unwrap());
        assert!(resets::is_open(&nobody, &link).await.unwrap());

        let new_password = NewPassword::parse("la nouvelle phrase solide").unwrap();
        assert_eq!(
            resets::complete(&nobody, &link, &new_password).await.ok(),
            Some(member_id)
        );
        assert!(sessions::current_user(&nobody, &session)
            .await
            .unwrap()
            .is_none());
        assert_eq!(
            login::authenticate(&t.db, "dominique@lille.fr", "la nouvelle phrase solide")
                .await
                .unwrap(),
            Verdict::Active(member_id)
        );
        assert_eq!(
            login::authenticate(&t.db, "dominique@lille.fr", "une autre phrase solide")
                .await
                .unwrap(),
            Verdict::Refused
        );
        let other = NewPassword::parse("une phrase pour rien").unwrap();
        assert!(matches!(
            resets::complete(&nobody, &link, &other).await,
            Err(AccountError::NotFound)
        ));

        // From the shell; and a day later the link is closed.
        let shell = resets::create_for_email(&nobody, " Dominique@Lille.fr ")
            .await
            .unwrap();
        clock.advance(Duration::hours(24));
        assert!(!resets::is_open(&nobody, &shell).await.unwrap());
        assert!(matches!(
            resets::complete(&nobody, &shell, &other).await,
            Err(AccountError::NotFound)
        ));
        assert!(matches!(
            resets::create_for_email(&nobody, "nobody@lille.fr").await,
            Err(AccountError::NotFound)
        ));

        // A deactivated person gets no link, and an open one stops working.
        let open = resets::create(&by_admin, member_id).await.unwrap();
        members::apply(&by_admin, member_id, Change::Deactivate)
            .await
            .unwrap();
        assert!(matches!(
            resets::complete(&nobody, &open, &other).await,
            Err(AccountError::NotFound)
        ));
        let refused = resets::create(&by_admin, member_id).await;
        assert_eq!(
            refused_field(refused.map(|_| ()), "user_id"),
            Key::ErrResetInactive
        );
    }
);

db_test!(
    administrators_act_on_their_own_organisation_only,
    |t: TestDb| async move {
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let outsider = other_organisation(&t, &clock).await;
        let (member_id, _) = invited_member(&t, &clock, &admin).await;
        let by_outsider = as_member(&t, &clock, &outsider);
        let listed = members::list(&by_outsider).await.unwrap();
        assert_eq!(listed.len(), 1, "only the outsider themself");
        for change in [
            Change::Deactivate,
            Change::Reactivate,
            Change::Role(app::domain::accounts::Role::Admin),
        ] {
            assert!(matches!(
                members::apply(&by_outsider, member_id, change).await,
                Err(AccountError::NotFound)
            ));
        }
        let ours = expertise::offered(&t.db, admin.organisation_id)
            .await
            .unwrap();
        assert!(matches!(
            expertise::retire(&by_outsider, ours[0].id).await,
            Err(AccountError::NotFound)
        ));
        assert!(matches!(
            expertise::rename(&by_outsider, ours[0].id, DomainName::parse("X").unwrap()).await,
            Err(AccountError::NotFound)
        ));
        assert_eq!(
            expertise::offered(&t.db, admin.organisation_id)
                .await
                .unwrap(),
            ours
        );
    }
);
