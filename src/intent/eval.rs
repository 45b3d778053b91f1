//! Measuring the classifier on a labelled JSONL file (`kefu eval`): accuracy, macro-F1,
//! per-intent precision/recall/F1, the most confused pairs, buyer-type and sentiment accuracy,
//! and how precise the `confident` predictions are and how many turns they cover.

use super::{classify_in, BuyerType, Context, Intent, Sentiment};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One labelled turn: `{"text":…,"intent":…}` with optional `buyer_type`, `sentiment`, `prev`,
/// and, in sets taken from real chats, `agent_before` (the agent's message before the turn) and
/// `intent_in_context` (the intent once that message is read; null where annotators differed).
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub text: String,
    pub intent: Intent,
    #[serde(default)]
    pub buyer_type: Option<BuyerType>,
    #[serde(default)]
    pub sentiment: Option<Sentiment>,
    /// The previous turn's intent, when the turn leans on context.
    #[serde(default)]
    pub prev: Option<Intent>,
    #[serde(default)]
    pub agent_before: Option<String>,
    /// Absent: the set has no in-context labels (`intent` stands); null: no agreed label.
    #[serde(default, deserialize_with = "present")]
    pub intent_in_context: Option<Option<Intent>>,
}

/// A field that is there, even as null (absent ones take the default, `None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<Intent>>, D::Error> {
    Option::<Intent>::deserialize(d).map(Some)
}

/// How turns are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// Each turn on its own (with its `prev`, for our own sets), scored against `intent`.
    #[default]
    Alone,
    /// With the agent's message before it, scored against `intent_in_context` where the set has
    /// it (turns without an agreed label are left out).
    InContext,
}

impl Labelled {
    /// The turn's context and the intent it must get, read this way; none to leave it out.
    fn reading(&self, reading: Reading) -> Option<(Context, Intent)> {
        let mut context = Context { prev_intent: self.prev, ..Context::default() };
        match reading {
            Reading::Alone => Some((context, self.intent)),
            Reading::InContext => {
                context.agent_message = self.agent_before.clone();
                let gold = match self.intent_in_context {
                    None => self.intent,
                    Some(agreed) => agreed?,
                };
                Some((context, gold))
            }
        }
    }
}

/// Parses JSON lines; blank lines are skipped, a bad line is an error naming it.
pub fn parse(jsonl: &str) -> Result<Vec<Labelled>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerIntent {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Accuracy over a subset of the turns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subset {
    pub n: usize,
    pub accuracy: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_intent: BTreeMap<String, PerIntent>,
    /// Over turns labelled bargain with a buyer type: the predicted type (none counts as wrong).
    pub buyer_type_accuracy: Option<f64>,
    pub sentiment_accuracy: Option<f64>,
    /// Share of confident predictions that are right, and share of turns predicted confidently.
    pub confident_precision: f64,
    pub confident_coverage: f64,
    /// (gold, predicted, count), most frequent first.
    #[serde(skip)]
    pub confusions: Vec<(Intent, Intent, usize)>,
    /// Accuracy on turns written in Simplified and in Traditional characters.
    #[serde(skip)]
    pub simplified: Subset,
    #[serde(skip)]
    pub traditional: Subset,
    /// The Simplified turns again, rendered in Taiwan Traditional: the same turns in both scripts.
    #[serde(skip)]
    pub rendered: ScriptParity,
    /// Every turn given the wrong intent, in file order (`kefu eval --mistakes`).
    #[serde(skip)]
    pub mistakes: Vec<Mistake>,
}

/// A turn the classifier got wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub text: String,
    pub agent: Option<String>,
    pub gold: Intent,
    pub predicted: Intent,
    pub confidence: f32,
    pub confident: bool,
}

/// Accuracy on the same turns in Simplified and rendered in Traditional. The script subsets above
/// hold different turns (the Traditional ones may simply be easier); this pairs them up, so a
/// gap here is the script's doing alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScriptParity {
    pub n: usize,
    pub simplified: f64,
    pub traditional: f64,
}

/// A Simplified turn as a Taiwan buyer would write it: Traditional characters and Taiwan words
/// (軟體, 資訊), by `zhconv` with OpenCC's tables: an independent converter, not the inverse of
/// our own `fast2s` table, so a gap shows what our normalisation misses. Native only: a
/// developer's tool, kept out of the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_traditional(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhTW)
}

/// Whether a Simplified turn rendered in Traditional still gets its intent; none when the
/// rendering changes nothing (or, in the wasm, where there is no converter).
#[cfg(not(target_arch = "wasm32"))]
fn right_in_traditional(t: &Labelled, context: &Context, gold: Intent) -> Option<bool> {
    let rendered = to_traditional(&t.text);
    (rendered != t.text).then(|| classify_in(&rendered, context).intent == gold)
}

