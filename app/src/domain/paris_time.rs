//! Times as people in France type and read them. Deadlines are typed in a
//! `datetime-local` input, which carries no zone: they are French time,
//! stored in UTC.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

/// `2026-12-05T17:00` (French time) as a UTC instant. A time skipped by the
/// spring change is refused; an ambiguous one takes the earlier instant.
pub fn parse_input(raw: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M").ok()?;
    Paris
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The value a `datetime-local` input shows for an instant.
pub fn input_value(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// `05/12/2026 17:00`, French time.
pub fn show(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// `05/12/2026`, the day in France.
pub fn day(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris).format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winter_and_summer_times_are_french() {
        let winter = parse_input("2026-12-05T17:00").unwrap();
        assert_eq!(winter, Utc.with_ymd_and_hms(2026, 12, 5, 16, 0, 0).unwrap());
        let summer = parse_input("2027-07-01T09:30").unwrap();
        assert_eq!(summer, Utc.with_ymd_and_hms(2027, 7, 1, 7, 30, 0).unwrap());
        assert_eq!(input_value(winter), "2026-12-05T17:00");
        assert_eq!(show(summer), "01/07/2027 09:30");
    }

    #[test]
    fn days_are_french_days() {
        let late_evening = Utc.with_ymd_and_hms(2026, 11, 28, 23, 30, 0).unwrap();
        assert_eq!(day(late_evening), "29/11/2026");
        let summer_night = Utc.with_ymd_and_hms(2027, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(day(summer_night), "01/07/2027");
    }

    #[test]
    fn nonsense_and_skipped_times_are_refused() {
        assert_eq!(parse_input("demain"), None);
        assert_eq!(parse_input("2027-03-28T02:30"), None);
    }
}
