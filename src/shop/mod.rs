//! The shop: settings, catalog and promotions, loaded from the JSON files the options page
//! imports (`data/demo/` is one such shop).

mod catalog;
mod promotions;
mod settings;
pub mod time;

pub use catalog::{Catalog, Item};
pub use promotions::{Promotion, PromotionKind, Scope};
pub use settings::{AfterSaleSettings, BargainSettings, Settings};

use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct Shop {
    pub settings: Settings,
    pub catalog: Catalog,
    pub promotions: Vec<Promotion>,
    /// The shop's zone offset, minutes east of UTC.
    pub offset_minutes: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PromotionsFile {
    promotions: Vec<Promotion>,
}

impl Shop {
    /// Loads a shop from the three JSON texts; errors say which file and why.
    pub fn from_json(catalog: &str, promotions: &str, settings: &str) -> Result<Shop, String> {
        let settings: Settings = serde_json::from_str(settings).map_err(|e| format!("settings.json: {e}"))?;
        let offset_minutes = time::zone_offset_minutes(&settings.timezone).map_err(|e| format!("settings.json: {e}"))?;
        let catalog: Catalog = serde_json::from_str(catalog).map_err(|e| format!("catalog.json: {e}"))?;
        catalog.validate()?;
        let mut promotions = serde_json::from_str::<PromotionsFile>(promotions)
            .map_err(|e| format!("promotions.json: {e}"))?
            .promotions;
        for p in &mut promotions {
            p.resolve(offset_minutes).map_err(|e| format!("promotions.json: {e}"))?;
        }
        Ok(Shop { settings, catalog, promotions, offset_minutes })
    }

    /// The demo bathroom-fixture shop shipped in `data/demo/`.
    pub fn demo() -> Shop {
        Shop::from_json(
            include_str!("../../data/demo/catalog.json"),
            include_str!("../../data/demo/promotions.json"),
            include_str!("../../data/demo/settings.json"),
        )
        .expect("the demo shop is valid")
    }

    /// Promotions active at `now_ms` that apply to `item` (or every active one without an item).
    pub fn active_promotions<'a>(&'a self, now_ms: i64, item: Option<&'a Item>) -> impl Iterator<Item = &'a Promotion> + 'a {
        self.promotions
            .iter()
            .filter(move |p| p.is_active(now_ms) && item.is_none_or(|i| p.applies_to(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-22 12:00 in Beijing.
    const NOW: i64 = 1_795_320_000_000;

    #[test]
    fn the_demo_shop_loads_and_has_active_and_expired_promotions() {
        let shop = Shop::demo();
        assert!(shop.catalog.items.len() >= 20);
        let active = shop.active_promotions(NOW, None).count();
        assert!(active >= 1);
        assert!(active < shop.promotions.len(), "some demo promotions are expired");
    }

    #[test]
    fn promotion_windows_use_the_shop_zone() {
        let settings = include_str!("../../data/demo/settings.json");
        let promos = r#"{"promotions":[{"id":"p","kind":"event","title":"双11","scope":{"kind":"all"},
            "starts":"2026-11-11 00:00","ends":"2026-11-11 23:59"}]}"#;
        let shop = Shop::from_json(r#"{"items":[]}"#, promos, settings).unwrap();
        let p = &shop.promotions[0];
        // 2026-11-10 23:59 Beijing = 15:59 UTC: not yet; 2026-11-11 00:00 Beijing: active.
        assert!(!p.is_active(1_794_326_400_000 - 60_000));
        assert!(p.is_active(1_794_326_400_000));
        assert!(p.is_active(1_794_326_400_000 + 86_400_000 - 1));
        assert!(!p.is_active(1_794_326_400_000 + 86_400_000));
    }

    #[test]
    fn bad_shop_files_are_rejected_with_the_file_and_reason() {
        let settings = include_str!("../../data/demo/settings.json");
        let err = Shop::from_json("{", r#"{"promotions":[]}"#, settings).unwrap_err();
        assert!(err.starts_with("catalog.json"), "{err}");
        let promos = r#"{"promotions":[{"id":"x","kind":"threshold","title":"t","scope":{"kind":"all"},"starts":"2026-01-01 00:00","ends":"2026-02-01 00:00"}]}"#;
        let err = Shop::from_json(r#"{"items":[]}"#, promos, settings).unwrap_err();
        assert!(err.contains("needs a threshold"), "{err}");
        let items = r#"{"items":[{"id":"a","title":"A","category":"c","price":1,"stock":1,"complements":["zzz"]}]}"#;
        let err = Shop::from_json(items, r#"{"promotions":[]}"#, settings).unwrap_err();
        assert!(err.contains("unknown complement"), "{err}");
    }
}
