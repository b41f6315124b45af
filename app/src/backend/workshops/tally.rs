//! Silent writing as the room may see it: who has written and how many
//! posts each domain received. Only the contributions' authors and domains
//! are read, never a text, so nothing here can show one before the reveal.

use super::access::Scope;
use super::error::WorkshopError;
use crate::backend::entities::contribution;
use crate::backend::expertise;
use crate::backend::store::Op;
use crate::domain::accounts::MemberStatus;
use crate::domain::round_views::DomainRef;
use crate::domain::workshop_views::{DomainCount, SilentTally, Writer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The round's tally so far; `wanted` are the round's domains, listed
/// first even before anyone writes in them.
pub async fn silent_tally(
    db: &impl ConnectionTrait,
    scope: &Scope,
    wanted: &[DomainRef],
) -> Result<SilentTally, WorkshopError> {
    let posts: Vec<(i64, Option<i64>)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::AuthorId)
        .column(contribution::Column::DomainId)
        .filter(contribution::Column::RoundId.eq(scope.round.id))
        .order_by_asc(contribution::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .op("silent tally: find contribution")?;
    let people: HashMap<i64, Writer> =
        super::reading::users_by_id(db, posts.iter().map(|(author, _)| *author))
            .await?
            .into_iter()
            .map(|(id, u)| {
                let guest = u.status == MemberStatus::Guest;
                let name = u.display_name;
                (id, Writer { name, guest })
            })
            .collect();
    let offered: Vec<DomainRef> = expertise::offered(db, scope.idea.organisation_id)
        .await?
        .into_iter()
        .map(|d| DomainRef {
            id: d.id,
            name: d.name,
        })
        .collect();
    Ok(tally(&posts, &people, wanted, &offered))
}

/// Counts `posts` (author, domain) in the order they came.
fn tally(
    posts: &[(i64, Option<i64>)],
    people: &HashMap<i64, Writer>,
    wanted: &[DomainRef],
    offered: &[DomainRef],
) -> SilentTally {
    let mut writers: Vec<(i64, Writer)> = Vec::new();
    for (author, _) in posts {
        if !writers.iter().any(|(id, _)| id == author) {
            if let Some(writer) = people.get(author) {
                writers.push((*author, writer.clone()));
            }
        }
    }
    let count = |domain: Option<i64>| posts.iter().filter(|(_, d)| *d == domain).count() as u32;
    let mut per_domain: Vec<DomainCount> = wanted
        .iter()
        .map(|d| DomainCount {
            domain: Some(d.clone()),
            posts: count(Some(d.id)),
        })
        .collect();
    for d in offered
        .iter()
        .filter(|d| !wanted.iter().any(|w| w.id == d.id))
    {
        let posts = count(Some(d.id));
        if posts > 0 {
            per_domain.push(DomainCount {
                domain: Some(d.clone()),
                posts,
            });
        }
    }
    let none = count(None);
    if none > 0 {
        per_domain.push(DomainCount {
            domain: None,
            posts: none,
        });
    }
    SilentTally {
        writers: writers.into_iter().map(|(_, w)| w).collect(),
        per_domain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(id: i64, name: &str) -> DomainRef {
        DomainRef {
            id,
            name: name.into(),
        }
    }

    #[test]
    fn writers_once_in_order_and_wanted_domains_first_even_at_zero() {
        let people = HashMap::from([
            (
                7,
                Writer {
                    name: "Lou".into(),
                    guest: true,
                },
            ),
            (
                3,
                Writer {
                    name: "Anne".into(),
                    guest: false,
                },
            ),
        ]);
        let (legal, money, data) = (
            domain(1, "Juridique"),
            domain(2, "Budget"),
            domain(3, "Données"),
        );
        let posts = [(7, Some(3)), (3, Some(1)), (7, Some(3)), (7, None)];
        let got = tally(
            &posts,
            &people,
            &[legal.clone(), money.clone()],
            &[legal.clone(), money.clone(), data.clone()],
        );
        let names: Vec<&str> = got.writers.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["Lou", "Anne"]);
        assert!(got.writers[0].guest);
        let counts: Vec<(Option<i64>, u32)> = got
            .per_domain
            .iter()
            .map(|c| (c.domain.as_ref().map(|d| d.id), c.posts))
            .collect();
        assert_eq!(
            counts,
            [(Some(1), 1), (Some(2), 0), (Some(3), 2), (None, 1)]
        );
        let empty = tally(&[], &HashMap::new(), &[legal], &[data]);
        assert!(empty.writers.is_empty());
        assert_eq!(empty.per_domain.len(), 1);
    }
}
