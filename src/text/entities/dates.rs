//! Dates and times: around a number (3号, 12月, 下午3点, 15:30, 双11, 618) and date words
//! (明天, 下午, 月底, 下周一, 礼拜天).

use super::numbers::Num;
use super::view::View;
use super::{cand, text, Cand};
use crate::intent::EntityKind::DateTime;

const DATE_WORDS: &[&str] = &[
    "大后天", "大前天", "今天", "明天", "后天", "昨天", "前天", "今晚", "明晚", "昨晚", "今早", "明早", "今日",
    "明日", "当天", "次日", "隔天", "上午", "下午", "晚上", "中午", "早上", "傍晚", "凌晨", "半夜", "月底", "月初",
    "月中", "年底", "下个月", "这个月", "本月", "下月", "双十一", "双十二", "几点", "几号",
];

/// 3号, 12月, 12日, 3点, 三点半, 15:30, 双11, 618, 11.11.
pub(super) fn around_number(v: &View, n: &Num, out: &mut Vec<Cand>) {
    let (s, e, x, next, int) = (n.s, n.e, n.x, v.c(n.e), n.int());
    let mut push = |s, e| out.push(cand(DateTime, s, e, text(v.norm(s, e))));
    if matches!(next, '号' | '日') && int && n.within(1.0, 31.0) {
        push(s, e + 1);
    }
    if next == '月' && int && n.within(1.0, 12.0) {
        push(s, if v.c(e + 1) == '份' { e + 2 } else { e + 1 });
    }
    // 一点 is usually "a bit": Chinese numerals need a time word before or 钟/半/前 after.
    let suffixed = matches!(v.c(e + 1), '钟' | '半' | '前' | '后' | '之' | '以' | '左');
    if next == '点' && int && n.within(0.0, 24.0) && (n.arabic || suffixed || DATE_WORDS.iter().any(|w| v.ends(s, w))) {
        let j = e + 1;
        let minutes = v.c(j).is_ascii_digit() && v.digits_end(j) == j + 2;
        match v.c(j) {
            '钟' | '半' => push(s, j + 1),
            _ if minutes => push(s, if v.c(j + 2) == '分' { j + 3 } else { j + 2 }),
            _ => push(s, j),
        }
    }
    let minutes = v.c(e + 1).is_ascii_digit() && v.digits_end(e + 1) == e + 3 && v.c(e + 1) < '6';
    if next == ':' && n.arabic && int && n.int_digits <= 2 && x <= 24.0 && minutes {
        push(s, e + 3);
    }
    if v.before(s) == '双' && int && (x == 11.0 || x == 12.0) {
        push(s - 1, e);
    }
    if n.arabic && matches!(v.norm(s, e).as_str(), "618" | "11.11" | "12.12" | "6.18") && !next.is_ascii_alphanumeric() {
        push(s, e);
    }
}

/// Date/time words and weeks (下周一, 礼拜天).
pub(super) fn date_words(v: &View, out: &mut Vec<Cand>) {
    let mut push = |s, e| out.push(cand(DateTime, s, e, text(v.norm(s, e))));
    for i in 0..v.v.len() {
        if let Some((_, l)) = v.any(i, DATE_WORDS) {
            push(i, i + l);
        }
        if let Some(e) = week(v, i) {
            push(i, e);
        }
    }
}

/// 周一, 星期天, 礼拜六, 周末, 下周, 这个礼拜, 下周一.
fn week(v: &View, i: usize) -> Option<usize> {
    let pre = v.any(i, &["下个", "这个", "上个", "下", "这", "本", "上"]).map_or(0, |(_, l)| l);
    let (_, w) = v.any(i + pre, &["星期", "礼拜", "周"])?;
    let j = i + pre + w;
    if "一二三四五六日天末".contains(v.c(j)) { Some(j + 1) } else { (pre > 0).then_some(j) }
}
