#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The attacks of issue 14, each tried as an attacker would, on SQLite and
//! PostgreSQL: what they give now.

mod common;

use app::backend::accounts::error::AccountError;
use app::backend::clock::{Clock, ManualClock};
use app::backend::ctx::Ctx;
use app::backend::rounds::course;
use app::backend::rounds::reading as round_reading;
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::backend::workshops::error::WorkshopError;
use app::backend::workshops::joining::{join, Joiner};
use app::backend::workshops::{reading, room, running};
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::workshops::Phase;
use app::error::AppError;
use common::as_member;
use common::workshop::at_console;
use common::workshop::{post_mine, workshop, ROOM_IP};
use common::{admin_of, clock, colleague, key};

const LEGAL: i64 = 1;

async fn round_of(t: &TestDb, clock: &ManualClock, who: &CurrentUser, idea_id: i64) -> i64 {
    round_reading::panel(&as_member(t, clock, who), idea_id, None)
        .await
        .unwrap()
        .rounds[0]
        .info
        .id
}

db_test!(
    revealing_online_a_round_whose_room_is_writing_in_silence_is_refused,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let (idea_id, id, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        join(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            Joiner::Member(jurist.clone()),
        )
        .await
        .unwrap();
        running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
            .await
            .unwrap();
        let phone = Caller::Member(jurist.clone());
        post_mine(
            &t,
            &clock,
            &phone,
            &key(),
            id,
            Phase::Writing,
            "Écrit en silence",
        )
        .await
        .unwrap();
        let round_id = round_of(&t, &clock, &author, idea_id).await;
        // The author presses « Dévoiler maintenant » on the idea page.
        let refused = course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .map_err(AppError::from);
        let Err(AppError::Invalid(errors)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(
            errors.fields[0].message,
            app::i18n::Key::ErrRevealInWorkshop
        );
        let panel = round_reading::panel(&as_member(&t, &clock, &author), idea_id, None)
            .await
            .unwrap();
        assert!(!panel.rounds[0].info.revealed, "still silent");
        assert!(panel.rounds[0].info.workshop_running, "the page says why");
        // The phones still write in silence, and nobody else reads a word.
        let board = reading::board(&as_member(&t, &clock, &author), "http://demineurs.test", id)
            .await
            .unwrap();
        assert!(
            !format!("{board:?}").contains("Écrit en silence"),
            "{board:?}"
        );
        // The room reveals it, through its phase, for everyone at once.
        running::advance(&at_console(&t, &clock, &author), id, Phase::Writing, None)
            .await
            .unwrap();
        let panel = round_reading::panel(&as_member(&t, &clock, &author), idea_id, None)
            .await
            .unwrap();
        assert!(panel.rounds[0].info.revealed);
    }
);

db_test!(
    a_round_whose_workshop_ended_before_the_reveal_can_be_revealed_online,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (idea_id, id, _) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        running::end(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        let round_id = round_of(&t, &clock, &author, idea_id).await;
        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        let panel = round_reading::panel(&as_member(&t, &clock, &author), idea_id, None)
            .await
            .unwrap();
        assert!(panel.rounds[0].info.revealed);
        assert!(!panel.rounds[0].info.workshop_running);
    }
);

/// Opens the organisation of `admin` to requests from lille.fr addresses.
async fn open_to_requests(t: &TestDb, clock: &ManualClock, admin: &CurrentUser) {
    use app::backend::organisations;
    use app::domain::accounts::OrganisationName;
    use app::domain::organisation::EmailDomains;
    organisations::update(
        &as_member(t, clock, admin),
        OrganisationName::parse("Ville de Lille").unwrap(),
        EmailDomains::parse("lille.fr").unwrap(),
        4,
    )
    .await
    .unwrap();
}

/// The person of `admin`'s organisation holding `email`, if any.
async fn member_at(
    t: &TestDb,
    clock: &ManualClock,
    admin: &CurrentUser,
    email: &str,
) -> Option<app::domain::accounts::Member> {
    app::backend::accounts::members::list(&as_member(t, clock, admin))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email == email)
}

