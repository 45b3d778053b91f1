//! Digit runs: order ids and phones, which may be split by spaces or dashes and are told
//! apart by their length, their leading digits and the label before them.

use super::view::View;
use super::{cand, text, Cand};
use crate::intent::EntityKind::{OrderId, Phone};

/// Order ids (12–20 digits; 8–24 after 订单号) and phones (13812345678, 138-1234-5678, +86…, 09…).
pub(super) fn digit_runs(v: &View, out: &mut Vec<Cand>) {
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
