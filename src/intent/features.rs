//! Features of a buyer turn for the trained model: character 1–3-grams of the normalised text,
//! domain-lexicon cues, length, repetition and the previous turn's intent. Each feature is a
//! 32-bit FNV-1a hash folded into one of `BUCKETS` ids, so the model stores no strings and its
//! table of ids stays small (training sees the same ids, so it settles what collisions cost).
//!
//! This file is also compiled into the build script (build.rs), which trains the model: training
//! and classifying read turns through exactly the same code.

use super::lexicon::{cue_index, lexicon, number_shape, Label};
use super::taxonomy::Intent;
use crate::text::normalize::normalize;

/// Conversation context a feature may use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeatureContext<'a> {
    pub prev_intent: Option<Intent>,
    /// The agent's last message before the turn (`还没到` after a tracking number is logistics).
    pub agent: Option<&'a str>,
}

/// Of the agent's message only the start is read: what it answers or asks comes first, and a
/// pasted promotion blurb must not cost more than the buyer's turn.
pub const AGENT_CHARS: usize = 160;

/// Turns up to this long are replies that lean on the agent's message (杭州 · 那怎么办 · 多久):
/// their context features are kept apart from those of turns that say what they want.
const REPLY: usize = 10;

/// log2 of the number of feature ids. The model keeps some 9,000 of them: among 2^18 their ids
/// lie ~30 apart, one byte each as gaps. Held out, 2^18 classifies as well as 2^20–2^24 (the
/// few rare n-grams that share an id are trained together); with fewer, more merged ids pass
/// training's minimum count and the model grows again.
pub const BUCKET_BITS: u32 = 18;
pub const BUCKETS: u32 = 1 << BUCKET_BITS;

/// The feature id of a hash: its high bits xor-folded onto the low ones, as FNV's authors
/// advise for narrower hashes.
pub fn fold(hash: u32) -> u32 {
    (hash ^ (hash >> BUCKET_BITS)) & (BUCKETS - 1)
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

fn fnv(seed: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(seed, |h, &b| (h ^ b as u32).wrapping_mul(FNV_PRIME))
}

/// The hash of a named feature (`kind` keeps families apart).
pub fn named(kind: &str, value: &str) -> u32 {
    fn_hash(&[kind.as_bytes(), b"\x1f", value.as_bytes()])
}

fn fn_hash(parts: &[&[u8]]) -> u32 {
    parts.iter().fold(FNV_OFFSET, |h, p| fnv(h, p))
}

/// Turns shorter than this read as fragments that lean on context (那怎么办, 少10呢).
const SHORT: usize = 6;

/// The feature ids of a turn: what its words say (n-grams, cues) and what is true of any turn
/// (bias, length, repetition, context), and what the agent's last message was about. A turn
/// none of whose words the model knows is noise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    pub content: Vec<u32>,
    pub generic: Vec<u32>,
    pub agent: Vec<u32>,
}

impl Features {
    /// Every feature id, sorted, without repeats.
    pub fn all(&self) -> Vec<u32> {
        self.ids(true)
    }