fn request_from(email: &str, password: &str) -> app::backend::accounts::invitations::SignUp {
    use app::domain::accounts::{DisplayName, Email, NewPassword};
    app::backend::accounts::invitations::SignUp {
        display_name: DisplayName::parse("Quelqu’un").unwrap(),
        email: Email::parse(email).unwrap(),
        password: NewPassword::parse(password).unwrap(),
    }
}

db_test!(
    asking_to_join_under_an_existing_address_answers_as_for_a_new_one_and_changes_nothing,
    |t: TestDb| async move {
        use app::backend::accounts::{login, members, requests};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        open_to_requests(&t, &clock, &admin).await;
        let before = members::list(&as_member(&t, &clock, &admin)).await.unwrap();
        // The administrator's own address, and a made-up one: the same answer.
        let nobody = Ctx::new(&t.db, &clock);
        let existing = requests::submit(
            &nobody,
            "10.9.9.9",
            request_from("camille@lille.fr", "je prends ta place"),
        )
        .await;
        let new = requests::submit(
            &nobody,
            "10.9.9.9",
            request_from("nouveau@lille.fr", "je suis nouveau ici"),
        )
        .await;
        assert!(existing.is_ok(), "{existing:?}");
        assert!(new.is_ok(), "{new:?}");
        let after = members::list(&as_member(&t, &clock, &admin)).await.unwrap();
        assert_eq!(after.len(), before.len() + 1, "only the new address asked");
        assert!(
            login::log_in(
                &nobody,
                "camille@lille.fr",
                "un mot de passe solide",
                "10.0.0.1"
            )
            .await
            .is_ok(),
            "the existing account is untouched"
        );
    }
);

db_test!(
    a_squatted_address_never_blocks_the_invitation_and_a_refused_request_frees_it,
    |t: TestDb| async move {
        use app::backend::accounts::members::{self, Change};
        use app::backend::accounts::{invitations, login, requests};
        use app::domain::accounts::{MemberStatus, Role};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        open_to_requests(&t, &clock, &admin).await;
        // Someone asks under a future colleague's address…
        let nobody = Ctx::new(&t.db, &clock);
        requests::submit(
            &nobody,
            "10.9.9.9",
            request_from("dominique@lille.fr", "je suis l’usurpateur"),
        )
        .await
        .unwrap();
        // …and the real Dominique's invitation still works, and wins.
        let by_admin = as_member(&t, &clock, &admin);
        let token = invitations::create(&by_admin, Role::Facilitator)
            .await
            .unwrap();
        invitations::accept(&nobody, &token, common::sign_up_input("dominique@lille.fr"))
            .await
            .unwrap();
        let people = members::list(&by_admin).await.unwrap();
        let dominique: Vec<_> = people
            .iter()
            .filter(|m| m.email == "dominique@lille.fr")
            .collect();
        assert_eq!(dominique.len(), 1);
        assert_eq!(dominique[0].status, MemberStatus::Active);
        assert_eq!(dominique[0].role, Role::Facilitator);
        assert!(login::log_in(
            &nobody,
            "dominique@lille.fr",
            "une autre phrase solide",
            "10.0.0.2"
        )
        .await
        .is_ok());
        assert!(
            login::log_in(
                &nobody,
                "dominique@lille.fr",
                "je suis l’usurpateur",
                "10.0.0.3"
            )
            .await
            .is_err(),
            "the squatter's password opens nothing"
        );

        // A request the administrator refuses leaves the address free.
        requests::submit(
            &nobody,
            "10.9.9.9",
            request_from("lou@lille.fr", "je suis encore lui"),
        )
        .await
        .unwrap();
        let squatted = member_at(&t, &clock, &admin, "lou@lille.fr").await.unwrap();
        members::apply(&by_admin, squatted.id, Change::Deactivate)
            .await
            .unwrap();
        assert!(
            member_at(&t, &clock, &admin, "lou@lille.fr")
                .await
                .is_none(),
            "the refusal deleted the request"
        );
        requests::submit(
            &nobody,
            "10.9.9.9",
            request_from("lou@lille.fr", "je suis la vraie Lou"),
        )
        .await
        .unwrap();
        let lou = member_at(&t, &clock, &admin, "lou@lille.fr").await.unwrap();
        assert_eq!(lou.status, MemberStatus::Pending, "the real Lou can ask");
    }
);

