//! The leads' dashboard: figures over an organisation's published ideas
//! (or, for people who are not leads, over their own), filtered as the
//! address says. Only revealed, unhidden contributions count: a silent
//! round says nothing here until its reveal. Each section reads what it
//! shows with a few grouped queries; nothing is read row by row.

mod coverage;
pub mod csv;
mod delays;
mod mines;
mod overview;

use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, idea, idea_tag, round, round_domain, user};
use crate::backend::ideas::error::IdeaError;
use crate::backend::ideas::listing::{coauthored_by, tags_in_use};
use crate::backend::store::Op;
use crate::domain::accounts::{CurrentUser, MemberStatus, Role};
use crate::domain::dashboard::{
    Coverage, DashboardData, DashboardFilters, DashboardFrame, Delays, MinesAndPeople, Overview,
};
use crate::domain::ideas::{CoauthorStatus, IdeaStatus};
use crate::domain::round_views::DomainRef;
use crate::domain::rounds::RoundStatus;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    QueryTrait, Select,
};

use coverage::coverage;
use delays::delays;
use mines::mines_and_people;
use overview::overview;

/// Who asks, over which ideas.
pub(super) struct Scope {
    pub now: DateTime<Utc>,
    pub organisation_id: i64,
    pub filters: DashboardFilters,
    /// The ideas counted, as a subquery of ids.
    pub ideas: SelectStatement,
}

impl Scope {
    /// The rounds of the ideas counted that are revealed now (a subquery
    /// of ids); cancelled rounds that were never revealed are not.
    pub fn revealed_rounds(&self) -> SelectStatement {
        round::Entity::find()
            .select_only()
            .column(round::Column::Id)
            .filter(round::Column::IdeaId.in_subquery(self.ideas.clone()))
            .filter(revealed(self.now))
            .into_query()
    }

