#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! Ideas on SQLite and PostgreSQL: drafts and publication, versions and
//! their comparison, concurrent edits, co-authors, the list and its search.
mod common;

use app::backend::clock::ManualClock;
use app::backend::ideas::error::IdeaError;
use app::backend::ideas::posting::{self, Edit, NewIdea};
use app::backend::ideas::{coauthors, listing, reading};
use app::backend::idempotency::IdempotencyKey;
use app::backend::testing::TestDb;
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::idea_views::{DiffKind, IdeaQuery};
use app::domain::ideas::{IdeaStatus, IdeaText, IdeaTitle, Tags};
use app::i18n::Key;
use chrono::Duration;
use common::{admin_of, as_member, clock, invited_member, signed_in};

fn key() -> IdempotencyKey {
    IdempotencyKey::parse(&uuid::Uuid::new_v4().to_string()).unwrap()
}

fn new_idea(title: &str, problem: &str) -> NewIdea {
    NewIdea {
        title: IdeaTitle::parse(title).unwrap(),
        problem: IdeaText::parse_required(problem).unwrap(),
    }
}

fn edit(title: &str, problem: &str, proposal: &str, tags: &str) -> Edit {
    Edit {
        title: IdeaTitle::parse(title).unwrap(),
        problem: IdeaText::parse_required(problem).unwrap(),
        proposal: IdeaText::parse_optional(proposal).unwrap(),
        beneficiaries: IdeaText::parse_optional("Les agents").unwrap(),
        help_sought: IdeaText::parse_optional("").unwrap(),
        tags: Tags::parse(tags).unwrap(),
    }
}

/// The first administrator and a member of the same organisation.
async fn two_colleagues(t: &TestDb, clock: &ManualClock) -> (CurrentUser, CurrentUser) {
    let admin = admin_of(t, clock).await;
    let (member_id, _) = invited_member(t, clock, &admin).await;
    (admin.clone(), signed_in(t, clock, member_id).await)
}

/// Posts and publishes an idea; returns its id.
async fn published(
    t: &TestDb,
    clock: &ManualClock,
    by: &CurrentUser,
    title: &str,
    problem: &str,
    tags: &str,
) -> i64 {
    let id = posting::create_draft(&as_member(t, clock, by), &key(), new_idea(title, problem))
        .await
        .unwrap();
    posting::save(
        &as_member(t, clock, by),
        &key(),
        id,
        1,
        edit(title, problem, "Une piste", tags),
        true,
    )
    .await
    .unwrap();
    id
}

fn query(q: &str) -> IdeaQuery {
    IdeaQuery {
        q: Some(q.to_owned()),
        ..Default::default()
    }
}

db_test!(
    a_draft_is_its_authors_until_published_and_one_key_makes_one_idea,
    |t: TestDb| async move {
        let clock = clock();
        let (author, reader) = two_colleagues(&t, &clock).await;
        let same = key();
        let first = posting::create_draft(
            &as_member(&t, &clock, &author),
            &same,
            new_idea("Vélos", "Trop de voitures"),
        )
        .await
        .unwrap();
        let again = posting::create_draft(
            &as_member(&t, &clock, &author),
            &same,
            new_idea("Vélos", "Trop de voitures"),
        )
        .await
        .unwrap();
        assert_eq!(first, again, "the same key makes one draft");
        let other = posting::create_draft(
            &as_member(&t, &clock, &author),
            &key(),
            new_idea("Vélos", "Trop de voitures"),
        )
        .await
        .unwrap();
        assert_ne!(first, other, "another key makes another draft");

        assert!(matches!(
            reading::view(&as_member(&t, &clock, &reader), first).await,
            Err(IdeaError::NotFound)
        ));
        let list = listing::list(&as_member(&t, &clock, &author), &IdeaQuery::default())
            .await
            .unwrap();
        assert_eq!(list.total, 0);
        assert_eq!(list.drafts.len(), 2);

        let saved = posting::save(
            &as_member(&t, &clock, &author),
            &key(),
            first,
            1,
            edit(
                "Vélos de service",
                "Trop de voitures",
                "Des vélos partagés",
                "mobilité",
            ),
            true,
        )
        .await
        .unwrap();
        assert_eq!((saved.version, saved.published), (1, true));
        let seen = reading::view(&as_member(&t, &clock, &reader), first)
            .await
            .unwrap();
        assert_eq!(seen.status, IdeaStatus::Published);
        assert_eq!(seen.content.proposal, "Des vélos partagés");
        assert!(!seen.can_edit);
        assert_eq!(seen.versions.len(), 1);
        let list = listing::list(&as_member(&t, &clock, &reader), &IdeaQuery::default())
            .await
            .unwrap();
        assert_eq!(list.total, 1);
        assert!(list.drafts.is_empty());
        assert_eq!(list.items[0].tags, ["mobilité"]);
    }
);

