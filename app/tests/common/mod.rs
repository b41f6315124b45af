#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
#![allow(dead_code)] // each test file uses some of these
//! People and clocks shared by the service tests.

use app::backend::accounts::invitations;
use app::backend::accounts::{sessions, setup};
use app::backend::clock::ManualClock;
use app::backend::ctx::Ctx;
use app::backend::expertise;
use app::backend::ideas::posting::{self, Edit, NewIdea};
use app::backend::idempotency::IdempotencyKey;
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::domain::accounts::{CurrentUser, DisplayName, Email, NewPassword, OrganisationName, Role};
use app::domain::ideas::{IdeaText, IdeaTitle, Tags};
use app::domain::rounds::ContributionText;
use app::error::AppError;
use app::i18n::Key;
use chrono::{TimeZone, Utc};

pub mod workshop;

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
    let token = invitations::create(&as_member(t, clock, admin), Role::Member)
        .await
        .unwrap();
    let nobody = Ctx::new(&t.db, clock);
    let id = invitations::accept(&nobody, &token, sign_up_input("dominique@lille.fr"))
        .await
        .unwrap();
    (id, sessions::open(&nobody, id).await.unwrap())
}

pub async fn admin_of(t: &TestDb, clock: &ManualClock) -> CurrentUser {
    let nobody = Ctx::new(&t.db, clock);
    let id = setup::create_first_admin(&nobody, first_admin("camille@lille.fr"))
        .await
        .unwrap();
    let token = sessions::open(&nobody, id).await.unwrap();
    sessions::current_user(&nobody, &token)
        .await
        .unwrap()
        .unwrap()
}

/// The person with this id, as a signed-in caller.
pub async fn signed_in(t: &TestDb, clock: &ManualClock, id: i64) -> CurrentUser {
    let nobody = Ctx::new(&t.db, clock);
    let token = sessions::open(&nobody, id).await.unwrap();
    sessions::current_user(&nobody, &token)
        .await
        .unwrap()
        .unwrap()
}

pub fn key() -> IdempotencyKey {
    IdempotencyKey::parse(&uuid::Uuid::new_v4().to_string()).unwrap()
}

pub fn text(s: &str) -> ContributionText {
    ContributionText::parse(s).unwrap()
}

/// A colleague of the admin's organisation holding the given domains.
pub async fn colleague(
    t: &TestDb,
    clock: &ManualClock,
    admin: &CurrentUser,
    name: &str,
    domains: &[i64],
) -> CurrentUser {
    let token = invitations::create(&as_member(t, clock, admin), Role::Member)
        .await
        .unwrap();
    let id = invitations::accept(
        &Ctx::new(&t.db, clock),
        &token,
        invitations::SignUp {
            display_name: DisplayName::parse(name).unwrap(),
            email: Email::parse(&format!(
                "{}@lille.fr",
                name.to_lowercase().replace(' ', ".")
            ))
            .unwrap(),
            password: NewPassword::parse("une phrase de passe solide").unwrap(),
        },
    )
    .await
    .unwrap();
    let me = signed_in(t, clock, id).await;
    expertise::set_held(&t.db, &me, domains).await.unwrap();
    let _ = sessions::open(&Ctx::new(&t.db, clock), id).await.unwrap();
    me
}

/// A published idea with its problem, proposal and beneficiaries.
pub async fn idea(t: &TestDb, clock: &ManualClock, by: &CurrentUser) -> i64 {
    let id = posting::create_draft(
        &as_member(t, clock, by),
        &key(),
        NewIdea {
            title: IdeaTitle::parse("Covoiturage des agents").unwrap(),
            problem: IdeaText::parse_required("Les parkings débordent").unwrap(),
        },
    )
    .await
    .unwrap();
    let edit = Edit {
        title: IdeaTitle::parse("Covoiturage des agents").unwrap(),
        problem: IdeaText::parse_required("Les parkings débordent").unwrap(),
        proposal: IdeaText::parse_optional("Une plateforme interne").unwrap(),
        beneficiaries: IdeaText::parse_optional("Les agents du site").unwrap(),
        help_sought: IdeaText::parse_optional("").unwrap(),
        tags: Tags::parse("mobilité").unwrap(),
    };
    posting::save(&as_member(t, clock, by), &key(), id, 1, edit, true)
        .await
        .unwrap();
    id
}

