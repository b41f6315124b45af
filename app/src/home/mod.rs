//! The home page: for visitors, what Les Démineurs is for and how an idea
//! matures; for members, « Mon bureau », what waits for them.
mod api;
mod desk;
mod maturity_guide;
mod page;

pub use api::{get_desk, GetDesk};
pub use desk::DeskView;
pub use maturity_guide::MaturityGuide;
pub use page::HomePage;
