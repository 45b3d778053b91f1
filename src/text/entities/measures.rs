//! Measures around one number: heights, weights, money, quantities, N码 sizes and a toilet's
//! rough-in (坑距) size.

use super::numbers::Num;
use super::view::View;
use super::{cand, num, text, Cand};
use crate::intent::EntityKind::{Height, Money, Quantity, Size, Weight};

const MEASURE: &str = "个件套只根把台箱盒瓶包双条张";
/// After a bare number these make it something other than money (少2件, 差3天, 便宜一点).
const NOT_MONEY_AFTER: &str = "个件套只根把台箱盒瓶包双条张天日号月年点时分秒周岁次下些倍折斤米码公千厘%:";

/// Heights, weights, money, quantities and N码 sizes around one number.
pub(super) fn around_number(v: &View, n: &Num, out: &mut Vec<Cand>) {
    let (s, e, x) = (n.s, n.e, n.x);
    let fuzzy = if matches!(v.c(e), '多' | '来') { e + 1 } else { e };
    // Weight: 110斤, 60kg, 一百二十斤, 一斤半.
    if let Some((u, l)) = v.any(fuzzy, &["公斤", "千克", "kg", "斤"]) {
        let (mut kg, mut end) = (if u == 3 { x / 2.0 } else { x }, fuzzy + l);
        if u == 3 && v.c(end) == '半' {
            (kg, end) = (kg + 0.25, end + 1);
        }
        if (0.5..=500.0).contains(&kg) {
            out.push(cand(Weight, s, end, num(kg)));
        }
    }
    // Height: 170cm, 1.68米, 1米75, 一米七五; not 宽80cm or 1.5米长.
    let dim = dimension_before(v, s);
    if let Some((_, l)) = v.any(e, &["cm", "厘米", "公分"]).filter(|_| n.within(50.0, 230.0) && !dim) {
        out.push(cand(Height, s, e + l, num(x)));
    }
    if let Some((_, l)) = v.any(e, &["米", "m"]).filter(|_| !dim) {
        let (a, b, c) = (v.digit(e + l), v.digit(e + l + 1), v.digit(e + l + 2));
        let thing = v.norm(e + l, (e + l + 2).min(v.v.len())).contains(|c| "长宽深厚床".contains(c));
        if n.frac && n.within(1.2, 2.3) && !thing {
            out.push(cand(Height, s, e + l, num(x * 100.0)));
        } else if x == 1.0 && !n.frac && n.int_digits <= 1 {
            match (a, b, c) {
                (Some(a), None, _) => out.push(cand(Height, s, e + l + 1, num((100 + a * 10) as f64))),
                (Some(a), Some(b), None) => out.push(cand(Height, s, e + l + 2, num((100 + a * 10 + b) as f64))),
                _ => {}
            }
        }
    }
    // Height or weight from the cue word alone: 身高165, 身高1.68, 体重60 (kg), 体重110 (斤).
    const FILLER: &str = ":是有约大概在差不多将近 ";
    if v.cue_before(s, &["身高"], FILLER) && (n.within(50.0, 230.0) || n.frac && n.within(1.2, 2.3)) {
        out.push(cand(Height, s, e, num(if x < 3.0 { x * 100.0 } else { x })));
    }
    if v.cue_before(s, &["体重"], FILLER) && n.within(20.0, 400.0) {
        out.push(cand(Weight, s, e, num(if x >= 90.0 { x / 2.0 } else { x })));
    }
    money(v, n, fuzzy, out);
    // Quantity: 2件, 两个, 买三个; a bare 一个 only after a verb (买一个, 少了一根), not 两个月.
    let time_after = v.any(e + 1, &["月", "小时", "星期", "礼拜", "工作日", "人", "钟", "字"]).is_some();
    let counted = MEASURE.contains(v.c(e)) && n.int() && n.within(1.0, 9999.0) && n.int_digits <= 4;
    if counted && v.before(s) != '第' && !time_after {
        let prev = if v.before(s) == '了' { v.before(s - 1) } else { v.before(s) };
        if n.arabic || x != 1.0 || "买拍要发少多再补寄共就加换退订".contains(prev) {
            out.push(cand(Quantity, s, e + 1, num(x)));
        }
    }
    if v.c(e) == '码' && n.arabic && n.int() && n.within(1.0, 60.0) {
        out.push(cand(Size, s, e + 1, text(format!("{x}码"))));
    }
    rough_in(v, n, out);
}

