//! The fiche de déminage: what an idea became through its rounds, on one
//! or two pages. Only revealed, unhidden contributions appear.

use super::contribution_views::triage_view;
use super::error::RoundError;
use super::maturity::{facts, from_facts};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, idea_version, round};
use crate::backend::ideas::access::load;
use crate::backend::ideas::reading::{day, names};
use crate::backend::store::Op;
use crate::domain::round_views::{Fiche, FicheItem, FicheMine, TriageView};
use crate::domain::rounds::{is_revealed, ContributionKind, RoundStatus};
use crate::domain::workshop_views::most_severe;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The fiche of an idea the caller may see.
pub async fn build(ctx: &Ctx<'_>, idea_id: i64) -> Result<Fiche, RoundError> {
    let (db, now, me) = (ctx.db, ctx.now(), ctx.member()?);
    let (found, _) = load(db, me, idea_id).await?;
    let (rounds, idea_facts) = facts(db, idea_id, now).await?;
    let maturity = from_facts(db, &found, &rounds, &idea_facts).await?;
    let current = idea_version::Entity::find_by_id((idea_id, found.current_version))
        .one(db)
        .await
        .op("fiche::build")?
        .ok_or(RoundError::NotFound)?;
    let revealed: Vec<i64> = rounds
        .iter()
        .filter(|r| {
            let status = r.status;
            is_revealed(status, r.revealed_at, r.deadline, now)
        })
        .map(|r| r.id)
        .collect();
    let shown = contribution::Entity::find()
        .filter(contribution::Column::RoundId.is_in(revealed))
        .filter(contribution::Column::HiddenReason.is_null())
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .op("fiche::build")?;
    let authors = super::people::authors_of(db, &found).await?;
    let writers: Vec<i64> = shown
        .iter()
        .map(|c| c.author_id)
        .chain(authors.iter().copied())
        .collect();
    let people = names(db, writers).await?;
    let name = |id: i64| people.get(&id).cloned().unwrap_or_default();
    let domain_names: HashMap<i64, String> =
        crate::backend::entities::expertise_domain::Entity::find()
            .filter(
                crate::backend::entities::expertise_domain::Column::OrganisationId
                    .eq(found.organisation_id),
            )
            .all(db)
            .await
            .op("fiche::build")?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
    let texts: HashMap<i64, &str> = shown.iter().map(|c| (c.id, c.body.as_str())).collect();
    let of_kind = |kind: ContributionKind| {
        shown
            .iter()
            .filter(move |c| c.kind == kind)
            .map(|c| FicheItem {
                author: name(c.author_id),
                text: c.body.clone(),
                link: c.link.clone(),
                answers: c
                    .answers_id
                    .and_then(|m| texts.get(&m).map(|t| super::links::excerpt(t))),
            })
            .collect::<Vec<_>>()
    };
    let mine_ids: Vec<i64> = shown
        .iter()
        .filter(|c| c.kind == ContributionKind::Mine)
        .map(|c| c.id)
        .collect();
    let mut endorsed: HashMap<i64, u32> = HashMap::new();
    for (c,) in crate::backend::entities::endorsement::Entity::find()
        .filter(crate::backend::entities::endorsement::Column::ContributionId.is_in(mine_ids))
        .select_only()
        .column(crate::backend::entities::endorsement::Column::ContributionId)
        .into_tuple::<(i64,)>()
        .all(db)
        .await
        .op("fiche::build")?
    {
        *endorsed.entry(c).or_default() += 1;
    }
    // A group of duplicates is one mine: its card, with the others' words.
    let duplicates_of = |card: i64| -> Vec<&contribution::Model> {
        shown
            .iter()
            .filter(|d| d.grouped_under == Some(card))
            .collect()
    };
    let mut mines: Vec<FicheMine> = shown
        .iter()
        .filter(|c| c.kind == ContributionKind::Mine && c.grouped_under.is_none())
        .map(|c| FicheMine {
            domain: c
                .domain_id
                .and_then(|d| domain_names.get(&d).cloned())
                .unwrap_or_default(),
            severity: duplicates_of(c.id)
                .iter()
                .fold(c.severity, |most, d| most_severe(most, d.severity)),
            text: c.body.clone(),
            author: name(c.author_id),
            duplicates: duplicates_of(c.id)
                .iter()
                .map(|d| FicheItem {
                    author: name(d.author_id),
                    text: d.body.clone(),
                    link: None,
                    answers: None,
                })
                .collect(),
            endorsements: endorsed.get(&c.id).copied().unwrap_or(0),
            // The fiche is read on paper: the adopted workaround's text too.
            triage: triage_view(c).map(|t| TriageView {
                workaround_text: t
                    .workaround
                    .and_then(|w| texts.get(&w).map(|t| (*t).to_owned())),
                ..t
            }),
            workarounds: shown
                .iter()
                .filter(|w| {
                    w.kind == ContributionKind::Workaround
                        && w.answers_id.is_some_and(|m| {
                            m == c.id || duplicates_of(c.id).iter().any(|d| d.id == m)
                        })
                        // The defusing one is in the triage line already.
                        && Some(w.id) != c.triage_workaround_id
                })
                .map(|w| super::links::excerpt(&w.body))
                .collect(),
        })
        .collect();
    // Blocking first: what matters most leads the page.
    mines.sort_by_key(|m| m.severity.map_or(3, |s| s as u8));
    let closed: Vec<&round::Model> = rounds
        .iter()
        .filter(|r| r.status == RoundStatus::Closed)
        .collect();
    let mut covered: Vec<String> = idea_facts
        .iter()
        .filter(|f| {
            f.holds_domain && matches!(f.kind, ContributionKind::Mine | ContributionKind::AllClear)
        })
        .filter_map(|f| f.domain_id.and_then(|d| domain_names.get(&d).cloned()))
        .collect();
    covered.sort();
    covered.dedup();
    let mut author_names: Vec<String> = authors.iter().map(|a| name(*a)).collect();
    author_names.reverse(); // the author first, then co-authors
    Ok(Fiche {
        idea_id,
        title: current.title.clone(),
        authors: author_names.join(", "),
        version: found.current_version,
        problem: current.problem,
        proposal: current.proposal,
        beneficiaries: current.beneficiaries,
        maturity,
        outcome: found.outcome,
        outcome_note: found.outcome_note.clone().unwrap_or_default(),
        mines,
        workarounds: of_kind(ContributionKind::Workaround),
        resources: of_kind(ContributionKind::Resource),
        help_offers: of_kind(ContributionKind::HelpOffer),
        syntheses: closed
            .iter()
            .filter(|r| !r.synthesis.is_empty())
            .map(|r| (r.number, r.synthesis.clone()))
            .collect(),
        next_step: closed
            .last()
            .map(|r| r.next_step.clone())
            .unwrap_or_default(),
        covered,
        date: day(now),
    })
}
