//! Plays every scenario of `data/scenarios/` through the assistant, as the demo page's simulator
//! and agent would, and checks the classification expected at each buyer turn. The intent and
//! buyer type of opening turns (what the end-to-end tests play) must all be right. Later turns
//! lean on context and are the hardest calls there are; the classifier is statistical, so most
//! of them must hold (`LATER_RIGHT`), and sentiment, the softest label, a smaller share
//! (`SENTIMENT_RIGHT`). Every miss is printed.

use kefu::assistant::{Assistant, MessageEvent, Sender};
use serde::Deserialize;

#[derive(Deserialize)]
struct Scenario {
    id: String,
    conversation: Conv,
    turns: Vec<Turn>,
}

#[derive(Deserialize)]
struct Conv {
    id: String,
    buyer: String,
}

#[derive(Deserialize)]
struct Turn {
    from: Sender,
    text: String,
    #[serde(default)]
    expect: Option<Expect>,
}

#[derive(Deserialize)]
struct Expect {
    intent: Option<String>,
    buyer_type: Option<String>,
    sentiment: Option<String>,
}

/// Shares of the later-turn intent/buyer-type expectations, and of the sentiment expectations,
/// that must hold.
const LATER_RIGHT: f64 = 0.8;
const SENTIMENT_RIGHT: f64 = 0.7;

/// 2026-11-22 12:00 in Beijing.
const NOW: i64 = 1_795_320_000_000;

fn scenarios() -> Vec<Scenario> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/scenarios");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

#[test]
fn scenarios_get_the_expected_advice() {
    let all = scenarios();
    assert!(all.len() >= 5);
    let (mut failures, mut opening_failures) = (Vec::new(), Vec::new());
    // (checked, missed) for later intent/buyer-type expectations and for sentiment.
    let (mut later, mut mood) = ((0usize, 0usize), (0usize, 0usize));
    for scenario in &all {
        let mut assistant = Assistant::demo();
        for (n, turn) in scenario.turns.iter().enumerate() {
            let event = MessageEvent {
                conversation: scenario.conversation.id.clone(),
                buyer: scenario.conversation.buyer.clone(),
                from: turn.from,
                text: turn.text.clone(),
                at: NOW + n as i64 * 60_000,
                id: Some(format!("{}-{n}", scenario.id)),
            };
            let advice = assistant.on_message(&event, None);
            let (Some(expect), Some(advice)) = (&turn.expect, advice) else { continue };
            let c = &advice.classification;
            let opening = scenario.turns.iter().position(|t| t.from == Sender::Buyer) == Some(n);
            let mut check = |what: &str, want: &Option<String>, got: Option<&str>| {
                if want.is_none() {
                    return;
                }
                let must = opening && what != "sentiment";
                let wrong = want.as_deref() != got;
                let tally = if what == "sentiment" { &mut mood } else { &mut later };
                if !must {
                    tally.0 += 1;
                    tally.1 += wrong as usize;
                }
                if wrong {
                    let miss = format!("{} turn {n} {:?}: {what} {want:?}, got {got:?}", scenario.id, turn.text);
                    if must { opening_failures.push(miss) } else { failures.push(miss) }
                }
            };
            check("intent", &expect.intent, Some(c.intent.id()));
            check("buyer_type", &expect.buyer_type, c.buyer_type.map(|t| t.id()));
            check("sentiment", &expect.sentiment, Some(c.sentiment.id()));
        }
    }
    assert!(opening_failures.is_empty(), "opening turns wrong:\n{}", opening_failures.join("\n"));
    let share = |(checked, missed): (usize, usize)| 1.0 - missed as f64 / checked.max(1) as f64;
    let misses = failures.join("\n");
    println!("later turns {:.1}% of {}, sentiment {:.1}% of {}; misses:\n{misses}", share(later) * 100.0, later.0, share(mood) * 100.0, mood.0);
    assert!(share(later) >= LATER_RIGHT, "later turns: only {:.1}% hold:\n{misses}", share(later) * 100.0);
    assert!(share(mood) >= SENTIMENT_RIGHT, "sentiment: only {:.1}% holds:\n{misses}", share(mood) * 100.0);
}
