use crate::domain::dashboard::{
    Coverage, DashboardFilters, DashboardFrame, Delays, MinesAndPeople, Overview,
};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The dashboard's filters as the address and the GET form carry them:
/// words, read into [`DashboardFilters`] on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    pub du: Option<String>,
    pub au: Option<String>,
    pub service: Option<String>,
    pub tag: Option<String>,
    pub casquette: Option<String>,
    pub etape: Option<String>,
    pub inactives: Option<String>,
}

impl DashboardQuery {
    /// From the page's address.
    pub fn from_address(get: impl Fn(&str) -> Option<String>) -> DashboardQuery {
        DashboardQuery {
            du: get("du"),
            au: get("au"),
            service: get("service"),
            tag: get("tag"),
            casquette: get("casquette"),
            etape: get("etape"),
            inactives: get("inactives"),
        }
    }

    pub fn filters(&self) -> DashboardFilters {
        DashboardFilters::from_query(|name| {
            match name {
                "du" => &self.du,
                "au" => &self.au,
                "service" => &self.service,
                "tag" => &self.tag,
                "casquette" => &self.casquette,
                "etape" => &self.etape,
                "inactives" => &self.inactives,
                _ => &None,
            }
            .clone()
        })
    }
}

/// The funnel, the ageing and the idle ideas. Signed-in people: leads and
/// administrators over the organisation, others over their own ideas.
#[server(endpoint = "dashboard_overview")]
pub async fn dashboard_overview(
    #[server(flatten)] query: DashboardQuery,
) -> Result<(DashboardFrame, Overview), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::dashboard::read_overview(&ctx(&state), &query.filters(), 1)
        .await
        .map_err(fail)
}

/// Domains missing around the tables and the heatmap (a page of it).
#[server(endpoint = "dashboard_coverage")]
pub async fn dashboard_coverage(
    #[server(flatten)] query: DashboardQuery,
    page: Option<u32>,
) -> Result<(DashboardFrame, Coverage), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::dashboard::read_coverage(
        &ctx(&state),
        &query.filters(),
        page.unwrap_or(1).max(1),
    )
    .await
    .map_err(fail)
}

/// Frequent mines by domain; participation by domain and by service.
#[server(endpoint = "dashboard_mines")]
pub async fn dashboard_mines(
    #[server(flatten)] query: DashboardQuery,
) -> Result<(DashboardFrame, MinesAndPeople), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::dashboard::read_mines(&ctx(&state), &query.filters(), 1)
        .await
        .map_err(fail)
}

/// Time to a first contribution; rounds closed on time.
#[server(endpoint = "dashboard_delays")]
pub async fn dashboard_delays(
    #[server(flatten)] query: DashboardQuery,
) -> Result<(DashboardFrame, Delays), AppError> {
    use crate::web::http::{ctx, fail, require_signed_in, state};
    require_signed_in().map_err(fail)?;
    let state = state();
    crate::backend::dashboard::read_delays(&ctx(&state), &query.filters(), 1)
        .await
        .map_err(fail)
}
