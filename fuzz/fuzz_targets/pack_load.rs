//! Reply pack loading (`Pack::from_json`, src/reply/pack.rs) of an arbitrary document.
//!
//! Input: the pack JSON, read as UTF-8 (lossy). A pack that loads must: be checked against
//! the shipped guides (an error or not, never a panic); serialise and load back to the same pack; fill its replies for
//! every topic from the demo shop's slot values without leaving a raw slot; and, completed with
//! the shipped guide replies it lacks, serve an assistant through a few buyer turns.
#![no_main]

use kefu::assistant::{offer, Assistant, MessageEvent, Sender};
use kefu::intent::{BuyerType, Intent, Sentiment};
use kefu::reply::{select, BargainStage, Guides, Pack, Situation, Topic};
use kefu::shop::Shop;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// 2026-11-22 12:00 in Beijing.
const NOW: i64 = 1_795_320_000_000;

fn demo() -> &'static (Shop, Pack, Guides) {
    static P: OnceLock<(Shop, Pack, Guides)> = OnceLock::new();
    P.get_or_init(|| {
        let shop = Shop::demo();
        let pack = Pack::builtin(&shop.settings.language);
        (shop, pack, Guides::builtin())
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(pack) = Pack::from_json(&text) else { return };
    let (shop, builtin, guides) = demo();
    let _ = pack.check_guides(guides);

    let json = serde_json::to_string(&pack).expect("a pack serialises");
    let back = Pack::from_json(&json).unwrap_or_else(|e| panic!("a loaded pack does not load back: {e}\n{json}"));
    assert_eq!(back, pack, "a pack changed through serialise and load");

    let item = shop.catalog.items.iter().find(|i| i.in_stock());
    let mut topics: Vec<Topic> = Vec::new();
    for r in &pack.replies {
        if !topics.contains(&r.intent) {
            topics.push(r.intent);
        }
    }
    for topic in topics.into_iter().take(8) {
        for values in [offer::slot_values(shop, None, NOW), offer::slot_values(shop, item, NOW)] {
            let bargain = topic == Topic::Intent(Intent::Bargain);
            let situation = Situation {
                topic,
                sentiment: Sentiment::ALL[values.len() % Sentiment::ALL.len()],
                buyer_type: bargain.then_some(BuyerType::ALL[0]),
                stage: bargain.then_some(BargainStage::First),
                manager_approval: true,
                returning: false,
                ordered: false,
                values,
            };
            let chosen = select(&pack, &situation, 3);
            assert!(chosen.len() <= 3);
            for r in &chosen {
                assert!(!r.text.contains('{'), "a raw slot in a filled reply: {r:?}");
                assert!(pack.replies.iter().any(|p| p.id == r.id && p.guide.is_none()), "{r:?} is not an intent reply of the pack");
            }
        }
    }

    // Completed with the guide replies it lacks, the pack serves an assistant.
    let mut full = pack.clone();
    for r in builtin.replies.iter().filter(|r| r.guide.is_some()) {
        if !full.replies.iter().any(|p| p.id == r.id) {
            full.replies.push(r.clone());
        }
    }
    let Ok(mut assistant) = Assistant::new(shop.clone(), full, guides.clone()) else { return };
    let title = item.map(|i| i.title.as_str()).unwrap_or("马桶");
    let turns = [
        (Sender::Buyer, format!("{title}多少钱 能便宜点吗")),
        (Sender::Agent, "亲 已经是最低价了".to_string()),
        (Sender::Buyer, "再便宜点吧 不便宜不买了".to_string()),
        (Sender::Agent, "好的亲".to_string()),
        (Sender::Buyer, "收到货发现摔坏了 外包装也破了".to_string()),
    ];
    for (k, (from, text)) in turns.into_iter().enumerate() {
        let event = MessageEvent { conversation: "c".into(), buyer: "b".into(), from, text, at: NOW + k as i64 * 1000, id: None };
        if let Some(advice) = assistant.on_message(&event, None) {
            for r in advice.replies.iter().chain(advice.guesses.iter().flat_map(|g| &g.replies)) {
                assert!(!r.text.contains('{'), "a raw slot reaches the buyer: {r:?}");
            }
        }
    }
    let _ = assistant.guide_choose("c", 0);
    assistant.due_follow_ups(NOW + 86_400_000);
});
