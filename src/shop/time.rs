//! Shop-local times. Promotions are written in the shop's local time; the panel compares them
//! with Unix milliseconds. Zones are fixed offsets: the Chinese marketplaces' zones have no
//! daylight saving, and an explicit `UTC+hh:mm` covers the rest.
//!
//! Every time that enters the core is checked against `EARLIEST_MS..=LATEST_MS` (years 1970 to
//! 9999), and the arithmetic here is checked too: no input can overflow it.
#![deny(clippy::arithmetic_side_effects)]

/// The earliest time the core accepts: 1970-01-01 00:00 UTC.
pub const EARLIEST_MS: i64 = 0;
/// The latest time the core accepts: the last millisecond of 9999-12-31 UTC.
pub const LATEST_MS: i64 = 253_402_300_799_999;

/// `ms` if it is a time the core accepts, else why not.
pub fn check_ms(ms: i64) -> Result<i64, String> {
    if (EARLIEST_MS..=LATEST_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(format!("time {ms} is out of range (1970 to 9999)"))
    }
}

/// `ms + minutes`, held within the accepted range.
pub fn add_minutes(ms: i64, minutes: i64) -> i64 {
    ms.saturating_add(minutes.saturating_mul(60_000)).clamp(EARLIEST_MS, LATEST_MS)
}

/// Minutes east of UTC for a zone name from settings.
pub fn zone_offset_minutes(zone: &str) -> Result<i32, String> {
    const NAMED: &[(&str, i32)] = &[
        ("Asia/Shanghai", 480), ("Asia/Chongqing", 480), ("Asia/Harbin", 480), ("Asia/Urumqi", 480),
        ("Asia/Hong_Kong", 480), ("Asia/Macau", 480), ("Asia/Taipei", 480), ("Asia/Singapore", 480),
        ("Asia/Kuala_Lumpur", 480), ("Asia/Tokyo", 540), ("Asia/Seoul", 540), ("UTC", 0),
    ];
    if let Some((_, m)) = NAMED.iter().find(|(name, _)| *name == zone) {
        return Ok(*m);
    }
    let offset = zone.strip_prefix("UTC").unwrap_or(zone);
    let (sign, rest) = match offset.chars().next() {
        Some('+') => (1, &offset[1..]),
        Some('-') => (-1, &offset[1..]),
        _ => return Err(format!("unknown time zone {zone:?}: use a name like Asia/Shanghai or UTC+08:00")),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    match (h.parse::<i32>(), m.parse::<i32>()) {
        (Ok(h), Ok(m)) if (0..=14).contains(&h) && (0..60).contains(&m) => {
            h.checked_mul(60).and_then(|hm| hm.checked_add(m)).and_then(|t| t.checked_mul(sign)).ok_or_else(|| format!("bad UTC offset in time zone {zone:?}"))
        }
        _ => Err(format!("bad UTC offset in time zone {zone:?}")),
    }
}

/// Parses `YYYY-MM-DD HH:MM` (shop-local, years 1970 to 9999) into Unix milliseconds.
pub fn parse_local(s: &str, offset_minutes: i32) -> Result<i64, String> {
    let bad = || format!("bad time {s:?}: expected YYYY-MM-DD HH:MM, years 1970 to 9999");
    let (date, time) = s.trim().split_once(' ').ok_or_else(bad)?;
    let mut d = date.split('-').map(|p| p.parse::<i64>());
    let (y, mo, da) = match (d.next(), d.next(), d.next(), d.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d)), None) => (y, m, d),
        _ => return Err(bad()),
    };
    let (h, mi) = time.split_once(':').ok_or_else(bad)?;
    let (h, mi) = (h.parse::<i64>().map_err(|_| bad())?, mi.parse::<i64>().map_err(|_| bad())?);
    if !(1970..=9999).contains(&y)
        || !(1..=12).contains(&mo)
        || !(1..=days_in_month(y, mo)).contains(&da)
        || !(0..24).contains(&h)
        || !(0..60).contains(&mi)
    {
        return Err(bad());
    }
    let ms = local_ms(y, mo, da, h, mi, offset_minutes).ok_or_else(bad)?;
    // An offset can push the first or last minute out of range.
    check_ms(ms).map_err(|_| bad())
}

