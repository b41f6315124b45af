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
use crate::domain::workshop_views::{DomainCount, SilentTally, Writer, WRITERS_SHOWN};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The round's tally so far; `wanted` are the round's domains, listed
/// first even before anyone writes in them. Counted by the database: the
/// board fetches this after every post, and a room of a thousand would
/// otherwise read a thousand rows and their writers to show forty names.
pub async fn silent_tally(
    db: &impl ConnectionTrait,
    scope: &Scope,
    wanted: &[DomainRef],
) -> Result<SilentTally, WorkshopError> {
    let of_round = contribution::Column::RoundId.eq(scope.round.id);
    let per_domain: Vec<(Option<i64>, i64)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::DomainId)
        .column_as(contribution::Column::Id.count(), "posts")
        .filter(of_round.clone())
        .group_by(contribution::Column::DomainId)
        .into_tuple()
        .all(db)
        .await
        .op("silent tally: count per domain")?;
    let first: Vec<(i64, i64)> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::AuthorId)
        .column_as(contribution::Column::Id.min(), "first")
        .filter(of_round.clone())
        .group_by(contribution::Column::AuthorId)
        .order_by_asc(Expr::col(Alias::new("first")))
        .limit(WRITERS_SHOWN as u64)
        .into_tuple()
        .all(db)
        .await
        .op("silent tally: first writers")?;
    let writer_count: Option<i64> = contribution::Entity::find()
        .select_only()
        .column_as(
            Expr::col(contribution::Column::AuthorId).count_distinct(),
            "writers",
        )
        .filter(of_round)
        .into_tuple()
        .one(db)
        .await
        .op("silent tally: count writers")?;
    let people: HashMap<i64, Writer> =
        super::reading::users_by_id(db, first.iter().map(|(author, _)| *author))
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
    let first_writers: Vec<i64> = first.iter().map(|(author, _)| *author).collect();
    let counts = Counts {
        per_domain: &per_domain,
        writers: u32::try_from(writer_count.unwrap_or(0)).unwrap_or(u32::MAX),
    };
    Ok(tally(&first_writers, &people, counts, (wanted, &offered)))
}

/// What the database counted for a round.
struct Counts<'a> {
    /// Posts per domain (`None`: naming none).
    per_domain: &'a [(Option<i64>, i64)],
    /// Everyone who wrote.
    writers: u32,
}

/// The tally from the first writers (in the order they first wrote) and
/// the counts; `wanted` domains first, then the other `offered` ones.
fn tally(
    first_writers: &[i64],
    people: &HashMap<i64, Writer>,
    counts: Counts<'_>,
    (wanted, offered): (&[DomainRef], &[DomainRef]),
) -> SilentTally {
    let writers = first_writers
        .iter()
        .filter_map(|author| people.get(author).cloned())
        .collect();
    let count = |domain: Option<i64>| {
        counts
            .per_domain
            .iter()
            .find(|(d, _)| *d == domain)
            .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX))
    };
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
        writers,
        writer_count: counts.writers,
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
        // Lou wrote first (twice in domain 3, once in none), then Anne.
        let per_domain = [(Some(3), 2), (Some(1), 1), (None, 1)];
        let counts = Counts {
            per_domain: &per_domain,
            writers: 2,
        };
        let wanted = [legal.clone(), money.clone()];
        let offered = [legal.clone(), money.clone(), data.clone()];
        let got = tally(&[7, 3], &people, counts, (&wanted, &offered));
        let names: Vec<&str> = got.writers.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["Lou", "Anne"]);
        assert!(got.writers[0].guest);
        assert_eq!(got.writer_count, 2);
        let counts: Vec<(Option<i64>, u32)> = got
            .per_domain
            .iter()
            .map(|c| (c.domain.as_ref().map(|d| d.id), c.posts))
            .collect();
        assert_eq!(
            counts,
            [(Some(1), 1), (Some(2), 0), (Some(3), 2), (None, 1)]
        );
        let nothing = Counts {
            per_domain: &[],
            writers: 0,
        };
        let empty = tally(&[], &HashMap::new(), nothing, (&[legal], &[data]));
        assert!(empty.writers.is_empty());
        assert_eq!(empty.per_domain.len(), 1);
    }
}
