//! A contribution as a reader sees it, with what others made of it
//! (endorsements, replies, dots, its triage): shared by the idea page's
//! rounds and a contribution's own page.

use super::error::RoundError;
use crate::backend::entities::{contribution, dot_vote, endorsement, expertise_domain, reply};
use crate::backend::ideas::reading::day;
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::idea_views::PersonRef;
use crate::domain::round_views::{ContributionView, DomainRef, TriageView};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Every domain of the organisation, retired ones included (old
/// contributions name them), and those offered now.
pub(super) async fn domains(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<(HashMap<i64, String>, Vec<DomainRef>), RoundError> {
    let rows = expertise_domain::Entity::find()
        .filter(expertise_domain::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(expertise_domain::Column::Position)
        .order_by_asc(expertise_domain::Column::Id)
        .all(db)
        .await
        .op("contribution_views::domains")?;
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
pub(super) struct Reactions {
    endorsements: HashMap<i64, u32>,
    mine: Vec<i64>,
    replies: HashMap<i64, u32>,
    /// Dots placed in a workshop's vote, kept apart from endorsements.
    dots: HashMap<i64, u32>,
}

pub(super) async fn reactions(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    ids: &[i64],
) -> Result<Reactions, RoundError> {
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
        .op("contribution_views::reactions")?;
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
        .op("contribution_views::reactions")?;
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
        .op("contribution_views::reactions")?;
    for (c, n) in dotted {
        *out.dots.entry(c).or_default() += n.max(0) as u32;
    }
    Ok(out)
}

/// A mine's triage as shown (the workaround named by id only).
pub(crate) fn triage_view(c: &contribution::Model) -> Option<TriageView> {
    Some(TriageView {
        kind: c.triage?,
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
pub(super) fn contribution_view(
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
        kind: c.kind,
        author: PersonRef {
            id: c.author_id,
            name: people.get(&c.author_id).cloned().unwrap_or_default(),
        },
        domain: c.domain_id.map(|id| DomainRef {
            id,
            name: domain_names.get(&id).cloned().unwrap_or_default(),
        }),
        severity: c.severity,
        text: if hidden.is_some() {
            String::new()
        } else {
            c.body.clone()
        },
        link: c.link.clone().filter(|_| hidden.is_none()),
        answers: c.answers_id,
        answers_link: None,
        answered_by: Vec::new(),
        grouped_under: c.grouped_under,
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
