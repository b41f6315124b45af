//! The round part of the idea page and a contribution's page, as the caller
//! may see them: before the reveal, other people's contributions are not
//! read from the database at all.

use super::access::can_moderate;
use super::contribution_views::{contribution_view, domains, reactions};
use super::counts::RoundTally;
use super::error::RoundError;
use super::maturity::{coverage, facts, from_facts};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, idea_version, round, round_domain, round_invitee};
use crate::backend::ideas::access::load;
use crate::backend::ideas::reading::{day, names};
use crate::backend::store::Op;
use crate::domain::idea_views::PersonRef;
use crate::domain::ideas::IdeaStatus;
use crate::domain::paris_time;
use crate::domain::round_views::{
    DomainRef, RoundBlock, RoundInfo, RoundsPanel, TimelineEntry, TimelineEvent,
};
use crate::domain::rounds::{is_revealed, RoundMode, RoundStatus};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Contributions shown per round and page: the page stays light.
pub const ROUND_PAGE: u64 = 10;

/// One round as the panel reads it, before it is shown.
struct RoundPage<'a> {
    round: &'a round::Model,
    revealed: bool,
    /// The page of contributions shown (the expanded round's only).
    rows: Vec<contribution::Model>,
    page: u32,
    page_count: u32,
    /// How many arrived, when the reader may know.
    arrived: Option<u32>,
    untriaged: u32,
    workshop_running: bool,
    workshop_record: Option<i64>,
}

