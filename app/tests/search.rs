#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Search on SQLite and PostgreSQL, on a fixed corpus: accents, case and
//! French word forms; the ranking order (the same lists on both
//! databases); the index kept with every write; and never a text its
//! reader may not read (a silent round, a hidden contribution, another's
//! draft, another organisation).
mod common;

use app::backend::clock::ManualClock;
use app::backend::ideas::listing;
use app::backend::ideas::posting::{self, Edit, NewIdea};
use app::backend::library::curating::{self, Filing};
use app::backend::rounds::{contributing, course, triage};
use app::backend::search::{indexing, querying};
use app::backend::testing::TestDb;
use app::backend::workshops::running;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::idea_views::IdeaQuery;
use app::domain::ideas::{IdeaText, IdeaTitle, Tags};
use app::domain::library::KnownMineName;
use app::domain::rounds::Outcome;
use app::domain::search::{HitWhat, Marked, SearchKind};
use app::domain::workshops::Phase;
use chrono::Duration;
use common::workshop::{at_console, join_as_guest, mine, post_mine};
use common::{
    admin_of, as_member, clock, colleague, key, open_for_a_week, other_organisation, post, text,
};

const LEGAL: i64 = 1;

/// An idea with this title, problem and proposal, published or not.
async fn written(
    t: &TestDb,
    clock: &ManualClock,
    by: &CurrentUser,
    (title, problem, proposal): (&str, &str, &str),
    publish: bool,
) -> i64 {
    let ctx = as_member(t, clock, by);
    let id = posting::create_draft(
        &ctx,
        &key(),
        NewIdea {
            title: IdeaTitle::parse(title).unwrap(),
            problem: IdeaText::parse_required(problem).unwrap(),
        },
    )
    .await
    .unwrap();
    let edit = Edit {
        title: IdeaTitle::parse(title).unwrap(),
        problem: IdeaText::parse_required(problem).unwrap(),
        proposal: IdeaText::parse_optional(proposal).unwrap(),
        beneficiaries: IdeaText::parse_optional("").unwrap(),
        help_sought: IdeaText::parse_optional("").unwrap(),
        tags: Tags::parse("").unwrap(),
    };
    posting::save(&ctx, &key(), id, 1, edit, publish)
        .await
        .unwrap();
    id
}

/// The titles `who` finds for `q`, best first.
async fn titles(t: &TestDb, clock: &ManualClock, who: &CurrentUser, q: &str) -> Vec<String> {
    found(t, clock, who, q, None)
        .await
        .into_iter()
        .map(|(title, _)| title)
        .collect()
}

/// (title, extract) of what `who` finds for `q`, best first.
async fn found(
    t: &TestDb,
    clock: &ManualClock,
    who: &CurrentUser,
    q: &str,
    kind: Option<SearchKind>,
) -> Vec<(String, String)> {
    let results = querying::search(&as_member(t, clock, who), q, kind, None)
        .await
        .unwrap();
    assert_eq!(results.total as usize, results.hits.len(), "one page here");
    results
        .hits
        .iter()
        .map(|h| (Marked::plain(&h.title), Marked::plain(&h.extract)))
        .collect()
}

const HEAT: (&str, &str, &str) = (
    "Réseau de chaleur pour les écoles",
    "Les chaudières des écoles sont vieilles",
    "Raccorder les écoles au réseau de la ville",
);
const NETWORKS: (&str, &str, &str) = (
    "Mutualiser les serveurs",
    "Chaque service achète ses serveurs et ses RÉSEAUX",
    "Un seul marché public",
);
const DATA: (&str, &str, &str) = (
    "Ouvrir les données des parkings",
    "Les usagers cherchent une place",
    "Publier les données en open data",
);

