#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should stop loudly
//! The rules the product promises, each proven on SQLite and PostgreSQL:
//! silent writing until the round is revealed on every view, cancelling and
//! ending reveal nothing, a role card never counts, workarounds stay linked
//! to their mines, live views hear of changes made online, stored stages
//! never lag, deadlines are acted on once, people are told what happened,
//! and what is spent is cleaned up.
mod common;

use app::backend::clock::{Clock, ManualClock};
use app::backend::ctx::{Ctx, DEFAULT_SITE};
use app::backend::entities::{idea, idempotency_key, session, throttle};
use app::backend::housekeeping;
use app::backend::ideas::listing;
use app::backend::notifications;
use app::backend::rounds::contributing;
use app::backend::rounds::course;
use app::backend::rounds::deadlines;
use app::backend::rounds::fiche;
use app::backend::rounds::opening;
use app::backend::rounds::reading as round_reading;
use app::backend::rounds::triage;
use app::backend::testing::TestDb;
use app::backend::workshops::access::Caller;
use app::backend::workshops::joining::{join, Joiner};
use app::backend::workshops::{events, reading, room, running};
use app::db_test;
use app::domain::accounts::CurrentUser;
use app::domain::idea_views::IdeaQuery;
use app::domain::maturity::Stage;
use app::domain::maturity_rule::Criterion;
use app::domain::round_inputs::{DefusedBy, Draft, RoundOpening, Triage};
use app::domain::round_views::{NotificationKind, RoundsPanel};
use app::domain::rounds::{ContributionKind, FocusQuestion, RoundMode, TriageKind};
use app::domain::workshops::Phase;
use app::error::AppError;
use chrono::Duration;
use common::as_member;
use common::workshop::at_console;
use common::workshop::{mine, post_mine, workshop, ROOM_IP};
use common::{admin_of, clock, colleague, idea, key, text};
use sea_orm::{ActiveValue::Set, EntityTrait};

const LEGAL: i64 = 1;
const FINANCE: i64 = 2;

fn in_a_week(clock: &ManualClock) -> RoundOpening {
    RoundOpening {
        focus: FocusQuestion::parse("Qu’est-ce qui peut coincer ?").unwrap(),
        mode: RoundMode::Async,
        deadline: Some(clock.now() + Duration::days(7)),
        domains: vec![LEGAL],
        names: Vec::new(),
    }
}

fn all_clear(domain: i64) -> Draft {
    Draft {
        kind: ContributionKind::AllClear,
        domain_id: Some(domain),
        severity: None,
        body: String::new(),
        link: None,
        answers: None,
    }
}

fn workaround(body: &str, answers: Option<i64>) -> Draft {
    Draft {
        kind: ContributionKind::Workaround,
        domain_id: None,
        severity: None,
        body: body.to_owned(),
        link: None,
        answers,
    }
}

async fn panel(t: &TestDb, clock: &ManualClock, who: &CurrentUser, idea_id: i64) -> RoundsPanel {
    round_reading::panel(&as_member(t, clock, who), idea_id, None)
        .await
        .unwrap()
}

fn texts(p: &RoundsPanel) -> Vec<String> {
    p.rounds
        .iter()
        .flat_map(|r| r.contributions.iter().map(|c| c.text.clone()))
        .collect()
}

