//! Entities in a raw buyer turn: height, weight, size, money, quantity, order id, phone,
//! date/time and competitor mentions, with UTF-16 offsets into the raw text for highlighting.
//!
//! Matching runs on a view with exactly one char per raw char (width folded, ASCII lower case,
//! Traditional → Simplified), so every span maps straight back to the raw string. Numbers,
//! digit runs and words each propose candidates; the longest (then most specific) win.
//!
//! Where each piece lives: `view` (the per-char view), `numbers` (Arabic and Chinese numerals),
//! `measures` (height, weight, size, quantity and money around a number), `dates` (date/time
//! around a number, and date words), `digit_runs` (order ids and phones), `words` (competitors
//! and letter sizes). This file holds the public types, the candidates and how they are resolved.

mod dates;
mod digit_runs;
mod measures;
mod numbers;
mod view;
mod words;

use crate::intent::EntityKind::{self, *};
use serde::Serialize;
use view::View;

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
    for n in &numbers::numbers(&v) {
        measures::around_number(&v, n, &mut cands);
        dates::around_number(&v, n, &mut cands);
    }
    digit_runs::digit_runs(&v, &mut cands);
    dates::date_words(&v, &mut cands);
    words::words(&v, &mut cands);
    // Longest span first, then the more specific kind; keep what does not overlap.
    crate::sort::by(&mut cands, |a, b| (b.e - b.s).cmp(&(a.e - a.s)).then(b.prio.cmp(&a.prio)).then(a.s.cmp(&b.s)));
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands.into_iter().filter(|c| c.e > c.s) {
        if kept.iter().all(|k| c.e <= k.s || c.s >= k.e) {
            kept.push(c);
        }
    }
    crate::sort::by_key(&mut kept, |c| c.s);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::MAX_INPUT_CHARS;
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
        ("坑距400的有吗", &[(Size, 2, 5, T("坑距400"))]), ("我家坑距是305", &[(Size, 5, 8, T("坑距305"))]),
        ("坑距量了40公分左右", &[(Size, 4, 8, T("坑距400"))]), ("坑距40.5cm", &[(Size, 2, 8, T("坑距405"))]),
        ("400坑距", &[(Size, 0, 3, T("坑距400"))]), ("300mm的坑距", &[(Size, 0, 5, T("坑距300"))]),
        ("坑距多少 宽80cm", &[]), ("坑距2米", &[]),
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