db_test!(
    words_are_found_whatever_their_accents_case_and_form,
    |t: TestDb| async move {
        let clock = clock();
        let camille = admin_of(&t, &clock).await;
        written(&t, &clock, &camille, HEAT, true).await;
        written(&t, &clock, &camille, NETWORKS, true).await;
        written(&t, &clock, &camille, DATA, true).await;
        let mut both = [HEAT.0, NETWORKS.0];
        both.sort();
        for q in ["réseaux", "RESEAU", "Réseau", "reseaux"] {
            let mut got = titles(&t, &clock, &camille, q).await;
            got.sort();
            assert_eq!(got, both, "{q}");
        }
        assert_eq!(titles(&t, &clock, &camille, "donnée").await, [DATA.0]);
        assert_eq!(
            titles(&t, &clock, &camille, "mutualisation").await,
            [NETWORKS.0]
        );
        assert_eq!(titles(&t, &clock, &camille, "ÉCOLE").await, [HEAT.0]);
        // Only words such as « de », « les »: nothing is searched.
        let none = querying::search(&as_member(&t, &clock, &camille), "de les", None, None)
            .await
            .unwrap();
        assert!(!none.searched && none.hits.is_empty());
        // The words found are marked, in the title and the extract.
        let results = querying::search(&as_member(&t, &clock, &camille), "serveur", None, None)
            .await
            .unwrap();
        let marked: Vec<&str> = results.hits[0]
            .title
            .iter()
            .chain(&results.hits[0].extract)
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["serveurs", "serveurs"]);
    }
);

db_test!(
    results_come_ranked_in_the_same_order_on_both_databases,
    |t: TestDb| async move {
        let clock = clock();
        let camille = admin_of(&t, &clock).await;
        let bikes = [
            ("Des vélos de service", "Les agents se déplacent", ""),
            (
                "Parking à vélos",
                "Les vélos du service sont volés",
                "Un abri pour vélo",
            ),
            ("Atelier de réparation", "Un vélo cassé reste au garage", ""),
            ("Navette entre sites", "Le service courrier roule", ""),
        ];
        for idea in bikes {
            written(&t, &clock, &camille, idea, true).await;
            clock.advance(Duration::minutes(1));
        }
        // Both words before one; then the heavier (a word weighs six in
        // a title, one in the text); then the newest.
        assert_eq!(
            titles(&t, &clock, &camille, "vélo service").await,
            [
                "Des vélos de service",
                "Parking à vélos",
                "Navette entre sites",
                "Atelier de réparation",
            ]
        );
        assert_eq!(
            titles(&t, &clock, &camille, "velos").await,
            [
                "Parking à vélos",
                "Des vélos de service",
                "Atelier de réparation"
            ]
        );
        // The index rebuilt from scratch answers the same.
        indexing::rebuild(&t.db).await.unwrap();
        assert_eq!(
            titles(&t, &clock, &camille, "velos").await,
            [
                "Parking à vélos",
                "Des vélos de service",
                "Atelier de réparation"
            ]
        );
    }
);

