//! Dates, through the `time` crate: the one way a date is read from text, and the day it is
//! in Vietnam, where the documents' time is kept.

pub use time::Date;
use time::{Month, OffsetDateTime, UtcOffset};

/// Vietnam's offset from UTC (+07:00): a document's day, and its signing time, are Vietnam's.
pub const VIETNAM: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("+07:00 is an offset"),
};

/// The date `year`-`month`-`day` if it is in the calendar.
pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// The day in Vietnam at `unix_seconds` since 1970 UTC (the clamp keeps it in the calendar).
pub fn in_vietnam(unix_seconds: i64) -> Date {
    let at = OffsetDateTime::from_unix_timestamp(unix_seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    at.to_offset(VIETNAM).date()
}

/// What a written date reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// A date in the calendar.
    Date(Date),
    /// Written as a date, but not in the calendar (`2026-02-30`).
    Impossible,
    /// Not written as a date.
    Malformed,
}

/// Reads `YYYY-MM-DD` or `D/M/YYYY` (a one- or two-digit day and month, a four-digit year).
pub fn read(s: &str) -> Parsed {
    let s = s.trim();
    let parts: Vec<&str> =
        if s.contains('-') { s.split('-').collect() } else { s.split('/').rev().collect() };
    let digits = |p: &&str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let [y, m, d] = parts[..] else { return Parsed::Malformed };
    if !digits(&y, 4..=4) || !digits(&m, 1..=2) || !digits(&d, 1..=2) {
        return Parsed::Malformed;
    }
    let number = |p: &str| p.parse::<u16>().expect("digits");
    match ymd(number(y) as i32, number(m) as u8, number(d) as u8) {
        Some(date) => Parsed::Date(date),
        None => Parsed::Impossible,
    }
}

/// The date `s` is, if it is one in the calendar.
pub fn parse(s: &str) -> Option<Date> {
    match read(s) {
        Parsed::Date(d) => Some(d),
        _ => None,
    }
}

/// A date as messages and metadata write it: `29/4/2026`.
pub fn dmy(d: Date) -> String {
    format!("{}/{}/{}", d.day(), u8::from(d.month()), d.year())
}

/// Whether `s` is a month and year without a day: `02/2026`.
pub fn month_year(s: &str) -> bool {
    let Some((m, y)) = s.trim().split_once('/') else { return false };
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    digits(m, 1..=2) && digits(y, 4..=4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates() {
        let on = ymd(2026, 4, 29).unwrap();
        assert_eq!(read("2026-04-29"), Parsed::Date(on));
        assert_eq!(read(" 29/4/2026 "), Parsed::Date(on));
        assert_eq!(read("2026-02-30"), Parsed::Impossible);
        assert_eq!(read("2026-13-01"), Parsed::Impossible);
        assert!(matches!(read("2024-02-29"), Parsed::Date(_)));
        for bad in ["hôm qua", "2026-4", "26-04-29", "2026-+4-29", "2026-004-29", "29/4/2026/1", "٢٠٢٦-04-29"]
        {
            assert_eq!(read(bad), Parsed::Malformed, "{bad}");
        }
        assert!(month_year("02/2026") && !month_year("2/26"));
    }

    #[test]
    fn the_day_is_vietnams() {
        // 2026-12-01 17:00 UTC is already 2 December in Vietnam; 16:59 is not.
        let at_17 = 1_796_144_400;
        assert_eq!(in_vietnam(at_17), ymd(2026, 12, 2).unwrap());
        assert_eq!(in_vietnam(at_17 - 60), ymd(2026, 12, 1).unwrap());
        assert_eq!(in_vietnam(i64::MAX), in_vietnam(0), "out of the calendar: the epoch");
    }
}