pub fn field_error<E: Into<AppError>>(result: Result<impl std::fmt::Debug, E>, field: &str) -> Key {
    match result.map_err(Into::into) {
        Err(AppError::Invalid(errors)) => errors.message_for(field).expect(field),
        other => panic!("expected a refusal of {field}, got {other:?}"),
    }
}

/// The context of a call by `who`, signed in (no live hub: tests read the
/// database).
pub fn as_member<'a>(t: &'a TestDb, clock: &'a ManualClock, who: &CurrentUser) -> Ctx<'a> {
    Ctx::new(&t.db, clock).member_acting(who)
}

/// The context of a call from a phone in a workshop: a member or a guest.
pub fn in_room<'a>(t: &'a TestDb, clock: &'a ManualClock, who: &Caller) -> Ctx<'a> {
    Ctx::new(&t.db, clock).acting_as(who.clone())
}

/// Opens a silent round on `idea_id` as `author`, calling `domains`, due in
/// a week; its id.
pub async fn open_for_a_week(
    t: &TestDb,
    clock: &ManualClock,
    author: &CurrentUser,
    idea_id: i64,
    domains: &[i64],
) -> i64 {
    use app::backend::clock::Clock;
    use app::backend::entities::round;
    use app::backend::rounds::opening;
    use app::domain::round_inputs::RoundOpening;
    use app::domain::rounds::{FocusQuestion, RoundMode};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    opening::open(
        &as_member(t, clock, author),
        &key(),
        idea_id,
        RoundOpening {
            focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
            mode: RoundMode::Async,
            deadline: Some(clock.now() + chrono::Duration::days(7)),
            domains: domains.to_vec(),
            names: Vec::new(),
        },
    )
    .await
    .unwrap();
    round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .order_by_desc(round::Column::Number)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A second organisation on the same instance, with its administrator.
pub async fn other_organisation(t: &TestDb, clock: &ManualClock) -> CurrentUser {
    use app::backend::accounts::login::{self, Verdict};
    use app::backend::organisations;
    let org = organisations::create(
        &t.db,
        clock,
        organisations::NewOrganisation {
            organisation: OrganisationName::parse("Département du Nord").unwrap(),
            display_name: DisplayName::parse("Alex Durand").unwrap(),
            email: Email::parse("alex@lenord.fr").unwrap(),
            password: NewPassword::parse("encore une phrase solide").unwrap(),
        },
    )
    .await
    .unwrap();
    let outsider = login::authenticate(&t.db, "alex@lenord.fr", "encore une phrase solide")
        .await
        .unwrap();
    let Verdict::Active(id) = outsider else {
        panic!("{outsider:?}")
    };
    let me = signed_in(t, clock, id).await;
    assert_eq!(me.organisation_id, org);
    me
}

/// Saves `who`'s profile with their name and domains as they are.
pub async fn say_profile(
    t: &TestDb,
    clock: &ManualClock,
    who: &CurrentUser,
    service: &str,
    availability: app::domain::directory::Availability,
    away_until: Option<chrono::NaiveDate>,
) -> Result<(), app::backend::accounts::error::AccountError> {
    use app::backend::accounts::profile::{self, ProfileUpdate};
    use app::domain::organisation::ServiceName;
    let held = expertise::held(&t.db, who.id).await.unwrap();
    profile::update(
        &as_member(t, clock, who),
        ProfileUpdate {
            display_name: DisplayName::parse(&who.display_name).unwrap(),
            service: ServiceName::parse(service).unwrap(),
            domain_ids: held,
            availability: Some(availability),
            away_until,
        },
    )
    .await
}

/// Writes a contribution on a silent round as `who`; its id.
pub async fn post(
    t: &TestDb,
    clock: &ManualClock,
    who: &CurrentUser,
    round_id: i64,
    draft: app::domain::round_inputs::Draft,
) -> i64 {
    app::backend::rounds::contributing::contribute(
        &as_member(t, clock, who),
        &key(),
        round_id,
        draft,
    )
    .await
    .unwrap()
}