db_test!(
    nobody_finds_what_they_may_not_read,
    |t: TestDb| async move {
        let clock = clock();
        let camille = admin_of(&t, &clock).await;
        let anne = colleague(&t, &clock, &camille, "Anne Juriste", &[LEGAL]).await;
        let heat = written(&t, &clock, &camille, HEAT, true).await;
        written(
            &t,
            &clock,
            &anne,
            ("Brouillon confidentiel", "Un projet secret", ""),
            false,
        )
        .await;
        let round = open_for_a_week(&t, &clock, &camille, heat, &[LEGAL]).await;
        clock.advance(Duration::hours(1));
        let silent = post(
            &t,
            &clock,
            &anne,
            round,
            mine(LEGAL, "Le marché de chauffage court jusqu’en 2028"),
        )
        .await;
        let other = post(
            &t,
            &clock,
            &anne,
            round,
            mine(LEGAL, "Une amiante possible dans la chaufferie"),
        )
        .await;

        // Silent: nobody finds the mine, not even the idea's author.
        for who in [&camille, &anne] {
            assert!(titles(&t, &clock, who, "chauffage").await.is_empty());
        }
        // Another's draft: its author finds it, nobody else.
        assert_eq!(
            titles(&t, &clock, &anne, "confidentiel").await,
            ["Brouillon confidentiel"]
        );
        assert!(titles(&t, &clock, &camille, "confidentiel")
            .await
            .is_empty());

        course::reveal(&as_member(&t, &clock, &camille), round)
            .await
            .unwrap();
        let revealed = found(&t, &clock, &camille, "chauffage", None).await;
        assert_eq!(
            revealed,
            [(
                HEAT.0.to_owned(),
                "Le marché de chauffage court jusqu’en 2028".to_owned()
            )]
        );
        let results = querying::search(&as_member(&t, &clock, &anne), "chauffage", None, None)
            .await
            .unwrap();
        assert!(matches!(results.hits[0].what, HitWhat::Contribution { .. }));
        assert_eq!(
            results.hits[0].href,
            format!("/idees/{heat}/contributions/{silent}")
        );

        // Hidden: gone from everyone's results.
        triage::hide(&as_member(&t, &clock, &camille), other, text("Hors sujet"))
            .await
            .unwrap();
        assert!(titles(&t, &clock, &anne, "amiante").await.is_empty());

        // A round revealed by its deadline passing, no reveal asked.
        let gym = written(
            &t,
            &clock,
            &camille,
            ("Un gymnase partagé", "Les clubs manquent de créneaux", ""),
            true,
        )
        .await;
        let due = open_for_a_week(&t, &clock, &camille, gym, &[LEGAL]).await;
        post(
            &t,
            &clock,
            &anne,
            due,
            mine(LEGAL, "Les assurances des clubs diffèrent"),
        )
        .await;
        assert!(titles(&t, &clock, &camille, "assurance").await.is_empty());
        clock.advance(Duration::days(8));
        assert_eq!(
            titles(&t, &clock, &camille, "assurance").await,
            ["Un gymnase partagé"]
        );

        // A live round: silent while the workshop writes.
        let (_, workshop, code) =
            common::workshop::workshop(&t, &clock, &camille, vec![LEGAL]).await;
        running::advance(
            &at_console(&t, &clock, &camille),
            workshop,
            Phase::Pitch,
            None,
        )
        .await
        .unwrap();
        let guest = join_as_guest(&t, &clock, &code, "Sam Invité").await;
        post_mine(
            &t,
            &clock,
            &guest,
            &key(),
            workshop,
            Phase::Writing,
            "Un vestiaire trop petit",
        )
        .await
        .unwrap();
        for who in [&camille, &anne] {
            assert!(titles(&t, &clock, who, "vestiaire").await.is_empty());
        }

        // Another organisation finds nothing of this one.
        let alex = other_organisation(&t, &clock).await;
        for q in ["chaleur", "chauffage", "confidentiel"] {
            assert!(titles(&t, &clock, &alex, q).await.is_empty(), "{q}");
        }
        // The same after a rebuild of the whole index.
        indexing::rebuild(&t.db).await.unwrap();
        assert!(titles(&t, &clock, &anne, "amiante").await.is_empty());
        assert!(titles(&t, &clock, &camille, "confidentiel")
            .await
            .is_empty());
        assert_eq!(titles(&t, &clock, &alex, "chaleur").await.len(), 0);
    }
);

