//! Word entities that are not dates: competitor mentions and sizes (XL, 2XL码, 均码).

use super::view::View;
use super::{cand, text, Cand};
use crate::intent::EntityKind::{Competitor, Size};

const COMPETITORS: &[&str] = &[
    "别人家", "别家", "其他家", "其它家", "别的店", "别的家", "其他店", "隔壁", "某宝", "某东", "某多多", "某猫",
    "拼多多", "京东", "淘宝", "天猫", "实体店", "专卖店", "pdd",
];
const LETTER_SIZES: &[&str] = &["xxxxl", "xxxl", "xxl", "xl", "xs", "s", "m", "l", "2xl", "3xl", "4xl", "5xl", "6xl"];

/// Word entities: competitors, letter sizes, 均码.
pub(super) fn words(v: &View, out: &mut Vec<Cand>) {
    let mut push = |kind, s, e, value| out.push(cand(kind, s, e, value));
    for i in 0..v.v.len() {
        let b = v.before(i);
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
