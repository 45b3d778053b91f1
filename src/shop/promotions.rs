//! Promotions (`promotions.json`): coupons, 满减 thresholds, gifts and events, active within a
//! shop-local time window, scoped to the whole shop, categories or items.

use super::catalog::Item;
use super::time::{add_minutes, parse_local};
use serde::{Deserialize, Serialize};

/// The largest amount a promotion may name (yuan): beyond it, a typo.
const MAX_YUAN: f64 = 10_000_000.0;

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
        for (name, value) in [("threshold", self.threshold), ("discount", self.discount)] {
            if value.is_some_and(|v| !(v.is_finite() && (0.0..=MAX_YUAN).contains(&v))) {
                return Err(format!("promotion {:?}: {name} must be an amount from 0 to {MAX_YUAN} yuan", self.id));
            }
        }
        if self.rate.is_some_and(|r| !(r.is_finite() && r > 0.0 && r <= 1.0)) {
            return Err(format!("promotion {:?}: rate must be above 0 and at most 1 (0.9 is 10% off)", self.id));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_that_cannot_be_shown_to_a_buyer_are_refused() {
        let base = serde_json::json!({
            "id": "p", "kind": "threshold", "title": "满减", "threshold": 100, "discount": 10,
            "scope": {"kind": "all"}, "starts": "2026-11-01 00:00", "ends": "2026-11-30 23:59",
        });
        let with = |field: &str, value: serde_json::Value| {
            let mut v = base.clone();
            v[field] = value;
            let mut p: Promotion = serde_json::from_value(v).unwrap();
            p.resolve(480)
        };
        assert_eq!(with("title", "满减".into()), Ok(()));
        assert!(with("threshold", 1e308.into()).unwrap_err().contains("threshold"));
        assert!(with("discount", (-5).into()).unwrap_err().contains("discount"));
        assert!(with("rate", 0.into()).is_err());
        assert!(with("rate", 1.5.into()).is_err());
        assert_eq!(with("rate", 0.9.into()), Ok(()));
    }
}
