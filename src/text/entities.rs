//! Entities in a raw buyer turn: height, weight, size, money, quantity, order id, phone,
//! date/time and competitor mentions, with UTF-16 offsets into the raw text for highlighting.
//!
//! Matching runs on a view with exactly one char per raw char (width folded, ASCII lower case,
//! Traditional → Simplified), so every span maps straight back to the raw string. Numbers,
//! digit runs and words each propose candidates; the longest (then most specific) win.

use crate::intent::EntityKind::{self, *};
use crate::text::MAX_INPUT_CHARS;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// UTF-16 code-unit offsets into the RAW input string (what JS `slice`/highlighting uses).
    pub start: usize,
    pub end: usize,
    /// The raw text of the span.
    pub text: String,
    /// The normalised value.
    pub value: EntityValue,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EntityValue {
    Number(f64),
    Text(String),
}

/// Finds the entities of one raw buyer turn, sorted by start and non-overlapping. Never panics;
/// work is bounded (only the first `MAX_INPUT_CHARS` chars are read).
pub fn extract(raw: &str) -> Vec<Entity> {
    let v = View::new(raw);
    let mut cands = Vec::new();
    numbers(&v).iter().for_each(|n| number_entities(&v, n, &mut cands));
    digit_runs(&v, &mut cands);
    words(&v, &mut cands);
    // Longest span first, then the more specific kind; keep what does not overlap.
    cands.sort_by(|a, b| (b.e - b.s).cmp(&(a.e - a.s)).then(b.prio.cmp(&a.prio)).then(a.s.cmp(&b.s)));
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands.into_iter().filter(|c| c.e > c.s) {
        if kept.iter().all(|k| c.e <= k.s || c.s >= k.e) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.s);
    // Touching date/time pieces are one expression: 明天 + 下午 + 3点, 12月 + 12日.
    let mut out: Vec<Cand> = Vec::with_capacity(kept.len());
    for c in kept {
        match out.last_mut() {
            Some(p) if p.kind == DateTime && c.kind == DateTime && p.e == c.s => {
                p.e = c.e;
                p.value = EntityValue::Text(v.norm(p.s, p.e));
            }
            _ => out.push(c),
        }
    }
    let raw_text = |c: &Cand| v.raw[c.s..c.e].iter().collect();
    out.into_iter().map(|c| Entity { kind: c.kind, start: v.off[c.s], end: v.off[c.e], text: raw_text(&c), value: c.value }).collect()
}

/// A candidate span, in char indices of the view.
struct Cand { kind: EntityKind, s: usize, e: usize, value: EntityValue, prio: u8 }

fn cand(kind: EntityKind, s: usize, e: usize, value: EntityValue) -> Cand {
    let prio = match kind { Phone => 8, OrderId => 7, Money | Weight | Height => 6, Size => 5, DateTime => 4, Quantity => 3, Competitor => 2 };
    Cand { kind, s, e, value, prio }
}

fn num(x: f64) -> EntityValue { EntityValue::Number((x * 1000.0).round() / 1000.0) }
fn text(s: impl Into<String>) -> EntityValue { EntityValue::Text(s.into()) }

/// The normalised per-char view of the bounded raw text.
struct View {
    v: Vec<char>,
    raw: Vec<char>,
    /// `off[i]`: UTF-16 offset of char `i`; `off[len]` is the total.
    off: Vec<usize>,
}

impl View {
    fn new(raw: &str) -> View {
        let raw: Vec<char> = raw.chars().take(MAX_INPUT_CHARS).collect();
        let mut off = vec![0];
        for c in &raw {
            off.push(off[off.len() - 1] + c.len_utf16());
        }
        let folded: String = raw.iter().map(|&c| fold(c)).collect();
        // fast2s maps each char to one char (looking at its neighbours), so the view stays aligned.
        let mut v: Vec<char> = fast2s::convert(&folded).chars().collect();
        if v.len() != raw.len() {
            v = folded.chars().collect();
        }
        View { v, raw, off }
    }