/// Everything a second participant can read of the round, as one text.
async fn all_seen_by(
    t: &TestDb,
    clock: &ManualClock,
    who: &CurrentUser,
    idea_id: i64,
    contributions: &[i64],
) -> String {
    let ctx = as_member(t, clock, who);
    let mut seen = format!("{:?}", texts(&panel(t, clock, who, idea_id).await));
    seen.push_str(&format!("{:?}", fiche::build(&ctx, idea_id).await.unwrap()));
    seen.push_str(&format!("{:?}", notifications::list(&ctx).await.unwrap()));
    for id in contributions {
        match app::backend::rounds::contribution_page::contribution_page(&ctx, *id)
            .await
            .map_err(AppError::from)
        {
            Ok(page) => seen.push_str(&format!("{page:?}")),
            Err(AppError::NotFound) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    seen
}

async fn round_id_of(t: &TestDb, clock: &ManualClock, who: &CurrentUser, idea_id: i64) -> i64 {
    panel(t, clock, who, idea_id).await.rounds[0].info.id
}

/// A workshop ended in `end_in`, before its reveal: nobody else reads any
/// text, on any view.
async fn end_before_the_reveal(t: TestDb, end_in: Phase) {
    let clock = clock();
    let author = admin_of(&t, &clock).await;
    let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
    let second = colleague(&t, &clock, &author, "Paul Second", &[FINANCE]).await;
    let (idea_id, id, code) = workshop(&t, &clock, &author, vec![LEGAL]).await;
    for who in [&jurist, &second] {
        join(
            &Ctx::new(&t.db, &clock),
            ROOM_IP,
            &code,
            Joiner::Member(who.clone()),
        )
        .await
        .unwrap();
    }
    let round_id = round_id_of(&t, &clock, &author, idea_id).await;
    // Written online before the workshop's end…
    let online = contributing::contribute(
        &as_member(&t, &clock, &jurist),
        &key(),
        round_id,
        mine(LEGAL, "Secret en ligne"),
    )
    .await
    .unwrap();
    let mut written = vec![online];
    if end_in == Phase::Writing {
        running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
            .await
            .unwrap();
        // …and from a phone.
        let phone_post = post_mine(
            &t,
            &clock,
            &Caller::Member(jurist.clone()),
            &key(),
            id,
            Phase::Writing,
            "Secret au téléphone",
        )
        .await
        .unwrap();
        written.push(phone_post);
    }
    running::end(&at_console(&t, &clock, &author), id)
        .await
        .unwrap();

    let phone = reading::phone(
        &Ctx::new(&t.db, &clock).acting_as(Caller::clone(&Caller::Member(second.clone()))),
        id,
    )
    .await
    .unwrap_or_else(|e| panic!("{end_in:?}: {e:?}"));
    assert!(
        phone.mines.is_empty() && phone.mine.is_empty(),
        "{end_in:?}"
    );
    assert!(!phone.header.revealed);
    let board = reading::board(&as_member(&t, &clock, &author), "http://x", id)
        .await
        .unwrap();
    assert!(
        board.groups.is_empty(),
        "{end_in:?}: the board shows nothing"
    );
    let console = reading::console(&at_console(&t, &clock, &author), id)
        .await
        .unwrap();
    assert!(console.groups.is_empty(), "{end_in:?}: nor the console");
    let seen = all_seen_by(&t, &clock, &second, idea_id, &written).await;
    assert!(!seen.contains("Secret"), "{end_in:?}: {seen}");
    assert!(
        !seen.contains("RoundRevealed"),
        "{end_in:?}: nobody is told of a reveal"
    );
    // The author (facilitator) sees no text either.
    let seen = all_seen_by(&t, &clock, &author, idea_id, &written).await;
    assert!(!seen.contains("Secret"), "{end_in:?}: {seen}");
    // The event stream never says « reveal ».
    let kinds: Vec<String> = events::since(&t.db, id, 0, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind.as_str().to_owned())
        .collect();
    assert!(!kinds.iter().any(|k| k == "reveal"), "{kinds:?}");
    // Searching for the text finds nothing.
    let query = IdeaQuery {
        q: Some("Secret".into()),
        ..Default::default()
    };
    assert!(listing::list(&as_member(&t, &clock, &second), &query)
        .await
        .unwrap()
        .items
        .is_empty());
    // Its writer still reads her own.
    assert!(texts(&panel(&t, &clock, &jurist, idea_id).await)
        .iter()
        .any(|t| t.contains("Secret")));
}

db_test!(
    a_workshop_ended_in_its_pitch_shows_nobody_else_s_text,
    |t: TestDb| async move { end_before_the_reveal(t, Phase::Pitch).await }
);

db_test!(
    a_workshop_ended_in_silent_writing_shows_nobody_else_s_text,
    |t: TestDb| async move { end_before_the_reveal(t, Phase::Writing).await }
);

db_test!(
    cancelling_a_round_reveals_nothing_even_after_its_deadline,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let second = colleague(&t, &clock, &author, "Paul Second", &[FINANCE]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock),
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        let written = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Secret annulé"),
        )
        .await
        .unwrap();
        course::cancel(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        for when in ["at once", "after the deadline"] {
            let seen = all_seen_by(&t, &clock, &second, idea_id, &[written]).await;
            assert!(!seen.contains("Secret"), "{when}: {seen}");
            let seen = all_seen_by(&t, &clock, &author, idea_id, &[written]).await;
            assert!(!seen.contains("Secret"), "{when}: {seen}");
            clock.advance(Duration::days(8));
            assert_eq!(
                deadlines::reveal_due(&t.db, DEFAULT_SITE, clock.now())
                    .await
                    .unwrap(),
                0
            );
        }
    }
);

db_test!(
    a_round_revealed_before_its_cancelling_stays_revealed,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock),
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Vue"),
        )
        .await
        .unwrap();
        clock.advance(Duration::days(8));
        course::cancel(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        clock.advance(Duration::days(1));
        assert_eq!(texts(&panel(&t, &clock, &author, idea_id).await), ["Vue"]);
    }
);

