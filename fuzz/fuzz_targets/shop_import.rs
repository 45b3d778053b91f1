//! The shop files import: `Shop::from_json(catalog, promotions, settings)` (src/shop/: catalog,
//! promotions with shop-local windows, settings with the time zone), then the imported shop in use.
//!
//! Input: `catalog.json \0 promotions.json \0 settings.json [\0 TIME]`, read as UTF-8 (lossy). An
//! empty or missing file is the demo shop's (data/demo/), so each file can be fuzzed alone.
//! `TIME` is also fed to the time parsers on its own (`YYYY-MM-DD HH:MM` and zone names).
//! A shop that loads is then used: active promotions and gaps for every item, the slot values
//! replies are filled from, and an assistant answering a few buyer turns about its items.
#![no_main]

use kefu::assistant::{offer, Assistant, MessageEvent, Sender};
use kefu::reply::{Guides, Pack};
use kefu::shop::time::{parse_local, zone_offset_minutes};
use kefu::shop::Shop;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const CATALOG: &str = include_str!("../../data/demo/catalog.json");
const PROMOTIONS: &str = include_str!("../../data/demo/promotions.json");
const SETTINGS: &str = include_str!("../../data/demo/settings.json");
/// 2026-11-22 12:00 in Beijing.
const NOW: i64 = 1_795_320_000_000;

fn packs() -> &'static (Pack, Pack, Guides) {
    static P: OnceLock<(Pack, Pack, Guides)> = OnceLock::new();
    P.get_or_init(|| (Pack::builtin("zh-Hans"), Pack::builtin("zh-Hant"), Guides::builtin()))
}

fn times(s: &str) {
    let zone = zone_offset_minutes(s);
    if let Ok(m) = zone {
        assert!((-14 * 60..=14 * 60 + 59).contains(&m), "zone {s:?} is {m} minutes from UTC");
    }
    for offset in [zone.unwrap_or(480), 0, -720, 840] {
        if let (Ok(local), Ok(utc)) = (parse_local(s, offset), parse_local(s, 0)) {
            assert_eq!(utc - local, offset as i64 * 60_000, "{s:?} at offset {offset}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\0');
    let mut file = |demo: &'static str| parts.next().filter(|p| !p.is_empty()).unwrap_or(demo);
    let (catalog, promotions, settings) = (file(CATALOG), file(PROMOTIONS), file(SETTINGS));
    if let Some(time) = parts.next() {
        times(time);
    }
    let Ok(shop) = Shop::from_json(catalog, promotions, settings) else { return };

    let at = [NOW, 0, -1, i64::from(u32::MAX) * 1000, 8_640_000_000_000_000];
    for item in shop.catalog.items.iter().take(16) {
        for &now in &at {
            for p in shop.active_promotions(now, Some(item)) {
                let _ = p.gap_for(item);
            }
        }
        let _ = shop.catalog.mentioned_in(&item.title.to_lowercase());
        let _ = offer::slot_values(&shop, Some(item), NOW);
        let _ = offer::promotion_views(&shop, Some(item), NOW);
    }
    let _ = offer::slot_values(&shop, None, NOW);

    let (hans, hant, guides) = packs();
    let pack = if shop.settings.language.eq_ignore_ascii_case("zh-Hant") { hant } else { hans };
    let first = shop.catalog.items.first().map(|i| i.title.clone()).unwrap_or_default();
    let mut assistant = Assistant::new(shop, pack.clone(), guides.clone()).expect("the shipped pack and guides agree");
    let turns = [(Sender::Buyer, format!("{first}有货吗")), (Sender::Agent, "有的亲".to_string()), (Sender::Buyer, "能便宜点吗 送个赠品".to_string())];
    for (k, (from, text)) in turns.into_iter().enumerate() {
        let event = MessageEvent { conversation: "c".into(), buyer: "b".into(), from, text, at: NOW + k as i64 * 1000, id: None };
        assistant.on_message(&event, None);
    }
    assistant.due_follow_ups(NOW + 86_400_000 * 30);
});
