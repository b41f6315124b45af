//! The fiche as Markdown, for download: the same sections as the printed
//! page, in the reader's language. Typed text is quoted so that it cannot
//! turn into markup or HTML where the file is shown.

use super::contribution_item::triage_text;
use super::maturity_box::criterion_text;
use crate::domain::round_views::{Fiche, FicheItem};
use crate::i18n::{t, Key, Locale};
use std::fmt::Write;

/// Text typed by someone, made inert: every character that Markdown (with
/// GitHub's extensions) or HTML would read as markup is backslash-escaped,
/// so typed text can never become a link, an image, a heading, a list, a
/// task box or a tag where the file is shown; each line is indented under
/// its list item.
fn inert(text: &str) -> String {
    text.lines()
        .map(|line| inert_line(line.trim_start()))
        .collect::<Vec<_>>()
        .join("\n  ")
}

fn inert_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, (byte, c)) in line.char_indices().enumerate() {
        let markup = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '<'
                | '>'
                | '#'
                | '!'
                | '|'
                | '~'
                | '{'
                | '}'
                | '&'
                | '@'
                | '$'
        );
        // What only counts at the start of a line: "- ", "+ ", "= ", "1. ".
        let opens_a_block =
            (i == 0 && matches!(c, '-' | '+' | '=')) || (i == digits && digits > 0 && c == '.');
        // Bare addresses turn into links: "https://", "www.".
        let links = (c == ':' && line[byte..].starts_with("://"))
            || (c == '.' && line[..byte].to_ascii_lowercase().ends_with("www"));
        if markup || opens_a_block || links {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn section(out: &mut String, title: Key, locale: Locale) {
    let _ = write!(out, "\n## {}\n\n", t(locale, title));
}

fn items(out: &mut String, list: &[FicheItem], locale: Locale) {
    if list.is_empty() {
        let _ = writeln!(out, "{}", t(locale, Key::NothingYet));
    }
    for item in list {
        let _ = write!(out, "- {} ({})", inert(&item.text), inert(&item.author));
        if let Some(mine) = &item.answers {
            let _ = write!(
                out,
                " — {} « {} »",
                t(locale, Key::AnswersMine),
                inert(mine)
            );
        }
        if let Some(link) = &item.link {
            let _ = write!(out, " <{}>", link.replace('>', "%3E"));
        }
        out.push('\n');
    }
}

pub fn to_markdown(fiche: &Fiche, locale: Locale) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {}",
        t(locale, Key::FicheTitle),
        inert(&fiche.title)
    );
    let _ = writeln!(
        out,
        "\n{} {} · {} {} · {}",
        t(locale, Key::By),
        inert(&fiche.authors),
        t(locale, Key::VersionWord),
        fiche.version,
        fiche.date
    );
    section(&mut out, Key::MaturityHeading, locale);
    let _ = write!(
        out,
        "**{}** · {} {}/100",
        t(locale, fiche.maturity.stage.label()),
        t(locale, Key::ScoreWord),
        fiche.maturity.score
    );
    if let Some(outcome) = fiche.outcome {
        let _ = write!(out, " · **{}**", t(locale, outcome.label()));
    }
    out.push_str("\n\n");
    for c in &fiche.maturity.met {
        let _ = writeln!(out, "- [x] {}", criterion_text(locale, *c));
    }
    for c in &fiche.maturity.missing {
        let _ = writeln!(out, "- [ ] {}", criterion_text(locale, *c));
    }
    for (key, text) in [
        (Key::IdeaFieldProblem, &fiche.problem),
        (Key::IdeaSectionProposal, &fiche.proposal),
        (Key::IdeaFieldBeneficiaries, &fiche.beneficiaries),
    ] {
        section(&mut out, key, locale);
        let _ = writeln!(out, "{}", inert(text));
    }
    section(&mut out, Key::FicheMines, locale);
    if fiche.mines.is_empty() {
        let _ = writeln!(out, "{}", t(locale, Key::NothingYet));
    }
    for mine in &fiche.mines {
        let severity = mine
            .severity
            .map(|s| t(locale, s.label()))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{}** · {} — {} ({}, +{})",
            inert(&mine.domain),
            severity,
            inert(&mine.text),
            inert(&mine.author),
            mine.endorsements
        );
        let treatment = mine
            .triage
            .as_ref()
            .map(|tr| triage_text(locale, tr))
            .unwrap_or_else(|| t(locale, Key::NotTriagedYet).to_owned());
        let _ = writeln!(
            out,
            "  - {} {}",
            t(locale, Key::TriageLabel),
            inert(&treatment)
        );
        for same in &mine.duplicates {
            let _ = writeln!(
                out,
                "  - {} : {} ({})",
                t(locale, Key::SameIdeaHeading),
                inert(&same.text),
                inert(&same.author)
            );
        }
        for proposed in &mine.workarounds {
            let _ = writeln!(
                out,
                "  - {} « {} »",
                t(locale, Key::WorkaroundProposed),
                inert(proposed)
            );
        }
    }
    section(&mut out, Key::FicheWorkarounds, locale);
    items(&mut out, &fiche.workarounds, locale);
    section(&mut out, Key::FicheResources, locale);
    items(&mut out, &fiche.resources, locale);
    section(&mut out, Key::FicheHelpOffers, locale);
    items(&mut out, &fiche.help_offers, locale);
    section(&mut out, Key::FicheCovered, locale);
    let _ = writeln!(
        out,
        "{}",
        if fiche.covered.is_empty() {
            t(locale, Key::NothingYet).to_owned()
        } else {
            inert(&fiche.covered.join(", "))
        }
    );
    section(&mut out, Key::FicheSyntheses, locale);
    if fiche.syntheses.is_empty() {
        let _ = writeln!(out, "{}", t(locale, Key::NothingYet));
    }
    for (round, text) in &fiche.syntheses {
        let _ = writeln!(
            out,
            "- {} {round} : {}",
            t(locale, Key::RoundWord),
            inert(text)
        );
    }
    section(&mut out, Key::NextStepLabel, locale);
    let _ = writeln!(
        out,
        "{}",
        if fiche.next_step.is_empty() {
            t(locale, Key::NothingYet).to_owned()
        } else {
            inert(&fiche.next_step)
        }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::maturity::Stage;
    use crate::domain::maturity_rule::{Criterion, Maturity};
    use crate::domain::round_views::{FicheMine, TriageView};
    use crate::domain::rounds::{Severity, TriageKind};

    #[test]
    fn the_markdown_has_every_section_and_keeps_typed_html_inert() {
        let fiche = Fiche {
            idea_id: 1,
            title: "Covoiturage <script>".into(),
            authors: "Camille Martin".into(),
            version: 2,
            problem: "Parkings pleins".into(),
            proposal: "Une plateforme".into(),
            beneficiaries: "Les agents".into(),
            maturity: Maturity {
                stage: Stage::Sketch,
                score: 55,
                met: vec![Criterion::Problem],
                missing: vec![Criterion::NextStep],
            },
            outcome: None,
            outcome_note: String::new(),
            mines: vec![FicheMine {
                domain: "Juridique".into(),
                severity: Some(Severity::Blocking),
                text: "RGPD".into(),
                author: "Anne".into(),
                endorsements: 2,
                triage: Some(TriageView {
                    kind: TriageKind::Accepted,
                    note: "Assumé".into(),
                    workaround: None,
                    workaround_text: None,
                    owner: String::new(),
                    due: String::new(),
                }),
                workarounds: vec!["Une base légale".into()],
                duplicates: vec![],
            }],
            workarounds: vec![],
            resources: vec![FicheItem {
                author: "Paul".into(),
                text: "Guide".into(),
                link: Some("https://exemple.fr".into()),
                answers: None,
            }],
            help_offers: vec![],
            syntheses: vec![(1, "Bilan".into())],
            next_step: "Pilote".into(),
            covered: vec!["Juridique".into()],
            date: "29/11/2026".into(),
        };
        let md = to_markdown(&fiche, Locale::Fr);
        assert!(
            md.starts_with("# Fiche de déminage — Covoiturage \\<script\\>"),
            "{md}"
        );
        for needle in [
            "## Mines et leur traitement",
            "**Juridique** · Bloquante — RGPD (Anne, +2)",
            "Risque assumé — Assumé",
            "<https://exemple.fr>",
            "- [ ] Une prochaine étape est écrite",
            "Tour 1 : Bilan",
            "Pilote",
        ] {
            assert!(md.contains(needle), "{needle} missing in\n{md}");
        }
    }

    #[test]
    fn typed_markdown_stays_text() {
        let typed = "[clic](javascript:alert(1)) ![pixel](http://x.fr/p.png)\n# Titre\n- [ ] tâche\n1. un\nhttps://piege.fr www.piege.fr a@b.fr <b>gras</b> *x* _y_ `z` ~~w~~ | t |";
        let md = inert(typed);
        for markup in [
            "[clic](", "![", "\n  #", "\n  - ", "[ ]", "1. ", "https://", "www.", "a@b", "<b>",
            "*x*", "_y_", "`z`", "~~w", "| t |",
        ] {
            assert!(!md.contains(markup), "{markup} left in\n{md}");
        }
        // The words are all there, a backslash before each markup sign.
        assert!(
            md.contains("\\[clic\\]\\(javascript:alert\\(1\\)\\)"),
            "{md}"
        );
        assert!(
            md.contains("\n  \\# Titre\n  \\- \\[ \\] tâche\n  1\\. un"),
            "{md}"
        );
        assert!(
            md.contains("https\\://piege.fr www\\.piege.fr a\\@b.fr"),
            "{md}"
        );
    }
}