db_test!(
    a_post_under_a_role_card_never_counts_even_edited_online,
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
        // The only card is the domain she holds.
        room::deal(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        running::advance(&at_console(&t, &clock, &author), id, Phase::Pitch, None)
            .await
            .unwrap();
        let posted = post_mine(
            &t,
            &clock,
            &Caller::Member(jurist.clone()),
            &key(),
            id,
            Phase::Writing,
            "Sous casquette",
        )
        .await
        .unwrap();
        // Edited online, in the same domain, then in another one and back.
        for domain in [LEGAL, FINANCE, LEGAL] {
            contributing::edit(
                &as_member(&t, &clock, &jurist),
                posted,
                mine(domain, "Réécrite"),
            )
            .await
            .unwrap();
        }
        running::advance(&at_console(&t, &clock, &author), id, Phase::Writing, None)
            .await
            .unwrap();
        let seen = panel(&t, &clock, &author, idea_id).await;
        let legal = seen.coverage.iter().find(|c| c.domain.id == LEGAL).unwrap();
        assert!(legal.role_played, "{legal:?}");
        assert!(
            !legal.counts,
            "a role played never covers a domain: {legal:?}"
        );
        assert!(seen
            .maturity
            .missing
            .iter()
            .any(|c| matches!(c, Criterion::DomainsCovered { covered: 0, .. })));
    }
);

db_test!(
    workarounds_stay_linked_to_their_mines_and_anyone_may_propose_one,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let helper = colleague(&t, &clock, &author, "Paul Aidant", &[FINANCE]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock),
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        let the_mine = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Le RGPD"),
        )
        .await
        .unwrap();
        let own_way = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            workaround("Une base légale", Some(the_mine)),
        )
        .await
        .unwrap();
        // The edit form offers the mines she may answer.
        let page = app::backend::rounds::contribution_page::contribution_page(
            &as_member(&t, &clock, &jurist),
            own_way,
        )
        .await
        .unwrap();
        assert_eq!(
            page.mines.iter().map(|m| m.0).collect::<Vec<_>>(),
            [the_mine]
        );
        contributing::edit(
            &as_member(&t, &clock, &jurist),
            own_way,
            workaround("Une base légale solide", Some(the_mine)),
        )
        .await
        .unwrap();
        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        // After the reveal, someone else proposes a way around her mine.
        let proposed_key = key();
        let idea_again = contributing::propose_workaround(
            &as_member(&t, &clock, &helper),
            &proposed_key,
            the_mine,
            text("Un consentement explicite"),
        )
        .await
        .unwrap();
        assert_eq!(idea_again, idea_id);
        // The same request twice proposes once.
        contributing::propose_workaround(
            &as_member(&t, &clock, &helper),
            &proposed_key,
            the_mine,
            text("Un consentement explicite"),
        )
        .await
        .unwrap();
        let seen = panel(&t, &clock, &helper, idea_id).await;
        let by_id = |id: i64| {
            seen.rounds[0]
                .contributions
                .iter()
                .find(|c| c.id == id)
                .cloned()
                .unwrap()
        };
        let mine_view = by_id(the_mine);
        let proposed: Vec<&str> = mine_view
            .answered_by
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            proposed,
            ["Une base légale solide", "Un consentement explicite"]
        );
        let own_view = by_id(own_way);
        assert_eq!(own_view.answers, Some(the_mine), "the edit kept the link");
        assert_eq!(own_view.answers_link.unwrap().text, "Le RGPD");
        let fiche = fiche::build(&as_member(&t, &clock, &helper), idea_id)
            .await
            .unwrap();
        assert_eq!(fiche.mines[0].workarounds.len(), 2);
        assert!(fiche
            .workarounds
            .iter()
            .all(|w| w.answers.as_deref() == Some("Le RGPD")));
        // Not on a workaround, not on a closed round.
        assert!(contributing::propose_workaround(
            &as_member(&t, &clock, &helper),
            &key(),
            own_way,
            text("x")
        )
        .await
        .is_err());
    }
);

