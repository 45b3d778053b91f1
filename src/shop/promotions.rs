//! Promotions (`promotions.json`): coupons, 满减 thresholds, gifts and events, active within a
//! shop-local time window, scoped to the whole shop, categories or items.

use super::catalog::Item;
use super::time::{add_minutes, parse_local};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromotionKind {
    Coupon,
    Threshold,
    Gift,
    Event,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scope {
    All,
    Categories { categories: Vec<String> },
    Items { items: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    pub id: String,
    pub kind: PromotionKind,
    pub title: String,
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub discount: Option<f64>,
    #[serde(default)]
    pub gift: Option<String>,
    #[serde(default)]
    pub rate: Option<f64>,
    pub scope: Scope,
    /// Shop-local `YYYY-MM-DD HH:MM`.
    pub starts: String,
    pub ends: String,
    /// Unix ms of `starts` and of the end of the `ends` minute, filled in by `resolve`.
    #[serde(skip)]
    window: (i64, i64),
}

impl Promotion {
    /// Converts the local window with the shop's offset; errors name the promotion.
    pub fn resolve(&mut self, offset_minutes: i32) -> Result<(), String> {
        let at = |e: String| format!("promotion {:?}: {e}", self.id);
        let starts = parse_local(&self.starts, offset_minutes).map_err(at)?;
        let ends = add_minutes(parse_local(&self.ends, offset_minutes).map_err(at)?, 1);
        if ends <= starts {
            return Err(format!("promotion {:?}: ends before it starts", self.id));
        }
        let needs = |ok: bool, what: &str| if ok { Ok(()) } else { Err(format!("promotion {:?}: a {:?} needs {what}", self.id, self.kind)) };
        match self.kind {
            PromotionKind::Coupon => needs(self.discount.is_some(), "a discount")?,
            PromotionKind::Threshold => needs(self.threshold.is_some() && self.discount.is_some(), "a threshold and a discount")?,
            PromotionKind::Gift => needs(self.gift.is_some(), "a gift")?,
            PromotionKind::Event => {}
        }
        self.window = (starts, ends);
        Ok(())
    }

    pub fn is_active(&self, now_ms: i64) -> bool {
        self.window.0 <= now_ms && now_ms < self.window.1
    }

    pub fn applies_to(&self, item: &Item) -> bool {
        match &self.scope {
            Scope::All => true,
            Scope::Categories { categories } => categories.contains(&item.category),
            Scope::Items { items } => items.contains(&item.id),
        }
    }

    /// Yuan still missing for `item` alone to reach the threshold, when there is a gap.
    pub fn gap_for(&self, item: &Item) -> Option<f64> {
        let threshold = self.threshold?;
        (threshold > item.price).then(|| ((threshold - item.price) * 100.0).round() / 100.0)
    }
}