    /// Revealed, unhidden contributions of the ideas counted.
    pub fn contributions(&self) -> Select<contribution::Entity> {
        use sea_orm::sea_query::ExprTrait;
        // `+round_id`: the revealed rounds are most rounds, and walking
        // the round index then every row costs ten times a covering index
        // of what each aggregate reads (the unary plus keeps SQLite's
        // planner off the round index; PostgreSQL reads it as the column).
        let round_id = Expr::cust(r#"+"contributions"."round_id""#);
        contribution::Entity::find()
            .filter(round_id.in_subquery(self.revealed_rounds()))
            .filter(contribution::Column::HiddenReason.is_null())
    }
}

/// A round's contributions may be read by all (`domain::rounds::is_revealed`).
pub(crate) fn revealed(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(round::Column::RevealedAt.is_not_null())
        .add(round::Column::Status.eq(RoundStatus::Closed))
        .add(
            Condition::all()
                .add(round::Column::Status.eq(RoundStatus::Open))
                .add(round::Column::Deadline.lte(now)),
        )
}

/// The exact negation of `revealed`, written so that a round without a
/// deadline (a live round) is not revealed: `NOT revealed` would read its
/// NULL deadline as unknown, and a `NOT IN` of those rounds would let it
/// through.
pub(crate) fn unrevealed(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(round::Column::RevealedAt.is_null())
        .add(round::Column::Status.ne(RoundStatus::Closed))
        .add(
            Condition::any()
                .add(round::Column::Status.ne(RoundStatus::Open))
                .add(round::Column::Deadline.is_null())
                .add(round::Column::Deadline.gt(now)),
        )
}

/// Midnight in France at the start of `day`, as UTC.
fn start_of(day: NaiveDate) -> Option<DateTime<Utc>> {
    Paris
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn parse_day(text: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text?, "%Y-%m-%d").ok()
}

/// Leads and administrators see the whole organisation.
pub fn sees_organisation(me: &CurrentUser) -> bool {
    me.role >= Role::Lead
}

/// The published ideas the caller may count, as the filters keep them.
fn ideas_counted(
    me: &CurrentUser,
    filters: &DashboardFilters,
    now: DateTime<Utc>,
) -> Select<idea::Entity> {
    let mut found = idea::Entity::find()
        .filter(idea::Column::OrganisationId.eq(me.organisation_id))
        .filter(idea::Column::Status.eq(IdeaStatus::Published));
    if !sees_organisation(me) {
        found = found.filter(
            Condition::any()
                .add(idea::Column::AuthorId.eq(me.id))
                .add(idea::Column::Id.in_subquery(coauthored_by(me.id, CoauthorStatus::Accepted))),
        );
    }
    if let Some(from) = parse_day(filters.from.as_deref()).and_then(start_of) {
        found = found.filter(idea::Column::PublishedAt.gte(from));
    }
    let after = parse_day(filters.to.as_deref())
        .and_then(|d| d.succ_opt())
        .and_then(start_of);
    if let Some(after) = after {
        found = found.filter(idea::Column::PublishedAt.lt(after));
    }
    if let Some(stage) = filters.stage {
        found = found.filter(idea::Column::Stage.eq(stage));
    }
    if let Some(tag) = &filters.tag {
        found = found.filter(
            idea::Column::Id.in_subquery(
                Query::select()
                    .column(idea_tag::Column::IdeaId)
                    .from(idea_tag::Entity)
                    .and_where(idea_tag::Column::Tag.eq(tag.to_lowercase()))
                    .to_owned(),
            ),
        );
    }
    if let Some(service) = &filters.service {
        found = found.filter(
            idea::Column::AuthorId.in_subquery(
                user::Entity::find()
                    .select_only()
                    .column(user::Column::Id)
                    .filter(user::Column::OrganisationId.eq(me.organisation_id))
                    .filter(user::Column::Service.eq(service.trim()))
                    .into_query(),
            ),
        );
    }
    if let Some(domain) = filters.domain {
        // Touched by the domain: a round called it, or someone spoke for it.
        let called = round::Entity::find()
            .select_only()
            .column(round::Column::IdeaId)
            .filter(
                round::Column::Id.in_subquery(
                    round_domain::Entity::find()
                        .select_only()
                        .column(round_domain::Column::RoundId)
                        .filter(round_domain::Column::DomainId.eq(domain))
                        .into_query(),
                ),
            )
            .into_query();
        let spoken = contribution::Entity::find()
            .select_only()
            .column(contribution::Column::IdeaId)
            .filter(contribution::Column::DomainId.eq(domain))
            .filter(
                contribution::Column::IdeaId.in_subquery(
                    idea::Entity::find()
                        .select_only()
                        .column(idea::Column::Id)
                        .filter(idea::Column::OrganisationId.eq(me.organisation_id))
                        .into_query(),
                ),
            )
            .filter(contribution::Column::HiddenReason.is_null())
            .filter(
                contribution::Column::RoundId.in_subquery(
                    round::Entity::find()
                        .select_only()
                        .column(round::Column::Id)
                        .filter(revealed(now))
                        .into_query(),
                ),
            )
            .into_query();
        found = found.filter(
            Condition::any()
                .add(idea::Column::Id.in_subquery(called))
                .add(idea::Column::Id.in_subquery(spoken)),
        );
    }
    found
}

/// The scope of a dashboard read.
fn scope_of(ctx: &Ctx<'_>, filters: &DashboardFilters) -> Result<Scope, IdeaError> {
    let (me, now) = (ctx.member()?, ctx.now());
    Ok(Scope {
        now,
        organisation_id: me.organisation_id,
        filters: filters.clone(),
        ideas: ideas_counted(me, filters, now)
            .select_only()
            .column(idea::Column::Id)
            .into_query(),
    })
}

/// What the filters offer, and how many ideas they keep.
async fn frame(ctx: &Ctx<'_>, scope: &Scope) -> Result<DashboardFrame, IdeaError> {
    let (db, me) = (ctx.db, ctx.member()?);
    let counted = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .filter(idea::Column::Id.in_subquery(scope.ideas.clone()));
    let (ideas, services, tags, domains) = tokio::try_join!(
        async { Ok::<_, IdeaError>(counted.count(db).await.op("dashboard: count ideas")?) },
        services(db, me.organisation_id),
        async { Ok(tags_in_use(db, me.organisation_id).await?) },
        domains(db, me.organisation_id),
    )?;
    Ok(DashboardFrame {
        whole_organisation: sees_organisation(me),
        services,
        tags,
        domains,
        ideas: ideas as u32,
    })
}

/// The organisation's domains now, in its order.
pub(super) async fn domains(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<DomainRef>, IdeaError> {
    Ok(crate::backend::expertise::domain_refs(db, organisation_id).await?)
}

/// The services the organisation's people wrote, each once.
async fn services(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<String>, IdeaError> {
    let mut services: Vec<String> = user::Entity::find()
        .select_only()
        .column(user::Column::Service)
        .distinct()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Status.eq(MemberStatus::Active))
        .filter(user::Column::Service.ne(""))
        .into_tuple()
        .all(db)
        .await
        .op("dashboard: services")?;
    services.retain(|s: &String| !s.trim().is_empty());
    // The same order on every database, accents and case aside.
    services.sort_by_cached_key(|s| crate::backend::ideas::search::fold(s));
    Ok(services)
}

/// One section, with its frame.
macro_rules! section {
    ($(#[$doc:meta])* $name:ident, $figures:ty, $compute:path) => {
        $(#[$doc])*
        pub async fn $name(
            ctx: &Ctx<'_>,
            filters: &DashboardFilters,
            page: u32,
        ) -> Result<(DashboardFrame, $figures), IdeaError> {
            // The frame and the figures are read side by side (two
            // connections of the pool).
            let scope = scope_of(ctx, filters)?;
            tokio::try_join!(frame(ctx, &scope), $compute(ctx.db, &scope, page))
        }
    };
}

section!(
    /// Funnel, ageing, ideas left idle.
    read_overview, Overview, overview
);
section!(
    /// Domains missing around the tables, the heatmap.
    read_coverage, Coverage, coverage
);
section!(
    /// Frequent mines by domain, participation.
    read_mines, MinesAndPeople, mines_and_people
);
section!(
    /// Time to a first contribution, rounds closed on time.
    read_delays, Delays, delays
);

/// Every section at once, for the exports (the heatmap's every line).
pub async fn read_all(
    ctx: &Ctx<'_>,
    filters: &DashboardFilters,
) -> Result<DashboardData, IdeaError> {
    let scope = scope_of(ctx, filters)?;
    let db = ctx.db;
    let (frame, overview, coverage, mines, delays) = tokio::try_join!(
        frame(ctx, &scope),
        overview(db, &scope, 0),
        coverage(db, &scope, 0),
        mines_and_people(db, &scope, 1),
        delays(db, &scope, 1),
    )?;
    Ok(DashboardData {
        filters: filters.clone(),
        overview,
        coverage,
        mines,
        delays,
        frame,
    })
}

/// The median of some values (the lower middle of an even count).
pub(super) fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    (!values.is_empty()).then(|| values[(values.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_is_the_middle_value() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5));
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
    }

    #[test]
    fn days_start_at_french_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            start_of(day),
            Some(Utc.with_ymd_and_hms(2026, 11, 30, 23, 0, 0).unwrap())
        );
    }
}
