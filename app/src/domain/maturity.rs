//! The maturity stages of an idea (PRODUCT.md, "Maturity"). The stage is
//! always derived from the data; this module names the stages and the
//! criteria the UI explains; `maturity_rule` computes them from the evidence.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Stage {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "seed"))]
    Seed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sketch"))]
    Sketch,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "demined"))]
    Demined,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ready"))]
    Ready,
}

impl Stage {
    /// The stages in the order an idea goes through them.
    pub const ALL: [Stage; 4] = [Stage::Seed, Stage::Sketch, Stage::Demined, Stage::Ready];

    pub fn label(self) -> Key {
        match self {
            Stage::Seed => Key::StageSeed,
            Stage::Sketch => Key::StageSketch,
            Stage::Demined => Key::StageDemined,
            Stage::Ready => Key::StageReady,
        }
    }

    pub fn criteria(self) -> Key {
        match self {
            Stage::Seed => Key::StageSeedCriteria,
            Stage::Sketch => Key::StageSketchCriteria,
            Stage::Demined => Key::StageDeminedCriteria,
            Stage::Ready => Key::StageReadyCriteria,
        }
    }

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Seed => "seed",
            Stage::Sketch => "sketch",
            Stage::Demined => "demined",
            Stage::Ready => "ready",
        }
    }

    /// The stage stored in the database.
    pub fn parse(raw: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The stage a URL names by its slug.
    pub fn from_slug(slug: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// A stable identifier for HTML ids and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Seed => "graine",
            Stage::Sketch => "esquisse",
            Stage::Demined => "deminee",
            Stage::Ready => "prete",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_listed_in_the_order_an_idea_matures() {
        let mut sorted = Stage::ALL;
        sorted.sort();
        assert_eq!(sorted, Stage::ALL);
    }

    #[test]
    fn every_stage_has_its_own_label_criteria_and_slug() {
        for (i, a) in Stage::ALL.iter().enumerate() {
            for b in &Stage::ALL[i + 1..] {
                assert_ne!(a.label(), b.label());
                assert_ne!(a.criteria(), b.criteria());
                assert_ne!(a.slug(), b.slug());
            }
        }
    }
}
