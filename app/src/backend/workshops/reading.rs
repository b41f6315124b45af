//! The three views of a workshop, each read whole, the pulse (phase and
//! timer), and who may follow its events. Before the reveal nothing of others' contributions
//! is read for anyone: only their number.

use super::access::{facilitating, place, seat, Caller, Scope};
use super::error::WorkshopError;
use crate::backend::accounts::tokens::hash_token;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{
    contribution, dot_vote, idea_version, round_domain, user, workshop, workshop_participant,
};
use crate::backend::expertise;
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use crate::domain::board_stage::{page_of, pages};
use crate::domain::round_views::DomainRef;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshop_views::{
    fold_duplicates, grouped, BoardView, ConsoleView, DomainGroup, JoinInfo, LiveContribution,
    ParticipantRow, PhoneView, SilentTally, Timer, WorkshopHeader,
};
use crate::domain::workshops::{seconds_left, Phase};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub fn timer(w: &workshop::Model, now: DateTime<Utc>) -> Timer {
    Timer {
        seconds_left: seconds_left(w.timer_ends_at, w.timer_paused_left, now),
        paused: w.timer_paused_left.is_some(),
    }
}

/// Whether the caller may follow the workshop's events: someone in the
/// room, or someone who may facilitate it (refusals as for [`place`]).
pub async fn may_watch(
    db: &impl ConnectionTrait,
    caller: &Caller,
    workshop_id: i64,
) -> Result<(), WorkshopError> {
    match (place(db, caller, workshop_id).await, caller) {
        (Ok(_), _) => Ok(()),
        (Err(WorkshopError::Forbidden | WorkshopError::NotFound), Caller::Member(me)) => {
            facilitating(db, me, workshop_id).await.map(|_| ())
        }
        (Err(error), _) => Err(error),
    }
}

async fn header(
    db: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<WorkshopHeader, WorkshopError> {
    let version = idea_version::Entity::find_by_id((scope.idea.id, scope.round.version))
        .one(db)
        .await
        .op("header: find idea_version")?;
    let participants = workshop_participant::Entity::find()
        .filter(workshop_participant::Column::WorkshopId.eq(scope.workshop.id))
        .filter(workshop_participant::Column::RemovedAt.is_null())
        .count(db)
        .await
        .op("header: count participants")?;
    let contributions = contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(scope.round.id))
        .count(db)
        .await
        .op("header: count contributions")?;
    Ok(WorkshopHeader {
        workshop_id: scope.workshop.id,
        idea_id: scope.idea.id,
        round_number: scope.round.number,
        title: scope.idea.title.clone(),
        problem: version
            .as_ref()
            .map(|v| v.problem.clone())
            .unwrap_or_default(),
        proposal: version.map(|v| v.proposal).unwrap_or_default(),
        focus: scope.round.focus.clone(),
        phase: scope.phase(),
        steps: scope.steps(),
        revealed: scope.revealed(now),
        timer: timer(&scope.workshop, now),
        version: scope.workshop.version,
        participants: participants as u32,
        contributions: contributions as u32,
    })
}

