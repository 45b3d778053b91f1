//! Plays every scenario of `data/scenarios/` through the assistant, as the demo page's simulator
//! and agent would, and checks what is expected at each buyer turn.
//!
//! Classification: the intent and buyer type of opening turns (what the end-to-end tests play)
//! must all be right. Later turns lean on context and are the hardest calls there are; the
//! classifier is statistical, so most of them must hold (`LATER_RIGHT`), and sentiment, the
//! softest label, a smaller share (`SENTIMENT_RIGHT`). Every miss is printed.
//!
//! Advice (bargaining stage, replies, picks, promotions, guide, flow step, note suggestions)
//! follows from the classification and the shop's data, so wherever the turn was classified as
//! expected (intent, buyer type and sentiment, and confidently: an unsure panel offers guesses
//! instead), every advice expectation must hold; an unsure turn read right must offer its
//! reading as the first guess, with replies.

// Not in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]

use kefu::assistant::{Advice, Assistant, MessageEvent, Sender};
use kefu::intent::Intent;
use kefu::notes::BuyerNotes;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    id: String,
    #[allow(dead_code)]
    title: Value,
    conversation: Conv,
    /// The buyer's notes before the chat (a returning buyer).
    #[serde(default)]
    notes: Option<BuyerNotes>,
    turns: Vec<Turn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Conv {
    id: String,
    buyer: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Turn {
    from: Sender,
    text: String,
    #[serde(default)]
    expect: Option<Expect>,
    /// Agent lines: the options the agent picked in the after-sale guide before answering.
    #[serde(default)]
    guide_choices: Vec<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    intent: Option<String>,
    buyer_type: Option<String>,
    sentiment: Option<String>,
    /// Bargaining stage: first, insist, closing, exit.
    stage: Option<String>,
    /// Reply ids that must be among those offered.
    replies: Option<Vec<String>>,
    /// The picks' item ids, exactly (`[]`: none).
    picks: Option<Vec<String>>,
    /// Promotion ids that must be shown (`[]`: none may be).
    promotions: Option<Vec<String>>,
    /// The open guide (`null`: none) and its step.
    guide: Option<Option<String>>,
    guide_step: Option<String>,
    flow_step: Option<String>,
    /// The fields of the facts offered for the notes, exactly.
    note_suggestions: Option<Vec<String>>,
}

const LATER_RIGHT: f64 = 0.8;
const SENTIMENT_RIGHT: f64 = 0.7;

/// 2026-11-22 12:00 in Beijing: the demo shop's current promotions are active.
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

fn json_id<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_value(x).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Advice expectations that do not hold.
fn advice_misses(e: &Expect, a: &Advice) -> Vec<String> {
    let mut misses = Vec::new();
    let mut check = |what: &str, ok: bool, got: String| {
        if !ok {
            misses.push(format!("{what}: got {got}"));
        }
    };
    if let Some(stage) = &e.stage {
        let got = a.stage.as_ref().map(json_id);
        check("stage", got.as_deref() == Some(stage.as_str()), format!("{got:?}"));
    }
    let reply_ids: Vec<&str> = a.replies.iter().map(|r| r.id.as_str()).collect();
    if let Some(want) = &e.replies {
        check("replies", want.iter().all(|w| reply_ids.contains(&w.as_str())), format!("{reply_ids:?}"));
    }
    let picks: Vec<&str> = a.picks.iter().map(|p| p.item_id.as_str()).collect();
    if let Some(want) = &e.picks {
        check("picks", picks == want.iter().map(String::as_str).collect::<Vec<_>>(), format!("{picks:?}"));
    }
    let promos: Vec<&str> = a.promotions.iter().map(|p| p.id.as_str()).collect();
    if let Some(want) = &e.promotions {
        let ok = if want.is_empty() { promos.is_empty() } else { want.iter().all(|w| promos.contains(&w.as_str())) };
        check("promotions", ok, format!("{promos:?}"));
    }
    if let Some(want) = &e.guide {
        let got = a.guide.as_ref().map(|g| g.state.guide.clone());
        check("guide", &got == want, format!("{got:?}"));
    }
    if let Some(want) = &e.guide_step {
        let got = a.guide.as_ref().map(|g| g.state.step.clone());
        check("guide_step", got.as_deref() == Some(want.as_str()), format!("{got:?}"));
    }
    if let Some(want) = &e.flow_step {
        let got = json_id(&a.flow_step);
        check("flow_step", &got == want, got.clone());
    }
    if let Some(want) = &e.note_suggestions {
        let got: Vec<&str> = a.note_suggestions.iter().map(|s| s.field.id()).collect();
        check("note_suggestions", got == want.iter().map(String::as_str).collect::<Vec<_>>(), format!("{got:?}"));
    }
    misses
}

#[test]
fn scenarios_get_the_expected_advice() {
    let all = scenarios();
    assert!(all.len() >= 5);
    let (mut failures, mut must_failures) = (Vec::new(), Vec::new());
    // (checked, missed) for later intent/buyer-type expectations and for sentiment.
    let (mut later, mut mood) = ((0usize, 0usize), (0usize, 0usize));
    // (turns with expectations, turns whose advice was judged)
    let mut advice_judged = (0usize, 0usize);
    for scenario in &all {
        let mut assistant = Assistant::demo();
        for (n, turn) in scenario.turns.iter().enumerate() {
            for &choice in &turn.guide_choices {
                if let Err(e) = assistant.guide_choose(&scenario.conversation.id, choice) {
                    must_failures.push(format!("{} turn {n}: guide choice {choice}: {e}", scenario.id));
                }
            }
            let event = MessageEvent {
                conversation: scenario.conversation.id.clone(),
                buyer: scenario.conversation.buyer.clone(),
                from: turn.from,
                text: turn.text.clone(),
                at: NOW + n as i64 * 60_000,
                id: Some(format!("{}-{n}", scenario.id)),
            };
            let advice = assistant.on_message(&event, scenario.notes.as_ref());
            let (Some(expect), Some(advice)) = (&turn.expect, advice) else { continue };
            let c = &advice.classification;
            let opening = scenario.turns.iter().position(|t| t.from == Sender::Buyer) == Some(n);
            // Whether the classification came out as expected: only then is the advice judged.
            let mut classified_right = true;
            let mut check = |what: &str, want: &Option<String>, got: Option<&str>| {
                if want.is_none() {
                    return;
                }
                let must = opening && what != "sentiment";
                let wrong = want.as_deref() != got;
                classified_right &= !wrong;
                let tally = if what == "sentiment" { &mut mood } else { &mut later };
                if !must {
                    tally.0 += 1;
                    tally.1 += wrong as usize;
                }
                if wrong {
                    let miss = format!("{} turn {n} {:?}: {what} {want:?}, got {got:?}", scenario.id, turn.text);
                    if must { must_failures.push(miss) } else { failures.push(miss) }
                }
            };
            check("intent", &expect.intent, Some(c.intent.id()));
            check("buyer_type", &expect.buyer_type, c.buyer_type.map(|t| t.id()));
            check("sentiment", &expect.sentiment, Some(c.sentiment.id()));
            advice_judged.0 += 1;
            if classified_right && !c.confident && c.intent != Intent::Other {
                // Unsure but right: the panel offers that reading as its first guess, with replies.
                let first = advice.guesses.first();
                if !first.is_some_and(|g| g.intent == c.intent && !g.replies.is_empty()) {
                    let got: Vec<_> = advice.guesses.iter().map(|g| (g.intent.id(), g.replies.len())).collect();
                    must_failures.push(format!("{} turn {n} {:?}: unsure, its reading is not the first guess with replies: {got:?}", scenario.id, turn.text));
                }
            }
            if classified_right && c.confident {
                advice_judged.1 += 1;
                for miss in advice_misses(expect, &advice) {
                    must_failures.push(format!("{} turn {n} {:?}: {miss}", scenario.id, turn.text));
                }
            }
        }
    }
    assert!(must_failures.is_empty(), "must hold:\n{}", must_failures.join("\n"));
    // The advice checks must not fade away behind misclassified or unsure turns. "Confident"
    // is calibrated on training lines the trial model never saw (97 % right there), so it is
    // sparing: about three in four of these turns pass it.
    assert!(advice_judged.1 * 10 >= advice_judged.0 * 7, "advice judged on only {} of {} turns", advice_judged.1, advice_judged.0);
    let share = |(checked, missed): (usize, usize)| 1.0 - missed as f64 / checked.max(1) as f64;
    let misses = failures.join("\n");
    println!("later turns {:.1}% of {}, sentiment {:.1}% of {}, advice judged on {} of {} turns; misses:\n{misses}", share(later) * 100.0, later.0, share(mood) * 100.0, mood.0, advice_judged.1, advice_judged.0);
    assert!(share(later) >= LATER_RIGHT, "later turns: only {:.1}% hold:\n{misses}", share(later) * 100.0);
    assert!(share(mood) >= SENTIMENT_RIGHT, "sentiment: only {:.1}% holds:\n{misses}", share(mood) * 100.0);
}
