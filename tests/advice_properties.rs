//! Properties of the advice over random shops and conversations: never more than two picks,
//! never an item out of stock, never a pick offered twice in a conversation, never a promotion
//! outside its window.
#![cfg(not(target_arch = "wasm32"))]

use kefu::assistant::{Assistant, MessageEvent, Sender, MAX_PICKS};
use kefu::reply::{Guides, Pack};
use kefu::shop::Shop;
use proptest::prelude::*;
use std::collections::HashSet;

const SETTINGS: &str = include_str!("../data/demo/settings.json");
const WORDS: &[&str] = &["马桶", "花洒", "角阀", "软管", "盖板", "地漏"];

#[derive(Debug, Clone)]
struct ItemSpec {
    word: usize,
    price: u32,
    stock: u32,
    complements: Vec<usize>,
}

fn item_spec(n_items: usize) -> impl Strategy<Value = ItemSpec> {
    (0..WORDS.len(), 1u32..3000, prop_oneof![Just(0u32), 1u32..50], prop::collection::vec(0..n_items, 0..4))
        .prop_map(|(word, price, stock, complements)| ItemSpec { word, price, stock, complements })
}

/// A promotion window as (start day, length in days) from 2026-01-01, a kind and an amount.
type PromoSpec = (u32, u32, usize, u32);

fn promo_spec() -> impl Strategy<Value = PromoSpec> {
    (0u32..700, 1u32..60, 0usize..4, 1u32..3000)
}

fn date(day: u32) -> String {
    // Days from 2026-01-01 in a 28-day-month calendar keep every date valid.
    let (y, rest) = (2026 + day / 336, day % 336);
    format!("{y}-{:02}-{:02} 10:00", rest / 28 + 1, rest % 28 + 1)
}

fn shop(items: &[ItemSpec], promos: &[PromoSpec]) -> Shop {
    let items_json: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let complements: Vec<String> = s.complements.iter().filter(|&&c| c != i).map(|c| format!("\"i{c}\"")).collect();
            format!(
                r#"{{"id":"i{i}","title":"{}{i}号","category":"c{}","price":{},"stock":{},"keywords":["{}{i}号"],"complements":[{}]}}"#,
                WORDS[s.word], s.word, s.price, s.stock, WORDS[s.word], complements.join(",")
            )
        })
        .collect();
    let promos_json: Vec<String> = promos
        .iter()
        .enumerate()
        .map(|(i, (start, len, kind, amount))| {
            let kind_fields = match kind {
                0 => format!(r#""kind":"coupon","discount":{}"#, amount % 50 + 1),
                1 => format!(r#""kind":"threshold","threshold":{amount},"discount":{}"#, amount / 10 + 1),
                2 => format!(r#""kind":"gift","threshold":{amount},"gift":"赠品""#),
                _ => r#""kind":"event","rate":0.9"#.to_string(),
            };
            format!(
                r#"{{"id":"p{i}",{kind_fields},"title":"活动{i}","scope":{{"kind":"all"}},"starts":"{}","ends":"{}"}}"#,
                date(*start),
                date(start + len)
            )
        })
        .collect();
    Shop::from_json(&format!(r#"{{"items":[{}]}}"#, items_json.join(",")), &format!(r#"{{"promotions":[{}]}}"#, promos_json.join(",")), SETTINGS)
        .expect("generated shop is valid")
}

/// A shop's items and promotions, the buyer's turns as (item mentioned, phrasing), and the day
/// the chat happens.
type Scenario = (Vec<ItemSpec>, Vec<PromoSpec>, Vec<(usize, usize)>, u32);

fn scenario() -> impl Strategy<Value = Scenario> {
    (2usize..12).prop_flat_map(|n| {
        (
            prop::collection::vec(item_spec(n), n),
            prop::collection::vec(promo_spec(), 0..8),
            // (item mentioned, phrasing) per buyer turn
            prop::collection::vec((0..n, 0usize..4), 1..8),
            0u32..720,
        )
    })
}

const PHRASES: &[&str] = &["{}有货吗", "{}能便宜点吗", "{}怎么安装", "{}和别的有什么区别"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn picks_and_promotions_keep_their_promises((items, promos, turns, day) in scenario()) {
        let shop = shop(&items, &promos);
        let now = kefu::shop::time::parse_local(&date(day), shop.offset_minutes).unwrap();
        let mut assistant = Assistant::new(shop.clone(), Pack::builtin("zh-Hans"), Guides::builtin()).unwrap();
        let mut offered = HashSet::new();
        for (n, (item, phrase)) in turns.iter().enumerate() {
            let title = format!("{}{item}号", WORDS[items[*item].word]);
            let text = PHRASES[*phrase].replace("{}", &title);
            let event = |from, text: String, k: usize| MessageEvent {
                conversation: "c".into(), buyer: "b".into(), from, text, at: now + (n * 2 + k) as i64 * 1000, id: Some(format!("{n}-{k}")),
            };
            let advice = assistant.on_message(&event(Sender::Buyer, text, 0), None).unwrap();
            prop_assert!(advice.picks.len() <= MAX_PICKS);
            for p in &advice.picks {
                prop_assert!(shop.catalog.get(&p.item_id).unwrap().in_stock(), "out of stock: {}", p.item_id);
                prop_assert!(offered.insert(p.item_id.clone()), "offered twice: {}", p.item_id);
                prop_assert!(Some(&p.item_id) != advice.item.as_ref());
            }
            for shown in &advice.promotions {
                let promo = shop.promotions.iter().find(|p| p.id == shown.id).unwrap();
                prop_assert!(promo.is_active(now + (n * 2) as i64 * 1000), "expired or future: {}", shown.id);
            }
            assistant.on_message(&event(Sender::Agent, "好的亲".into(), 1), None);
        }
    }
}
