//! What links contributions to one another, as a reader sees it: the mine a
//! workaround answers, the workarounds proposed for a mine, the workaround
//! that defused it. Each link is shown by the other contribution's text, and
//! only when the reader may read that contribution (its round revealed, or
//! their own) and it is not hidden.

use super::error::RoundError;
use crate::backend::entities::{contribution, round};
use crate::backend::store::Op;
use crate::domain::accounts::CurrentUser;
use crate::domain::round_views::{ContributionView, LinkRef};
use crate::domain::rounds::ContributionKind;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// How much of a linked contribution's text is shown.
pub const EXCERPT_CHARS: usize = 80;

/// A contribution's text cut for a link.
pub fn excerpt(text: &str) -> String {
    let mut cut: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        cut.push('…');
    }
    cut
}

/// The linked contributions of those shown, readable by the reader.
#[derive(Debug, Default)]
pub struct Links {
    texts: HashMap<i64, String>,
    /// Workarounds answering each mine shown, oldest first.
    answered_by: HashMap<i64, Vec<i64>>,
}

impl Links {
    fn link(&self, id: i64) -> Option<LinkRef> {
        self.texts.get(&id).map(|text| LinkRef {
            id,
            text: text.clone(),
        })
    }

    /// Fills a view's links (nothing for a hidden contribution).
    pub fn apply(&self, view: &mut ContributionView) {
        if view.hidden.is_some() {
            return;
        }
        view.answers_link = view.answers.and_then(|id| self.link(id));
        // The workaround that defused the mine is named by the triage line:
        // once, not again among those proposed.
        let defusing = view.triage.as_ref().and_then(|t| t.workaround);
        view.answered_by = self
            .answered_by
            .get(&view.id)
            .map(|ids| {
                ids.iter()
                    .filter(|id| Some(**id) != defusing)
                    .filter_map(|id| self.link(*id))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(triage) = view.triage.as_mut() {
            triage.workaround_text = triage
                .workaround
                .and_then(|id| self.texts.get(&id).cloned());
        }
    }
}

/// Reads the links of `shown` (contributions of idea `idea_id`).
pub async fn read(
    db: &impl ConnectionTrait,
    me: &CurrentUser,
    now: DateTime<Utc>,
    idea_id: i64,
    shown: &[contribution::Model],
) -> Result<Links, RoundError> {
    if shown.is_empty() {
        return Ok(Links::default());
    }
    let shown_ids: Vec<i64> = shown.iter().map(|c| c.id).collect();
    let named: Vec<i64> = shown
        .iter()
        .flat_map(|c| [c.answers_id, c.triage_workaround_id])
        .flatten()
        .collect();
    let related = contribution::Entity::find()
        .filter(contribution::Column::IdeaId.eq(idea_id))
        .filter(contribution::Column::HiddenReason.is_null())
        .filter(
            Condition::any()
                .add(contribution::Column::Id.is_in(named))
                .add(contribution::Column::AnswersId.is_in(shown_ids.clone())),
        )
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .op("links::read")?;
    let revealed: HashMap<i64, bool> = round::Entity::find()
        .filter(round::Column::IdeaId.eq(idea_id))
        .all(db)
        .await
        .op("links::read")?
        .iter()
        .map(|r| (r.id, super::access::revealed(r, now)))
        .collect();
    let mut links = Links::default();
    for c in related {
        let readable = c.author_id == me.id || revealed.get(&c.round_id).copied().unwrap_or(false);
        if !readable {
            continue;
        }
        if c.kind == ContributionKind::Workaround {
            if let Some(mine) = c.answers_id.filter(|m| shown_ids.contains(m)) {
                links.answered_by.entry(mine).or_default().push(c.id);
            }
        }
        links.texts.insert(c.id, excerpt(&c.body));
    }
    Ok(links)
}
