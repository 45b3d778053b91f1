//! Intent classification of arbitrary text, alone and after an agent message.
//!
//! Input: `buyer turn [\0 agent message [\0 ctx]]`, read as UTF-8 (lossy). `ctx` (optional bytes)
//! picks the previous intent and the buyer type seen earlier. Checks the classification is sane
//! (as tests/robustness.rs states it) and that a confident reading of the turn alone is kept
//! whatever the agent said (the contract of `classify_in`).
#![no_main]

use kefu::intent::{classify, classify_in, BuyerType, Classification, Context, Intent};
use libfuzzer_sys::fuzz_target;

fn sane(c: &Classification, what: &str) {
    assert!(c.confidence.is_finite() && (0.0..=1.0).contains(&c.confidence), "{what}: confidence {}", c.confidence);
    assert_eq!(c.buyer_type.is_some(), c.intent == Intent::Bargain, "{what}: buyer type only for bargaining: {c:?}");
    assert!(c.guesses.len() <= 2, "{what}: {} guesses", c.guesses.len());
    assert!(c.guesses.iter().all(|g| g.intent != Intent::Other), "{what}: `other` offered as a guess: {c:?}");
    assert!(c.guesses.windows(2).all(|g| g[0].confidence >= g[1].confidence), "{what}: guesses not sorted: {c:?}");
    assert!(c.guesses.iter().all(|g| g.confidence.is_finite() && (0.0..=1.0).contains(&g.confidence)), "{what}: {c:?}");
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let agent = parts.next().map(String::from_utf8_lossy);
    let ctx = parts.next().unwrap_or_default();

    sane(&classify(&text), "alone");

    let prev_intent = ctx.first().map(|&b| Intent::ALL[b as usize % Intent::ALL.len()]);
    let buyer_type = ctx.get(1).map(|&b| BuyerType::ALL[b as usize % BuyerType::ALL.len()]);
    let before = Context { prev_intent, buyer_type, agent_message: None };
    let base = classify_in(&text, &before);
    sane(&base, "in context, no agent message");
    if let Some(agent) = agent {
        let with = classify_in(&text, &Context { agent_message: Some(agent.into_owned()), ..before });
        sane(&with, "after the agent message");
        // The contract of classify_in: a turn that is confident and not `other` on its own keeps
        // that reading whatever the agent said before.
        if base.confident && base.intent != Intent::Other {
            assert_eq!(with, base, "a confident reading changed after the agent's message");
        }
    }
});
