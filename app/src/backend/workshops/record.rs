//! A workshop's record (« compte rendu »): what the room leaves with. Read
//! by those who may see the idea and by everyone who took part, guests
//! included, after the end too (`access::for_the_record`). Nothing of the
//! contributions before the round is revealed, only counts; after, the
//! same statements whatever their number.

use super::access::{for_the_record, Caller, Scope};
use super::error::WorkshopError;
use super::reading::users_by_id;
use crate::backend::ctx::Ctx;
use crate::backend::entities::{
    contribution, dot_vote, expertise_domain, idea_version, round_domain, user,
    workshop_participant,
};
use crate::backend::ideas::reading::day;
use crate::backend::rounds::links::excerpt;
use crate::backend::rounds::triage_view;
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use crate::domain::round_views::{DomainRef, TriageView};
use crate::domain::workshop_views::{arrange, RecordContent, RecordEntry, WorkshopRecord};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The record of a workshop, as the caller may read it.
pub async fn record(ctx: &Ctx<'_>, workshop_id: i64) -> Result<WorkshopRecord, WorkshopError> {
    let (db, now) = (ctx.db, ctx.now());
    let scope = for_the_record(db, &ctx.caller, workshop_id).await?;
    let version = idea_version::Entity::find_by_id((scope.idea.id, scope.round.version))
        .one(db)
        .await
        .op("record: find idea_version")?;
    let participants = workshop_participant::Entity::find()
        .filter(workshop_participant::Column::WorkshopId.eq(workshop_id))
        .filter(workshop_participant::Column::RemovedAt.is_null())
        .count(db)
        .await
        .op("record: count participants")?;
    let contributions = contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(scope.round.id))
        .count(db)
        .await
        .op("record: count contributions")?;
    let content = if scope.revealed(now) {
        Some(revealed(db, &scope).await?)
    } else {
        None
    };
    Ok(WorkshopRecord {
        workshop_id,
        idea_id: scope.idea.id,
        title: scope.idea.title.clone(),
        problem: version.map(|v| v.problem).unwrap_or_default(),
        round_number: scope.round.number,
        focus: scope.round.focus.clone(),
        date: day(scope.workshop.started_at),
        ended: scope.ended(),
        participants: participants as u32,
        contributions: contributions as u32,
        content,
        member: matches!(ctx.caller, Caller::Member(_)),
    })
}

/// Every contribution of the revealed round, hidden ones without their
/// text, with the workshop's dots: five statements.
async fn revealed(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<RecordContent, WorkshopError> {
    let rows = contribution::Entity::find()
        .filter(contribution::Column::RoundId.eq(scope.round.id))
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .op("record: find contribution")?;
    let people = users_by_id(db, rows.iter().map(|c| c.author_id)).await?;
    // Retired domains too: contributions written before still name them.
    let domains = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::OrganisationId.eq(scope.idea.organisation_id))
        .order_by_asc(expertise_domain::Column::Position)
        .order_by_asc(expertise_domain::Column::Id)
        .all(db)
        .await
        .op("record: find expertise_domain")?;
    let wanted: Vec<i64> = round_domain::Entity::find()
        .filter(round_domain::Column::RoundId.eq(scope.round.id))
        .all(db)
        .await
        .op("record: find round_domain")?
        .into_iter()
        .map(|d| d.domain_id)
        .collect();
    let mut dots: HashMap<i64, u32> = HashMap::new();
    for vote in dot_vote::Entity::find()
        .filter(dot_vote::Column::WorkshopId.eq(scope.workshop.id))
        .all(db)
        .await
        .op("record: find dot_vote")?
    {
        *dots.entry(vote.contribution_id).or_default() += vote.dots.max(0) as u32;
    }
    // The round's domains first, then the others, in the organisation's order.
    let order: Vec<i64> = domains
        .iter()
        .filter(|d| wanted.contains(&d.id))
        .chain(domains.iter().filter(|d| !wanted.contains(&d.id)))
        .map(|d| d.id)
        .collect();
    let names: HashMap<i64, String> = domains.into_iter().map(|d| (d.id, d.name)).collect();
    let texts: HashMap<i64, String> = rows
        .iter()
        .filter(|c| c.hidden_reason.is_none())
        .map(|c| (c.id, excerpt(&c.body)))
        .collect();
    let known = Known {
        people: &people,
        domains: &names,
        dots: &dots,
        texts: &texts,
    };
    let entries = rows.iter().map(|c| known.entry(c)).collect();
    Ok(arrange(entries, &order))
}

/// What the entries are written with, read once for all of them.
struct Known<'a> {
    people: &'a HashMap<i64, user::Model>,
    domains: &'a HashMap<i64, String>,
    dots: &'a HashMap<i64, u32>,
    /// Excerpts of the round's visible contributions, by id.
    texts: &'a HashMap<i64, String>,
}

impl Known<'_> {
    /// One contribution as the record lists it; a hidden one keeps no text
    /// and no triage.
    fn entry(&self, c: &contribution::Model) -> RecordEntry {
        let person = self.people.get(&c.author_id);
        let hidden = c.hidden_reason.is_some();
        RecordEntry {
            id: c.id,
            kind: c.kind,
            severity: c.severity,
            domain: c.domain_id.map(|id| DomainRef {
                id,
                name: self.domains.get(&id).cloned().unwrap_or_default(),
            }),
            body: if hidden {
                String::new()
            } else {
                c.body.clone()
            },
            author: person.map(|p| p.display_name.clone()).unwrap_or_default(),
            author_guest: person.is_some_and(|p| p.status == MemberStatus::Guest),
            hidden,
            dots: self.dots.get(&c.id).copied().unwrap_or(0),
            answers: c.answers_id,
            grouped_under: c.grouped_under,
            triage: if hidden { None } else { self.triage(c) },
        }
    }

    /// A mine's triage: how, why or what, who and when; the defusing
    /// workaround by its text when it is one of the round's, visible.
    fn triage(&self, c: &contribution::Model) -> Option<TriageView> {
        triage_view(c).map(|view| TriageView {
            workaround_text: c
                .triage_workaround_id
                .and_then(|w| self.texts.get(&w).cloned()),
            ..view
        })
    }
}