/// The round's contributions as the room sees them: all of them once the
/// round is revealed, only `own`'s before; with dot counts and `own`'s dots.
async fn contributions(
    db: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
    own: Option<(i64, i64)>,
) -> Result<Vec<LiveContribution>, WorkshopError> {
    let mut query = contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(scope.round.id))
        .order_by_asc(contribution::Column::Id);
    if !scope.revealed(now) {
        let Some((author, _)) = own else {
            return Ok(Vec::new());
        };
        query = query.filter(contribution::Column::AuthorId.eq(author));
    }
    let rows = query.all(db).await.op("contributions: find contribution")?;
    let people = users_by_id(db, rows.iter().map(|c| c.author_id)).await?;
    let domains: HashMap<i64, String> = expertise::offered(db, scope.idea.organisation_id)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let votes = dot_vote::Entity::find()
        .filter(dot_vote::Column::WorkshopId.eq(scope.workshop.id))
        .all(db)
        .await
        .op("contributions: find dot_vote")?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let person = people.get(&c.author_id);
            let on_it = votes.iter().filter(|v| v.contribution_id == c.id);
            let hidden = c.hidden_reason.is_some();
            LiveContribution {
                id: c.id,
                kind: c.kind,
                severity: c.severity,
                domain: c.domain_id.map(|id| DomainRef {
                    id,
                    name: domains.get(&id).cloned().unwrap_or_default(),
                }),
                body: if hidden { String::new() } else { c.body },
                author: person.map(|p| p.display_name.clone()).unwrap_or_default(),
                author_guest: person.is_some_and(|p| p.status == MemberStatus::Guest),
                under_card: c.under_card,
                late: c.late,
                dots: on_it.clone().map(|v| v.dots as u32).sum(),
                my_dots: own
                    .map(|(_, participant)| {
                        on_it
                            .filter(|v| v.participant_id == participant)
                            .map(|v| v.dots as u32)
                            .sum()
                    })
                    .unwrap_or(0),
                triage: c.triage,
                hidden_reason: c.hidden_reason,
                answers: c.answers_id,
                grouped_under: c.grouped_under,
                duplicates: Vec::new(),
            }
        })
        .collect())
}

