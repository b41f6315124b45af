//! Words as search compares them: folded (no case, no accents), French
//! stop words left out, reduced to their stem by the Snowball French
//! stemmer ("réseaux", "Réseau" and "reseau" all give `reseau`). Indexing
//! and querying go through the same steps, in Rust, so SQLite and
//! PostgreSQL compare the same terms and return the same results.

use crate::backend::ideas::search::fold;
use rust_stemmers::{Algorithm, Stemmer};

/// Longer words are not indexed (nobody types them; they bloat the index).
const MAX_WORD_CHARS: usize = 40;
/// The index's column holds this many characters: folding may lengthen a
/// word (« ﬃ » gives `ffi`), so the term itself is checked too.
const MAX_TERM_CHARS: usize = 64;

/// Words too common to tell texts apart, folded.
const STOP_WORDS: &[&str] = &[
    "a", "afin", "ai", "au", "aux", "avec", "c", "ca", "car", "ce", "ceci", "cela", "celle",
    "celles", "celui", "ces", "cet", "cette", "ceux", "chez", "d", "dans", "de", "des", "donc",
    "dont", "du", "elle", "elles", "en", "entre", "est", "et", "etc", "ete", "etre", "eu", "il",
    "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me",
    "meme", "mes", "moi", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "or", "ou",
    "par", "pas", "plus", "pour", "qu", "que", "qui", "s", "sa", "sans", "se", "ses", "si", "son",
    "sont", "sous", "sur", "t", "ta", "te", "tes", "ton", "tres", "tu", "un", "une", "vos",
    "votre", "vous", "y",
];

/// A word of a text: where it stands (byte offsets) and the term it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub term: String,
}

/// The words of `text` that search knows, in order. Letters and digits
/// make words; anything else (spaces, apostrophes, hyphens) separates them.
pub fn words(text: &str) -> Vec<Word> {
    let stemmer = Stemmer::create(Algorithm::French);
    let mut found = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                if let Some(term) = term_of(&stemmer, &text[from..at]) {
                    found.push(Word {
                        start: from,
                        end: at,
                        term,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    found
}

fn term_of(stemmer: &Stemmer, raw: &str) -> Option<String> {
    if raw.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let folded = fold(raw);
    if STOP_WORDS.binary_search(&folded.as_str()).is_ok() {
        return None;
    }
    let term = stemmer.stem(singular(&folded)).into_owned();
    (term.chars().count() <= MAX_TERM_CHARS).then_some(term)
}

/// The word without a plural's final `s` (or the `x` of `-eaux`): the
/// Snowball stemmer keeps it after a vowel (« vélos » would not meet
/// « vélo »). Both forms go through here, so they meet.
fn singular(word: &str) -> &str {
    let plural = word.len() > 3
        && ((word.ends_with('s') && !word.ends_with("ss")) || word.ends_with("eaux"));
    if plural {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// The most words a query searches for.
pub const MAX_QUERY_TERMS: usize = 8;

/// Whether `query` holds more distinct words than are searched for.
pub fn too_many_words(query: &str) -> bool {
    let mut terms: Vec<String> = words(query).into_iter().map(|w| w.term).collect();
    terms.sort_unstable();
    terms.dedup();
    terms.len() > MAX_QUERY_TERMS
}

/// The distinct terms of a query, in the order typed, eight at most.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in words(query) {
        if !terms.contains(&word.term) {
            terms.push(word.term);
        }
    }
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.term).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_the_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn accents_case_and_word_forms_give_one_term() {
        for variant in ["réseaux", "Réseau", "RESEAU", "reseaux"] {
            assert_eq!(terms(variant), ["reseau"], "{variant}");
        }
        assert_eq!(terms("données"), terms("Donnee"));
        assert_eq!(terms("Sécurité"), terms("securites"));
        assert_eq!(terms("financer"), terms("financement"));
        assert_eq!(terms("vélos"), terms("vélo"));
        assert_eq!(terms("bureaux"), terms("Bureau"));
        assert_eq!(terms("chevaux"), terms("cheval"));
    }

    #[test]
    fn stop_words_and_elisions_are_left_out() {
        assert_eq!(
            terms("l’accès aux données de la CNIL"),
            terms("acces donnee cnil")
        );
        assert_eq!(terms("l’accès aux données de la CNIL").len(), 3);
        assert!(query_terms("de la et le").is_empty());
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let text = "Le télé-travail, enfin";
        let found = words(text);
        let spans: Vec<&str> = found.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(spans, ["télé", "travail", "enfin"]);
    }

    #[test]
    fn query_terms_are_distinct_and_bounded() {
        assert_eq!(query_terms("réseau RÉSEAUX réseaux"), ["reseau"]);
        let ten = "un deux trois quatre cinq six sept huit neuf dix onze";
        assert_eq!(query_terms(ten).len(), 8);
        assert!(too_many_words(ten) && !too_many_words("deux trois"));
        assert_eq!(terms(&format!("ﬃ{}", "ﬃ".repeat(30))), Vec::<String>::new());
    }
}
