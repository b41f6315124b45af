//! The round part of the idea page and a contribution's page, as the caller
//! may see them: before the reveal, other people's contributions are not
//! read from the database at all.

use super::access::{can_moderate, contribution as readable, RoundScope};
use super::maturity::{coverage, facts, from_facts};
use crate::backend::entities::{
    contribution, dot_vote, endorsement, expertise_domain, idea_version, reply, round,
    round_domain, round_invitee,
};
use crate::backend::error::from_db;
use crate::backend::ideas::access::load;
use crate::backend::ideas::reading::{day, names};
use crate::domain::accounts::CurrentUser;
use crate::domain::idea_views::PersonRef;
use crate::domain::ideas::IdeaStatus;
use crate::domain::paris_time;
use crate::domain::round_views::{
    ContributionPage, ContributionView, DomainRef, Recognition, ReplyView, RoundBlock, RoundInfo,
    RoundsPanel, TimelineEntry, TimelineEvent, TriageView,
};
use crate::domain::rounds::{
    is_revealed, ContributionKind, Outcome, RoundMode, RoundStatus, Severity, TriageKind,
};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Contributions shown per round and page: the page stays light.
pub const ROUND_PAGE: u64 = 10;

/// How many rounds the idea has had.
pub async fn round_count(db: &impl ConnectionTrait, idea_id: i64) -> Result<i32, AppError> {
    Ok(round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .count(db)
        .await
        .map_err(from_db)? as i32)
}