    /// The char at `i`; NUL (never in the view: controls fold to a space) out of range.
    fn c(&self, i: usize) -> char { self.v.get(i).copied().unwrap_or('\0') }

    fn before(&self, i: usize) -> char { i.checked_sub(1).map_or('\0', |j| self.c(j)) }

    fn digit(&self, i: usize) -> Option<u64> { self.c(i).to_digit(10).map(u64::from).or_else(|| cn_digit(self.c(i))) }

    fn digits_end(&self, i: usize) -> usize { i + self.v.get(i..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count()) }

    fn is(&self, i: usize, pat: &str) -> bool { pat.chars().enumerate().all(|(k, p)| self.c(i + k) == p) }

    fn ends(&self, i: usize, pat: &str) -> bool { i.checked_sub(pat.chars().count()).is_some_and(|j| self.is(j, pat)) }

    /// The longest of `pats` at `i`: its index and char length. A pattern ending in an ASCII
    /// letter must not run on into another letter (kg, not kgs).
    fn any(&self, i: usize, pats: &[&str]) -> Option<(usize, usize)> {
        let fits = |p: &str, l| !(p.ends_with(|c: char| c.is_ascii_alphabetic()) && self.c(i + l).is_ascii_alphabetic());
        let hits = pats.iter().enumerate().filter(|(_, p)| self.is(i, p));
        hits.map(|(k, p)| (k, p.chars().count())).filter(|&(k, l)| fits(pats[k], l)).max_by_key(|&(_, l)| l)
    }

    /// Does one of `cues` end at `s`, give or take up to four `filler` chars (身高是170)?
    fn cue_before(&self, s: usize, cues: &[&str], filler: &str) -> bool {
        let fill = (0..4).take_while(|&k| k < s && filler.contains(self.c(s - 1 - k))).count();
        (0..=fill).any(|k| cues.iter().any(|c| self.ends(s - k, c)))
    }

    fn norm(&self, s: usize, e: usize) -> String { self.v[s..e].iter().collect() }
}

fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase(),
        '\u{FFE5}' => '¥',
        '\u{3000}' | '\u{00A0}' => ' ',
        c if c.is_control() => ' ',
        c => c.to_ascii_lowercase(),
    }
}

const MEASURE: &str = "个件套只根把台箱盒瓶包双条张";
/// After a bare number these make it something other than money (少2件, 差3天, 便宜一点).
const NOT_MONEY_AFTER: &str = "个件套只根把台箱盒瓶包双条张天日号月年点时分秒周岁次下些倍折斤米码公千厘%:";
const DATE_WORDS: &[&str] = &[
    "大后天", "大前天", "今天", "明天", "后天", "昨天", "前天", "今晚", "明晚", "昨晚", "今早", "明早", "今日",
    "明日", "当天", "次日", "隔天", "上午", "下午", "晚上", "中午", "早上", "傍晚", "凌晨", "半夜", "月底", "月初",
    "月中", "年底", "下个月", "这个月", "本月", "下月", "双十一", "双十二", "几点", "几号",
];
const COMPETITORS: &[&str] = &[
    "别人家", "别家", "其他家", "其它家", "别的店", "别的家", "其他店", "隔壁", "某宝", "某东", "某多多", "某猫",
    "拼多多", "京东", "淘宝", "天猫", "实体店", "专卖店", "pdd",
];
const LETTER_SIZES: &[&str] = &["xxxxl", "xxxl", "xxl", "xl", "xs", "s", "m", "l", "2xl", "3xl", "4xl", "5xl", "6xl"];

/// A number in the view: Arabic (with an optional decimal part) or Chinese numerals.
struct Num { s: usize, e: usize, x: f64, arabic: bool, int_digits: usize, frac: bool }

impl Num {
    fn int(&self) -> bool { !self.frac && self.x.fract() == 0.0 }
    fn within(&self, lo: f64, hi: f64) -> bool { (lo..=hi).contains(&self.x) }
}