db_test!(
    a_removed_guest_coming_back_with_the_code_stays_out,
    |t: TestDb| async move {
        use app::backend::workshops::joining::Joined;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, id, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        let Joined { guest_token, .. } = join(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            common::workshop::as_guest("Troll"),
        )
        .await
        .unwrap();
        let token = guest_token.unwrap();
        let troll = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap()
            .participants
            .into_iter()
            .find(|p| p.name == "Troll")
            .unwrap();
        room::remove(&at_console(&t, &clock, &author), id, troll.id)
            .await
            .unwrap();
        // Back on the join page, with the cookie, under another name.
        let again = join(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            Joiner::Guest {
                name: app::domain::accounts::DisplayName::parse("Gentil").ok(),
                token: Some(token),
            },
        )
        .await;
        assert!(matches!(again, Err(WorkshopError::Removed)), "{again:?}");
        let seated = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap()
            .participants;
        assert!(!seated.iter().any(|p| p.name == "Gentil"), "{seated:?}");
    }
);

db_test!(
    forty_parallel_wrong_codes_from_one_address_are_held_to_the_limit,
    |t: TestDb| async move {
        use app::backend::workshops::joining::MAX_FAILURES;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, _, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        let tries = (0..40).map(|i| {
            let db = t.db.clone();
            let clock = clock.clone();
            tokio::spawn(async move {
                let wrong = format!(
                    "ZZZZ{}{}",
                    (b'A' + (i % 20) as u8) as char,
                    (b'A' + (i / 20) as u8) as char
                );
                join(
                    &Ctx::new(&db, &clock),
                    "198.51.100.9",
                    &wrong,
                    common::workshop::as_guest("X"),
                )
                .await
            })
        });
        let answers: Vec<_> = futures::future::join_all(tries)
            .await
            .into_iter()
            .map(|a| a.unwrap())
            .collect();
        let unknown = answers
            .iter()
            .filter(|a| matches!(a, Err(WorkshopError::CodeUnknown)))
            .count();
        let limited = answers
            .iter()
            .filter(|a| matches!(a, Err(WorkshopError::TooManyTries { .. })))
            .count();
        assert_eq!(unknown, MAX_FAILURES as usize, "{answers:?}");
        assert_eq!(limited, 40 - MAX_FAILURES as usize);
        // The right code from elsewhere still joins; from that address it waits.
        assert!(join(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            common::workshop::as_guest("Lou")
        )
        .await
        .is_ok());
        assert!(matches!(
            join(
                &Ctx::new(&t.db, &clock),
                "198.51.100.9",
                &code,
                common::workshop::as_guest("Sam")
            )
            .await,
            Err(WorkshopError::TooManyTries { .. })
        ));
    }
);

db_test!(
    a_room_joins_past_ten_people_behind_one_address_since_right_codes_never_count,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let (_, _, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        for i in 0..25 {
            join(
                &Ctx::new(&t.db, &clock),
                ROOM_IP,
                &code,
                common::workshop::as_guest(&format!("Agent {i}")),
            )
            .await
            .unwrap();
        }
    }
);

