//! Listings read whole into memory (the directory, the members page):
//! filtered by the words typed, then shown a page at a time.

use super::ideas::search::fold;

/// The words of a query, folded: a text matches when it holds each of
/// them, in any case, with or without accents.
pub struct Words(Vec<String>);

impl Words {
    pub fn of(query: Option<&str>) -> Words {
        Words(
            query
                .map(|q| fold(q).split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
        )
    }

    pub fn found_in(&self, text: &str) -> bool {
        let folded = fold(text);
        self.0.iter().all(|word| folded.contains(word.as_str()))
    }
}

/// One page of a listing, numbered from 1.
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items in the whole listing.
    pub total: u32,
    pub page: u32,
    /// At least 1, an empty listing showing an empty first page.
    pub page_count: u32,
}

/// Page `asked` of `items`, `size` a page: the first when none is asked,
/// the last when the one asked is past it.
pub fn one_page<T>(items: Vec<T>, asked: Option<u32>, size: u32) -> Page<T> {
    let total = items.len() as u32;
    let page_count = total.div_ceil(size).max(1);
    let page = asked.unwrap_or(1).clamp(1, page_count);
    let items = items
        .into_iter()
        .skip(((page - 1) * size) as usize)
        .take(size as usize)
        .collect();
    Page {
        items,
        total,
        page,
        page_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_any_case_and_accents_each_anywhere() {
        let words = Words::of(Some("  élodie  MARTIN "));
        assert!(words.found_in("Martin Élodie"));
        assert!(!words.found_in("Élodie Bernard"));
        assert!(Words::of(None).found_in("anyone"));
    }

    #[test]
    fn a_page_past_the_last_shows_the_last_and_nothing_shows_one_empty_page() {
        let shown = one_page((1..=7).collect::<Vec<_>>(), Some(9), 3);
        assert_eq!(
            (shown.items, shown.total, shown.page, shown.page_count),
            (vec![7], 7, 3, 3)
        );
        let first = one_page((1..=7).collect::<Vec<_>>(), None, 3);
        assert_eq!(first.items, vec![1, 2, 3]);
        let empty = one_page(Vec::<u8>::new(), Some(2), 3);
        assert_eq!((empty.items.len(), empty.page, empty.page_count), (0, 1, 1));
    }
}