fn cn_digit(c: char) -> Option<u64> {
    match c {
        '〇' => Some(0),
        '两' => Some(2),
        _ => "零一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u64),
    }
}

fn is_cn_num(c: char) -> bool { cn_digit(c).is_some() || "十百千万".contains(c) }

fn numbers(v: &View) -> Vec<Num> {
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

/// Heights, weights, money, quantities, N码 sizes and numeric dates around one number.
fn number_entities(v: &View, n: &Num, out: &mut Vec<Cand>) {
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
    dates(v, n, out);
}

/// 宽80cm, 腰围80cm, 长1米5: a measurement of something, not the buyer's height.
fn dimension_before(v: &View, s: usize) -> bool {
    let window = v.norm(s.saturating_sub(3), s);
    !window.contains("身高") && window.contains(|c| "宽长深厚径腰胸臀肩袖腿围高尺".contains(c))
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

/// 3号, 12月, 12日, 3点, 三点半, 15:30, 双11, 618, 11.11.
fn dates(v: &View, n: &Num, out: &mut Vec<Cand>) {
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

/// Order ids (12–20 digits; 8–24 after 订单号) and phones (13812345678, 138-1234-5678, +86…, 09…).
fn digit_runs(v: &View, out: &mut Vec<Cand>) {
    let starts = (0..v.v.len()).filter(|&i| v.c(i).is_ascii_digit() && !v.before(i).is_ascii_digit());
    let runs: Vec<(usize, usize)> = starts.map(|i| (i, v.digits_end(i))).collect();
    for (g, &(s, e)) in runs.iter().enumerate() {
        let decimal = v.before(s) == '.' || (v.c(e) == '.' && v.c(e + 1).is_ascii_digit());
        let id = || text(v.norm(s, e));
        match (decimal, order_label(v, s), e - s) {
            (false, Some(true), 8..=24) => out.push(Cand { prio: 9, ..cand(OrderId, s, e, id()) }),
            (false, None, 12..=20) => out.push(cand(OrderId, s, e, id())),
            _ => {}
        }
        // A phone: this run and the next ones, joined by single spaces or dashes.
        let start = if v.before(s) == '+' { s - 1 } else { s };
        let (mut digits, mut last) = (String::new(), s);
        for &(rs, re) in &runs[g..] {
            let joined = rs == s || (rs == last + 1 && matches!(v.c(last), ' ' | '-'));
            if !joined || digits.len() + (re - rs) > 13 {
                break;
            }
            digits.push_str(&v.norm(rs, re));
            last = re;
            if let Some(p) = phone(&digits).filter(|_| v.c(re) != '.') {
                out.push(cand(Phone, start, re, text(p)));
            }
        }
    }
}

/// Mainland mobile (with or without 86), Taiwan mobile (09…, or 886 9…): the digits to keep.
fn phone(d: &str) -> Option<String> {
    let mobile = |m: &str| m.len() == 11 && m.starts_with('1') && matches!(m.as_bytes()[1], b'3'..=b'9');
    match d.len() {
        11 if mobile(d) => Some(d.to_string()),
        13 if d.starts_with("86") && mobile(&d[2..]) => Some(d[2..].to_string()),
        10 if d.starts_with("09") => Some(d.to_string()),
        12 if d.starts_with("8869") => Some(format!("0{}", &d[3..])),
        _ => None,
    }
}

/// `Some(true)` after an order label (订单号:), `Some(false)` after the label of another kind of
/// number (商品ID, 快递单号, 手机), `None` without a label.
fn order_label(v: &View, s: usize) -> Option<bool> {
    const OTHER: &[&str] = &["商品id", "商品编号", "商品编码", "货号", "sku", "id", "运单号", "快递单号", "物流单号", "快递号", "电话", "手机"];
    const ORDER: &[&str] = &["订单号", "订单编号", "订单", "单号", "服务单号", "售后单号"];
    let j = s - (0..3).take_while(|&k| k < s && ":#=是为 ".contains(v.c(s - 1 - k))).count();
    let after = |labels: &[&str]| labels.iter().any(|l| v.ends(j, l));
    (after(OTHER) || after(ORDER)).then(|| !after(OTHER))
}

/// Word entities: date/time words, weeks (下周一, 礼拜天), competitors, letter sizes, 均码.
fn words(v: &View, out: &mut Vec<Cand>) {
    let mut push = |kind, s, e, value| out.push(cand(kind, s, e, value));
    for i in 0..v.v.len() {
        let b = v.before(i);
        if let Some((_, l)) = v.any(i, DATE_WORDS) {
            push(DateTime, i, i + l, text(v.norm(i, i + l)));
        }
        if let Some(e) = week(v, i) {
            push(DateTime, i, e, text(v.norm(i, e)));
        }
        if let Some((_, l)) = v.any(i, COMPETITORS).filter(|_| !(v.c(i).is_ascii() && b.is_ascii_alphanumeric())) {
            push(Competitor, i, i + l, text(v.norm(i, i + l)));
        }
        if v.is(i, "均码") {
            push(Size, i, i + 2, text("均码"));
        }
        if let Some((k, l)) = v.any(i, LETTER_SIZES).filter(|_| !b.is_ascii_alphanumeric() && b != '\'') {
            if !v.c(i + l).is_ascii_digit() {
                let e = if matches!(v.c(i + l), '码' | '号') { i + l + 1 } else { i + l };
                push(Size, i, e, text(LETTER_SIZES[k].to_ascii_uppercase()));
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use V::*;

    #[derive(Debug, Clone, Copy)]
    enum V { N(f64), T(&'static str) }

    /// (input, expected entities as (kind, UTF-16 start, UTF-16 end, value)).
    type Row = (&'static str, &'static [(EntityKind, usize, usize, V)]);

    #[rustfmt::skip]
    const TABLE: &[Row] = &[
        // height; the emoji before 身高 is two UTF-16 units
        ("身高170", &[(Height, 2, 5, N(170.0))]), ("😂身高170", &[(Height, 4, 7, N(170.0))]),
        ("170cm", &[(Height, 0, 5, N(170.0))]), ("１７０ｃｍ", &[(Height, 0, 5, N(170.0))]),
        ("我一米七", &[(Height, 1, 4, N(170.0))]), ("1米75的个子", &[(Height, 0, 4, N(175.0))]),
        ("一米六八", &[(Height, 0, 4, N(168.0))]), ("1.68米", &[(Height, 0, 5, N(168.0))]),
        ("1.68m", &[(Height, 0, 5, N(168.0))]), ("身高165的", &[(Height, 2, 5, N(165.0))]),
        ("身高: 1.68", &[(Height, 4, 8, N(168.0))]), ("身高差不多170", &[(Height, 5, 8, N(170.0))]),
        // weight
        ("110斤", &[(Weight, 0, 4, N(55.0))]), ("体重60kg", &[(Weight, 2, 6, N(60.0))]),
        ("60公斤", &[(Weight, 0, 4, N(60.0))]), ("一百二十斤", &[(Weight, 0, 5, N(60.0))]),
        ("一百二斤", &[(Weight, 0, 4, N(60.0))]), ("120斤左右", &[(Weight, 0, 4, N(60.0))]),
        ("體重110斤", &[(Weight, 2, 6, N(55.0))]), ("体重120", &[(Weight, 2, 5, N(60.0))]),
        ("2斤半", &[(Weight, 0, 3, N(1.25))]),
        // size
        ("XL码", &[(Size, 0, 3, T("XL"))]), ("ｘｌ", &[(Size, 0, 2, T("XL"))]), ("2XL有吗", &[(Size, 0, 3, T("2XL"))]),
        ("穿m还是l", &[(Size, 1, 2, T("M")), (Size, 4, 5, T("L"))]),
        ("38码", &[(Size, 0, 3, T("38码"))]), ("３８碼", &[(Size, 0, 3, T("38码"))]), ("均码吗", &[(Size, 0, 2, T("均码"))]),
        // money
        ("少20就拍", &[(Money, 1, 3, N(20.0))]), ("差20", &[(Money, 1, 3, N(20.0))]),
        ("便宜20块", &[(Money, 2, 5, N(20.0))]), ("100块", &[(Money, 0, 4, N(100.0))]),
        ("100元", &[(Money, 0, 4, N(100.0))]), ("¥399", &[(Money, 0, 4, N(399.0))]),
        ("￥399.00", &[(Money, 0, 7, N(399.0))]), ("399.5元", &[(Money, 0, 6, N(399.5))]),
        ("三十块", &[(Money, 0, 3, N(30.0))]), ("两百元", &[(Money, 0, 3, N(200.0))]),
        ("5毛", &[(Money, 0, 2, N(0.5))]), ("3塊5毛", &[(Money, 0, 4, N(3.5))]),
        ("少十块钱", &[(Money, 1, 4, N(10.0))]), ("满300减30", &[(Money, 1, 4, N(300.0)), (Money, 5, 7, N(30.0))]),
        // quantity
        ("2件", &[(Quantity, 0, 2, N(2.0))]), ("两个", &[(Quantity, 0, 2, N(2.0))]),
        ("买三个", &[(Quantity, 1, 3, N(3.0))]), ("買3套", &[(Quantity, 1, 3, N(3.0))]),
        ("少了一根软管", &[(Quantity, 2, 4, N(1.0))]),
        // order id (the 商品ID number is not one)
        ("咨询订单号:3481726650192837 商品ID:100045872316", &[(OrderId, 6, 22, T("3481726650192837"))]),
        ("單號是773289102934", &[(OrderId, 3, 15, T("773289102934"))]),
        ("3481726650192837", &[(OrderId, 0, 16, T("3481726650192837"))]),
        // phone
        ("13812345678", &[(Phone, 0, 11, T("13812345678"))]), ("电话138-1234-5678", &[(Phone, 2, 15, T("13812345678"))]),
        ("+86 138 1234 5678", &[(Phone, 0, 17, T("13812345678"))]), ("手機號:13812345678", &[(Phone, 4, 15, T("13812345678"))]),
        ("0912345678", &[(Phone, 0, 10, T("0912345678"))]),
        // date_time, Simplified and Traditional; touching pieces merge
        ("明天能到吗", &[(DateTime, 0, 2, T("明天"))]), ("後天", &[(DateTime, 0, 2, T("后天"))]),
        ("大后天", &[(DateTime, 0, 3, T("大后天"))]), ("下周一发货", &[(DateTime, 0, 3, T("下周一"))]),
        ("禮拜天", &[(DateTime, 0, 3, T("礼拜天"))]), ("週末", &[(DateTime, 0, 2, T("周末"))]),
        ("3号", &[(DateTime, 0, 2, T("3号"))]), ("12月12日", &[(DateTime, 0, 6, T("12月12日"))]),
        ("11.11有活动吗", &[(DateTime, 0, 5, T("11.11"))]), ("双11", &[(DateTime, 0, 3, T("双11"))]),
        ("雙十一", &[(DateTime, 0, 3, T("双十一"))]), ("618", &[(DateTime, 0, 3, T("618"))]),
        ("下午3点", &[(DateTime, 0, 4, T("下午3点"))]), ("１５：３０", &[(DateTime, 0, 5, T("15:30"))]),
        ("晚上八點", &[(DateTime, 0, 4, T("晚上八点"))]), ("几点发货", &[(DateTime, 0, 2, T("几点"))]),
        ("月底前", &[(DateTime, 0, 2, T("月底"))]), ("明天下午三点半", &[(DateTime, 0, 7, T("明天下午三点半"))]),
        // competitor
        ("别家更便宜", &[(Competitor, 0, 2, T("别家"))]), ("別人家", &[(Competitor, 0, 3, T("别人家"))]),
        ("某宝上才50", &[(Competitor, 0, 2, T("某宝"))]), ("拼多多", &[(Competitor, 0, 3, T("拼多多"))]),
        ("实体店", &[(Competitor, 0, 3, T("实体店"))]),
        // several in one turn
        ("身高165体重110斤穿什么码 明天能到吗",
         &[(Height, 2, 5, N(165.0)), (Weight, 7, 11, N(55.0)), (DateTime, 16, 18, T("明天"))]),
        ("我要2件XL,少20行吗", &[(Quantity, 2, 4, N(2.0)), (Size, 4, 6, T("XL")), (Money, 8, 10, N(20.0))]),
        ("😂😂 明天下午3点前能发吗 订单号123456789012",
         &[(DateTime, 5, 11, T("明天下午3点")), (OrderId, 19, 31, T("123456789012"))]),
        ("便宜點吧 別家才三十塊", &[(Competitor, 5, 7, T("别家")), (Money, 8, 11, N(30.0))]),
        // not entities: product ids, a year, a hotline, quantities and lengths, 一点 = "a bit"
        ("商品ID:100045872316", &[]), ("2026年", &[]), ("12315", &[]), ("有一个问题", &[]), ("宽80cm能放下吗", &[]),
        ("1.5米的床", &[]), ("便宜一点", &[]), ("一起买 tks ok", &[]), ("I'm ok", &[]), ("1米", &[]), ("两个月了", &[]),
    ];

    /// Sorted, non-overlapping, and each span's text is the raw UTF-16 slice.
    fn check_shape(input: &str, got: &[Entity]) {
        let units: Vec<u16> = input.encode_utf16().collect();
        for (i, e) in got.iter().enumerate() {
            assert!(e.start < e.end && e.end <= units.len(), "{input:?}: bad span {e:?}");
            assert_eq!(e.text, String::from_utf16_lossy(&units[e.start..e.end]), "{input:?}");
            assert!(i == 0 || got[i - 1].end <= e.start, "{input:?}: overlap or order {got:?}");
        }
    }

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for &(input, want) in TABLE {
            let got = extract(input);
            check_shape(input, &got);
            let got: Vec<_> = got.into_iter().map(|e| (e.kind, e.start, e.end, e.value)).collect();
            let value = |v| match v { N(x) => EntityValue::Number(x), T(t) => EntityValue::Text(t.into()) };
            let want: Vec<_> = want.iter().map(|&(k, s, e, v)| (k, s, e, value(v))).collect();
            if got != want {
                failures.push(format!("{input:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{} of {} rows:\n{}", failures.len(), TABLE.len(), failures.join("\n"));
    }

    #[test]
    fn serialises_for_the_panel() {
        let json = serde_json::to_string(&extract("少20 XL")).unwrap();
        let want = r#"[{"kind":"money","start":1,"end":3,"text":"20","value":20.0},{"kind":"size","start":4,"end":6,"text":"XL","value":"XL"}]"#;
        assert_eq!(json, want);
    }

    #[test]
    fn odd_input_never_panics_and_work_is_bounded() {
        let digits = "1".repeat(1_000_000);
        let mixed = "身高170体重110斤😂少20 13812345678 ".repeat(5000);
        let inputs = [
            "", " ", "\u{FFFD}\u{FFFD}", "\u{0}\u{7}\u{1b}[31m\u{7f}", "¥", "￥ ", "斤", "1米", "一米", "身高", "体重",
            "双", "+", "+86", "订单号:", "15:", "15:3", "十", "百", "万万万万", "一百零", "零", "3块", "1.", ".5", "1..2",
            "🏻", "a\u{200D}b", "xl码码", "周", "下", "9999999999999999999999999999999元", "一米七五六", "1米7五",
            &digits, &mixed,
        ];
        for input in inputs {
            check_shape(input, &extract(input));
        }
        assert!(extract(&digits).is_empty());
        let bounded: usize = mixed.chars().take(MAX_INPUT_CHARS).map(char::len_utf16).sum();
        assert!(extract(&mixed).iter().all(|e| e.end <= bounded));
    }
}
