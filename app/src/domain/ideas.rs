//! Ideas: what an author writes, its versions, and how it is found. Plain
//! types and rules; the services in `backend::ideas` store them.

use super::accounts::parse_text;
use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// The idea's title: what the list shows. 1 to 120 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaTitle(String);

impl IdeaTitle {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<IdeaTitle, Key> {
        parse_text(raw, Self::MAX_CHARS).map(IdeaTitle)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A paragraph field (problem, proposal, beneficiaries, help sought): up to
/// 4 000 characters, line breaks kept, other control characters refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdeaText(String);

impl IdeaText {
    pub const MAX_CHARS: usize = 4000;

    /// A field that may stay empty.
    pub fn parse_optional(raw: &str) -> Result<IdeaText, Key> {
        paragraph(raw, Self::MAX_CHARS).map(IdeaText)
    }

    /// A field that must say something.
    pub fn parse_required(raw: &str) -> Result<IdeaText, Key> {
        let text = Self::parse_optional(raw)?;
        if text.0.is_empty() {
            return Err(Key::ErrRequired);
        }
        Ok(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A paragraph of up to `max_chars` characters, possibly empty: trimmed,
/// line breaks kept (as `\n`: browsers send CRLF), other control and
/// direction-override characters refused.
pub(crate) fn paragraph(raw: &str, max_chars: usize) -> Result<String, Key> {
    let text = raw.replace("\r\n", "\n").trim().to_owned();
    if text.chars().count() > max_chars {
        return Err(Key::ErrTooLong);
    }
    if text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || super::accounts::is_direction_override(c)
    }) {
        return Err(Key::ErrInvisibleCharacters);
    }
    Ok(text)
}

/// Tags, typed as "mobilité, #numérique": lower-cased, without `#`, each 1 to
/// 30 characters of letters, digits, spaces or `-`, at most 8, no repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tags(Vec<String>);

impl Tags {
    pub const MAX_TAGS: usize = 8;
    pub const MAX_CHARS: usize = 30;

    pub fn parse(raw: &str) -> Result<Tags, Key> {
        let mut tags: Vec<String> = Vec::new();
        for piece in raw.split([',', ';', '\n']) {
            let tag = piece
                .trim()
                .trim_start_matches('#')
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if tag.is_empty() {
                continue;
            }
            if tag.chars().count() > Self::MAX_CHARS {
                return Err(Key::ErrTagTooLong);
            }
            if !tag
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '\'' || c == '’')
            {
                return Err(Key::ErrTagInvalid);
            }
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > Self::MAX_TAGS {
            return Err(Key::ErrTooManyTags);
        }
        Ok(Tags(tags))
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<String> {
        self.0
    }
}

/// Where an idea stands for its readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum IdeaStatus {
    /// Seen by its authors only.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// Seen by everyone in the organisation.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
}

impl IdeaStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            IdeaStatus::Draft => "draft",
            IdeaStatus::Published => "published",
        }
    }

    pub fn parse(raw: &str) -> Option<IdeaStatus> {
        [IdeaStatus::Draft, IdeaStatus::Published]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// Where a co-author stands: invited by an author, then accepted (a
/// declined invitation is deleted). On the server it is also a typed
/// column: an `idea_coauthors` row's `status` holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum CoauthorStatus {
    /// Asked, not yet answered: not an author yet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "invited"))]
    Invited,
    /// An author of the idea.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
}

impl CoauthorStatus {
    pub const ALL: [CoauthorStatus; 2] = [CoauthorStatus::Invited, CoauthorStatus::Accepted];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CoauthorStatus::Invited => "invited",
            CoauthorStatus::Accepted => "accepted",
        }
    }
}

/// The text of one version of an idea.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaContent {
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub beneficiaries: String,
    pub help_sought: String,
    pub tags: Vec<String>,
}

impl IdeaContent {
    /// The fields in reading order, with their labels, for display and diffs.
    pub fn fields(&self) -> [(Key, &str); 5] {
        [
            (Key::IdeaFieldTitle, self.title.as_str()),
            (Key::IdeaFieldProblem, self.problem.as_str()),
            (Key::IdeaSectionProposal, self.proposal.as_str()),
            (Key::IdeaFieldBeneficiaries, self.beneficiaries.as_str()),
            (Key::IdeaFieldHelpSought, self.help_sought.as_str()),
        ]
    }

    /// The tags, as one text to compare, with their label.
    pub fn tags_field(&self) -> (Key, String) {
        (Key::IdeaFieldTags, self.tags.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_required_and_bounded() {
        assert_eq!(IdeaTitle::parse("  "), Err(Key::ErrRequired));
        assert_eq!(IdeaTitle::parse(&"é".repeat(121)), Err(Key::ErrTooLong));
        assert!(IdeaTitle::parse(&"é".repeat(120)).is_ok());
        assert_eq!(
            IdeaTitle::parse("a\u{7}b"),
            Err(Key::ErrInvisibleCharacters)
        );
        assert_eq!(
            IdeaTitle::parse("Budget \u{202E}0001"),
            Err(Key::ErrInvisibleCharacters)
        );
        assert!(IdeaTitle::parse("Vélos 🚲 « partagés » — 2027").is_ok());
    }

    #[test]
    fn texts_keep_line_breaks_and_refuse_control_characters() {
        let text = IdeaText::parse_required(" Ligne 1\r\nLigne 2 ").unwrap();
        assert_eq!(text.as_str(), "Ligne 1\nLigne 2");
        assert_eq!(IdeaText::parse_required(" \n "), Err(Key::ErrRequired));
        assert_eq!(IdeaText::parse_optional("").unwrap().as_str(), "");
        assert_eq!(
            IdeaText::parse_optional("a\u{0}"),
            Err(Key::ErrInvisibleCharacters)
        );
        assert_eq!(
            IdeaText::parse_optional(&"x".repeat(4001)),
            Err(Key::ErrTooLong)
        );
    }

    /// The words already in the database: renaming one would orphan rows.
    #[test]
    fn coauthor_words_stay_the_same() {
        let words: Vec<&str> = CoauthorStatus::ALL
            .into_iter()
            .map(CoauthorStatus::as_str)
            .collect();
        assert_eq!(words, ["invited", "accepted"]);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_coauthor_word_stored_is_the_word_named() {
        use sea_orm::ActiveEnum;
        for status in CoauthorStatus::ALL {
            assert_eq!(status.to_value(), status.as_str());
        }
    }

    #[test]
    fn tags_are_normalised_deduplicated_and_bounded() {
        let tags = Tags::parse("#Mobilité, numérique ;  mobilité,\n vie  locale").unwrap();
        assert_eq!(tags.as_slice(), ["mobilité", "numérique", "vie locale"]);
        assert_eq!(Tags::parse("<script>"), Err(Key::ErrTagInvalid));
        assert_eq!(Tags::parse(&"t".repeat(31)), Err(Key::ErrTagTooLong));
        let nine = (0..9)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(Tags::parse(&nine), Err(Key::ErrTooManyTags));
    }
}
