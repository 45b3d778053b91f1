//! Understanding a buyer turn: the taxonomy of the contract, and the classifier, a linear model
//! trained at build time from `data/corpus/` (see `build/`) over the features of `features.rs`.

pub mod eval;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod overlap;
pub mod taxonomy;

pub use taxonomy::{BuyerType, EntityKind, Intent, Sentiment, Stage};

use features::{features, FeatureContext, Features};
use model::Model;
use serde::Serialize;
use std::sync::OnceLock;

/// The trained model as the build script wrote it (what ships in the wasm).
pub const MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.bin"));

/// The model the build script trained.
pub fn trained_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES).expect("the built model loads"))
}

/// What the classifier makes of one buyer turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub intent: Intent,
    /// 0..=1, the calibrated probability of `intent`.
    pub confidence: f32,
    /// Sure enough to act on: below this the panel stays quiet rather than suggest nonsense.
    pub confident: bool,
    pub sentiment: Sentiment,
    /// Only for `Intent::Bargain`.
    pub buyer_type: Option<BuyerType>,
    /// The two likeliest intents other than `other`, likeliest first: what the panel offers as
    /// guesses when the turn is not confident.
    pub guesses: Vec<Guess>,
}

/// One of the likeliest intents of a turn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Guess {
    pub intent: Intent,
    pub confidence: f32,
}

/// What the conversation so far says about the next turn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The intent of the previous buyer turn, if any.
    pub prev_intent: Option<Intent>,
    /// The buyer type seen in earlier bargaining, if any.
    pub buyer_type: Option<BuyerType>,
    /// The agent's last message before the turn, if any.
    pub agent_message: Option<String>,
}

/// Below this, the buyer-type head defers to the type seen earlier in the conversation: a buyer
/// does not change how they bargain from one round to the next on a hunch.
const BUYER_TYPE_SURE: f32 = 0.8;

fn top(probabilities: &[f32]) -> (usize, f32) {
    top_among(probabilities, |_| true).unwrap_or((0, f32::MIN))
}

/// The likeliest class of those `keep` lets through; of equal ones the first.
fn top_among(probabilities: &[f32], keep: impl Fn(usize) -> bool) -> Option<(usize, f32)> {
    probabilities.iter().copied().enumerate().filter(|(i, _)| keep(*i)).fold(None, |best, (i, p)| match best {
        Some((_, b)) if p <= b => best,
        _ => Some((i, p)),
    })
}

/// Classifies one buyer turn on its own (what evaluation measures).
pub fn classify(text: &str) -> Classification {
    classify_in(text, &Context::default())
}

/// Classifies one buyer turn in the light of the conversation so far. A turn that says what it
/// wants on its own (confidently, and not `other`) keeps that reading whatever the agent said
/// before; the agent's message decides only for turns that lean on it, and when neither reading
/// is sure, the surer one. The turn's features are made once; the agent's are left out of the
/// first reading.
pub fn classify_in(text: &str, context: &Context) -> Classification {
    let feats = features(text, FeatureContext { prev_intent: context.prev_intent, agent: context.agent_message.as_deref() });
    let alone = read(&feats, false, context);
    if feats.agent.is_empty() || (alone.confident && alone.intent != Intent::Other) {
        return alone;
    }
    // Unsure either way, the surer reading wins: a request the agent's words make less likely
    // is still the likelier request.
    let with = read(&feats, true, context);
    if alone.intent != Intent::Other && alone.confidence >= with.confidence {
        return alone;
    }
    with
}

/// One reading of a turn by the model, with or without the agent's message.
fn read(feats: &Features, with_agent: bool, context: &Context) -> Classification {
    let model = trained_model();
    // Nothing the model knows (empty, blank, stray symbols): other, and quiet.
    if model.lookup(&feats.content).is_empty() {
        return Classification { intent: Intent::Other, confidence: 0.0, confident: false, sentiment: Sentiment::Calm, buyer_type: None, guesses: Vec::new() };
    }
    let found = model.lookup(&feats.ids(with_agent));
    let probabilities = model.intent.probabilities(&found);
    let (i, p) = top(&probabilities);
    let round = |p: f32| (p * 1000.0).round() / 1000.0;
    // `other` has no replies of its own to offer: the guesses are the two likeliest real readings
    // (found by two scans: no sorting on the per-message path).
    let real = |j: usize| Intent::ALL[j] != Intent::Other;
    let first = top_among(&probabilities, real);
    let second = first.and_then(|(f, _)| top_among(&probabilities, |j| real(j) && j != f));
    let guesses = first.into_iter().chain(second).map(|(i, p)| Guess { intent: Intent::ALL[i], confidence: round(p) }).collect();
    let intent = Intent::ALL[i];
    let (s, _) = top(&model.sentiment.probabilities(&found));
    let buyer_type = (intent == Intent::Bargain).then(|| {
        let (t, p) = top(&model.buyer_type.probabilities(&found));
        match context.buyer_type {
            Some(seen) if p < BUYER_TYPE_SURE => seen,
            _ => BuyerType::ALL[t],
        }
    });
    Classification {
        intent,
        confidence: round(p),
        confident: p >= model.intent.threshold,
        sentiment: Sentiment::ALL[s],
        buyer_type,
        guesses,
    }
}
