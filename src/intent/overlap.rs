//! The guard that keeps a dev set out of the training files (`kefu overlap`): a training turn
//! that repeats a dev turn, or most of one, is reported. A dev set only measures what it was
//! never taught; a copied sentence, even reworded a little, turns it back into training data.
//!
//! Turns are compared in their letters and digits only (punctuation, spaces and emoji dropped,
//! lower case, Traditional read as Simplified). Short turns (under `MIN_CHARS`) are the common
//! phrases every buyer types (好的, 在吗, 发什么快递) and are not checked. Longer ones are close
//! when they are equal, or when they share a run of wording (`MIN_SHARED` trigrams or more) that
//! is most of either of them: a stock phrase inside two turns (大概什么时候) is no copy.

use std::collections::{HashMap, HashSet};

/// Turns shorter than this (in letters and digits) are stock phrases, not sentences.
pub const MIN_CHARS: usize = 8;

/// Share of one turn's trigrams found in the other from which the two are too close.
pub const MAX_SHARED: f64 = 0.6;

/// Fewer shared trigrams than this are a stock phrase, not a copied sentence.
pub const MIN_SHARED: usize = 7;

/// The letters and digits of a turn, lower case, Simplified.
pub fn skeleton(text: &str) -> Vec<char> {
    fast2s::convert(text).chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn trigrams(chars: &[char]) -> HashSet<[char; 3]> {
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// A training turn too close to a dev turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    /// Index of the training turn and of the dev turn.
    pub train: usize,
    pub dev: usize,
    /// Largest share of either turn's trigrams found in the other (1.0 for equal turns).
    pub shared: f64,
}

/// Every training turn that is too close to some dev turn (the closest one for each).
pub fn overlaps(dev: &[&str], train: &[&str]) -> Vec<Overlap> {
    let dev: Vec<(Vec<char>, HashSet<[char; 3]>)> = dev
        .iter()
        .map(|t| skeleton(t))
        .map(|s| {
            let g = trigrams(&s);
            (s, g)
        })
        .collect();
    let mut index: HashMap<[char; 3], Vec<usize>> = HashMap::new();
    for (i, (s, grams)) in dev.iter().enumerate() {
        if s.len() >= MIN_CHARS {
            grams.iter().for_each(|g| index.entry(*g).or_default().push(i));
        }
    }
    let mut out = Vec::new();
    for (t, text) in train.iter().enumerate() {
        let s = skeleton(text);
        if s.len() < MIN_CHARS {
            continue;
        }
        let grams = trigrams(&s);
        let mut common: HashMap<usize, usize> = HashMap::new();
        for g in &grams {
            for &d in index.get(g).map(Vec::as_slice).unwrap_or(&[]) {
                *common.entry(d).or_default() += 1;
            }
        }
        let closest = common
            .into_iter()
            .map(|(d, n)| {
                let shared = if dev[d].0 == s {
                    1.0
                } else if n < MIN_SHARED {
                    0.0
                } else {
                    n as f64 / grams.len().min(dev[d].1.len()).max(1) as f64
                };
                (d, shared)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((d, shared)) = closest.filter(|(_, shared)| *shared >= MAX_SHARED) {
            out.push(Overlap { train: t, dev: d, shared });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_near_copies_are_caught_stock_phrases_are_not() {
        let dev = ["我刚下的单地址填错了能不能改一下", "好的谢谢", "这款湿巾是纯棉的还是无纺布的"];
        let train = [
            "我刚下的单, 地址填错了, 能不能改一下?",   // the same turn, punctuated
            "我刚下的单地址填错了能不能改一下呢亲",    // one dev turn with a tail
            "好的谢谢",                                // a stock phrase
            "這款濕巾是純棉的還是無紡布的",            // the same turn in Traditional
            "下单的时候手机号填错了 帮我改下",          // the same request, other words
            "这款湿巾是纯棉的吗",                      // a stock phrase the dev turn holds too
        ];
        let found: Vec<(usize, usize)> = overlaps(&dev, &train).iter().map(|o| (o.train, o.dev)).collect();
        assert_eq!(found, vec![(0, 0), (1, 0), (3, 2)]);
    }
}
