//! The classifier on the team's table of examples (Simplified and Traditional), and on odd input.

use kefu::intent::{classify, BuyerType, Intent, Sentiment};

#[test]
fn classifies_the_example_table() {
    let table = include_str!("data/classifier_examples.tsv");
    let mut failures = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (text, intent) = (cols[0], Intent::from_id(cols[1]).expect("valid intent id"));
        seen.insert(intent);
        let got = classify(text);
        if got.intent != intent {
            failures.push(format!("{text:?}: expected {intent}, got {} ({})", got.intent, got.confidence));
            continue;
        }
        match cols.get(2).copied().filter(|c| !c.is_empty()) {
            Some(id) if BuyerType::from_id(id).is_some() && got.buyer_type != BuyerType::from_id(id) => {
                failures.push(format!("{text:?}: expected buyer type {id}, got {:?}", got.buyer_type));
            }
            Some(id) if BuyerType::from_id(id).is_some() => {}
            Some(id) => {
                let want = Sentiment::from_id(id).expect("buyer type or sentiment id");
                if got.sentiment != want {
                    failures.push(format!("{text:?}: expected {want}, got {}", got.sentiment));
                }
            }
            None => {}
        }
        if intent != Intent::Bargain && got.buyer_type.is_some() {
            failures.push(format!("{text:?}: buyer type on a non-bargain turn"));
        }
    }
    assert_eq!(seen.len(), Intent::ALL.len(), "the table covers every intent");
    assert!(failures.is_empty(), "{} misclassified:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn traditional_and_simplified_agree() {
    let pairs = [("还有货吗", "還有貨嗎"), ("运费多少", "運費多少"), ("发错颜色了", "發錯顏色了"), ("能便宜点吗", "能便宜點嗎")];
    for (s, t) in pairs {
        assert_eq!(classify(s).intent, classify(t).intent, "{s} / {t}");
    }
}

// The converter is a native dev tool (`kefu eval`), not part of the wasm build.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_simplified_example_reads_the_same_in_traditional() {
    // Rendered by an independent converter (word-level, CC-CEDICT), not by inverting our table.
    let table = include_str!("data/classifier_examples.tsv");
    let mut differ = Vec::new();
    let mut rendered = 0;
    for text in table.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()) {
        let traditional = kefu::intent::eval::to_traditional(text);
        if traditional == text {
            continue;
        }
        rendered += 1;
        let (s, t) = (classify(text), classify(&traditional));
        if (s.intent, s.sentiment, s.buyer_type) != (t.intent, t.sentiment, t.buyer_type) {
            differ.push(format!("{text} / {traditional}: {} / {}", s.intent, t.intent));
        }
    }
    assert!(rendered > 30, "only {rendered} examples rendered differently");
    assert!(differ.is_empty(), "{} differ:\n{}", differ.len(), differ.join("\n"));
}

#[test]
fn odd_input_returns_other_without_panicking() {
    for text in ["", "   ", "\u{0}\u{1f}", "\u{FFFD}", "🏻🏻"] {
        let c = classify(text);
        assert_eq!(c.intent, Intent::Other, "{text:?}");
        assert!(!c.confident);
    }
    let huge = "在吗".repeat(500_000);
    assert_eq!(classify(&huge).intent, Intent::Greeting);
}

#[test]
fn angry_and_anxious_buyers_are_told_apart() {
    assert_eq!(classify("垃圾东西 骗子 黑店").sentiment, Sentiment::Angry);
    assert_eq!(classify("在吗在吗在吗 到底什么时候发货").sentiment, Sentiment::Anxious);
    assert_eq!(classify("请问什么时候发货").sentiment, Sentiment::Calm);
}

#[test]
fn context_carries_fragments_and_only_fragments() {
    use kefu::intent::{classify_in, Context};
    let after = |prev: Intent| Context { prev_intent: Some(prev), buyer_type: None, agent_message: None };
    // Alone, a fragment means nothing in particular; after a damage report it is about the damage.
    assert_eq!(classify("那怎么办").intent, Intent::Other);
    assert_eq!(classify_in("那怎么办", &after(Intent::Damaged)).intent, Intent::Damaged);
    assert_eq!(classify_in("那少10呢", &after(Intent::Bargain)).intent, Intent::Bargain);
    // A full request keeps its own meaning whatever came before.
    assert_eq!(classify_in("可以开发票吗", &after(Intent::Damaged)).intent, Intent::Invoice);
    assert_eq!(classify_in("到哪了", &after(Intent::Bargain)).intent, Intent::Logistics);
}