db_test!(the_index_follows_every_write, |t: TestDb| async move {
    let clock = clock();
    let camille = admin_of(&t, &clock).await;
    let anne = colleague(&t, &clock, &camille, "Anne Juriste", &[LEGAL]).await;
    let heat = written(&t, &clock, &camille, HEAT, true).await;
    let lead = as_member(&t, &clock, &camille);

    // A new version: its words in, the old ones out.
    let edit = Edit {
        title: IdeaTitle::parse("Géothermie pour les écoles").unwrap(),
        problem: IdeaText::parse_required(HEAT.1).unwrap(),
        proposal: IdeaText::parse_optional("").unwrap(),
        beneficiaries: IdeaText::parse_optional("").unwrap(),
        help_sought: IdeaText::parse_optional("").unwrap(),
        tags: Tags::parse("énergie").unwrap(),
    };
    posting::save(&lead, &key(), heat, 2, edit, false)
        .await
        .unwrap();
    assert!(titles(&t, &clock, &anne, "chaleur").await.is_empty());
    assert_eq!(
        titles(&t, &clock, &anne, "géothermie").await,
        ["Géothermie pour les écoles"]
    );
    assert_eq!(
        titles(&t, &clock, &anne, "energies").await,
        ["Géothermie pour les écoles"]
    );

    // The lessons learned are found with the idea, and listed by outcome.
    triage::set_outcome(
        &lead,
        heat,
        Some(Outcome::Dropped),
        "Le sous-sol est trop argileux".into(),
    )
    .await
    .unwrap();
    let hit = found(&t, &clock, &anne, "argile", None).await;
    assert_eq!(
        hit,
        [(
            "Géothermie pour les écoles".to_owned(),
            "Le sous-sol est trop argileux".to_owned()
        )]
    );
    let dropped = listing::list(
        &as_member(&t, &clock, &anne),
        &IdeaQuery {
            outcome: Some("abandonnee".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(dropped.total, 1);
    assert_eq!(
        dropped.items[0].lessons.as_deref(),
        Some("Le sous-sol est trop argileux")
    );
    let launched = listing::list(
        &as_member(&t, &clock, &anne),
        &IdeaQuery {
            outcome: Some("lancee".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(launched.total, 0);

    // A contribution edited while silent, then withdrawn.
    let round = open_for_a_week(&t, &clock, &camille, heat, &[LEGAL]).await;
    clock.advance(Duration::hours(1));
    let mine_id = post(
        &t,
        &clock,
        &anne,
        round,
        mine(LEGAL, "Un forage demande une autorisation"),
    )
    .await;
    // Withdrawn before the reveal: never found.
    let withdrawn = post(
        &t,
        &clock,
        &anne,
        round,
        mine(LEGAL, "Une nappe phréatique"),
    )
    .await;
    contributing::withdraw(&as_member(&t, &clock, &anne), withdrawn)
        .await
        .unwrap();
    course::reveal(&lead, round).await.unwrap();
    assert!(titles(&t, &clock, &anne, "nappe").await.is_empty());
    assert_eq!(
        found(&t, &clock, &anne, "forages", Some(SearchKind::Contribution))
            .await
            .len(),
        1
    );
    assert!(found(&t, &clock, &anne, "forages", Some(SearchKind::Idea))
        .await
        .is_empty());

    // Known mines: found by their name once filed, renamed, forgotten.
    let known = curating::file(
        &lead,
        &[mine_id],
        Filing::New(KnownMineName::parse("Autorisation de forage").unwrap()),
    )
    .await
    .unwrap();
    let mines = found(
        &t,
        &clock,
        &anne,
        "autorisations",
        Some(SearchKind::KnownMine),
    )
    .await;
    assert_eq!(
        mines,
        [("Autorisation de forage".to_owned(), String::new())]
    );
    curating::rename(&lead, known, KnownMineName::parse("Code minier").unwrap())
        .await
        .unwrap();
    assert!(found(
        &t,
        &clock,
        &anne,
        "autorisation",
        Some(SearchKind::KnownMine)
    )
    .await
    .is_empty());
    assert_eq!(found(&t, &clock, &anne, "minier", None).await.len(), 1);
    // Its only mine hidden: the name is left to those who curate.
    triage::hide(&lead, mine_id, text("Doublon")).await.unwrap();
    assert!(found(&t, &clock, &anne, "minier", None).await.is_empty());
    assert_eq!(found(&t, &clock, &camille, "minier", None).await.len(), 1);
    curating::forget(&lead, known).await.unwrap();
    assert!(found(&t, &clock, &anne, "minier", None).await.is_empty());
});

db_test!(
    the_idea_list_finds_other_forms_and_parts_of_words,
    |t: TestDb| async move {
        let clock = clock();
        let camille = admin_of(&t, &clock).await;
        written(&t, &clock, &camille, HEAT, true).await;
        written(&t, &clock, &camille, DATA, true).await;
        for q in ["réseaux", "rés", "RESEAU écoles"] {
            let list = listing::list(
                &as_member(&t, &clock, &camille),
                &IdeaQuery {
                    q: Some(q.into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            let got: Vec<&str> = list.items.iter().map(|i| i.title.as_str()).collect();
            assert_eq!(got, [HEAT.0], "{q}");
        }
    }
);

db_test!(
    an_upgraded_instance_indexes_what_it_already_held,
    |t: TestDb| async move {
        use app::backend::entities::{search_index_state, search_term};
        use sea_orm::{ActiveValue::Set, EntityTrait};
        let clock = clock();
        let camille = admin_of(&t, &clock).await;
        written(&t, &clock, &camille, HEAT, true).await;
        // As before this version: no index, its state at 0.
        search_term::Entity::delete_many()
            .exec(&t.db)
            .await
            .unwrap();
        search_index_state::Entity::update(search_index_state::ActiveModel {
            id: Set(1),
            version: Set(0),
        })
        .exec(&t.db)
        .await
        .unwrap();
        assert!(titles(&t, &clock, &camille, "chaleur").await.is_empty());
        // The next start fills it, once.
        app::backend::db::migrate(&t.db).await.unwrap();
        assert_eq!(titles(&t, &clock, &camille, "chaleur").await, [HEAT.0]);
        assert_eq!(indexing::rebuild_if_stale(&t.db).await.unwrap(), None);
    }
);
