//! The leads' dashboard in the UI: four light pages (overview, coverage,
//! mines and participation, delays) sharing their filters through the
//! address, each figure an SVG chart drawn on the server with its title,
//! a sentence and its table.
mod api;
mod charts;
mod coverage_page;
mod delays_page;
mod frame;
mod mines_page;
mod overview_page;

pub use api::*;
pub use coverage_page::DashboardCoveragePage;
pub use delays_page::DashboardDelaysPage;
pub use mines_page::DashboardMinesPage;
pub use overview_page::DashboardOverviewPage;

pub const DASHBOARD_PATH: &str = "/tableau-de-bord";
/// The coverage section (its heatmap is paged).
pub const COVERAGE_PATH: &str = "/tableau-de-bord/couverture";
/// The exports, with the same filters in their query.
pub const CSV_PATH: &str = "/tableau-de-bord.csv";
pub const JSON_PATH: &str = "/tableau-de-bord.json";
