//! The trained linear model: one shared table of feature ids and, per output (intent, buyer
//! type, sentiment), a sparse list of quantised weights per feature, the temperature that
//! calibrates its probabilities, and the probability from which a prediction counts as confident.
//!
//! The build script trains it from `data/corpus/` and writes it with `to_bytes`; the crate reads
//! it back with `from_bytes`. Shared by both, like `features.rs`.
//!
//! Format (version 3), all numbers little-endian, "varint" = unsigned LEB128:
//!
//! ```text
//! "KEFU", u32 version, u32 n
//! n varints: the ascending feature ids, each as the gap to the one before (id0, id1 - id0 - 1, …)
//! per head (intent, buyer type, sentiment):
//!     u8 classes, f32 step, f32 temperature, f32 threshold
//!     per class: varint count, then count varints: the indices of the features that weigh for
//!     the class, as gaps (as above)
//!     per class: its count i8 weights, in steps (non-zero, within ±LEVEL_MAX)
//! ```
//!
//! Stored class by class, the index gaps are small, which compresses better than a class byte
//! per weight; all gaps before all weights keeps alike bytes together for gzip.

const MAGIC: &[u8; 4] = b"KEFU";
const VERSION: u32 = 3;

/// Weights are whole multiples of a head's step within ±LEVEL_MAX (6 bits). Against 8 bits, the
/// held-out accuracy of each head moves by under 0.1 point (within the noise between splits),
/// and the model's gzip shrinks by a seventh; 5 bits saved another 8 KB gzip but cost held-out
/// confident coverage (73 % against 77 %).
pub const LEVEL_MAX: i8 = 31;

/// Dense weights of one head as training produces them: per feature id, one weight per class.
pub struct DenseHead {
    pub n_classes: usize,
    pub weights: Vec<(u32, Vec<f32>)>,
    pub temperature: f32,
    pub threshold: f32,
}

/// One output of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub n_classes: usize,
    /// Weight of one quantisation step.
    pub step: f32,
    /// Divides the scores before the softmax (fitted on held-out training data).
    pub temperature: f32,
    /// Probability from which the top class is "confident".
    pub threshold: f32,
    /// `starts[i]..starts[i + 1]` are feature i's entries in `classes`/`weights`.
    starts: Vec<u32>,
    classes: Vec<u8>,
    /// In steps.
    weights: Vec<i8>,
}

impl Head {
    /// How many (feature, class) weights the head keeps.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Scores per class for features given as indices into the model's table.
    pub fn scores(&self, found: &[usize]) -> Vec<f32> {
        let mut sums = vec![0i32; self.n_classes];
        for &i in found {
            let (from, to) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            for (c, w) in self.classes[from..to].iter().zip(&self.weights[from..to]) {
                sums[*c as usize] += *w as i32;
            }
        }
        sums.into_iter().map(|s| s as f32 * self.step).collect()
    }

    /// Calibrated probabilities per class.
    pub fn probabilities(&self, found: &[usize]) -> Vec<f32> {
        softmax(&self.scores(found), self.temperature)
    }

    /// Quantises dense weights, feature by feature in the order of `ids`.
    fn quantise(dense: &DenseHead, ids: &[u32]) -> Head {
        let max = dense.weights.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let step = max / LEVEL_MAX as f32;
        let by_id: std::collections::HashMap<u32, &Vec<f32>> = dense.weights.iter().map(|(h, w)| (*h, w)).collect();
        let mut head = Head { n_classes: dense.n_classes, step, temperature: dense.temperature, threshold: dense.threshold, starts: vec![0], classes: Vec::new(), weights: Vec::new() };
        let mut levels = vec![0i8; dense.n_classes];
        for id in ids {
            let w = by_id.get(id).map(|w| w.as_slice()).unwrap_or(&[]);
            for (q, &x) in levels.iter_mut().zip(w.iter().chain(std::iter::repeat(&0.0))) {
                // A weight training kept stays, if only as one step: dropping the small ones
                // costs accuracy.
                let r = (x / step).round().clamp(-(LEVEL_MAX as f32), LEVEL_MAX as f32) as i8;
                *q = if r == 0 && x != 0.0 { x.signum() as i8 } else { r };
            }
            drop_common_level(&mut levels);
            for (class, &q) in levels.iter().enumerate().filter(|(_, q)| **q != 0) {
                head.classes.push(class as u8);
                head.weights.push(q);
            }
            head.starts.push(head.classes.len() as u32);
        }
        head
    }
}

