//! The first classifier: weighted cue phrases from the domain lexicon over normalised text, with
//! the labelling rules of `data/corpus/README.md` as tie-breakers.

use super::lexicon::{lexicon, matches, number_shape, Label};
use super::taxonomy::{BuyerType, Intent, Sentiment};
use super::{Classification, Context};
use crate::text::{normalize, Normalized};

/// When two intents score alike, the one the agent must handle first wins (labelling rules).
const PRIORITY: &[Intent] = &[
    Intent::Complaint,
    Intent::Damaged,
    Intent::MissingWrong,
    Intent::Quality,
    Intent::Refund,
    Intent::ReturnExchange,
    Intent::PriceProtection,
    Intent::Cancel,
    Intent::OrderChange,
    Intent::Logistics,
    Intent::DeliveryTime,
    Intent::Payment,
    Intent::OrderPlaced,
    Intent::Invoice,
    Intent::Bargain,
    Intent::Promotion,
    Intent::SizeAdvice,
    Intent::Stock,
    Intent::Compare,
    Intent::Authenticity,
    Intent::ProductInfo,
    Intent::ShippingFee,
    Intent::Courier,
    Intent::Usage,
    Intent::Warranty,
    Intent::Review,
    Intent::Human,
    Intent::ThanksBye,
    Intent::Greeting,
    Intent::Ack,
    Intent::Other,
];

/// Words that carry assent and nothing else; a turn made only of them is `ack`.
const ASSENT: &[&str] = &[
    "没问题", "明白了", "知道了", "可以的", "好的呢", "好滴", "好嘞", "好吧", "好哒", "好的", "好呀",
    "好啊", "行吧", "行啊", "嗯嗯", "嗯呢", "恩恩", "哦哦", "噢噢", "对的", "是的", "收到", "明白",
    "了解", "知道", "可以", "okay", "ok", "嗯", "恩", "哦", "噢", "喔", "好", "行", "对", "是", "那",
    "en", "k",
];

/// A complaint cue this strong is an explicit threat: it outranks the problem it is about.
const THREAT_WEIGHT: f32 = 1.9;

/// Classifies one turn, optionally in the light of the conversation so far.
pub fn classify(raw: &str, context: &Context) -> Classification {
    let normalized = normalize(raw);
    let text = normalized.text.as_str();
    if text.trim().is_empty() {
        return Classification::quiet(Intent::Other, Sentiment::Calm);
    }
    let shape = number_shape(text);

    let mut intent_cues = [Vec::<f32>::new(); 0].to_vec();
    intent_cues.resize(Intent::ALL.len(), Vec::new());
    let mut type_scores = [0f32; 7];
    let mut sentiment_cues = [Vec::<f32>::new(), Vec::new(), Vec::new()];
    for cue in lexicon() {
        if !matches(&cue.pattern, text, &shape) {
            continue;
        }
        match cue.label {
            Label::Intent(i) => intent_cues[i.index()].push(cue.weight),
            Label::BuyerType(t) => type_scores[t.index()] += cue.weight,
            Label::Sentiment(s) => sentiment_cues[s.index()].push(cue.weight),
        }
    }

    let mut scores: Vec<f32> = intent_cues.iter().map(|w| combine(w)).collect();
    if is_only_assent(text) {
        scores[Intent::Ack.index()] = 1.0;
    }
    let threat = intent_cues[Intent::Complaint.index()].iter().any(|&w| w >= THREAT_WEIGHT);
    if threat {
        scores[Intent::Complaint.index()] += 1.0;
    }

    let (mut intent, top, second) = best(&scores);
    let mut confidence = confidence(top, second);
    if top <= 0.0 {
        intent = Intent::Other;
        confidence = 0.3;
        if let Some(prev) = context.follow_up_of(text) {
            intent = prev;
            confidence = 0.6;
        }
    }

    let sentiment_scores = [combine(&sentiment_cues[0]), combine(&sentiment_cues[1]), combine(&sentiment_cues[2])];
    let sentiment = sentiment(&sentiment_scores, &normalized);
    let buyer_type = (intent == Intent::Bargain).then(|| {
        let (i, score) = type_scores
            .iter()
            .enumerate()
            .fold((0, 0f32), |acc, (i, &s)| if s > acc.1 { (i, s) } else { acc });
        if score > 0.0 {
            BuyerType::ALL[i]
        } else {
            context.buyer_type.unwrap_or(BuyerType::Decisive)
        }
    });

    Classification::new(intent, confidence, sentiment, buyer_type)
}

/// The strongest cue counts fully, further cues for the same intent add a little.
fn combine(weights: &[f32]) -> f32 {
    let max = weights.iter().copied().fold(0f32, f32::max);
    let sum: f32 = weights.iter().sum();
    max + 0.25 * (sum - max)
}

/// The best intent with its score and the runner-up's score; ties go to `PRIORITY`.
fn best(scores: &[f32]) -> (Intent, f32, f32) {
    let rank = |i: Intent| PRIORITY.iter().position(|&p| p == i).unwrap_or(PRIORITY.len());
    let mut order: Vec<Intent> = Intent::ALL.to_vec();
    order.sort_by(|&a, &b| {
        scores[b.index()]
            .partial_cmp(&scores[a.index()])
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(rank(a).cmp(&rank(b)))
    });
    (order[0], scores[order[0].index()], scores[order[1].index()])
}

/// Strength of the top cue, discounted by a close runner-up.
fn confidence(top: f32, second: f32) -> f32 {
    if top <= 0.0 {
        return 0.0;
    }
    let strength = 1.0 - (-1.2 * top).exp();
    let margin = top / (top + second);
    (strength * margin).clamp(0.0, 1.0)
}

fn sentiment(scores: &[f32; 3], normalized: &Normalized) -> Sentiment {
    let angry = scores[Sentiment::Angry.index()];
    let anxious = scores[Sentiment::Anxious.index()] + if normalized.repeated { 0.8 } else { 0.0 };
    if angry >= 1.2 {
        Sentiment::Angry
    } else if anxious >= 0.8 || angry >= 0.6 {
        Sentiment::Anxious
    } else {
        Sentiment::Calm
    }
}

fn is_only_assent(text: &str) -> bool {
    let mut rest: String = text
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && *c != ' ' && !crate::text::is_marker(*c))
        .collect();
    if rest.is_empty() {
        return false;
    }
    'strip: while !rest.is_empty() {
        for word in ASSENT {
            if let Some(r) = rest.strip_prefix(word) {
                rest = r.to_string();
                continue 'strip;
            }
        }
        return false;
    }
    true
}
