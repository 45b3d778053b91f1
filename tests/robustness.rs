//! Any string at all gets a result, never a panic: the classifier, the normaliser and the entity
//! extractor on random input (property tests), plus the extremes by hand.
#![cfg(not(target_arch = "wasm32"))]

use kefu::intent::{classify, classify_in, Context, Intent};
use kefu::text::{extract, normalize, MAX_INPUT_CHARS};
use proptest::prelude::*;

/// Strings mixing the scripts and oddities buyers (and broken pages) produce.
fn buyer_like() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            any::<char>().prop_map(String::from),
            "[\\u{4e00}-\\u{9fff}]{1,6}",
            "[0-9０-９.¥￥]{1,12}",
            Just("[微笑]".to_string()),
            Just("/:^_^".to_string()),
            Just("😡🙏🏻".to_string()),
            Just("咨询订单号:3481726650192837 商品ID:100045872316".to_string()),
            "[\\u{0}-\\u{1f}\\u{200b}-\\u{200f}\\u{fe0f}]{1,4}",
            "[a-zA-Z ]{1,8}",
        ],
        0..24,
    );
    pieces.prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn classify_always_answers_sanely(text in buyer_like(), prev in prop::option::of(0usize..31), agent in prop::option::of(buyer_like())) {
        let context = Context { prev_intent: prev.map(|i| Intent::ALL[i]), buyer_type: None, agent_message: agent.clone() };
        let c = classify_in(&text, &context);
        prop_assert!((0.0..=1.0).contains(&c.confidence));
        prop_assert_eq!(c.buyer_type.is_some(), c.intent == Intent::Bargain);
        prop_assert!(c.guesses.len() <= 2 && c.guesses.windows(2).all(|g| g[0].confidence >= g[1].confidence));
    }

    #[test]
    fn normalising_is_bounded(text in buyer_like()) {
        let n = normalize(&text);
        prop_assert!(n.text.chars().count() <= MAX_INPUT_CHARS);
    }

    #[test]
    fn entity_spans_point_into_the_raw_text(text in buyer_like()) {
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let mut last_end = 0;
        for e in extract(&text) {
            prop_assert!(e.start < e.end && e.end <= utf16.len());
            prop_assert!(e.start >= last_end, "sorted and non-overlapping");
            prop_assert_eq!(String::from_utf16_lossy(&utf16[e.start..e.end]), e.text.clone());
            last_end = e.end;
        }
    }
}

#[test]
fn the_extremes() {
    let megabyte = "在吗😡".repeat(150_000);
    for text in ["", " \t\n", "\u{0}\u{7}\u{1b}[31m", "\u{FFFD}\u{FFFD}", "🏻", "\u{200d}\u{fe0f}", &megabyte] {
        let c = classify(text);
        assert!((0.0..=1.0).contains(&c.confidence));
        let _ = extract(text);
    }
    for blank in ["", "   ", "\u{3000}\n"] {
        let c = classify(blank);
        assert_eq!(c.intent, Intent::Other);
        assert!(!c.confident);
    }
}