/// A toilet's rough-in (坑距, wall to drain centre), the size a buyer of toilets tells: 坑距400,
/// 坑距是305, 坑距量了40公分, 400坑距, 300的坑距. Kept as "坑距" and millimetres, the way
/// catalogs name the variants; a bare number under 100 or one in cm/公分 is centimetres.
fn rough_in(v: &View, n: &Num, out: &mut Vec<Cand>) {
    let (s, e) = (n.s, n.e);
    let unit = v.any(e, &["mm", "毫米", "cm", "厘米", "公分"]);
    let end = e + unit.map_or(0, |(_, l)| l);
    let cue_before = v.cue_before(s, &["坑距"], ":是有约大概在差不多量了测 ");
    let cue_after = v.any(end, &["坑距", "的坑距"]).is_some();
    if !(cue_before || cue_after) {
        return;
    }
    let cm = matches!(unit, Some((u, _)) if u >= 2) || (unit.is_none() && n.x < 100.0);
    let mm = if cm { n.x * 10.0 } else { n.x };
    if (150.0..=800.0).contains(&mm) {
        out.push(cand(Size, s, end, text(format!("坑距{}", mm.round()))));
    }
}

/// 宽80cm, 腰围80cm, 长1米5: a measurement of something, not the buyer's height.
fn dimension_before(v: &View, s: usize) -> bool {
    let window = v.norm(s.saturating_sub(3), s);
    !window.contains("身高") && window.contains(|c| "宽长深厚径腰胸臀肩袖腿围高尺距".contains(c))
}

/// Money: 100块, 100元, 5毛, 3块5毛, 三块半, ¥399, ￥399.00, and bare amounts after 少/便宜/差 (少20).
fn money(v: &View, n: &Num, fuzzy: usize, out: &mut Vec<Cand>) {
    let (s, e, x) = (n.s, n.e, n.x);
    if n.arabic && n.int_digits > 8 {
        return;
    }
    let yen = match (v.before(s), v.before(s.saturating_sub(1))) { ('¥', _) => Some(s - 1), (' ', '¥') => Some(s - 2), _ => None };
    let start = yen.unwrap_or(s);
    if let Some((u, l)) = v.any(fuzzy, &["块钱", "块", "元", "rmb", "毛", "角"]) {
        if !n.arabic && x == 1.0 && u == 1 {
            return; // 一块 means "together" or "one piece" more often than one yuan.
        }
        let (mut y, mut end) = (if u >= 4 { x / 10.0 } else { x }, fuzzy + l);
        if u <= 2 && v.c(end) == '半' {
            (y, end) = (y + 0.5, end + 1);
        } else if let (true, Some(d), '毛' | '角') = (u <= 2, v.digit(end), v.c(end + 1)) {
            (y, end) = (y + d as f64 / 10.0, end + 2);
        }
        out.push(cand(Money, start, end, num(y)));
        return;
    }
    const CUES: &[&str] = &["少", "便宜", "差", "降", "降价", "减", "优惠", "返", "满", "价", "价格", "价钱", "退"];
    let next = v.c(e);
    if yen.is_some() && n.arabic {
        out.push(cand(Money, start, e, num(x)));
    } else if !NOT_MONEY_AFTER.contains(next) && !next.is_ascii_alphanumeric() && v.cue_before(s, CUES, "了个 ") {
        out.push(cand(Money, s, e, num(x)));
    }
}
