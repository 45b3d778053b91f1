//! What the shop can offer at this moment: the slot values replies are filled from (settings,
//! the discussed item, the best active coupon, 满减, gift and event) and the promotions to show.

use super::PromotionView;
use crate::reply::slots;
use crate::shop::{Item, Promotion, PromotionKind, Shop};

/// Slot values available now: shop settings always, item and promotion slots when they apply.
pub fn slot_values(shop: &Shop, item: Option<&Item>, now_ms: i64) -> slots::Values {
    let mut v = slots::from_settings(&shop.settings);
    if let Some(item) = item {
        v.insert("item", item.title.clone());
        v.insert("price", slots::yuan(item.price));
    }
    let active: Vec<&Promotion> = shop.active_promotions(now_ms, item).collect();
    // A coupon is only worth naming if the discussed item reaches its threshold.
    let usable = |p: &&&Promotion| p.kind != PromotionKind::Coupon || item.is_none_or(|i| p.threshold.is_none_or(|t| i.price >= t));
    let best = |kind: PromotionKind| {
        active
            .iter()
            .filter(|p| p.kind == kind)
            .filter(usable)
            .max_by(|a, b| a.discount.unwrap_or(0.0).total_cmp(&b.discount.unwrap_or(0.0)))
    };
    if let Some(p) = best(PromotionKind::Coupon) {
        v.insert("coupon", p.title.clone());
    }
    if let Some(p) = best(PromotionKind::Event) {
        v.insert("promo", p.title.clone());
    }
    if let Some(p) = best(PromotionKind::Gift) {
        v.entry("gift").or_insert_with(|| p.gift.clone().unwrap_or_default());
    }
    // The threshold closest to being reached by the discussed item.
    let threshold = item.and_then(|item| {
        active
            .iter()
            .filter(|p| p.kind == PromotionKind::Threshold)
            .filter_map(|p| p.gap_for(item).map(|gap| (p, gap)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    });
    if let Some((p, gap)) = threshold {
        v.insert("threshold", slots::yuan(p.threshold.unwrap_or(0.0)));
        v.insert("discount", slots::yuan(p.discount.unwrap_or(0.0)));
        v.insert("gap", slots::yuan(gap));
    }
    v
}

/// The active promotions for the discussed item (or all of them without one), those with the
/// smallest gap to their threshold first.
pub fn promotion_views(shop: &Shop, item: Option<&Item>, now_ms: i64) -> Vec<PromotionView> {
    let mut views: Vec<PromotionView> = shop
        .active_promotions(now_ms, item)
        .map(|p| PromotionView { id: p.id.clone(), title: p.title.clone(), gap: item.and_then(|i| p.gap_for(i)) })
        .collect();
    crate::sort::by(&mut views, |a, b| a.gap.unwrap_or(f64::MAX).total_cmp(&b.gap.unwrap_or(f64::MAX)));
    views
}
