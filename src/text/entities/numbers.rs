//! Numbers in the view: Arabic (with an optional decimal part) and Chinese numerals (`parse_cn`).

use super::view::View;

/// A number in the view: Arabic (with an optional decimal part) or Chinese numerals.
pub(super) struct Num {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) x: f64,
    pub(super) arabic: bool,
    pub(super) int_digits: usize,
    pub(super) frac: bool,
}

impl Num {
    pub(super) fn int(&self) -> bool { !self.frac && self.x.fract() == 0.0 }
    pub(super) fn within(&self, lo: f64, hi: f64) -> bool { (lo..=hi).contains(&self.x) }
}

pub(super) fn cn_digit(c: char) -> Option<u64> {
    match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => "零一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u64),
    }
}

fn is_cn_num(c: char) -> bool { cn_digit(c).is_some() || "十百千万".contains(c) }

pub(super) fn numbers(v: &View) -> Vec<Num> {
    let (mut out, mut i) = (Vec::new(), 0);
    while i < v.v.len() {
        let s = i;
        if v.c(i).is_ascii_digit() {
            i = v.digits_end(i);
            let int_digits = i - s;
            let frac = v.c(i) == '.' && v.c(i + 1).is_ascii_digit();
            if frac {
                i = v.digits_end(i + 1);
            }
            let x = v.norm(s, i).parse::<f64>().unwrap_or(f64::INFINITY);
            out.push(Num { s, e: i, x, arabic: true, int_digits, frac });
        } else if is_cn_num(v.c(i)) {
            while i - s < 12 && is_cn_num(v.c(i)) {
                i += 1;
            }
            if let Some(x) = parse_cn(&v.v[s..i]) {
                out.push(Num { s, e: i, x, arabic: false, int_digits: 0, frac: false });
            }
        } else {
            i += 1;
        }
    }
    out
}

/// 一百二十 = 120, 一百二 = 120 (colloquial), 两百 = 200, 十五 = 15, 一百零五 = 105, 三万五 = 35000.
/// Digit strings like 七五 or 一两 are not numbers here.
fn parse_cn(cs: &[char]) -> Option<f64> {
    let (mut total, mut section, mut cur, mut last, mut prev_digit) = (0u64, 0u64, None, 1u64, false);
    for &c in cs {
        if c == '零' || c == '〇' {
            (last, prev_digit) = (1, false);
        } else if let Some(d) = cn_digit(c) {
            if prev_digit {
                return None;
            }
            (cur, prev_digit) = (Some(d), true);
        } else {
            let m = match c { '十' => 10, '百' => 100, '千' => 1000, _ => 10000 };
            if m == 10000 {
                total += Some(section + cur.unwrap_or(0)).filter(|&t| t > 0)? * m;
                section = 0;
            } else {
                section += cur.or((m == 10).then_some(1))? * m;
            }
            (cur, last, prev_digit) = (None, m, false);
        }
    }
    let tail = cur.map_or(0, |d| if prev_digit && last >= 100 { d * last / 10 } else { d });
    Some((total + section + tail) as f64)
}