db_test!(
    a_leaked_code_cannot_fill_a_workshop_past_its_guest_cap,
    |t: TestDb| async move {
        use app::backend::workshops::joining::join_with_cap;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let member = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let (_, _, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
        for name in ["Un", "Deux"] {
            join_with_cap(
                &Ctx::new(&t.db, &clock),
                ROOM_IP,
                &code,
                common::workshop::as_guest(name),
                2,
            )
            .await
            .unwrap();
        }
        let third = join_with_cap(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            common::workshop::as_guest("Trois"),
            2,
        )
        .await;
        assert!(matches!(third, Err(WorkshopError::Full)), "{third:?}");
        // Members of the organisation are never counted.
        join_with_cap(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            Joiner::Member(member),
            2,
        )
        .await
        .unwrap();
    }
);

db_test!(
    an_invitation_or_a_reset_link_used_twice_at_once_works_once,
    |t: TestDb| async move {
        use app::backend::accounts::{invitations, resets};
        use app::domain::accounts::{NewPassword, Role};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        let token = invitations::create(&as_member(&t, &clock, &admin), Role::Member)
            .await
            .unwrap();
        let nobody = Ctx::new(&t.db, &clock);
        let (a, b) = tokio::join!(
            invitations::accept(
                &nobody,
                &token,
                request_from("un@lille.fr", "première phrase solide")
            ),
            invitations::accept(
                &nobody,
                &token,
                request_from("deux@lille.fr", "deuxième phrase solide")
            ),
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{a:?} {b:?}"
        );
        let member = a.or(b).unwrap();
        let link = resets::create(&as_member(&t, &clock, &admin), member)
            .await
            .unwrap();
        let one = NewPassword::parse("nouvelle phrase numéro un").unwrap();
        let two = NewPassword::parse("nouvelle phrase numéro deux").unwrap();
        let (a, b) = tokio::join!(
            resets::complete(&nobody, &link, &one),
            resets::complete(&nobody, &link, &two),
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{a:?} {b:?}"
        );
    }
);

db_test!(
    logging_in_after_asking_to_join_tells_nothing_of_which_addresses_had_an_account,
    |t: TestDb| async move {
        use app::backend::accounts::{login, requests};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        open_to_requests(&t, &clock, &admin).await;
        // Asked under an existing address and under a new one, same password.
        for email in ["camille@lille.fr", "nouveau@lille.fr"] {
            requests::submit(
                &Ctx::new(&t.db, &clock),
                "10.9.9.9",
                request_from(email, "le mot de passe du test"),
            )
            .await
            .unwrap();
        }
        let answer = |email: &'static str| {
            let db = t.db.clone();
            let clock = clock.clone();
            async move {
                let nobody = Ctx::new(&db, &clock);
                match login::log_in(&nobody, email, "le mot de passe du test", "10.9.9.9")
                    .await
                    .map_err(AppError::from)
                {
                    Err(AppError::Invalid(e)) => e.fields,
                    other => panic!("{other:?}"),
                }
            }
        };
        assert_eq!(
            answer("camille@lille.fr").await,
            answer("nouveau@lille.fr").await
        );
    }
);

db_test!(
    a_known_password_of_an_account_not_open_is_no_way_past_the_limit,
    |t: TestDb| async move {
        use app::backend::accounts::{login, requests};
        let clock = clock();
        let admin = admin_of(&t, &clock).await;
        open_to_requests(&t, &clock, &admin).await;
        let nobody = Ctx::new(&t.db, &clock);
        requests::submit(
            &nobody,
            "10.9.9.9",
            request_from("moi@lille.fr", "mon mot de passe connu"),
        )
        .await
        .unwrap();
        // Each of these answers, bar the refusals made before any hash, cost
        // a password check: the known password must not make them free.
        let mut checked = 0;
        for _ in 0..25 {
            let answer = login::log_in(
                &nobody,
                "moi@lille.fr",
                "mon mot de passe connu",
                "203.0.113.50",
            )
            .await;
            if let Err(AccountError::BadCredentials) = &answer {
                checked += 1;
            }
        }
        assert!(checked <= 20, "{checked} passwords checked");
        // Requests to join, which cost a hash each, are held to a few an hour.
        let mut refused = 0;
        for i in 0..12 {
            let email = format!("demande{i}@lille.fr");
            if let Err(AccountError::TooManyTries { .. }) = requests::submit(
                &nobody,
                "203.0.113.51",
                request_from(&email, "une phrase assez longue"),
            )
            .await
            {
                refused += 1;
            }
        }
        assert_eq!(refused, 2);
    }
);