db_test!(
    a_triage_keeps_its_reason_names_its_workaround_and_tells_the_writer,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock),
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        let the_mine = contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "Le RGPD"),
        )
        .await
        .unwrap();
        course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .unwrap();
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            the_mine,
            Triage::Defused(
                DefusedBy::New(text("Une analyse d’impact")),
                Some(text("Le DPO l’a validée")),
            ),
        )
        .await
        .unwrap();
        let seen = panel(&t, &clock, &jurist, idea_id).await;
        let triaged = seen.rounds[0]
            .contributions
            .iter()
            .find(|c| c.id == the_mine)
            .and_then(|c| c.triage.clone())
            .unwrap();
        assert_eq!(triaged.note, "Le DPO l’a validée");
        assert_eq!(
            triaged.workaround_text.as_deref(),
            Some("Une analyse d’impact")
        );
        // Named once: by the triage, not again among those proposed.
        let mine_view = seen.rounds[0]
            .contributions
            .iter()
            .find(|c| c.id == the_mine)
            .unwrap();
        assert!(mine_view.answered_by.is_empty(), "{mine_view:?}");
        let told = notifications::list(&as_member(&t, &clock, &jurist))
            .await
            .unwrap();
        let item = told
            .items
            .iter()
            .find(|n| n.kind == NotificationKind::MineTriaged)
            .expect("the writer is told");
        assert_eq!(item.contribution_id, Some(the_mine));
        assert_eq!(item.triage, Some(TriageKind::Defused));
        // The author, who triaged, is not told of their own act.
        assert!(!notifications::list(&as_member(&t, &clock, &author))
            .await
            .unwrap()
            .items
            .iter()
            .any(|n| n.kind == NotificationKind::MineTriaged));
        let fiche = fiche::build(&as_member(&t, &clock, &jurist), idea_id)
            .await
            .unwrap();
        let shown = fiche.mines[0].triage.clone().unwrap();
        assert_eq!(
            shown.workaround_text.as_deref(),
            Some("Une analyse d’impact")
        );
        assert!(fiche.mines[0].workarounds.is_empty(), "once in the fiche");
        let md = app::rounds::fiche_markdown::to_markdown(&fiche, app::i18n::Locale::Fr);
        assert_eq!(md.matches("Une analyse d’impact").count(), 2, "{md}");
    }
);

db_test!(
    calling_a_domain_says_how_many_were_asked,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        colleague(&t, &clock, &author, "Jean Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        let mut round = in_a_week(&clock);
        round.domains = Vec::new();
        opening::open(&as_member(&t, &clock, &author), &key(), idea_id, round)
            .await
            .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        let asked = opening::call_domain(&as_member(&t, &clock, &author), round_id, LEGAL)
            .await
            .unwrap();
        assert_eq!(asked, 2);
        // Nobody holds finance: zero, said plainly by the page.
        let asked = opening::call_domain(&as_member(&t, &clock, &author), round_id, FINANCE)
            .await
            .unwrap();
        assert_eq!(asked, 0);
        let seen = panel(&t, &clock, &author, idea_id).await;
        let finance = seen
            .coverage
            .iter()
            .find(|c| c.domain.id == FINANCE)
            .unwrap();
        assert!(finance.called, "a called domain is marked, even silent");
        let other = seen.coverage.iter().find(|c| c.domain.id == 3).unwrap();
        assert!(!other.called);
    }
);

db_test!(
    live_views_hear_of_triage_hiding_and_reveal_made_online,
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
        let posted = post_mine(
            &t,
            &clock,
            &Caller::Member(jurist.clone()),
            &key(),
            id,
            Phase::Writing,
            "Le RGPD",
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        let last = |t: &TestDb| {
            let db = t.db.clone();
            async move {
                let all = events::since(&db, id, 0, 1000).await.unwrap();
                all.last()
                    .map(|e| (e.seq, e.kind.as_str().to_owned(), e.subject))
                    .unwrap()
            }
        };
        let before = last(&t).await.0;
        // Online, the reveal is refused while the room writes (issue 14):
        // nothing happens, nothing is told.
        assert!(course::reveal(&as_member(&t, &clock, &author), round_id)
            .await
            .is_err());
        assert_eq!(last(&t).await.0, before);
        running::advance(&at_console(&t, &clock, &author), id, Phase::Writing, None)
            .await
            .unwrap();
        let (seq, kind, _) = last(&t).await;
        assert!(seq > before);
        assert_eq!(kind, "phase");
        let console = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(console.untriaged, 1);
        triage::triage(
            &as_member(&t, &clock, &author),
            &key(),
            posted,
            Triage::Accepted {
                why: text("Assumé"),
            },
        )
        .await
        .unwrap();
        assert_eq!(last(&t).await.1, "triage");
        let console = reading::console(&at_console(&t, &clock, &author), id)
            .await
            .unwrap();
        assert_eq!(console.untriaged, 0, "« mines encore à traiter » moved");
        triage::hide(&as_member(&t, &clock, &author), posted, text("Hors sujet"))
            .await
            .unwrap();
        let (_, kind, subject) = last(&t).await;
        assert_eq!((kind.as_str(), subject), ("hide", Some(posted)));
    }
);

