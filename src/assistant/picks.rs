//! Cross-sell picks: one or two in-stock items that go with what the buyer is looking at,
//! preferring one that lifts the order over a 满减 threshold. None while the buyer is upset or in
//! an after-sale dispute.

use crate::intent::{Classification, Sentiment};
use crate::shop::{Item, PromotionKind, Shop};
use serde::Serialize;
use std::collections::HashSet;

/// At most this many picks: 宜精不宜多.
pub const MAX_PICKS: usize = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    pub item_id: String,
    pub title: String,
    pub price: f64,
    pub why: PickReason,
    /// The variant that fits the size in the buyer's notes, when the item comes in sizes.
    pub fits: Option<String>,
}

/// How a candidate fits the buyer's noted size (坑距400 fits the "400" variant):
/// `Some(Some(v))` variant v fits; `Some(None)` the candidate comes in the same kind of
/// variants as the discussed item (a seat cover for a toilet, both in 300/400) and none fits,
/// so it must not be offered; `None` nothing to fit (no noted size, or unrelated variants such
/// as a hose's length).
fn fitting<'a>(candidate: &'a Item, discussed: &Item, noted: Option<&str>) -> Option<Option<&'a str>> {
    let noted = noted?;
    // Whole tokens only: 坑距400 holds "400", not "40".
    let tokens = size_tokens(noted);
    let fit = candidate.sizes.iter().map(String::as_str).find(|s| tokens.iter().any(|t| t.eq_ignore_ascii_case(s)));
    let same_kind = candidate.sizes.iter().any(|s| discussed.sizes.contains(s));
    match fit {
        Some(v) => Some(Some(v)),
        None if same_kind => Some(None),
        None => None,
    }
}

/// Why an item is offered, for the panel to say in a few words in its language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PickReason {
    /// Goes with the discussed item (搭配).
    GoesWith { item: String },
    /// Adding it reaches a 满减 threshold.
    ReachesThreshold { promotion: String, discount: f64 },
}

/// The runs of digits and of ASCII letters in a noted size (坑距400 → ["400"], XL码 → ["XL"]).
fn size_tokens(noted: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    let kind = |c: char| if c.is_ascii_digit() { 1 } else if c.is_ascii_alphabetic() { 2 } else { 0 };
    let mut last = 0;
    for (i, c) in noted.char_indices().chain(std::iter::once((noted.len(), ' '))) {
        let k = kind(c);
        if k != last {
            if let Some(s) = start.take() {
                tokens.push(&noted[s..i]);
            }
            if k != 0 {
                start = Some(i);
            }
            last = k;
        }
    }
    tokens
}

/// Picks for the discussed item, skipping items already offered in this conversation and items
/// whose variants do not fit the buyer's noted size.
pub fn picks(shop: &Shop, item: Option<&Item>, c: &Classification, offered: &HashSet<String>, size: Option<&str>, now_ms: i64) -> Vec<Pick> {
    let Some(item) = item else { return Vec::new() };
    if c.sentiment == Sentiment::Angry || c.intent.is_dispute() {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let candidates = item
        .complements
        .iter()
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| shop.catalog.get(id))
        .filter(|p| p.in_stock() && p.id != item.id && !offered.contains(&p.id))
        .filter(|p| fitting(p, item, size) != Some(None));
    let mut scored: Vec<(bool, usize, Pick)> = candidates
        .enumerate()
        .map(|(order, p)| {
            let reach = shop
                .active_promotions(now_ms, Some(item))
                .filter(|promo| promo.kind == PromotionKind::Threshold && promo.applies_to(p))
                .find(|promo| promo.gap_for(item).is_some_and(|gap| p.price >= gap));
            let why = match reach {
                Some(promo) => PickReason::ReachesThreshold {
                    promotion: promo.title.clone(),
                    discount: promo.discount.unwrap_or(0.0),
                },
                None => PickReason::GoesWith { item: item.title.clone() },
            };
            let fits = fitting(p, item, size).flatten().map(str::to_string);
            let pick = Pick { item_id: p.id.clone(), title: p.title.clone(), price: p.price, why, fits };
            (reach.is_some(), order, pick)
        })
        .collect();
    crate::sort::by(&mut scored, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(MAX_PICKS).map(|(_, _, p)| p).collect()
}