db_test!(
    each_substantive_edit_makes_a_version_that_can_be_compared,
    |t: TestDb| async move {
        let clock = clock();
        let (author, reader) = two_colleagues(&t, &clock).await;
        let id = published(&t, &clock, &author, "Vélos", "Trop de voitures", "").await;
        let revision = reading::view(&as_member(&t, &clock, &author), id)
            .await
            .unwrap()
            .revision;
        // Nothing changed: no new version.
        let same = posting::save(
            &as_member(&t, &clock, &author),
            &key(),
            id,
            revision,
            edit("Vélos", "Trop de voitures", "Une piste", ""),
            false,
        )
        .await
        .unwrap();
        assert_eq!(same.version, 1);
        clock.advance(Duration::days(1));
        let changed = posting::save(
            &as_member(&t, &clock, &author),
            &key(),
            id,
            revision,
            edit("Vélos", "Trop de voitures en ville", "Une piste", "vélo"),
            false,
        )
        .await
        .unwrap();
        assert_eq!(changed.version, 2);
        let view = reading::view(&as_member(&t, &clock, &reader), id)
            .await
            .unwrap();
        assert_eq!(view.version, 2);
        assert_eq!(
            view.versions.iter().map(|v| v.number).collect::<Vec<_>>(),
            [2, 1]
        );
        assert_eq!(view.versions[0].date, "30/11/2026");

        let compared = reading::compare(&as_member(&t, &clock, &reader), id, 1, 2)
            .await
            .unwrap();
        let problem = compared
            .fields
            .iter()
            .find(|f| f.label == Key::IdeaFieldProblem)
            .unwrap();
        assert!(problem.changed);
        assert!(problem
            .parts
            .iter()
            .any(|p| p.kind == DiffKind::Added && p.text.contains("en ville")));
        let title = compared
            .fields
            .iter()
            .find(|f| f.label == Key::IdeaFieldTitle)
            .unwrap();
        assert!(!title.changed);
        assert!(matches!(
            reading::compare(&as_member(&t, &clock, &reader), id, 1, 9).await,
            Err(IdeaError::NotFound)
        ));
    }
);

