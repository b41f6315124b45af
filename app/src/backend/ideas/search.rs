//! Search that ignores case and accents, the same on SQLite and PostgreSQL:
//! each idea keeps a folded copy of its searchable text, and the query is
//! folded the same way, so the databases compare plain lower-case letters.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Lower case, without accents or other marks; ligatures spelt out
/// ("Cœur" → "coeur"), compatibility forms unified ("ﬁ" → "fi").
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        for lower in c.to_lowercase() {
            match lower {
                'œ' => folded.push_str("oe"),
                'æ' => folded.push_str("ae"),
                'ß' => folded.push_str("ss"),
                '’' => folded.push('\''),
                other => folded.push(other),
            }
        }
    }
    folded
}

/// The words of a query, folded, each ready for a `LIKE '%…%'` with `\`
/// as the escape character (a `%` or `_` typed is searched as such).
pub fn like_patterns(query: &str) -> Vec<String> {
    fold(query)
        .split_whitespace()
        .take(8)
        .map(|word| {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_ligatures() {
        assert_eq!(fold("Réseau ÉLECTRIQUE"), "reseau electrique");
        assert_eq!(fold("Cœur de ville, ﬁbre"), "coeur de ville, fibre");
        assert_eq!(fold("l’accès"), "l'acces");
        assert_eq!(fold("reseau"), fold("RÉSEAU"));
    }

    #[test]
    fn query_words_become_escaped_like_patterns() {
        assert_eq!(
            like_patterns("  Réseau  100%_ "),
            ["%reseau%", "%100\\%\\_%"]
        );
        assert!(like_patterns("   ").is_empty());
    }
}