/// The softmax does not change when one feature's weights all move by the same amount, so a
/// level more of its classes share than zero is subtracted: that many fewer weights to store,
/// same probabilities.
fn drop_common_level(levels: &mut [i8]) {
    let count = |v: i8| levels.iter().filter(|q| **q == v).count();
    let best = levels.iter().copied().filter(|q| *q != 0).max_by_key(|q| (count(*q), -q.abs()));
    if let Some(v) = best {
        let fits = levels.iter().all(|q| (*q as i32 - v as i32).abs() <= LEVEL_MAX as i32);
        if count(v) > count(0) && fits {
            levels.iter_mut().for_each(|q| *q -= v);
        }
    }
}

/// Softmax of `scores / temperature`.
pub fn softmax(scores: &[f32], temperature: f32) -> Vec<f32> {
    let t = temperature.max(1e-3);
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = scores.iter().map(|s| ((s - max) / t).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

/// Feature ids are hashes already: one multiply spreads them over the table's buckets.
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdIndex = std::collections::HashMap<u32, u32, std::hash::BuildHasherDefault<IdHasher>>;

/// The three heads over one table of feature ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Feature ids, ascending.
    ids: Vec<u32>,
    /// Feature id → its position in `ids`: a lookup per feature in constant time, where a binary
    /// search over tens of thousands of ids was a good part of classifying a turn.
    index: IdIndex,
    pub intent: Head,
    pub buyer_type: Head,
    pub sentiment: Head,
}

impl Model {
    /// Quantises trained heads (intent, buyer type, sentiment) into one model.
    pub fn quantise(heads: [DenseHead; 3]) -> Model {
        let mut ids: Vec<u32> = heads.iter().flat_map(|h| h.weights.iter().map(|(f, _)| *f)).collect();
        ids.sort_unstable();
        ids.dedup();
        let [intent, buyer_type, sentiment] = heads.map(|dense| Head::quantise(&dense, &ids));
        Model::new(ids, intent, buyer_type, sentiment)
    }

    fn new(ids: Vec<u32>, intent: Head, buyer_type: Head, sentiment: Head) -> Model {
        let index = ids.iter().enumerate().map(|(i, id)| (*id, i as u32)).collect();
        Model { ids, index, intent, buyer_type, sentiment }
    }

    /// Indices of the given feature ids in the table (unknown features are skipped).
    pub fn lookup(&self, features: &[u32]) -> Vec<usize> {
        features.iter().filter_map(|f| self.index.get(f).map(|i| *i as usize)).collect()
    }

    pub fn features(&self) -> usize {
        self.ids.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.ids.len() as u32).to_le_bytes());
        write_ascending(&mut out, self.ids.iter().copied());
        for head in [&self.intent, &self.buyer_type, &self.sentiment] {
            out.push(head.n_classes as u8);
            for x in [head.step, head.temperature, head.threshold] {
                out.extend_from_slice(&x.to_le_bytes());
            }
            // Transposed: per class, the features that weigh for it and their weights.
            let mut per_class = vec![(Vec::new(), Vec::new()); head.n_classes];
            for (i, w) in head.starts.windows(2).enumerate() {
                for e in w[0] as usize..w[1] as usize {
                    let (features, weights) = &mut per_class[head.classes[e] as usize];
                    features.push(i as u32);
                    weights.push(head.weights[e] as u8);
                }
            }
            for (features, _) in &per_class {
                write_varint(&mut out, features.len() as u32);
                write_ascending(&mut out, features.iter().copied());
            }
            for (_, weights) in &per_class {
                out.extend_from_slice(weights);
            }
        }
        out
    }

    /// Reads a model back; input that is not a well-formed model is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.bytes(4)? != MAGIC || r.u32()? != VERSION {
            return Err("model: not a kefu model of this version".into());
        }
        let n = r.u32()?;
        let ids = r.ascending(n, 1 << 32)?;
        let mut head = || -> Result<Head, String> {
            let n_classes = r.u8()? as usize;
            let (step, temperature, threshold) = (r.f32()?, r.f32()?, r.f32()?);
            if ![step, temperature, threshold].iter().all(|x| x.is_finite()) {
                return Err("model: corrupt head".into());
            }
            let mut per_class = Vec::new();
            for _ in 0..n_classes {
                let count = r.varint()?;
                per_class.push(r.ascending(count, n as u64)?);
            }
            // Back to feature by feature, as scoring reads them: count each feature's entries,
            // then place the weights class by class (so classes ascend within a feature).
            let mut starts = vec![0u32; n as usize + 1];
            for &f in per_class.iter().flatten() {
                starts[f as usize + 1] += 1;
            }
            for i in 1..starts.len() {
                starts[i] += starts[i - 1];
            }
            let total = starts[n as usize] as usize;
            let (mut classes, mut weights) = (vec![0u8; total], vec![0i8; total]);
            let mut next = starts.clone();
            for (class, features) in per_class.iter().enumerate() {
                for (&f, &w) in features.iter().zip(r.bytes(features.len())?) {
                    let w = w as i8;
                    if w == 0 || w.unsigned_abs() > LEVEL_MAX as u8 {
                        return Err("model: corrupt weight".into());
                    }
                    let at = next[f as usize] as usize;
                    (classes[at], weights[at]) = (class as u8, w);
                    next[f as usize] += 1;
                }
            }
            Ok(Head { n_classes, step, temperature, threshold, starts, classes, weights })
        };
        let (intent, buyer_type, sentiment) = (head()?, head()?, head()?);
        if r.at != bytes.len() {
            return Err("model: trailing bytes".into());
        }
        Ok(Model::new(ids, intent, buyer_type, sentiment))
    }
}