db_test!(
    a_second_edit_from_the_same_revision_is_refused_not_merged,
    |t: TestDb| async move {
        let clock = clock();
        let (author, colleague) = two_colleagues(&t, &clock).await;
        let id = published(&t, &clock, &author, "Vélos", "Trop de voitures", "").await;
        coauthors::invite(&as_member(&t, &clock, &author), id, colleague.id)
            .await
            .unwrap();
        coauthors::respond(&as_member(&t, &clock, &colleague), id, true)
            .await
            .unwrap();
        let base = reading::view(&as_member(&t, &clock, &author), id)
            .await
            .unwrap()
            .revision;
        let (key_a, key_b) = (key(), key());
        let (as_author, as_colleague) = (
            as_member(&t, &clock, &author),
            as_member(&t, &clock, &colleague),
        );
        let (a, b) = tokio::join!(
            posting::save(
                &as_author,
                &key_a,
                id,
                base,
                edit("Vélos", "Texte de l’autrice", "", ""),
                false
            ),
            posting::save(
                &as_colleague,
                &key_b,
                id,
                base,
                edit("Vélos", "Texte du co-auteur", "", ""),
                false
            ),
        );
        let refused = [&a, &b]
            .iter()
            .filter(|r| matches!(r, Err(IdeaError::Stale)))
            .count();
        assert_eq!(refused, 1, "{a:?} {b:?}");
        let kept = if a.is_ok() {
            "Texte de l’autrice"
        } else {
            "Texte du co-auteur"
        };
        let view = reading::view(&as_member(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(view.content.problem, kept);
        assert_eq!(view.version, 2);
    }
);

db_test!(
    co_authors_are_invited_accept_and_edit_and_others_only_read,
    |t: TestDb| async move {
        let clock = clock();
        let (author, colleague) = two_colleagues(&t, &clock).await;
        let draft = posting::create_draft(
            &as_member(&t, &clock, &author),
            &key(),
            new_idea("Vélos", "Constat"),
        )
        .await
        .unwrap();
        // Not invited: cannot see the draft, cannot edit.
        assert!(matches!(
            reading::view(&as_member(&t, &clock, &colleague), draft).await,
            Err(IdeaError::NotFound)
        ));
        let candidates = reading::view(&as_member(&t, &clock, &author), draft)
            .await
            .unwrap()
            .candidates;
        assert!(candidates.iter().any(|c| c.id == colleague.id));
        coauthors::invite(&as_member(&t, &clock, &author), draft, colleague.id)
            .await
            .unwrap();
        let twice = coauthors::invite(&as_member(&t, &clock, &author), draft, colleague.id).await;
        assert!(
            matches!(twice, Err(IdeaError::AlreadyCoauthor)),
            "{twice:?}"
        );
        let invited = reading::view(&as_member(&t, &clock, &colleague), draft)
            .await
            .unwrap();
        assert!(invited.invites_viewer && !invited.can_edit);
        let list = listing::list(&as_member(&t, &clock, &colleague), &IdeaQuery::default())
            .await
            .unwrap();
        assert_eq!(list.invitations.len(), 1);
        assert!(matches!(
            posting::save(
                &as_member(&t, &clock, &colleague),
                &key(),
                draft,
                1,
                edit("X", "Y", "", ""),
                false
            )
            .await,
            Err(IdeaError::Forbidden)
        ));
        coauthors::respond(&as_member(&t, &clock, &colleague), draft, true)
            .await
            .unwrap();
        let saved = posting::save(
            &as_member(&t, &clock, &colleague),
            &key(),
            draft,
            1,
            edit("Vélos", "Constat précisé", "", ""),
            false,
        )
        .await
        .unwrap();
        assert_eq!(saved.version, 1, "a draft keeps one version");
        let view = reading::view(&as_member(&t, &clock, &author), draft)
            .await
            .unwrap();
        assert_eq!(
            view.coauthors.iter().map(|c| c.id).collect::<Vec<_>>(),
            [colleague.id]
        );
        assert_eq!(view.content.problem, "Constat précisé");
        assert!(
            matches!(
                coauthors::respond(&as_member(&t, &clock, &colleague), draft, true).await,
                Err(IdeaError::Forbidden)
            ),
            "answered already"
        );
    }
);

db_test!(
    nothing_crosses_to_another_organisation,
    |t: TestDb| async move {
        let clock = clock();
        let (author, _) = two_colleagues(&t, &clock).await;
        let outsider_id = app::backend::organisations::create(
            &t.db,
            &clock,
            app::backend::organisations::NewOrganisation {
                organisation: app::domain::accounts::OrganisationName::parse("Autre").unwrap(),
                display_name: app::domain::accounts::DisplayName::parse("Alex").unwrap(),
                email: app::domain::accounts::Email::parse("alex@autre.fr").unwrap(),
                password: app::domain::accounts::NewPassword::parse("une phrase solide").unwrap(),
            },
        )
        .await
        .unwrap();
        let outsider = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let admin = app::backend::entities::user::Entity::find()
                .filter(app::backend::entities::user::Column::OrganisationId.eq(outsider_id))
                .one(&t.db)
                .await
                .unwrap()
                .unwrap();
            signed_in(&t, &clock, admin.id).await
        };
        let id = published(
            &t,
            &clock,
            &author,
            "Réseau de chaleur",
            "Constat",
            "énergie",
        )
        .await;
        assert!(matches!(
            reading::view(&as_member(&t, &clock, &outsider), id).await,
            Err(IdeaError::NotFound)
        ));
        assert_eq!(
            listing::list(&as_member(&t, &clock, &outsider), &IdeaQuery::default())
                .await
                .unwrap()
                .total,
            0
        );
        assert!(
            listing::list(&as_member(&t, &clock, &outsider), &IdeaQuery::default())
                .await
                .unwrap()
                .tags
                .is_empty()
        );
        let invited = coauthors::invite(&as_member(&t, &clock, &author), id, outsider.id).await;
        assert!(
            matches!(invited, Err(IdeaError::NotAColleague)),
            "{invited:?}"
        );
        assert!(matches!(
            posting::save(
                &as_member(&t, &clock, &outsider),
                &key(),
                id,
                2,
                edit("X", "Y", "", ""),
                false
            )
            .await,
            Err(IdeaError::NotFound)
        ));
    }
);

db_test!(
    search_ignores_case_and_accents_and_filters_combine,
    |t: TestDb| async move {
        let clock = clock();
        let (author, colleague) = two_colleagues(&t, &clock).await;
        published(
            &t,
            &clock,
            &author,
            "Réseau de chaleur",
            "Les bâtiments chauffent mal",
            "énergie",
        )
        .await;
        published(
            &t,
            &clock,
            &colleague,
            "Covoiturage",
            "Le RESEAU de bus est saturé",
            "mobilité",
        )
        .await;
        published(
            &t,
            &clock,
            &author,
            "Cœur de ville",
            "Commerces fermés",
            "mobilité, commerce",
        )
        .await;
        let titles = |list: app::domain::idea_views::IdeaList| {
            let mut t: Vec<String> = list.items.into_iter().map(|i| i.title).collect();
            t.sort();
            t
        };
        for q in ["reseau", "RÉSEAU", "Réseau", "réseau"] {
            assert_eq!(
                titles(
                    listing::list(&as_member(&t, &clock, &author), &query(q))
                        .await
                        .unwrap()
                ),
                ["Covoiturage", "Réseau de chaleur"],
                "{q}"
            );
        }
        assert_eq!(
            titles(
                listing::list(&as_member(&t, &clock, &author), &query("coeur"))
                    .await
                    .unwrap()
            ),
            ["Cœur de ville"]
        );
        assert_eq!(
            titles(
                listing::list(&as_member(&t, &clock, &author), &query("reseau bus"))
                    .await
                    .unwrap()
            ),
            ["Covoiturage"]
        );
        assert!(
            listing::list(&as_member(&t, &clock, &author), &query("100%"))
                .await
                .unwrap()
                .items
                .is_empty()
        );
        let by_tag = IdeaQuery {
            tag: Some("mobilité".into()),
            ..Default::default()
        };
        assert_eq!(
            titles(
                listing::list(&as_member(&t, &clock, &author), &by_tag)
                    .await
                    .unwrap()
            ),
            ["Covoiturage", "Cœur de ville"]
        );
        let by_author = IdeaQuery {
            author: Some(colleague.id),
            ..Default::default()
        };
        assert_eq!(
            titles(
                listing::list(&as_member(&t, &clock, &author), &by_author)
                    .await
                    .unwrap()
            ),
            ["Covoiturage"]
        );
        let both = IdeaQuery {
            tag: Some("mobilité".into()),
            author: Some(author.id),
            q: Some("ville".into()),
            page: None,
            stage: None,
            outcome: None,
        };
        assert_eq!(
            titles(
                listing::list(&as_member(&t, &clock, &author), &both)
                    .await
                    .unwrap()
            ),
            ["Cœur de ville"]
        );
        let list = listing::list(&as_member(&t, &clock, &author), &IdeaQuery::default())
            .await
            .unwrap();
        assert_eq!(list.tags, ["commerce", "mobilité", "énergie"]);
        assert_eq!(list.authors.len(), 2);
    }
);

db_test!(
    the_list_pages_by_twenty_newest_change_first,
    |t: TestDb| async move {
        let clock = clock();
        let (author, _) = two_colleagues(&t, &clock).await;
        for n in 1..=25 {
            clock.advance(Duration::minutes(1));
            published(&t, &clock, &author, &format!("Idée {n}"), "Constat", "").await;
        }
        let first = listing::list(&as_member(&t, &clock, &author), &IdeaQuery::default())
            .await
            .unwrap();
        assert_eq!(
            (first.total, first.page, first.page_count, first.items.len()),
            (25, 1, 2, 20)
        );
        assert_eq!(first.items[0].title, "Idée 25");
        let second = IdeaQuery {
            page: Some(2),
            ..Default::default()
        };
        let second = listing::list(&as_member(&t, &clock, &author), &second)
            .await
            .unwrap();
        assert_eq!(second.items.len(), 5);
        assert_eq!(second.items[4].title, "Idée 1");
        let beyond = IdeaQuery {
            page: Some(99),
            ..Default::default()
        };
        assert_eq!(
            listing::list(&as_member(&t, &clock, &author), &beyond)
                .await
                .unwrap()
                .page,
            2
        );
    }
);
