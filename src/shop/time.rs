//! Shop-local times. Promotions are written in the shop's local time; the panel compares them
//! with Unix milliseconds. Zones are fixed offsets: the Chinese marketplaces' zones have no
//! daylight saving, and an explicit `UTC+hh:mm` covers the rest.

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
        (Ok(h), Ok(m)) if (0..=14).contains(&h) && (0..60).contains(&m) => Ok(sign * (h * 60 + m)),
        _ => Err(format!("bad UTC offset in time zone {zone:?}")),
    }
}

/// Parses `YYYY-MM-DD HH:MM` (shop-local) into Unix milliseconds.
pub fn parse_local(s: &str, offset_minutes: i32) -> Result<i64, String> {
    let bad = || format!("bad time {s:?}: expected YYYY-MM-DD HH:MM");
    let (date, time) = s.trim().split_once(' ').ok_or_else(bad)?;
    let mut d = date.split('-').map(|p| p.parse::<i64>());
    let (y, mo, da) = match (d.next(), d.next(), d.next(), d.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d)), None) => (y, m, d),
        _ => return Err(bad()),
    };
    let (h, mi) = time.split_once(':').ok_or_else(bad)?;
    let (h, mi) = (h.parse::<i64>().map_err(|_| bad())?, mi.parse::<i64>().map_err(|_| bad())?);
    if !(1..=12).contains(&mo) || !(1..=days_in_month(y, mo)).contains(&da) || !(0..24).contains(&h) || !(0..60).contains(&mi) {
        return Err(bad());
    }
    let minutes = days_from_civil(y, mo, da) * 1440 + h * 60 + mi - offset_minutes as i64;
    Ok(minutes * 60_000)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
}
