//! A message's words, written once and given as plain text and as HTML:
//! paragraphs, a quoted text, links shown in full (a reader whose client
//! shows only text still sees where a link goes), and a footer saying why
//! the message came. The HTML has no remote image, no script, no tracking.

use crate::i18n::Locale;

/// A message ready to queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A letter being written.
pub struct Draft {
    locale: Locale,
    subject: String,
    text: String,
    html: String,
}

impl Draft {
    pub fn new(locale: Locale, subject: impl Into<String>) -> Draft {
        Draft {
            locale,
            subject: subject.into(),
            text: String::new(),
            html: String::new(),
        }
    }

    /// A paragraph.
    pub fn para(mut self, words: &str) -> Draft {
        self.text.push_str(words);
        self.text.push_str("\n\n");
        self.html.push_str(&format!("<p>{}</p>\n", escape(words)));
        self
    }

    /// Someone's text, quoted as written (every line kept).
    pub fn quote(mut self, words: &str) -> Draft {
        for line in words.lines() {
            self.text.push_str("> ");
            self.text.push_str(line);
            self.text.push('\n');
        }
        self.text.push('\n');
        let lines: Vec<String> = words.lines().map(escape).collect();
        self.html.push_str(&format!(
            "<blockquote style=\"margin:0 0 1em;padding:0 0 0 1em;border-left:4px solid #6a6a6a\">{}</blockquote>\n",
            lines.join("<br>")
        ));
        self
    }

    /// The message's one action: a link, shown in full in both parts.
    pub fn action(mut self, label: &str, url: &str) -> Draft {
        self.text.push_str(&format!("{label} :\n{url}\n\n"));
        self.html.push_str(&format!(
            "<p><a href=\"{href}\" style=\"font-weight:bold\">{label}</a><br><span style=\"font-size:90%\">{shown}</span></p>\n",
            href = escape(url),
            label = escape(label),
            shown = escape(url),
        ));
        self
    }

    /// Items, each a line leading to its page.
    pub fn list(mut self, items: &[(String, String)]) -> Draft {
        self.html.push_str("<ul>\n");
        for (words, url) in items {
            self.text.push_str(&format!("- {words}\n  {url}\n"));
            self.html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(url),
                escape(words)
            ));
        }
        self.text.push('\n');
        self.html.push_str("</ul>\n");
        self
    }

    /// Why the message came, and where to change it; last.
    pub fn footer(mut self, words: &str, links: &[(&str, &str)]) -> Letter {
        self.text.push_str("-- \n");
        self.text.push_str(words);
        self.text.push('\n');
        self.html.push_str(&format!(
            "<hr>\n<p style=\"font-size:90%;color:#3a3a3a\">{}",
            escape(words)
        ));
        for (label, url) in links {
            self.text.push_str(&format!("{label} : {url}\n"));
            self.html.push_str(&format!(
                "<br><a href=\"{}\">{}</a>",
                escape(url),
                escape(label)
            ));
        }
        self.html.push_str("</p>\n");
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5;color:#161616;max-width:40em\">\n{body}</body>\n</html>\n",
            lang = self.locale.code(),
            title = escape(&self.subject),
            body = self.html,
        );
        Letter {
            subject: self.subject,
            text: self.text,
            html,
        }
    }
}

/// Text made safe inside HTML, attributes included.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_parts_say_the_same_and_the_html_escapes_what_people_typed() {
        let letter = Draft::new(Locale::Fr, "Sujet <b>")
            .para("Une mine <script>alert(1)</script> & co")
            .quote("ligne 1\nligne \"2\"")
            .action("Ouvrir", "https://example.org/a?b=1&c=2")
            .footer(
                "Pourquoi ce message.",
                &[("Réglages", "https://example.org/r")],
            );
        assert!(letter
            .text
            .contains("Une mine <script>alert(1)</script> & co"));
        assert!(letter.text.contains("> ligne 1\n> ligne \"2\"\n"));
        assert!(letter.text.contains("https://example.org/a?b=1&c=2"));
        assert!(letter
            .html
            .contains("Une mine &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(!letter.html.contains("<script>"));
        assert!(letter
            .html
            .contains("href=\"https://example.org/a?b=1&amp;c=2\""));
        assert!(letter.html.contains("<title>Sujet &lt;b&gt;</title>"));
        assert!(letter.html.contains("lang=\"fr\""));
        assert!(!letter.html.contains("<img"));
    }
}