#[test]
fn the_agents_last_message_is_read_with_the_turn() {
    use kefu::intent::{classify_in, Context};
    let after = |agent: &str| Context { agent_message: Some(agent.to_string()), ..Context::default() };
    assert_eq!(classify_in("还没到", &after("亲 您的包裹已经发出了 中通快递单号 75312046687913 请注意查收哦")).intent, Intent::Logistics);
    assert_eq!(classify_in("那怎么办", &after("亲 不好意思 白色这款已经卖完了 暂时没有货了呢")).intent, Intent::Stock);
    assert_eq!(classify_in("多久", &after("亲 今天下午四点前拍下的今天就能发出哦")).intent, Intent::DeliveryTime);
    // A turn that says what it wants keeps its meaning whatever the agent said.
    assert_eq!(classify_in("可以开发票吗", &after("亲 您的包裹已经发出了 中通快递单号 75312046687913")).intent, Intent::Invoice);
}

/// Plays a fixture's agent message and buyer turn (`tests/fixtures/`) into conversation "c" and
/// returns the turn's advice; the turn must still be one the classifier is unsure of.
fn play_unsure(assistant: &mut kefu::assistant::Assistant, json: &str, file: &str) -> kefu::assistant::Advice {
    use kefu::assistant::{MessageEvent, Sender};
    let fixture: serde_json::Value = serde_json::from_str(json).unwrap();
    let (agent, text) = (fixture["agent"].as_str().unwrap(), fixture["text"].as_str().unwrap());
    let event = |from: Sender, text: &str| MessageEvent { conversation: "c".into(), buyer: "b".into(), from, text: text.into(), at: 1, id: None };
    assert!(assistant.on_message(&event(Sender::Agent, agent), None).is_none());
    let advice = assistant.on_message(&event(Sender::Buyer, text), None).unwrap();
    assert!(!advice.classification.confident, "{text:?} is read confidently now ({:?}): pick another unsure turn for {file}", advice.classification.intent);
    advice
}

const UNSURE: (&str, &str) = (include_str!("fixtures/unsure-turn.json"), "tests/fixtures/unsure-turn.json");
const UNSURE_AFTER_SALE: (&str, &str) = (include_str!("fixtures/unsure-after-sale-turn.json"), "tests/fixtures/unsure-after-sale-turn.json");

#[test]
fn an_unsure_turn_gets_two_guesses() {
    let advice = play_unsure(&mut kefu::assistant::Assistant::demo(), UNSURE.0, UNSURE.1);
    assert!(advice.replies.is_empty());
    assert_eq!(advice.guesses.len(), 2, "{:?}", advice.classification.guesses);
    assert_ne!(advice.guesses[0].intent, advice.guesses[1].intent);
    assert!(advice.guesses.iter().all(|g| g.intent != Intent::Other && !g.replies.is_empty()));
}

/// As tests/e2e/agent-loop.mjs plays it: right after the unsure turn above, in its conversation
/// (the turn is read with that one's intent as its previous).
#[test]
fn an_unsure_after_sale_turn_offers_a_guide() {
    let mut assistant = kefu::assistant::Assistant::demo();
    play_unsure(&mut assistant, UNSURE.0, UNSURE.1);
    let advice = play_unsure(&mut assistant, UNSURE_AFTER_SALE.0, UNSURE_AFTER_SALE.1);
    assert!(advice.guide.is_none(), "an unsure turn opens no guide by itself");
    let offered = advice.guesses.iter().position(|g| g.guide.is_some());
    assert_eq!(offered, Some(0), "the first guess offers its guide ({}): {:?}", UNSURE_AFTER_SALE.1, advice.guesses);
    assistant.guide_start("c", 0).unwrap();
    assert!(assistant.advice("c").unwrap().guide.is_some());
}