/// A refusal of a silent mine, as Leptos encodes it for an address.
fn refused_mine(text: &str) -> String {
    use base64::{engine::general_purpose::URL_SAFE, Engine};
    let mut errors = app::error::FormErrors::with_input([("body", text)]);
    errors.add("body", app::i18n::Key::ErrTooLong);
    URL_SAFE.encode(serde_json::to_vec(&AppError::Invalid(errors)).unwrap())
}

db_test!(
    a_refused_silent_mine_is_kept_for_its_browser_only_and_for_an_hour,
    |t: TestDb| async move {
        use app::web::refusals::{bring_back, carry, clean_up, Carried, KEEP_SECS};
        let now = clock().now().timestamp();
        let payload = refused_mine("Le RGPD s’applique");
        let Carried::Kept(id) = carry(&t.db, now, "member:2", "browser-a", &payload)
            .await
            .unwrap()
        else {
            panic!("a refusal with typed text is kept");
        };
        assert_eq!(
            bring_back(&t.db, now + 10, "browser-a", &id).await.unwrap(),
            Some(payload.clone()),
            "its browser gets it back, as often as the page reloads"
        );
        assert_eq!(
            bring_back(&t.db, now + 20, "browser-a", &id).await.unwrap(),
            Some(payload)
        );
        assert_eq!(
            bring_back(&t.db, now + 10, "browser-b", &id).await.unwrap(),
            None,
            "the id alone opens nothing"
        );
        assert_eq!(
            bring_back(&t.db, now + KEEP_SECS, "browser-a", &id)
                .await
                .unwrap(),
            None,
            "an hour later it is gone"
        );
        assert_eq!(clean_up(&t.db, now + KEEP_SECS).await.unwrap(), 1);
    }
);

db_test!(
    a_caller_filling_the_table_with_refusals_gets_messages_without_text,
    |t: TestDb| async move {
        use app::web::refusals::{carry, decode, Carried};
        let now = clock().now().timestamp();
        let mut kept = 0;
        for _ in 0..600 {
            if let Carried::Kept(_) = carry(&t.db, now, "192.0.2.7", "script", &refused_mine("x"))
                .await
                .unwrap()
            {
                kept += 1;
            }
        }
        assert_eq!(kept, 600);
        let Carried::InAddress(beyond) = carry(
            &t.db,
            now,
            "192.0.2.7",
            "script",
            &refused_mine("Le RGPD s’applique"),
        )
        .await
        .unwrap() else {
            panic!("the 601st is not kept");
        };
        let errors = decode(&beyond).unwrap().form_errors().cloned().unwrap();
        assert_eq!(errors.message_for("body"), Some(app::i18n::Key::ErrTooLong));
        assert!(errors.input.is_empty(), "no typed text in the address");
        // Pasted junk beyond the size kept: the same.
        let huge = "é".repeat(app::error::MAX_ECHOED_CHARS);
        let mut errors =
            app::error::FormErrors::with_input(["a", "b", "c"].map(|field| (field, huge.as_str())));
        errors.add("a", app::i18n::Key::ErrTooLong);
        let payload = {
            use base64::{engine::general_purpose::URL_SAFE, Engine};
            URL_SAFE.encode(serde_json::to_vec(&AppError::Invalid(errors)).unwrap())
        };
        assert!(matches!(
            carry(&t.db, now, "member:9", "browser", &payload)
                .await
                .unwrap(),
            Carried::InAddress(_)
        ));
    }
);