/// The people `ids` name, by id (one query; none for no id).
pub(super) async fn users_by_id(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, user::Model>, WorkshopError> {
    Ok(crate::backend::ideas::reading::users_by_id(db, ids).await?)
}

async fn wanted_domains(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<DomainRef>, WorkshopError> {
    let wanted: Vec<i64> = round_domain::Entity::find()
        .filter(round_domain::Column::RoundId.eq(scope.round.id))
        .all(db)
        .await
        .op("wanted domains: find round_domain")?
        .into_iter()
        .map(|d| d.domain_id)
        .collect();
    // In the organisation's order.
    Ok(expertise::offered(db, scope.idea.organisation_id)
        .await?
        .into_iter()
        .filter(|d| wanted.contains(&d.id))
        .map(|d| DomainRef {
            id: d.id,
            name: d.name,
        })
        .collect())
}

/// The phone of someone in the room.
pub async fn phone(ctx: &Ctx<'_>, workshop_id: i64) -> Result<PhoneView, WorkshopError> {
    let (db, now) = (ctx.db, ctx.now());
    let seat = seat(db, &ctx.caller, workshop_id).await?;
    let scope = &seat.scope;
    let all = contributions(db, scope, now, Some((seat.me.id, seat.participant.id))).await?;
    let own_ids = own_contribution_ids(db, scope.round.id, seat.me.id).await?;
    let mine: Vec<LiveContribution> = all
        .iter()
        .filter(|c| own_ids.contains(&c.id))
        .cloned()
        .collect();
    let revealed = if scope.revealed(now) { all } else { Vec::new() };
    let focus_answers = answers_to_focus(scope, &revealed);
    let mut mines: Vec<LiveContribution> = fold_duplicates(
        revealed
            .into_iter()
            .filter(|c| c.kind == ContributionKind::Mine && c.hidden_reason.is_none())
            .collect(),
    );
    mines.sort_by_key(|c| (std::cmp::Reverse(c.dots), c.id));
    let focus = in_focus(scope, Phase::WaysAround, mines.iter());
    let used: u32 = dot_vote::Entity::find()
        .filter(dot_vote::Column::ParticipantId.eq(seat.participant.id))
        .all(db)
        .await
        .op("phone: find dot_vote")?
        .iter()
        .map(|v| v.dots as u32)
        .sum();
    let allowed = scope.workshop.dots.max(0) as u32;
    let mut domains = wanted_domains(db, scope).await?;
    for d in expertise::offered(db, scope.idea.organisation_id).await? {
        if !domains.iter().any(|w| w.id == d.id) {
            domains.push(DomainRef {
                id: d.id,
                name: d.name,
            });
        }
    }
    let card = seat
        .participant
        .card_domain_id
        .and_then(|id| domains.iter().find(|d| d.id == id).cloned());
    let (_, standing) = crate::backend::ideas::access::load(db, &seat.me, scope.idea.id).await?;
    Ok(PhoneView {
        header: header(db, scope, now).await?,
        participant_id: seat.participant.id,
        me: seat.me.display_name.clone(),
        guest: seat.participant.guest,
        card,
        mine,
        mines,
        focus,
        focus_answers,
        dots_allowed: allowed,
        dots_left: allowed.saturating_sub(used),
        domains,
        is_author: standing.can_edit(),
        request_id: uuid::Uuid::new_v4().to_string(),
    })
}

async fn own_contribution_ids(
    db: &impl ConnectionTrait,
    round_id: i64,
    author: i64,
) -> Result<Vec<i64>, WorkshopError> {
    Ok(contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(round_id))
        .filter(contribution::Column::AuthorId.eq(author))
        .all(db)
        .await
        .op("own contribution ids: find contribution")?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// The projector board: what the facilitator shows the room.
pub async fn board(
    ctx: &Ctx<'_>,
    public_url: &str,
    workshop_id: i64,
) -> Result<BoardView, WorkshopError> {
    let (db, now) = (ctx.db, ctx.now());
    let scope = facilitating(db, ctx.member()?, workshop_id).await?;
    let join = match (&scope.workshop.code, scope.workshop.joining_open) {
        (Some(code), true) => Some(join_info(public_url, code)?),
        _ => None,
    };
    let wanted = wanted_domains(db, &scope).await?;
    let (tally, all) = revealed_or_tally(db, &scope, now, &wanted).await?;
    let focus = in_focus(&scope, Phase::Triage, all.iter().flat_map(|g| &g.items));
    let focus_answers = match &focus {
        Some(_) => answers_to_focus(&scope, all.iter().flat_map(|g| &g.items)),
        None => Vec::new(),
    };
    let cards = all.iter().map(|g| g.items.len()).sum();
    let (shown, page) = page_of(all.clone(), scope.workshop.board_page.max(0) as u32);
    // Once ended, the board is the workshop's record on paper: every card
    // is sent, those beyond the page on screen printed only.
    let (groups, print_only) = if scope.ended() && pages(cards) > 1 {
        let on_screen: Vec<i64> = shown.iter().flat_map(|g| &g.items).map(|c| c.id).collect();
        let rest = all
            .iter()
            .flat_map(|g| &g.items)
            .map(|c| c.id)
            .filter(|id| !on_screen.contains(id))
            .collect();
        (all, rest)
    } else {
        (shown, Vec::new())
    };
    Ok(BoardView {
        header: header(db, &scope, now).await?,
        join,
        tally,
        groups,
        focus,
        focus_answers,
        page,
        pages: pages(cards),
        print_only,
    })
}

/// The mine the console put on the board, while the phase shows one
/// (`also`, or while ways around are sought), among `cards`; never a
/// hidden one.
fn in_focus<'a>(
    scope: &Scope,
    also: Phase,
    mut cards: impl Iterator<Item = &'a LiveContribution>,
) -> Option<LiveContribution> {
    let phase = scope.phase();
    let id = scope
        .workshop
        .board_focus
        .filter(|_| phase == also || phase == Phase::WaysAround)?;
    cards
        .find(|c| c.id == id && c.hidden_reason.is_none())
        .cloned()
}

/// The visible workarounds answering the mine in focus, in the order they
/// came.
fn answers_to_focus<'a>(
    scope: &Scope,
    items: impl IntoIterator<Item = &'a LiveContribution>,
) -> Vec<LiveContribution> {
    let Some(focus) = scope.workshop.board_focus else {
        return Vec::new();
    };
    let mut answers: Vec<LiveContribution> = items
        .into_iter()
        .filter(|c| c.kind == ContributionKind::Workaround && c.answers == Some(focus))
        .filter(|c| c.hidden_reason.is_none())
        .cloned()
        .collect();
    answers.sort_by_key(|c| c.id);
    answers
}

/// What the room sees of the contributions: before the reveal, only who
/// has written and how many per domain; from it on, every one by domain.
async fn revealed_or_tally(
    db: &impl ConnectionTrait,
    scope: &Scope,
    now: DateTime<Utc>,
    wanted: &[DomainRef],
) -> Result<(Option<SilentTally>, Vec<DomainGroup>), WorkshopError> {
    if scope.revealed(now) {
        let ids: Vec<i64> = wanted.iter().map(|d| d.id).collect();
        let items = fold_duplicates(contributions(db, scope, now, None).await?);
        Ok((None, grouped(items, &ids)))
    } else {
        let tally = super::tally::silent_tally(db, scope, wanted).await?;
        Ok((Some(tally), Vec::new()))
    }
}

/// The code, the join address and its QR code.
pub fn join_info(public_url: &str, code: &str) -> Result<JoinInfo, WorkshopError> {
    let url = format!("{public_url}{}/{code}", crate::workshops::JOIN_PATH);
    Ok(JoinInfo {
        code: code.to_owned(),
        qr_svg: super::qr::svg(&url)?,
        url,
    })
}

/// The facilitator console. `session` tells whether this device holds it.
pub async fn console(ctx: &Ctx<'_>, workshop_id: i64) -> Result<ConsoleView, WorkshopError> {
    let (db, now) = (ctx.db, ctx.now());
    let (me, session) = (ctx.member()?, ctx.session()?);
    let scope = facilitating(db, me, workshop_id).await?;
    let round_domains = wanted_domains(db, &scope).await?;
    let (tally, groups) = revealed_or_tally(db, &scope, now, &round_domains).await?;
    let untriaged = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|c| {
            c.kind == ContributionKind::Mine && c.hidden_reason.is_none() && c.triage.is_none()
        })
        .count() as u32;
    let board_pages = pages(groups.iter().map(|g| g.items.len()).sum());
    let people = workshop_participant::Entity::find()
        .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
        .order_by_asc(workshop_participant::Column::Id)
        .all(db)
        .await
        .op("console: find workshop_participant")?;
    let names = crate::backend::ideas::reading::names(db, people.iter().map(|p| p.user_id)).await?;
    let domains: Vec<DomainRef> = expertise::offered(db, scope.idea.organisation_id)
        .await?
        .into_iter()
        .map(|d| DomainRef {
            id: d.id,
            name: d.name,
        })
        .collect();
    let participants = people
        .iter()
        .map(|p| ParticipantRow {
            id: p.id,
            name: names.get(&p.user_id).cloned().unwrap_or_default(),
            guest: p.guest,
            card: p
                .card_domain_id
                .and_then(|id| domains.iter().find(|d| d.id == id).cloned()),
            removed: p.removed_at.is_some(),
        })
        .collect();
    Ok(ConsoleView {
        header: header(db, &scope, now).await?,
        code: scope.workshop.code.clone(),
        joining_open: scope.workshop.joining_open,
        holds_console: scope.workshop.console_session == hash_token(session),
        seated: people
            .iter()
            .any(|p| p.user_id == me.id && p.removed_at.is_none()),
        dots: scope.workshop.dots.max(0) as u32,
        cards_dealt: scope.workshop.cards_dealt,
        round_domains,
        participants,
        tally,
        // As the board shows it: a mine hidden since is not on it.
        board_focus: scope.workshop.board_focus.filter(|id| {
            groups
                .iter()
                .flat_map(|g| &g.items)
                .any(|c| c.id == *id && c.hidden_reason.is_none())
        }),
        board_page: (scope.workshop.board_page.max(0) as u32).min(board_pages - 1),
        board_pages,
        groups,
        untriaged,
    })
}
