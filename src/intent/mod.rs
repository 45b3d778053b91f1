//! Understanding a buyer turn: the taxonomy of the contract and the classifier.

pub mod lexicon;
mod rules;
pub mod taxonomy;

pub use taxonomy::{BuyerType, EntityKind, Intent, Sentiment, Stage};

use serde::Serialize;

/// Below this confidence the panel stays quiet rather than suggest nonsense.
pub const CONFIDENT_AT: f32 = 0.5;

/// What the classifier makes of one buyer turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub intent: Intent,
    /// 0..=1, how sure the classifier is of `intent`.
    pub confidence: f32,
    /// Sure enough to act on.
    pub confident: bool,
    pub sentiment: Sentiment,
    /// Only for `Intent::Bargain`.
    pub buyer_type: Option<BuyerType>,
}

impl Classification {
    fn new(intent: Intent, confidence: f32, sentiment: Sentiment, buyer_type: Option<BuyerType>) -> Self {
        let confidence = (confidence * 1000.0).round() / 1000.0;
        Classification { intent, confidence, confident: confidence >= CONFIDENT_AT, sentiment, buyer_type }
    }

    fn quiet(intent: Intent, sentiment: Sentiment) -> Self {
        Classification::new(intent, 0.0, sentiment, None)
    }
}

/// What the conversation so far says about the next turn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The intent of the previous buyer turn, if any.
    pub prev_intent: Option<Intent>,
    /// The buyer type seen in earlier bargaining, if any.
    pub buyer_type: Option<BuyerType>,
}

impl Context {
    /// A turn like "那怎么办" continues the previous request.
    fn follow_up_of(&self, text: &str) -> Option<Intent> {
        const FOLLOW_UPS: &[&str] = &["怎么办", "然后呢", "那呢", "那就", "那怎么", "那要", "那能"];
        let prev = self.prev_intent?;
        let useful = !matches!(prev, Intent::Ack | Intent::Other | Intent::Greeting | Intent::ThanksBye);
        (useful && FOLLOW_UPS.iter().any(|f| text.contains(f))).then_some(prev)
    }
}

/// Classifies one buyer turn on its own.
pub fn classify(text: &str) -> Classification {
    rules::classify(text, &Context::default())
}

/// Classifies one buyer turn in the light of the conversation so far.
pub fn classify_in(text: &str, context: &Context) -> Classification {
    rules::classify(text, context)
}
