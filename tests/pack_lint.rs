//! The pack linter: every reply of the shipped packs fills its slots from the demo shop in some
//! situation its conditions allow, shows none of the playbook's ineffective patterns, uses at most
//! one emoticon, and every intent and bargaining buyer type × stage has replies.

use kefu::assistant::offer::slot_values;
use kefu::intent::{BuyerType, Intent};
use kefu::lint;
use kefu::reply::slots::fill;
use kefu::reply::{BargainStage, Pack, Topic};
use kefu::shop::Shop;
use kefu::text::{is_marker, normalize};

/// 2026-11-22 12:00 in Beijing.
const NOW: i64 = 1_795_320_000_000;

fn packs() -> [Pack; 2] {
    [Pack::builtin("zh-Hans"), Pack::builtin("zh-Hant")]
}

#[test]
fn every_reply_fills_its_slots_from_the_demo_shop() {
    let shop = Shop::demo();
    // Every situation the demo shop offers: no item, then each item of the catalog.
    let situations: Vec<_> = std::iter::once(None)
        .chain(shop.catalog.items.iter().map(Some))
        .map(|item| slot_values(&shop, item, NOW))
        .collect();
    for pack in packs() {
        for r in &pack.replies {
            let when = r.when.clone().unwrap_or_default();
            let fits = situations.iter().any(|v| {
                let has = |slot: &str| v.contains_key(slot);
                let holds = |want: Option<bool>, actual: bool| want.is_none_or(|w| w == actual);
                holds(when.has_coupon, has("coupon"))
                    && holds(when.has_threshold, has("threshold") && has("gap"))
                    && holds(when.has_gift, has("gift"))
                    && holds(when.has_event, has("promo"))
                    && holds(when.has_item, has("item"))
                    && fill(&r.text, v).is_some_and(|t| !t.contains('{') && !t.contains('}'))
            });
            assert!(fits, "{} {}: no demo-shop situation fills {:?}", pack.lang, r.id, r.text);
        }
    }
}

#[test]
fn no_reply_shows_an_ineffective_pattern_or_more_than_one_emoticon() {
    for pack in packs() {
        for r in &pack.replies {
            let findings = lint::check(&r.text);
            assert!(findings.is_empty(), "{} {}: {findings:?} in {:?}", pack.lang, r.id, r.text);
            let emoticons = normalize(&r.text).text.chars().filter(|c| is_marker(*c)).count() + r.text.matches("^_^").count();
            assert!(emoticons <= 1, "{} {}: {emoticons} emoticons in {:?}", pack.lang, r.id, r.text);
        }
    }
}

#[test]
fn every_intent_and_every_bargaining_stage_has_replies() {
    for pack in packs() {
        for &intent in Intent::ALL {
            let plain = pack.replies.iter().filter(|r| r.intent == Topic::Intent(intent) && r.when.is_none() && r.guide.is_none()).count();
            assert!(plain >= 3, "{}: {intent} has {plain} unconditional replies", pack.lang);
        }
        for &t in BuyerType::ALL {
            for stage in [BargainStage::First, BargainStage::Insist, BargainStage::Closing, BargainStage::Exit] {
                let n = pack.replies.iter().filter(|r| r.buyer_type == Some(t) && r.stage == Some(stage)).count();
                assert!(n >= 2, "{}: {t} {stage:?} has {n} replies", pack.lang);
            }
        }
        let follow_ups = pack.replies.iter().filter(|r| r.intent == Topic::FollowUp).count();
        assert!(follow_ups >= 3, "{}: {follow_ups} follow-up replies", pack.lang);
    }
}

#[test]
fn the_linter_would_catch_a_bad_reply() {
    // The checks above could fail: a reply that argues is found.
    assert!(!lint::check("亲,是您自己没验货哦").is_empty());
}
