//! Leptos writes the text of `<textarea>` and `<title>` as is (those
//! elements hold raw text), so a `</textarea>` or `</title>` typed by someone
//! would end the element and let markup in. Text people typed goes through
//! [`escape_raw_text`] before it lands there; the browser decodes the
//! entities back into the text.

pub fn escape_raw_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_tags_and_ampersands_are_escaped() {
        assert_eq!(
            escape_raw_text("</title><b>a & b</b>"),
            "&lt;/title&gt;&lt;b&gt;a &amp; b&lt;/b&gt;"
        );
    }
}
