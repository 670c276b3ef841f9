//! Unix time (`SOURCE_DATE_EPOCH`) as calendar dates, for the moment a document is stamped
//! with and for a spreadsheet's date cells.

use typst::foundations::Datetime;

/// A Unix time as Typst's date and time (UTC).
pub(crate) fn epoch_datetime(seconds: i64) -> Option<Datetime> {
    let (y, m, d, hh, mm, ss) = civil_from_epoch(seconds);
    Datetime::from_ymd_hms(y, m, d, hh, mm, ss)
}

/// A Unix time as Typst's date (UTC).
pub(crate) fn epoch_date(seconds: i64) -> Option<Datetime> {
    let (y, m, d, ..) = civil_from_epoch(seconds);
    Datetime::from_ymd(y, m, d)
}

/// Year, month, day, hour, minute and second of a Unix time (UTC).
pub(crate) fn civil_from_epoch(seconds: i64) -> (i32, u8, u8, u8, u8, u8) {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d, (secs / 3600) as u8, (secs / 60 % 60) as u8, (secs % 60) as u8)
}

/// The Unix time of midnight (UTC) at the start of a day: the inverse of
/// [`civil_from_epoch`] for whole days.
pub(crate) fn epoch_from_civil(year: i32, month: u8, day: u8) -> i64 {
    // Howard Hinnant's days-from-civil algorithm.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

#[cfg(test)]
mod tests {
    use super::{civil_from_epoch, epoch_from_civil};

    #[test]
    fn calendar_to_unix_time_and_back() {
        assert_eq!(epoch_from_civil(1970, 1, 1), 0);
        assert_eq!(epoch_from_civil(2026, 12, 3), 1_796_256_000);
        assert_eq!(epoch_from_civil(2000, 2, 29), 951_782_400);
        for days in [-800_000_i64, -1, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            let (y, m, d, ..) = civil_from_epoch(days * 86_400);
            assert_eq!(epoch_from_civil(y, m, d), days * 86_400, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn unix_time_to_calendar() {
        assert_eq!(civil_from_epoch(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil_from_epoch(1_796_256_000), (2026, 12, 3, 0, 0, 0));
        assert_eq!(civil_from_epoch(951_782_400 + 3661), (2000, 2, 29, 1, 1, 1));
        assert_eq!(civil_from_epoch(-1), (1969, 12, 31, 23, 59, 59));
    }
}