/// Every domain of the organisation, retired ones included (old
/// contributions name them), and those offered now.
async fn domains(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<(HashMap<i64, String>, Vec<DomainRef>), AppError> {
    let rows = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(expertise_domain::Column::Position)
        .order_by_asc(expertise_domain::Column::Id)
        .all(db)
        .await
        .map_err(from_db)?;
    let all = rows.iter().map(|d| (d.id, d.name.clone())).collect();
    let offered = rows
        .into_iter()
        .filter(|d| !d.retired)
        .map(|d| DomainRef {
            id: d.id,
            name: d.name,
        })
        .collect();
    Ok((all, offered))
}

/// Endorsement and reply counts, and which the caller endorsed.
struct Reactions {
    endorsements: HashMap<i64, u32>,
    mine: Vec<i64>,
    replies: HashMap<i64, u32>,
    /// Dots placed in a workshop's vote, kept apart from endorsements.
    dots: HashMap<i64, u32>,
}

async fn reactions(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    ids: &[i64],
) -> Result<Reactions, AppError> {
    let mut out = Reactions {
        endorsements: HashMap::new(),
        mine: Vec::new(),
        replies: HashMap::new(),
        dots: HashMap::new(),
    };
    if ids.is_empty() {
        return Ok(out);
    }
    let endorsed: Vec<(i64, i64)> = endorsement::Entity::find()
        .filter(endorsement::Column::ContributionId.is_in(ids.to_vec()))
        .select_only()
        .column(endorsement::Column::ContributionId)
        .column(endorsement::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .map_err(from_db)?;
    for (c, u) in endorsed {
        *out.endorsements.entry(c).or_default() += 1;
        if u == me.id {
            out.mine.push(c);
        }
    }
    let replied: Vec<i64> = reply::Entity::find()
        .filter(reply::Column::ContributionId.is_in(ids.to_vec()))
        .select_only()
        .column(reply::Column::ContributionId)
        .into_tuple()
        .all(db)
        .await
        .map_err(from_db)?;
    for c in replied {
        *out.replies.entry(c).or_default() += 1;
    }
    let dotted: Vec<(i64, i32)> = dot_vote::Entity::find()
        .filter(dot_vote::Column::ContributionId.is_in(ids.to_vec()))
        .select_only()
        .column(dot_vote::Column::ContributionId)
        .column(dot_vote::Column::Dots)
        .into_tuple()
        .all(db)
        .await
        .map_err(from_db)?;
    for (c, n) in dotted {
        *out.dots.entry(c).or_default() += n.max(0) as u32;
    }
    Ok(out)
}

fn triage_view(c: &contribution::Model) -> Option<TriageView> {
    Some(TriageView {
        kind: TriageKind::parse(c.triage.as_deref()?)?,
        note: c.triage_note.clone().unwrap_or_default(),
        workaround: c.triage_workaround_id,
        workaround_text: None,
        owner: c.triage_owner.clone().unwrap_or_default(),
        due: c
            .triage_due
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    })
}

/// A contribution as shown; a hidden one keeps only its reason.
fn contribution_view(
    c: &contribution::Model,
    round_number: i32,
    // Names by id, and which of them are workshop guests.
    (people, guests): (&HashMap<i64, String>, &std::collections::HashSet<i64>),
    domain_names: &HashMap<i64, String>,
    reactions: &Reactions,
    me: &CurrentUser,
    accepting: bool,
) -> Option<ContributionView> {
    let hidden = c.hidden_reason.clone();
    Some(ContributionView {
        id: c.id,
        round_number,
        kind: ContributionKind::parse(&c.kind)?,
        author: PersonRef {
            id: c.author_id,
            name: people.get(&c.author_id).cloned().unwrap_or_default(),
        },
        domain: c.domain_id.map(|id| DomainRef {
            id,
            name: domain_names.get(&id).cloned().unwrap_or_default(),
        }),
        severity: c.severity.as_deref().and_then(Severity::parse),
        text: if hidden.is_some() {
            String::new()
        } else {
            c.body.clone()
        },
        link: c.link.clone().filter(|_| hidden.is_none()),
        answers: c.answers_id,
        answers_link: None,
        answered_by: Vec::new(),
        holds_domain: c.holds_domain,
        author_guest: guests.contains(&c.author_id),
        under_card: c.under_card,
        late: c.late,
        created: day(c.created_at),
        own: c.author_id == me.id,
        editable: c.author_id == me.id && accepting,
        hidden,
        endorsements: reactions.endorsements.get(&c.id).copied().unwrap_or(0),
        endorsed: reactions.mine.contains(&c.id),
        reply_count: reactions.replies.get(&c.id).copied().unwrap_or(0),
        workshop_dots: reactions.dots.get(&c.id).copied().unwrap_or(0),
        triage: triage_view(c),
    })
}

fn status_of(r: &round::Model) -> RoundStatus {
    RoundStatus::parse(&r.status).unwrap_or(RoundStatus::Closed)
}

/// The panel of the idea page: rounds (the open one first, each with one
/// page of contributions), maturity, coverage. `focus` is the round and
/// page the caller paginated to.
pub async fn panel(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    me: &CurrentUser,
    idea_id: i64,
    focus: Option<(i32, u32)>,
) -> Result<RoundsPanel, AppError> {
    let (found, standing) = load(db, me, idea_id).await?;
    let (rounds, facts) = facts(db, idea_id, now).await?;
    let maturity = from_facts(db, &found, &rounds, &facts).await?;
    if found.stage != maturity.stage.as_str() || found.score != i32::from(maturity.score) {
        // A deadline passed since the last write: keep the list's filter true.
        super::maturity::refresh(db, now, idea_id).await?;
    }
    let (domain_names, offered) = domains(db, found.organisation_id).await?;
    let is_author = standing.can_edit();
    let round_ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
    let wanted: Vec<(i64, i64)> = round_domain::Entity::find()
        .filter(round_domain::Column::RoundId.is_in(round_ids.clone()))
        .select_only()
        .column(round_domain::Column::RoundId)
        .column(round_domain::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .map_err(from_db)?;
    let named: Vec<(i64, i64)> = round_invitee::Entity::find()
        .filter(round_invitee::Column::RoundId.is_in(round_ids))
        .filter(round_invitee::Column::DomainId.is_null())
        .select_only()
        .column(round_invitee::Column::RoundId)
        .column(round_invitee::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .map_err(from_db)?;

    // Open round first, then the others, newest first.
    let mut ordered: Vec<&round::Model> = rounds.iter().collect();
    ordered.sort_by_key(|r| (status_of(r) != RoundStatus::Open, -r.number));
    // The round the coverage map speaks of: the open one, else the latest.
    let current = ordered.first().map(|r| r.id);
    // One round shows its contributions, a page at a time: the one asked
    // for, else the open one, else the latest; the others show their
    // counts and a link, so the page stays light however long the history.
    let expanded = focus
        .map(|(n, _)| n)
        .filter(|n| rounds.iter().any(|r| r.number == *n))
        .or(ordered.first().map(|r| r.number));
    let mut pages = Vec::new();
    for r in &ordered {
        let revealed = is_revealed(status_of(r), r.revealed_at, r.deadline, now);
        let mut visible =
            contribution::Entity::find().filter(contribution::Column::RoundId.eq(r.id));
        if !revealed {
            visible = visible.filter(contribution::Column::AuthorId.eq(me.id));
        }
        let total = visible.clone().count(db).await.map_err(from_db)?;
        let page_count = total.div_ceil(ROUND_PAGE).max(1) as u32;
        let page = focus
            .filter(|(n, _)| *n == r.number)
            .map_or(1, |(_, p)| p)
            .clamp(1, page_count);
        let rows = if expanded == Some(r.number) {
            visible
                .order_by_asc(contribution::Column::Id)
                .offset(u64::from(page - 1) * ROUND_PAGE)
                .limit(ROUND_PAGE)
                .all(db)
                .await
                .map_err(from_db)?
        } else {
            Vec::new()
        };
        // Authors learn how many arrived, never what, before the reveal.
        let arrived = if revealed {
            Some(total as u32)
        } else if is_author {
            Some(super::contributing::count_in_round(db, r.id).await? as u32)
        } else {
            None
        };
        let untriaged = if revealed {
            super::triage::untriaged_in_round(db, r.id).await? as u32
        } else {
            0
        };
        let workshop_running = !revealed
            && status_of(r) == RoundStatus::Open
            && crate::backend::workshops::access::running_on(db, r.id).await?;
        pages.push((
            *r,
            revealed,
            rows,
            page,
            page_count,
            arrived,
            untriaged,
            workshop_running,
        ));
    }
    let versions = idea_version::Entity::find()
        .filter(idea_version::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_version::Column::Number)
        .all(db)
        .await
        .map_err(from_db)?;
    let writers: Vec<i64> = pages
        .iter()
        .flat_map(|p| p.2.iter().map(|c| c.author_id))
        .chain(named.iter().map(|(_, u)| *u))
        .chain(versions.iter().map(|v| v.author_id))
        .collect();
    let people = names(db, writers).await?;
    let guests = crate::backend::workshops::joining::guests_among(db, people.keys()).await?;
    let timeline = timeline(db, now, &versions, &rounds, &people).await?;
    let shown: Vec<i64> = pages
        .iter()
        .flat_map(|p| p.2.iter().map(|c| c.id))
        .collect();
    let reactions = reactions(db, me, &shown).await?;
    let shown_rows: Vec<contribution::Model> =
        pages.iter().flat_map(|p| p.2.iter().cloned()).collect();
    let links = super::links::read(db, me, now, idea_id, &shown_rows).await?;
    let open_accepting =
        |r: &round::Model, revealed: bool| status_of(r) == RoundStatus::Open && !revealed;
    let mut can_contribute = false;
    let blocks = pages
        .into_iter()
        .map(
            |(r, revealed, rows, page, page_count, arrived, untriaged, workshop_running)| {
                let accepting = open_accepting(r, revealed);
                can_contribute |= accepting;
                RoundBlock {
                    info: RoundInfo {
                        id: r.id,
                        number: r.number,
                        version: r.version,
                        focus: r.focus.clone(),
                        mode: RoundMode::parse(&r.mode).unwrap_or(RoundMode::Async),
                        status: status_of(r),
                        deadline: r.deadline.map(paris_time::show),
                        deadline_input: r.deadline.map(paris_time::input_value),
                        revealed,
                        workshop_running,
                        wanted: wanted
                            .iter()
                            .filter(|(round_id, _)| *round_id == r.id)
                            .map(|(_, d)| DomainRef {
                                id: *d,
                                name: domain_names.get(d).cloned().unwrap_or_default(),
                            })
                            .collect(),
                        invited: named
                            .iter()
                            .filter(|(round_id, _)| *round_id == r.id)
                            .map(|(_, u)| PersonRef {
                                id: *u,
                                name: people.get(u).cloned().unwrap_or_default(),
                            })
                            .collect(),
                        contribution_count: arrived,
                        untriaged,
                        synthesis: r.synthesis.clone(),
                        next_step: r.next_step.clone(),
                        opened: day(r.opened_at),
                    },
                    contributions: rows
                        .iter()
                        .filter_map(|c| {
                            contribution_view(
                                c,
                                r.number,
                                (&people, &guests),
                                &domain_names,
                                &reactions,
                                me,
                                accepting,
                            )
                            .map(|mut view| {
                                links.apply(&mut view);
                                view
                            })
                        })
                        .collect(),
                    page,
                    page_count,
                    expanded: expanded == Some(r.number),
                }
            },
        )
        .collect();
    Ok(RoundsPanel {
        idea_id,
        published: found.status == IdeaStatus::Published.as_str(),
        rounds: blocks,
        maturity,
        outcome: found.outcome.as_deref().and_then(Outcome::parse),
        outcome_note: found.outcome_note.clone().unwrap_or_default(),
        coverage: coverage(&offered, &facts)
            .into_iter()
            .map(|mut cell| {
                cell.called = wanted
                    .iter()
                    .any(|(r, d)| Some(*r) == current && *d == cell.domain.id);
                cell
            })
            .collect(),
        domains: offered,
        my_domains: crate::backend::expertise::held(db, me.id).await?,
        is_author,
        can_moderate: can_moderate(me),
        can_contribute,
        timeline,
        request_id: uuid::Uuid::new_v4().to_string(),
    })
}

/// Versions and round events, newest first: what happened to the idea.
/// Contributions appear as counts once revealed, never before.
async fn timeline(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    versions: &[idea_version::Model],
    rounds: &[round::Model],
    people: &HashMap<i64, String>,
) -> Result<Vec<TimelineEntry>, AppError> {
    let mut events: Vec<(DateTime<Utc>, TimelineEvent)> = versions
        .iter()
        .map(|v| {
            let author = people.get(&v.author_id).cloned().unwrap_or_default();
            (
                v.created_at,
                TimelineEvent::Version {
                    number: v.number,
                    author,
                },
            )
        })
        .collect();
    for r in rounds {
        let number = r.number;
        events.push((r.opened_at, TimelineEvent::RoundOpened { number }));
        let status = status_of(r);
        if is_revealed(status, r.revealed_at, r.deadline, now) {
            let count = contribution::Entity::find()
                .filter(contribution::Column::RoundId.eq(r.id))
                .count(db)
                .await
                .map_err(from_db)? as u32;
            let at = r
                .revealed_at
                .or(r.deadline.filter(|d| *d <= now))
                .or(r.ended_at)
                .unwrap_or(now);
            if count > 0 {
                events.push((at, TimelineEvent::Contributions { number, count }));
            }
            let triaged: Vec<Option<DateTime<Utc>>> = contribution::Entity::find()
                .filter(contribution::Column::RoundId.eq(r.id))
                .filter(contribution::Column::Triage.is_not_null())
                .select_only()
                .column(contribution::Column::TriagedAt)
                .into_tuple()
                .all(db)
                .await
                .map_err(from_db)?;
            if let Some(last) = triaged.iter().flatten().max() {
                let count = triaged.len() as u32;
                events.push((*last, TimelineEvent::Triaged { number, count }));
            }
        }
        if let (Some(ended), RoundStatus::Closed | RoundStatus::Cancelled) = (r.ended_at, status) {
            events.push((ended, TimelineEvent::RoundEnded { number, status }));
        }
    }
    // Newest first; events of the same instant keep the order they happen in.
    events.reverse();
    events.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    Ok(events
        .into_iter()
        .map(|(at, event)| TimelineEntry {
            date: day(at),
            event,
        })
        .collect())
}

/// The revealed, unhidden workarounds of an idea, for the triage form.
async fn workarounds(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idea_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    let (rounds, _) = facts(db, idea_id, now).await?;
    let revealed: Vec<i64> = rounds
        .iter()
        .filter(|r| is_revealed(status_of(r), r.revealed_at, r.deadline, now))
        .map(|r| r.id)
        .collect();
    Ok(contribution::Entity::find()
        .filter(contribution::Column::RoundId.is_in(revealed))
        .filter(contribution::Column::Kind.eq(ContributionKind::Workaround.as_str()))
        .filter(contribution::Column::HiddenReason.is_null())
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .map_err(from_db)?
        .into_iter()
        .map(|w| (w.id, w.body.chars().take(80).collect()))
        .collect())
}

/// A contribution's page: the contribution, its replies, and what the
/// caller may do with it. Someone else's unrevealed contribution is "not
/// found".
pub async fn contribution_page(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    me: &CurrentUser,
    contribution_id: i64,
) -> Result<ContributionPage, AppError> {
    let (scope, found): (RoundScope, contribution::Model) =
        readable(db, me, now, contribution_id).await?;
    let revealed = scope.revealed(now);
    let replies = reply::Entity::find()
        .filter(reply::Column::ContributionId.eq(contribution_id))
        .order_by_asc(reply::Column::Id)
        .all(db)
        .await
        .map_err(from_db)?;
    let writers: Vec<i64> = replies
        .iter()
        .map(|r| r.author_id)
        .chain(std::iter::once(found.author_id))
        .collect();
    let people = names(db, writers).await?;
    let guests = crate::backend::workshops::joining::guests_among(db, people.keys()).await?;
    let (domain_names, offered) = domains(db, scope.idea.organisation_id).await?;
    let reactions = reactions(db, me, &[found.id]).await?;
    let accepting = scope.accepting(now);
    let mut contribution = contribution_view(
        &found,
        scope.round.number,
        (&people, &guests),
        &domain_names,
        &reactions,
        me,
        accepting,
    )
    .ok_or(AppError::NotFound)?;
    super::links::read(db, me, now, scope.idea.id, std::slice::from_ref(&found))
        .await?
        .apply(&mut contribution);
    let is_author = scope.is_author();
    let may_propose = revealed
        && scope.status() == RoundStatus::Open
        && found.kind == ContributionKind::Mine.as_str()
        && found.hidden_reason.is_none();
    let mines = if contribution.editable {
        readable_mines(db, me, now, scope.idea.id).await?
    } else {
        Vec::new()
    };
    Ok(ContributionPage {
        idea_id: scope.idea.id,
        idea_title: scope.idea.title.clone(),
        replies: replies
            .into_iter()
            .map(|r| ReplyView {
                author: people.get(&r.author_id).cloned().unwrap_or_default(),
                text: r.body,
                created: day(r.created_at),
            })
            .collect(),
        round_open: scope.status() == RoundStatus::Open,
        revealed,
        is_author,
        can_moderate: can_moderate(me),
        workarounds: if is_author && revealed {
            workarounds(db, now, scope.idea.id).await?
        } else {
            Vec::new()
        },
        mines,
        may_propose,
        contribution,
        domains: offered,
        request_id: uuid::Uuid::new_v4().to_string(),
    })
}

/// The mines of an idea a person may read (revealed, or their own), not
/// hidden: what a workaround may answer.
pub async fn readable_mines(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    now: DateTime<Utc>,
    idea_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    let (rounds, _) = facts(db, idea_id, now).await?;
    let revealed: Vec<i64> = rounds
        .iter()
        .filter(|r| super::access::revealed(r, now))
        .map(|r| r.id)
        .collect();
    Ok(contribution::Entity::find()
        .filter(contribution::Column::IdeaId.eq(idea_id))
        .filter(contribution::Column::Kind.eq(ContributionKind::Mine.as_str()))
        .filter(contribution::Column::HiddenReason.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(contribution::Column::RoundId.is_in(revealed))
                .add(contribution::Column::AuthorId.eq(me.id)),
        )
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .map_err(from_db)?
        .into_iter()
        .map(|m| (m.id, super::links::excerpt(&m.body)))
        .collect())
}

/// What a person's démining added up to, for their profile: revealed,
/// unhidden contributions only; no comparison with anyone.
pub async fn recognition(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: i64,
) -> Result<Recognition, AppError> {
    let theirs = contribution::Entity::find()
        .filter(contribution::Column::AuthorId.eq(user_id))
        .filter(contribution::Column::HiddenReason.is_null())
        .all(db)
        .await
        .map_err(from_db)?;
    let round_ids: Vec<i64> = theirs.iter().map(|c| c.round_id).collect();
    let rounds: HashMap<i64, round::Model> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .all(db)
        .await
        .map_err(from_db)?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let revealed: Vec<&contribution::Model> = theirs
        .iter()
        .filter(|c| {
            rounds
                .get(&c.round_id)
                .is_some_and(|r| is_revealed(status_of(r), r.revealed_at, r.deadline, now))
        })
        .collect();
    // A workaround is adopted when an author defused a mine with it.
    let ids: Vec<i64> = revealed
        .iter()
        .filter(|c| c.kind == ContributionKind::Workaround.as_str())
        .map(|c| c.id)
        .collect();
    let adopted = if ids.is_empty() {
        0
    } else {
        contribution::Entity::find()
            .filter(contribution::Column::TriageWorkaroundId.is_in(ids))
            .filter(contribution::Column::Triage.eq(TriageKind::Defused.as_str()))
            .count(db)
            .await
            .map_err(from_db)? as u32
    };
    let mut taken_part: Vec<i64> = revealed.iter().map(|c| c.round_id).collect();
    taken_part.sort_unstable();
    taken_part.dedup();
    Ok(Recognition {
        mines_caught: revealed
            .iter()
            .filter(|c| c.kind == ContributionKind::Mine.as_str())
            .count() as u32,
        workarounds_adopted: adopted,
        rounds_taken_part: taken_part.len() as u32,
    })
}