/// The stage and score the idea list filters on, as stored.
async fn stored(t: &TestDb, idea_id: i64) -> (String, i32) {
    let row = idea::Entity::find_by_id(idea_id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    (row.stage.as_str().to_owned(), row.score)
}

db_test!(
    stored_stages_follow_deadlines_and_a_new_n,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock),
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            all_clear(LEGAL),
        )
        .await
        .unwrap();
        let before = stored(&t, idea_id).await;
        clock.advance(Duration::days(8));
        // The deadline job (or the list, which runs it first) acts on it.
        assert_eq!(
            deadlines::reveal_due(&t.db, DEFAULT_SITE, clock.now())
                .await
                .unwrap(),
            1
        );
        let after = stored(&t, idea_id).await;
        assert_ne!(before, after, "the reveal covered a domain");
        let page = panel(&t, &clock, &author, idea_id).await.maturity;
        assert_eq!(
            after,
            (page.stage.as_str().to_owned(), i32::from(page.score))
        );

        // Closing the round makes it a sketch with N = 4; N = 1 makes it
        // démined at once, in the list too.
        triage::close(
            &as_member(&t, &clock, &author),
            round_id,
            text("Bilan"),
            String::new(),
        )
        .await
        .unwrap();
        let sketch = panel(&t, &clock, &author, idea_id).await.maturity.stage;
        let settings = app::backend::organisations::settings(&as_member(&t, &clock, &author))
            .await
            .unwrap();
        app::backend::organisations::update(
            &as_member(&t, &clock, &author),
            app::domain::accounts::OrganisationName::parse(&settings.name).unwrap(),
            app::domain::organisation::EmailDomains::parse("").unwrap(),
            1,
        )
        .await
        .unwrap();
        // The list first, straight from the stored row: no page has
        // refreshed it (the idea page would).
        let query = IdeaQuery {
            stage: Some(Stage::Demined.slug().to_owned()),
            ..Default::default()
        };
        let listed = listing::list(&as_member(&t, &clock, &author), &query)
            .await
            .unwrap();
        assert_eq!(
            listed.items.iter().map(|i| i.id).collect::<Vec<_>>(),
            [idea_id]
        );
        let page = panel(&t, &clock, &author, idea_id).await.maturity;
        assert_ne!(page.stage, sketch, "N changed the stage");
        assert_eq!(page.stage, Stage::Demined);
    }
);

db_test!(
    a_deadline_is_acted_on_once_whoever_runs_it,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let jurist = colleague(&t, &clock, &author, "Anne Juriste", &[LEGAL]).await;
        let idea_id = idea(&t, &clock, &author).await;
        opening::open(
            &as_member(&t, &clock, &author),
            &key(),
            idea_id,
            in_a_week(&clock),
        )
        .await
        .unwrap();
        let round_id = round_id_of(&t, &clock, &author, idea_id).await;
        contributing::contribute(
            &as_member(&t, &clock, &jurist),
            &key(),
            round_id,
            mine(LEGAL, "x"),
        )
        .await
        .unwrap();
        assert_eq!(
            deadlines::reveal_due(&t.db, DEFAULT_SITE, clock.now())
                .await
                .unwrap(),
            0
        );
        // No instance ran at the deadline; two run together a day later.
        clock.advance(Duration::days(8));
        let now = clock.now();
        let (a, b) = tokio::join!(
            housekeeping::run_once(&t.db, DEFAULT_SITE, now),
            housekeeping::run_once(&t.db, DEFAULT_SITE, now)
        );
        assert_eq!(a.unwrap().revealed + b.unwrap().revealed, 1);
        assert_eq!(
            deadlines::reveal_due(&t.db, DEFAULT_SITE, now)
                .await
                .unwrap(),
            0
        );
        // The author is told of the mine to answer, the jurist of the reveal.
        for (person, told) in [
            (&author, NotificationKind::MinesToAnswer),
            (&jurist, NotificationKind::RoundRevealed),
        ] {
            let revealed = notifications::list(&as_member(&t, &clock, person))
                .await
                .unwrap()
                .items
                .into_iter()
                .filter(|n| n.kind == told)
                .count();
            assert_eq!(revealed, 1, "{}", person.display_name);
        }
        let info = panel(&t, &clock, &author, idea_id).await.rounds[0]
            .info
            .clone();
        assert!(info.revealed);
    }
);