/// The panel of the idea page: rounds (the open one first, each with one
/// page of contributions), maturity, coverage. `focus` is the round and
/// page the caller paginated to.
pub async fn panel(
    ctx: &Ctx<'_>,
    idea_id: i64,
    focus: Option<(i32, u32)>,
) -> Result<RoundsPanel, RoundError> {
    let (now, me) = (ctx.now(), ctx.member()?);
    // Every read below goes through this one transaction; it never asks the
    // pool for a second connection while it holds this one.
    let txn = ctx.read().await?;
    let db = &txn;
    let (found, standing) = load(db, me, idea_id).await?;
    let (rounds, facts) = facts(db, idea_id, now).await?;
    let maturity = from_facts(db, &found, &rounds, &facts).await?;
    // A deadline passed since the last write: the stored stage is stale.
    let stale = found.stage != maturity.stage || found.score != i32::from(maturity.score);
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
        .op("reading::panel")?;
    let named: Vec<(i64, i64)> = round_invitee::Entity::find()
        .filter(round_invitee::Column::RoundId.is_in(round_ids.iter().copied()))
        .filter(round_invitee::Column::DomainId.is_null())
        .select_only()
        .column(round_invitee::Column::RoundId)
        .column(round_invitee::Column::UserId)
        .into_tuple()
        .all(db)
        .await
        .op("reading::panel")?;

    // Open round first, then the others, newest first.
    let mut ordered: Vec<&round::Model> = rounds.iter().collect();
    ordered.sort_by_key(|r| (r.status != RoundStatus::Open, -r.number));
    // The round the coverage map speaks of: the open one, else the latest.
    let current = ordered.first().map(|r| r.id);
    // One round shows its contributions, a page at a time: the one asked
    // for, else the open one, else the latest; the others show their
    // counts and a link, so the page stays light however long the history.
    let expanded = focus
        .map(|(n, _)| n)
        .filter(|n| rounds.iter().any(|r| r.number == *n))
        .or(ordered.first().map(|r| r.number));
    // Counted for every round at once: the statements stay as many
    // however many rounds the idea has had.
    let tallies = super::counts::tallies(db, me.id, &round_ids).await?;
    let workshops = crate::backend::workshops::access::on_rounds(db, &round_ids).await?;
    let mut pages = Vec::new();
    for r in &ordered {
        let revealed = is_revealed(r.status, r.revealed_at, r.deadline, now);
        let tally = tallies.get(&r.id).copied().unwrap_or_default();
        let total = u64::from(if revealed {
            tally.total
        } else {
            tally.by_reader
        });
        let page_count = total.div_ceil(ROUND_PAGE).max(1) as u32;
        let page = focus
            .filter(|(n, _)| *n == r.number)
            .map_or(1, |(_, p)| p)
            .clamp(1, page_count);
        let rows = if expanded == Some(r.number) {
            // Before the reveal, a reader's own contributions only.
            let mut visible =
                contribution::Entity::find().filter(contribution::Column::RoundId.eq(r.id));
            if !revealed {
                visible = visible.filter(contribution::Column::AuthorId.eq(me.id));
            }
            visible
                .order_by_asc(contribution::Column::Id)
                .offset(u64::from(page - 1) * ROUND_PAGE)
                .limit(ROUND_PAGE)
                .all(db)
                .await
                .op("reading::panel")?
        } else {
            Vec::new()
        };
        // Authors learn how many arrived, never what, before the reveal.
        let arrived = (revealed || is_author).then_some(tally.total);
        let untriaged = if revealed { tally.untriaged } else { 0 };
        let workshop_running =
            !revealed && r.status == RoundStatus::Open && workshops.running_on(r.id);
        let workshop_record = match r.mode {
            RoundMode::Live => workshops.ended_on(r.id),
            RoundMode::Async => None,
        };
        pages.push(RoundPage {
            round: r,
            revealed,
            rows,
            page,
            page_count,
            arrived,
            untriaged,
            workshop_running,
            workshop_record,
        });
    }
    let versions = idea_version::Entity::find()
        .filter(idea_version::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_version::Column::Number)
        .all(db)
        .await
        .op("reading::panel")?;
    let writers: Vec<i64> = pages
        .iter()
        .flat_map(|p| p.rows.iter().map(|c| c.author_id))
        .chain(named.iter().map(|(_, u)| *u))
        .chain(versions.iter().map(|v| v.author_id))
        .collect();
    let people = names(db, writers).await?;
    let guests = crate::backend::workshops::joining::guests_among(db, people.keys()).await?;
    let timeline = timeline(now, &versions, &rounds, &tallies, &people);
    let shown: Vec<i64> = pages
        .iter()
        .flat_map(|p| p.rows.iter().map(|c| c.id))
        .collect();
    let reactions = reactions(db, me, &shown).await?;
    let shown_rows: Vec<contribution::Model> =
        pages.iter().flat_map(|p| p.rows.iter().cloned()).collect();
    let links = super::links::read(db, me, now, idea_id, &shown_rows).await?;
    let open_accepting =
        |r: &round::Model, revealed: bool| r.status == RoundStatus::Open && !revealed;
    let mut can_contribute = false;
    let blocks = pages
        .into_iter()
        .map(
            |RoundPage {
                 round: r,
                 revealed,
                 rows,
                 page,
                 page_count,
                 arrived,
                 untriaged,
                 workshop_running,
                 workshop_record,
             }| {
                let accepting = open_accepting(r, revealed);
                can_contribute |= accepting;
                RoundBlock {
                    info: RoundInfo {
                        id: r.id,
                        number: r.number,
                        version: r.version,
                        focus: r.focus.clone(),
                        mode: r.mode,
                        status: r.status,
                        deadline: r.deadline.map(paris_time::show),
                        deadline_input: r.deadline.map(paris_time::input_value),
                        revealed,
                        workshop_running,
                        workshop_record,
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
    let my_domains = crate::backend::expertise::held(db, me.id).await?;
    txn.commit().await.op("reading::panel")?;
    if stale {
        // Written once the read is over (through a connection of its own):
        // the idea list filters on the stored stage.
        super::maturity::refresh(ctx.db, now, idea_id).await?;
    }
    Ok(RoundsPanel {
        idea_id,
        published: found.status == IdeaStatus::Published,
        rounds: blocks,
        maturity,
        outcome: found.outcome,
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
        my_domains,
        is_author,
        can_moderate: can_moderate(me),
        can_contribute,
        timeline,
        request_id: uuid::Uuid::new_v4().to_string(),
    })
}

/// Versions and round events, newest first: what happened to the idea.
/// Contributions appear as counts once revealed, never before.
fn timeline(
    now: DateTime<Utc>,
    versions: &[idea_version::Model],
    rounds: &[round::Model],
    tallies: &HashMap<i64, RoundTally>,
    people: &HashMap<i64, String>,
) -> Vec<TimelineEntry> {
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
        let status = r.status;
        if is_revealed(status, r.revealed_at, r.deadline, now) {
            let tally = tallies.get(&r.id).copied().unwrap_or_default();
            let count = tally.total;
            let at = r
                .revealed_at
                .or(r.deadline.filter(|d| *d <= now))
                .or(r.ended_at)
                .unwrap_or(now);
            if count > 0 {
                events.push((at, TimelineEvent::Contributions { number, count }));
            }
            if let Some(last) = tally.last_triaged_at {
                let count = tally.triaged;
                events.push((last, TimelineEvent::Triaged { number, count }));
            }
        }
        if let (Some(ended), RoundStatus::Closed | RoundStatus::Cancelled) = (r.ended_at, status) {
            events.push((ended, TimelineEvent::RoundEnded { number, status }));
        }
    }
    // Newest first; events of the same instant keep the order they happen in.
    events.reverse();
    events.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    events
        .into_iter()
        .map(|(at, event)| TimelineEntry {
            date: day(at),
            event,
        })
        .collect()
}
