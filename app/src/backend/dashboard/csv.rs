//! The dashboard's data as CSV: one line per figure's cell (figure, line,
//! column, value), in the reader's language, separated as its spreadsheets
//! expect (`;` in French, `,` in English). A cell a spreadsheet would run
//! as a formula (`=`, `+`, `-`, `@`, a tab or a return first, spaces
//! aside) is written as text, with a leading apostrophe.

use crate::domain::dashboard::DashboardData;
use crate::domain::rounds::{Outcome, TriageKind};
use crate::i18n::{t, Key, Locale};

/// The CSV text, with a byte-order mark so that spreadsheets read its
/// accents as UTF-8.
pub fn to_csv(data: &DashboardData, locale: Locale) -> String {
    let mut out = Lines::new(locale);
    out.header();
    let key = |k: Key| t(locale, k).to_owned();
    for row in &data.overview.funnel {
        let stage = key(row.stage.label());
        for (column, n) in [
            (key(Key::DashOngoing), row.ongoing),
            (key(Outcome::Launched.label()), row.launched),
            (key(Outcome::Parked.label()), row.parked),
            (key(Outcome::Dropped.label()), row.dropped),
        ] {
            out.push(Key::DashFunnelTitle, &stage, &column, n);
        }
    }
    for age in &data.overview.ages {
        let stage = key(age.stage.label());
        out.push(
            Key::DashAgesTitle,
            &stage,
            &key(Key::DashIdeasWord),
            age.ideas,
        );
        if let Some(days) = age.median_days {
            out.push(Key::DashAgesTitle, &stage, &key(Key::DashMedianDays), days);
        }
    }
    for idle in &data.overview.idle {
        out.push(
            Key::DashIdleTitle,
            &idle.title,
            &key(Key::DashDaysIdle),
            idle.days,
        );
    }
    for gap in &data.coverage.gaps {
        out.push(
            Key::DashGapsTitle,
            &gap.domain.name,
            &key(Key::DashMissing),
            gap.missing,
        );
        out.push(
            Key::DashGapsTitle,
            &gap.domain.name,
            &key(Key::DashOfIdeas),
            gap.of,
        );
    }
    for row in &data.coverage.rows {
        for (domain, mark) in data.coverage.columns.iter().zip(&row.marks) {
            out.push(
                Key::DashHeatmapTitle,
                &row.title,
                &domain.name,
                key(mark.label()),
            );
        }
    }
    for m in &data.mines.mines {
        out.push(
            Key::DashMinesTitle,
            &m.domain.name,
            &key(Key::DashMinesWord),
            m.mines,
        );
        for (triage, n) in [
            (key(TriageKind::Defused.label()), m.defused),
            (key(TriageKind::Accepted.label()), m.accepted),
            (key(TriageKind::ToInvestigate.label()), m.investigate),
            (key(TriageKind::Dismissed.label()), m.dismissed),
            (key(Key::DashUntriaged), m.untriaged),
        ] {
            out.push(Key::DashMinesTitle, &m.domain.name, &triage, n);
        }
    }
    for (figure, rows) in [
        (Key::DashByDomainTitle, &data.mines.by_domain),
        (Key::DashByServiceTitle, &data.mines.by_service),
    ] {
        for p in rows {
            let name = if p.name.is_empty() {
                key(Key::NotSaid)
            } else {
                p.name.clone()
            };
            out.push(figure, &name, &key(Key::DashPeople), p.people);
            out.push(figure, &name, &key(Key::DashContributors), p.contributors);
            out.push(figure, &name, &key(Key::DashContributions), p.contributions);
        }
    }
    out.push(
        Key::DashByServiceTitle,
        &key(Key::DashGuests),
        &key(Key::DashContributions),
        data.mines.guest_contributions,
    );
    for (wait, n) in &data.delays.waits {
        out.push(
            Key::DashWaitsTitle,
            &key(wait.label()),
            &key(Key::DashRounds),
            n,
        );
    }
    if let Some(hours) = data.delays.median_hours {
        out.push(Key::DashWaitsTitle, &key(Key::DashMedianHours), "", hours);
    }
    let closing = &data.delays.closing;
    for (line, n) in [
        (Key::DashOnTime, closing.on_time),
        (Key::DashLate, closing.late),
        (Key::DashOverdue, closing.overdue),
    ] {
        out.push(Key::DashClosingTitle, &key(line), &key(Key::DashRounds), n);
    }
    out.text
}

struct Lines {
    locale: Locale,
    separator: &'static str,
    text: String,
}

impl Lines {
    fn new(locale: Locale) -> Lines {
        Lines {
            locale,
            separator: match locale {
                Locale::Fr => ";",
                Locale::En => ",",
            },
            text: String::from("\u{feff}"),
        }
    }

    fn header(&mut self) {
        let names = [Key::CsvFigure, Key::CsvLine, Key::CsvColumn, Key::CsvValue];
        let cells: Vec<String> = names.iter().map(|k| cell(t(self.locale, *k))).collect();
        self.text.push_str(&cells.join(self.separator));
        self.text.push_str("\r\n");
    }

    fn push(&mut self, figure: Key, line: &str, column: &str, value: impl ToString) {
        let cells = [
            cell(t(self.locale, figure)),
            cell(line),
            cell(column),
            cell(&value.to_string()),
        ];
        self.text.push_str(&cells.join(self.separator));
        self.text.push_str("\r\n");
    }
}

/// One quoted cell, inert in a spreadsheet.
pub fn cell(text: &str) -> String {
    let risky = ['=', '+', '-', '@', '\t', '\r', '\n'];
    let inert = if text.trim_start_matches(' ').starts_with(risky) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", inert.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+33 6"), "\"'+33 6\"");
        assert_eq!(cell("-1"), "\"'-1\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("\tx"), "\"'\tx\"");
        assert_eq!(cell("  =1+1"), "\"'  =1+1\"");
        assert_eq!(cell("\n=1"), "\"'\n=1\"");
        assert_eq!(cell("Covoiturage, agents"), "\"Covoiturage, agents\"");
        assert_eq!(cell("12"), "\"12\"");
    }
}