db_test!(
    housekeeping_deletes_what_is_spent_and_keeps_the_rest,
    |t: TestDb| async move {
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let now = clock.now();
        let old = now - Duration::days(3);
        idempotency_key::Entity::insert(idempotency_key::ActiveModel {
            scope: Set("user:1".into()),
            request_key: Set("old-key-0000000000000000".into()),
            response: Set("{}".into()),
            created_at: Set(old),
        })
        .exec_without_returning(&t.db)
        .await
        .unwrap();
        throttle::Entity::insert(throttle::ActiveModel {
            key: Set("ip:203.0.113.9".into()),
            window_start: Set(old.timestamp()),
            attempts: Set(3),
            failures: Set(0),
            next_at: Set(0),
            touched_at: Set(old.timestamp()),
        })
        .exec_without_returning(&t.db)
        .await
        .unwrap();
        session::Entity::insert(session::ActiveModel {
            token_hash: Set("expired-session-hash".into()),
            user_id: Set(author.id),
            created_at: Set(old),
            expires_at: Set(old + Duration::hours(1)),
            revoked_at: Set(None),
        })
        .exec_without_returning(&t.db)
        .await
        .unwrap();
        let sessions_before = session::Entity::find().all(&t.db).await.unwrap().len();
        let deleted = housekeeping::clean_up(&t.db, now).await.unwrap();
        assert_eq!(deleted, 3);
        assert!(idempotency_key::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .is_empty());
        assert!(throttle::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            session::Entity::find().all(&t.db).await.unwrap().len(),
            sessions_before - 1,
            "the live session stays"
        );
        assert_eq!(housekeeping::clean_up(&t.db, now).await.unwrap(), 0);
    }
);

db_test!(
    an_email_domain_belongs_to_one_organisation_in_the_schema,
    |t: TestDb| async move {
        use app::backend::entities::organisation_email_domain as domain;
        let clock = clock();
        let author = admin_of(&t, &clock).await;
        let settings = app::backend::organisations::settings(&as_member(&t, &clock, &author))
            .await
            .unwrap();
        app::backend::organisations::update(
            &as_member(&t, &clock, &author),
            app::domain::accounts::OrganisationName::parse(&settings.name).unwrap(),
            app::domain::organisation::EmailDomains::parse("lille.fr").unwrap(),
            4,
        )
        .await
        .unwrap();
        assert_eq!(
            app::backend::organisations::accepting(&t.db, "lille.fr")
                .await
                .unwrap(),
            Some(author.organisation_id)
        );
        // Written past the code's check, the database itself refuses.
        let other = app::backend::organisations::create(
            &t.db,
            &clock,
            app::backend::organisations::NewOrganisation {
                organisation: app::domain::accounts::OrganisationName::parse("Roubaix").unwrap(),
                display_name: app::domain::accounts::DisplayName::parse("Rémi").unwrap(),
                email: app::domain::accounts::Email::parse("remi@roubaix.fr").unwrap(),
                password: app::domain::accounts::NewPassword::parse("une phrase solide ici")
                    .unwrap(),
            },
        )
        .await
        .unwrap();
        let twice = domain::Entity::insert(domain::ActiveModel {
            domain: Set("lille.fr".into()),
            organisation_id: Set(other),
        })
        .exec_without_returning(&t.db)
        .await;
        assert!(twice.is_err(), "{twice:?}");
    }
);

#[tokio::test]
async fn sqlite_acknowledges_a_commit_only_once_it_is_on_disk() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let t = TestDb::sqlite().await;
    let row =
        t.db.query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA synchronous",
        ))
        .await
        .unwrap()
        .unwrap();
    let level: i32 = row.try_get_by_index(0).unwrap();
    assert_eq!(level, 2, "synchronous = FULL");
}
