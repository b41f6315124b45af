//! Matching words marked in what a result shows: the whole of a short
//! text (a title, a name), or an extract around the first match of a long
//! one.

use super::analysis::words;
use crate::domain::search::Marked;

/// Characters kept before the first match in an extract.
const LEAD_CHARS: usize = 60;

/// `text` in pieces, the words whose term is in `terms` marked.
pub fn mark(text: &str, terms: &[String]) -> Vec<Marked> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for word in words(text) {
        if terms.contains(&word.term) {
            push(&mut pieces, &text[at..word.start], false);
            push(&mut pieces, &text[word.start..word.end], true);
            at = word.end;
        }
    }
    push(&mut pieces, &text[at..], false);
    pieces
}

/// Whether `text` holds a word of `terms`.
pub fn matches(text: &str, terms: &[String]) -> bool {
    words(text).iter().any(|w| terms.contains(&w.term))
}

/// About `max_chars` of `text` around its first match (its start when
/// nothing matches), cut between words, marked; `…` where it was cut.
pub fn extract(text: &str, terms: &[String], max_chars: usize) -> Vec<Marked> {
    let text = text.trim();
    let (first, first_end) = words(text)
        .into_iter()
        .find(|w| terms.contains(&w.term))
        .map_or((0, 0), |w| (w.start, w.end));
    let from = if text[..first].chars().count() <= LEAD_CHARS {
        0
    } else {
        // Never past the match (a long word without spaces before it).
        Ord::min(
            word_start_after(text, back_chars(text, first, LEAD_CHARS)),
            first,
        )
    };
    let until = forward_chars(text, from, max_chars);
    let until = if until >= text.len() {
        text.len()
    } else {
        // Never before the match's end (no space after it for long).
        Ord::max(word_end_before(text, until), Ord::max(first_end, from))
    };
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(text[from..until].trim());
    if until < text.len() {
        shown.push('…');
    }
    mark(&shown, terms)
}

fn push(pieces: &mut Vec<Marked>, text: &str, hit: bool) {
    if !text.is_empty() {
        pieces.push(Marked {
            text: text.to_owned(),
            hit,
        });
    }
}

/// The byte offset `chars` characters before `at`.
fn back_chars(text: &str, at: usize, chars: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `chars` characters after `at`, or the end.
fn forward_chars(text: &str, at: usize, chars: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The start of the first whole word at or after `at` (after a space of
/// any width: French texts hold non-breaking ones).
fn word_start_after(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(at, |(i, c)| at + i + c.len_utf8())
}

/// The end of the last whole word before `at`.
fn word_end_before(text: &str, at: usize) -> usize {
    text[..at].rfind(char::is_whitespace).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::search::analysis::query_terms;

    fn render(pieces: &[Marked]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn every_form_of_a_query_word_is_marked() {
        let terms = query_terms("reseau");
        let marked = mark("Les réseaux et le Réseau, pas la résille.", &terms);
        assert_eq!(
            render(&marked),
            "Les [réseaux] et le [Réseau], pas la résille."
        );
    }

    #[test]
    fn a_long_text_is_cut_around_its_first_match() {
        let text = format!(
            "{} le vélo de service {}",
            "début ".repeat(40),
            "fin ".repeat(80)
        );
        let shown = render(&extract(&text, &query_terms("vélos"), 120));
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("[vélo]"), "{shown}");
        assert!(shown.chars().count() <= 126, "{shown}");
    }

    #[test]
    fn cuts_fall_between_characters_whatever_the_spaces() {
        let terms = query_terms("vélo");
        for space in ["\u{a0}", "\u{202f}", " "] {
            let text = format!(
                "{}{space}et{space}le vélo {}",
                "début ".repeat(15),
                "fin ".repeat(80)
            );
            let shown = render(&extract(&text, &terms, 120));
            assert!(shown.contains("[vélo]"), "{shown}");
        }
        // No space for long before the match (an address), nor after it.
        let long = format!("{}vélo {}", "x/".repeat(150), "y ".repeat(200));
        let shown = render(&extract(&long, &terms, 120));
        assert!(
            shown.starts_with('…') && shown.contains("[vélo]"),
            "{shown}"
        );
        let glued = format!("{} vélo/{}", "x ".repeat(150), "y/".repeat(200));
        let shown = render(&extract(&glued, &terms, 120));
        assert!(shown.contains("[vélo]"), "{shown}");
    }

    #[test]
    fn a_short_text_is_shown_whole() {
        let shown = render(&extract("  Un vélo.  ", &query_terms("velo"), 120));
        assert_eq!(shown, "Un [vélo].");
        assert_eq!(
            render(&extract("Rien ici", &query_terms("velo"), 120)),
            "Rien ici"
        );
    }
}