#[cfg(target_arch = "wasm32")]
fn right_in_traditional(_: &Labelled, _: &Context, _: Intent) -> Option<bool> {
    None
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Classifies every turn, read the given way, and scores the predictions.
pub fn evaluate(turns: &[Labelled], reading: Reading) -> Report {
    let n_intents = Intent::ALL.len();
    let mut matrix = vec![vec![0usize; n_intents]; n_intents];
    let (mut right, mut confident, mut confident_right) = (0, 0, 0);
    let (mut bt_n, mut bt_right, mut s_n, mut s_right) = (0, 0, 0, 0);
    let mut scripts = [(0usize, 0usize); 2];
    let mut rendered = (0usize, 0usize, 0usize);
    let mut n = 0;
    let mut mistakes = Vec::new();
    for (t, (context, gold)) in turns.iter().filter_map(|t| Some((t, t.reading(reading)?))) {
        n += 1;
        let c = classify_in(&t.text, &context);
        let ok = c.intent == gold;
        matrix[gold.index()][c.intent.index()] += 1;
        if !ok {
            mistakes.push(Mistake { text: t.text.clone(), agent: context.agent_message.clone(), gold, predicted: c.intent, confidence: c.confidence, confident: c.confident });
        }
        right += ok as usize;
        if c.confident {
            confident += 1;
            confident_right += ok as usize;
        }
        if let (Intent::Bargain, Some(bt)) = (gold, t.buyer_type) {
            bt_n += 1;
            bt_right += (c.buyer_type == Some(bt)) as usize;
        }
        if let Some(s) = t.sentiment {
            s_n += 1;
            s_right += (c.sentiment == s) as usize;
        }
        let traditional = fast2s::convert(&t.text) != t.text;
        let script = &mut scripts[traditional as usize];
        script.0 += 1;
        script.1 += ok as usize;
        if let Some(right_rendered) = (!traditional).then(|| right_in_traditional(t, &context, gold)).flatten() {
            rendered.0 += 1;
            rendered.1 += ok as usize;
            rendered.2 += right_rendered as usize;
        }
    }

    let mut per_intent = BTreeMap::new();
    let mut f1s = Vec::new();
    for &i in Intent::ALL {
        let support: usize = matrix[i.index()].iter().sum();
        let predicted: usize = matrix.iter().map(|row| row[i.index()]).sum();
        let tp = matrix[i.index()][i.index()];
        let (precision, recall) = (ratio(tp, predicted), ratio(tp, support));
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        if support > 0 {
            f1s.push(f1);
            per_intent.insert(i.id().to_string(), PerIntent { precision, recall, f1, support });
        }
    }
    let mut confusions: Vec<(Intent, Intent, usize)> = Intent::ALL
        .iter()
        .flat_map(|&g| Intent::ALL.iter().map(move |&p| (g, p)))
        .filter(|(g, p)| g != p)
        .map(|(g, p)| (g, p, matrix[g.index()][p.index()]))
        .filter(|(_, _, n)| *n > 0)
        .collect();
    crate::sort::by_key(&mut confusions, |c| std::cmp::Reverse(c.2));

    Report {
        n,
        accuracy: ratio(right, n),
        macro_f1: if f1s.is_empty() { 0.0 } else { f1s.iter().sum::<f64>() / f1s.len() as f64 },
        per_intent,
        buyer_type_accuracy: (bt_n > 0).then(|| ratio(bt_right, bt_n)),
        sentiment_accuracy: (s_n > 0).then(|| ratio(s_right, s_n)),
        confident_precision: ratio(confident_right, confident),
        confident_coverage: ratio(confident, n),
        confusions,
        simplified: Subset { n: scripts[0].0, accuracy: ratio(scripts[0].1, scripts[0].0) },
        traditional: Subset { n: scripts[1].0, accuracy: ratio(scripts[1].1, scripts[1].0) },
        rendered: ScriptParity { n: rendered.0, simplified: ratio(rendered.1, rendered.0), traditional: ratio(rendered.2, rendered.0) },
        mistakes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_named() {
        let err = parse("{\"text\":\"a\",\"intent\":\"ack\"}\n\n{\"text\":\"b\",\"intent\":\"nope\"}\n").unwrap_err();
        assert!(err.starts_with("line 3"), "{err}");
    }

    #[test]
    fn scores_add_up() {
        let turns = parse(concat!(
            "{\"text\":\"到哪了\",\"intent\":\"logistics\",\"sentiment\":\"calm\"}\n",
            "{\"text\":\"可以开发票吗\",\"intent\":\"invoice\"}\n",
            "{\"text\":\"到哪了\",\"intent\":\"greeting\"}\n",
        ))
        .unwrap();
        let r = evaluate(&turns, Reading::Alone);
        assert_eq!(r.n, 3);
        // The third line is labelled wrong on purpose: it cannot be right as well as the first.
        assert!(r.accuracy <= 2.0 / 3.0 + 1e-9);
        assert_eq!(r.per_intent["greeting"].support, 1);
        assert_eq!(r.per_intent["greeting"].recall, 0.0);
        assert!(r.confusions.iter().any(|(g, _, _)| *g == Intent::Greeting));
        assert!(r.sentiment_accuracy.is_some());
        assert_eq!(r.buyer_type_accuracy, None);
    }

    #[test]
    fn in_context_the_agreed_label_counts_and_turns_without_one_are_left_out() {
        let turns = parse(concat!(
            "{\"text\":\"还没到\",\"intent\":\"other\",\"agent_before\":\"亲 已经发出了 单号YT7730291845\",\"intent_in_context\":\"logistics\"}\n",
            "{\"text\":\"嗯\",\"intent\":\"ack\",\"agent_before\":null,\"intent_in_context\":null}\n",
            "{\"text\":\"可以开发票吗\",\"intent\":\"invoice\"}\n",
        ))
        .unwrap();
        assert_eq!(evaluate(&turns, Reading::Alone).n, 3);
        let r = evaluate(&turns, Reading::InContext);
        assert_eq!(r.n, 2);
        assert_eq!(r.per_intent["logistics"].support, 1);
        assert!(!r.per_intent.contains_key("ack"));
    }
}