/// Unix milliseconds of a checked local date and time; `None` on overflow.
fn local_ms(y: i64, mo: i64, da: i64, h: i64, mi: i64, offset_minutes: i32) -> Option<i64> {
    days_from_civil(y, mo, da)?
        .checked_mul(1440)?
        .checked_add(h.checked_mul(60)?)?
        .checked_add(mi)?
        .checked_sub(i64::from(offset_minutes))?
        .checked_mul(60_000)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = y.checked_rem(4) == Some(0) && y.checked_rem(100) != Some(0) || y.checked_rem(400) == Some(0);
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm), for
/// years 0 and later; `None` on overflow.
fn days_from_civil(y: i64, m: i64, d: i64) -> Option<i64> {
    let y = if m <= 2 { y.checked_sub(1)? } else { y };
    let era = y.checked_div(400)?;
    let yoe = y.checked_sub(era.checked_mul(400)?)?;
    let mp = m.checked_add(9)?.checked_rem(12)?;
    let doy = mp.checked_mul(153)?.checked_add(2)?.checked_div(5)?.checked_add(d)?.checked_sub(1)?;
    let doe = yoe
        .checked_mul(365)?
        .checked_add(yoe.checked_div(4)?)?
        .checked_sub(yoe.checked_div(100)?)?
        .checked_add(doy)?;
    era.checked_mul(146_097)?.checked_add(doe)?.checked_sub(719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_convert_with_the_zone_offset() {
        // 2026-11-11 00:00 in Beijing is 2026-11-10 16:00 UTC.
        assert_eq!(parse_local("2026-11-11 00:00", 480).unwrap(), 1_794_326_400_000);
        assert_eq!(parse_local("1970-01-01 08:00", 480).unwrap(), 0);
        assert_eq!(parse_local("2024-02-29 12:30", 0).unwrap(), 1_709_209_800_000);
    }

    #[test]
    fn bad_times_and_zones_are_rejected_with_a_reason() {
        assert!(parse_local("2026-02-30 00:00", 480).is_err());
        assert!(parse_local("2026/01/01", 480).is_err());
        assert!(parse_local("2026-01-01 24:00", 480).is_err());
        assert_eq!(zone_offset_minutes("Asia/Taipei").unwrap(), 480);
        assert_eq!(zone_offset_minutes("UTC+05:30").unwrap(), 330);
        assert_eq!(zone_offset_minutes("-03:00").unwrap(), -180);
        assert!(zone_offset_minutes("Mars/Olympus").unwrap_err().contains("unknown time zone"));
    }

    #[test]
    fn years_outside_1970_to_9999_are_refused() {
        assert!(parse_local("99999999999999-01-01 00:00", 480).is_err());
        assert!(parse_local("-5-01-01 00:00", 0).is_err());
        assert!(parse_local("1969-12-31 23:59", 0).is_err());
        // The first minute of 1970 in Beijing is still 1969 in UTC.
        assert!(parse_local("1970-01-01 00:00", 480).is_err());
        assert_eq!(parse_local("9999-12-31 23:59", 0).unwrap(), LATEST_MS - 59_999);
        assert_eq!(check_ms(i64::MAX), Err("time 9223372036854775807 is out of range (1970 to 9999)".into()));
        assert_eq!(add_minutes(LATEST_MS, i64::MAX), LATEST_MS);
        assert_eq!(add_minutes(0, i64::MIN), EARLIEST_MS);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_date_parses_in_range_or_is_refused(y in proptest::num::i64::ANY, mo in -2i64..15, d in -2i64..33,
                                                   h in -1i64..26, mi in -1i64..61, off in -900i32..900) {
            if let Ok(ms) = parse_local(&format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02}"), off) {
                proptest::prop_assert!((EARLIEST_MS..=LATEST_MS).contains(&ms));
            }
        }

        #[test]
        fn adding_minutes_stays_in_range(ms in proptest::num::i64::ANY, minutes in proptest::num::i64::ANY) {
            let got = add_minutes(ms, minutes);
            proptest::prop_assert!((EARLIEST_MS..=LATEST_MS).contains(&got));
        }
    }
}