fn write_varint(out: &mut Vec<u8>, mut x: u32) {
    loop {
        let byte = (x & 0x7f) as u8;
        x >>= 7;
        if x == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Ascending numbers as varint gaps: the first as is, then how many numbers each one skips.
fn write_ascending(out: &mut Vec<u8>, xs: impl Iterator<Item = u32>) {
    let mut next = 0u32;
    for x in xs {
        write_varint(out, x - next);
        next = x.wrapping_add(1);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("model: truncated")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.bytes(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().map_err(|_| "model: truncated")?))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn varint(&mut self) -> Result<u32, String> {
        let mut x = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            x |= ((b & 0x7f) as u32).checked_shl(shift).filter(|v| v >> shift == (b & 0x7f) as u32).ok_or("model: bad varint")?;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err("model: bad varint".into())
    }
    /// `count` ascending numbers written by `write_ascending`, all below `end`.
    fn ascending(&mut self, count: u32, end: u64) -> Result<Vec<u32>, String> {
        // Each takes at least a byte: a corrupt count cannot make us allocate much.
        if count as usize > self.bytes.len() - self.at {
            return Err("model: truncated".into());
        }
        let mut out = Vec::with_capacity(count as usize);
        // None once u32::MAX is taken: nothing can follow it.
        let mut next = Some(0u32);
        for _ in 0..count {
            let gap = self.varint()?;
            let x = next.and_then(|n| n.checked_add(gap)).filter(|x| (*x as u64) < end).ok_or("model: bad index")?;
            out.push(x);
            next = x.checked_add(1);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dense(n_classes: usize, weights: &[(u32, &[f32])]) -> DenseHead {
        DenseHead { n_classes, weights: weights.iter().map(|(h, w)| (*h, w.to_vec())).collect(), temperature: 0.8, threshold: 0.7 }
    }

    fn sample() -> Model {
        Model::quantise([
            dense(4, &[(7, &[1.5, 0.0, -0.3, 0.0]), (9, &[0.0, 0.0, 0.0, 0.001]), (4_000_000_000, &[-1.0, 1.0, 0.2, 0.0]), (u32::MAX, &[0.0, 0.7, 0.0, 0.0])]),
            dense(2, &[(9, &[0.4, -0.4])]),
            // Feature 7 weighs the same for two of three classes: stored as one weight.
            dense(3, &[(7, &[0.5, 0.5, 0.0]), (12, &[0.0, -0.2, 0.9])]),
        ])
    }

    #[test]
    fn round_trip() {
        let model = sample();
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Ok(model.clone()));
        assert_eq!(model.features(), 5);
        assert_eq!(model.lookup(&[1, 9, u32::MAX]), vec![1, 4]);
    }

    #[test]
    fn quantised_scores_follow_the_dense_ones() {
        let model = sample();
        let s = model.intent.scores(&model.lookup(&[7, 4_000_000_000]));
        let dense = [0.5, 1.0, -0.1, 0.0];
        assert!(s.iter().zip(dense).all(|(a, b)| (a - b).abs() <= model.intent.step), "{s:?}");
        // A tiny weight keeps its sign, as one step.
        assert_eq!(model.intent.scores(&model.lookup(&[9])), vec![0.0, 0.0, 0.0, model.intent.step]);
    }

    #[test]
    fn a_shared_level_is_dropped_without_changing_probabilities() {
        let model = sample();
        assert_eq!(model.sentiment.len(), 3);
        let p = model.sentiment.probabilities(&model.lookup(&[7]));
        // 0.5 rounded to whole steps of 0.9 / LEVEL_MAX.
        let step = model.sentiment.step;
        let half = (0.5 / step).round() * step;
        let want = softmax(&[half, half, 0.0], 0.8);
        assert!(p.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-6), "{p:?}");
    }

    #[test]
    fn corrupt_input_is_an_error() {
        let bytes = sample().to_bytes();
        for end in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..end]).is_err(), "truncated at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Model::from_bytes(&longer).is_err());
        let mut version = bytes.clone();
        version[4] = 2;
        assert!(Model::from_bytes(&version).is_err());
        // A huge feature count must not allocate or panic.
        let mut huge = bytes.clone();
        huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Model::from_bytes(&huge).is_err());
        // Any byte changed to anything: an error or a model, never a panic.
        for i in 0..bytes.len() {
            for b in [0x00, 0x01, 0x0f, 0x10, 0x7f, 0x80, 0xf1, 0xff] {
                let mut changed = bytes.clone();
                changed[i] = b;
                let _ = Model::from_bytes(&changed);
            }
        }
        // Several random bytes at once (xorshift, the same every run).
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as usize
        };
        for _ in 0..5000 {
            let mut changed = bytes.clone();
            for _ in 0..1 + next() % 4 {
                let at = 8 + next() % (changed.len() - 8);
                changed[at] = next() as u8;
            }
            let _ = Model::from_bytes(&changed);
        }
    }

    #[test]
    fn weights_of_features_not_in_the_table_are_rejected() {
        let head = || dense(2, &[(5, &[1.0, 0.0])]);
        let bytes = Model::quantise([head(), head(), head()]).to_bytes();
        // The table of one id (one byte) emptied: the heads now point past its end.
        let mut empty = bytes[..8].to_vec();
        empty.extend_from_slice(&0u32.to_le_bytes());
        empty.extend_from_slice(&bytes[13..]);
        assert!(Model::from_bytes(&empty).is_err());
    }

    #[test]
    fn out_of_range_weights_are_rejected() {
        // One feature, one weight per head: the model ends with it (class 0's, class 1 has none).
        let head = || dense(2, &[(5, &[1.0, 0.0])]);
        let bytes = Model::quantise([head(), head(), head()]).to_bytes();
        let at = bytes.len() - 1;
        assert_eq!(bytes[at] as i8, LEVEL_MAX);
        for w in [0u8, LEVEL_MAX as u8 + 1, 0x80] {
            let mut changed = bytes.clone();
            changed[at] = w;
            assert!(Model::from_bytes(&changed).is_err(), "weight byte {w:#x}");
        }
    }
}
