//! The home page: what Les Démineurs is for and how an idea matures.
mod maturity_guide;
mod page;

pub use maturity_guide::MaturityGuide;
pub use page::HomePage;
