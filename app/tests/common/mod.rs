#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
#![allow(dead_code)] // each test file uses some of these
//! People and clocks shared by the service tests.

use app::backend::accounts::{sessions, setup};
use app::backend::clock::ManualClock;
use app::backend::testing::TestDb;
use app::domain::accounts::{CurrentUser, DisplayName, Email, NewPassword, OrganisationName, Role};
use chrono::{TimeZone, Utc};

pub fn clock() -> ManualClock {
    ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap())
}

pub fn first_admin(email: &str) -> setup::FirstAdmin {
    setup::FirstAdmin {
        organisation: OrganisationName::parse("Ville de Lille").unwrap(),
        display_name: DisplayName::parse("Camille Martin").unwrap(),
        email: Email::parse(email).unwrap(),
        password: NewPassword::parse("un mot de passe solide").unwrap(),
    }
}

pub fn sign_up_input(email: &str) -> app::backend::accounts::invitations::SignUp {
    app::backend::accounts::invitations::SignUp {
        display_name: DisplayName::parse("Dominique Bernard").unwrap(),
        email: Email::parse(email).unwrap(),
        password: NewPassword::parse("une autre phrase solide").unwrap(),
    }
}

/// Invites a member and signs them up: their id and a session token.
pub async fn invited_member(t: &TestDb, clock: &ManualClock, admin: &CurrentUser) -> (i64, String) {
    use app::backend::accounts::invitations;
    let token = invitations::create(&t.db, clock, admin, Role::Member)
        .await
        .unwrap();
    let id = invitations::accept(&t.db, clock, &token, sign_up_input("dominique@lille.fr"))
        .await
        .unwrap();
    (id, sessions::open(&t.db, clock, id).await.unwrap())
}

pub async fn admin_of(t: &TestDb, clock: &ManualClock) -> CurrentUser {
    let id = setup::create_first_admin(&t.db, clock, first_admin("camille@lille.fr"))
        .await
        .unwrap();
    let token = sessions::open(&t.db, clock, id).await.unwrap();
    sessions::current_user(&t.db, clock, &token)
        .await
        .unwrap()
        .unwrap()
}

/// The person with this id, as a signed-in caller.
pub async fn signed_in(t: &TestDb, clock: &ManualClock, id: i64) -> CurrentUser {
    let token = sessions::open(&t.db, clock, id).await.unwrap();
    sessions::current_user(&t.db, clock, &token)
        .await
        .unwrap()
        .unwrap()
}
