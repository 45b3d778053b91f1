//! Measuring the classifier on a labelled JSONL file (`kefu eval`): accuracy, macro-F1,
//! per-intent precision/recall/F1, the most confused pairs, buyer-type and sentiment accuracy,
//! and how precise the `confident` predictions are and how many turns they cover.

use super::{classify_in, BuyerType, Context, Intent, Sentiment};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One labelled turn: `{"text":…,"intent":…}` with optional `buyer_type`, `sentiment`, `prev`.
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
fn right_in_traditional(t: &Labelled, context: &Context) -> Option<bool> {
    let rendered = to_traditional(&t.text);
    (rendered != t.text).then(|| classify_in(&rendered, context).intent == t.intent)
}

#[cfg(target_arch = "wasm32")]
fn right_in_traditional(_: &Labelled, _: &Context) -> Option<bool> {
    None
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Classifies every turn (with its `prev` as context) and scores the predictions.
pub fn evaluate(turns: &[Labelled]) -> Report {
    let n_intents = Intent::ALL.len();
    let mut matrix = vec![vec![0usize; n_intents]; n_intents];
    let (mut right, mut confident, mut confident_right) = (0, 0, 0);
    let (mut bt_n, mut bt_right, mut s_n, mut s_right) = (0, 0, 0, 0);
    let mut scripts = [(0usize, 0usize); 2];
    let mut rendered = (0usize, 0usize, 0usize);
    for t in turns {
        let context = Context { prev_intent: t.prev, buyer_type: None };
        let c = classify_in(&t.text, &context);
        let ok = c.intent == t.intent;
        matrix[t.intent.index()][c.intent.index()] += 1;
        right += ok as usize;
        if c.confident {
            confident += 1;
            confident_right += ok as usize;
        }
        if let (Intent::Bargain, Some(bt)) = (t.intent, t.buyer_type) {
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
        if let Some(right_rendered) = (!traditional).then(|| right_in_traditional(t, &context)).flatten() {
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
    confusions.sort_by_key(|c| std::cmp::Reverse(c.2));

    Report {
        n: turns.len(),
        accuracy: ratio(right, turns.len()),
        macro_f1: if f1s.is_empty() { 0.0 } else { f1s.iter().sum::<f64>() / f1s.len() as f64 },
        per_intent,
        buyer_type_accuracy: (bt_n > 0).then(|| ratio(bt_right, bt_n)),
        sentiment_accuracy: (s_n > 0).then(|| ratio(s_right, s_n)),
        confident_precision: ratio(confident_right, confident),
        confident_coverage: ratio(confident, turns.len()),
        confusions,
        simplified: Subset { n: scripts[0].0, accuracy: ratio(scripts[0].1, scripts[0].0) },
        traditional: Subset { n: scripts[1].0, accuracy: ratio(scripts[1].1, scripts[1].0) },
        rendered: ScriptParity { n: rendered.0, simplified: ratio(rendered.1, rendered.0), traditional: ratio(rendered.2, rendered.0) },
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
        let r = evaluate(&turns);
        assert_eq!(r.n, 3);
        // The third line is labelled wrong on purpose: it cannot be right as well as the first.
        assert!(r.accuracy <= 2.0 / 3.0 + 1e-9);
        assert_eq!(r.per_intent["greeting"].support, 1);
        assert_eq!(r.per_intent["greeting"].recall, 0.0);
        assert!(r.confusions.iter().any(|(g, _, _)| *g == Intent::Greeting));
        assert!(r.sentiment_accuracy.is_some());
        assert_eq!(r.buyer_type_accuracy, None);
    }
}