    /// The feature ids, sorted, without repeats; the agent's message's only `with_agent`.
    pub fn ids(&self, with_agent: bool) -> Vec<u32> {
        let agent: &[u32] = if with_agent { &self.agent } else { &[] };
        let mut all: Vec<u32> = self.content.iter().chain(&self.generic).chain(agent).copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// The features of a raw turn.
pub fn features(raw: &str, context: FeatureContext) -> Features {
    let n = normalize(raw);
    let text = n.text.as_str();
    let mut out = Vec::with_capacity(64);

    // Character n-grams over the text framed by ^ and $ (none for a blank turn: the frame
    // alone would make every blank turn look like the blank ones of training).
    let blank = text.chars().all(char::is_whitespace);
    let chars: Vec<char> = if blank { Vec::new() } else { std::iter::once('^').chain(text.chars()).chain(std::iter::once('$')).collect() };
    let mut buf = [0u8; 12];
    for i in 0..chars.len() {
        let mut h = fnv(FNV_OFFSET, b"g");
        for (k, &c) in chars[i..].iter().take(3).enumerate() {
            h = fnv(h, c.encode_utf8(&mut buf).as_bytes());
            // A lone ^ or $ says nothing.
            if k > 0 || (c != '^' && c != '$') {
                out.push(h);
            }
        }
    }

    // Lexicon cues, one feature per cue and one per label they point at.
    let shape = number_shape(text);
    let cues = lexicon();
    let mut labels = Vec::new();
    for i in cue_index().hits(text, &shape) {
        out.push(named("cue", &i.to_string()));
        let label = match cues[i as usize].label {
            Label::Intent(x) => x.id(),
            Label::BuyerType(x) => x.id(),
            Label::Sentiment(x) => x.id(),
        };
        out.push(named("label", label));
        labels.push(label);
    }
    // Context with content: what the previous turn was about, with how this one opens and what
    // its cues point at (那少10呢 after bargaining is still bargaining).
    if let Some(prev) = context.prev_intent {
        let lead = text.chars().next().map(String::from).unwrap_or_default();
        out.push(named("prev-lead", &format!("{}:{lead}", prev.id())));
        for label in &labels {
            out.push(named("prev-label", &format!("{}:{label}", prev.id())));
        }
    }

    let mut content: Vec<u32> = out.into_iter().map(fold).collect();
    content.sort_unstable();
    content.dedup();
    let mut out = vec![named("bias", "")];
    let len = text.chars().filter(|c| !c.is_whitespace()).count();
    let bucket = match len {
        0..=2 => "0-2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        17..=32 => "17-32",
        _ => "33+",
    };
    out.push(named("len", bucket));
    if n.repeated {
        out.push(named("repeated", ""));
    }
    if text.contains('?') {
        out.push(named("question", ""));
    }
    if let Some(prev) = context.prev_intent {
        out.push(named("prev", prev.id()));
        if len <= SHORT {
            out.push(named("prev-short", prev.id()));
        }
    }
    let agent = context.agent.map(|a| agent_features(a, len <= REPLY)).unwrap_or_default();
    Features { content, generic: out.into_iter().map(fold).collect(), agent }
}

/// What the agent's message is about: its character bigrams and the labels its lexicon cues
/// point at, each also marked when the buyer's turn is a short reply to it.
fn agent_features(agent: &str, reply: bool) -> Vec<u32> {
    let bounded: String = agent.chars().take(AGENT_CHARS).collect();
    let text = normalize(&bounded).text;
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::with_capacity(chars.len() * 2 + 8);
    let mut buf = [0u8; 8];
    for w in chars.windows(2) {
        let mut h = fnv(FNV_OFFSET, b"a");
        h = fnv(h, w[0].encode_utf8(&mut buf).as_bytes());
        h = fnv(h, w[1].encode_utf8(&mut buf).as_bytes());
        out.push(h);
        if reply {
            out.push(fnv(h, b"r"));
        }
    }
    let cues = lexicon();
    for i in cue_index().hits(&text, &number_shape(&text)) {
        if let Label::Intent(x) = cues[i as usize].label {
            out.push(named("agent-label", x.id()));
            if reply {
                out.push(named("agent-label-reply", x.id()));
            }
        }
    }
    let mut ids: Vec<u32> = out.into_iter().map(fold).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_folded_sorted_and_distinct() {
        let f = features("在吗 这个能便宜点吗?", FeatureContext { prev_intent: Some(Intent::Bargain), agent: Some("亲 已经是活动价了哦") });
        assert!(!f.agent.is_empty() && f.agent.iter().all(|id| f.all().contains(id)));
        assert!(features("在吗", FeatureContext::default()).agent.is_empty());
        let all = f.all();
        assert!(all.len() > 20 && all.iter().all(|id| *id < BUCKETS), "{all:?}");
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert!(f.content.windows(2).all(|w| w[0] < w[1]));
    }
}
