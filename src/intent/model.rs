//! The trained linear model: one shared table of feature hashes and, per output (intent, buyer
//! type, sentiment), a sparse list of quantised weights per feature, the temperature that
//! calibrates its probabilities, and the probability from which a prediction counts as confident.
//!
//! The build script trains it from `data/corpus/` and writes it with `to_bytes`; the crate reads
//! it back with `from_bytes`. Shared by both, like `features.rs`.

const MAGIC: &[u8; 4] = b"KEFU";
const VERSION: u32 = 2;

/// Dense weights of one head as training produces them: per feature hash, one weight per class.
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
    pub scale: f32,
    /// Divides the scores before the softmax (fitted on held-out training data).
    pub temperature: f32,
    /// Probability from which the top class is "confident".
    pub threshold: f32,
    /// `starts[i]..starts[i + 1]` are feature i's entries in `classes`/`weights`.
    starts: Vec<u32>,
    classes: Vec<u8>,
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
        sums.into_iter().map(|s| s as f32 * self.scale).collect()
    }

    /// Calibrated probabilities per class.
    pub fn probabilities(&self, found: &[usize]) -> Vec<f32> {
        softmax(&self.scores(found), self.temperature)
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

/// The three heads over one table of feature hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Feature hashes, ascending.
    hashes: Vec<u32>,
    pub intent: Head,
    pub buyer_type: Head,
    pub sentiment: Head,
}

impl Model {
    /// Quantises trained heads (intent, buyer type, sentiment) into one model.
    pub fn quantise(heads: [DenseHead; 3]) -> Model {
        let mut hashes: Vec<u32> = heads.iter().flat_map(|h| h.weights.iter().map(|(f, _)| *f)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        let [intent, buyer_type, sentiment] = heads.map(|dense| {
            let max = dense.weights.iter().flat_map(|(_, w)| w.iter()).fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
            let scale = max / 127.0;
            let by_hash: std::collections::HashMap<u32, &Vec<f32>> = dense.weights.iter().map(|(h, w)| (*h, w)).collect();
            let mut head = Head { n_classes: dense.n_classes, scale, temperature: dense.temperature, threshold: dense.threshold, starts: vec![0], classes: Vec::new(), weights: Vec::new() };
            for h in &hashes {
                for (class, &x) in by_hash.get(h).map(|w| w.as_slice()).unwrap_or(&[]).iter().enumerate() {
                    let q = (x / scale).round().clamp(-127.0, 127.0) as i8;
                    if q != 0 {
                        head.classes.push(class as u8);
                        head.weights.push(q);
                    }
                }
                head.starts.push(head.classes.len() as u32);
            }
            head
        });
        Model { hashes, intent, buyer_type, sentiment }
    }

    /// Indices of the given feature hashes in the table (unknown features are skipped).
    pub fn lookup(&self, features: &[u32]) -> Vec<usize> {
        features.iter().filter_map(|f| self.hashes.binary_search(f).ok()).collect()
    }

    pub fn features(&self) -> usize {
        self.hashes.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.hashes.len() as u32).to_le_bytes());
        // Sorted hashes as LEB128 deltas; then each head column by column (compresses well).
        let mut prev = 0u32;
        for &h in &self.hashes {
            let mut d = h - prev;
            prev = h;
            loop {
                let byte = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        for head in [&self.intent, &self.buyer_type, &self.sentiment] {
            out.push(head.n_classes as u8);
            for x in [head.scale, head.temperature, head.threshold] {
                out.extend_from_slice(&x.to_le_bytes());
            }
            out.extend(head.starts.windows(2).map(|w| (w[1] - w[0]) as u8));
            out.extend_from_slice(&head.classes);
            out.extend(head.weights.iter().map(|w| *w as u8));
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.bytes(4)? != MAGIC || r.u32()? != VERSION {
            return Err("model: not a kefu model of this version".into());
        }
        let n = r.u32()? as usize;
        let mut hashes = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let (mut d, mut shift) = (0u32, 0);
            loop {
                let b = r.u8()?;
                d |= ((b & 0x7f) as u32).checked_shl(shift).ok_or("model: bad hash delta")?;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            prev = prev.checked_add(d).ok_or("model: bad hash delta")?;
            hashes.push(prev);
        }
        let mut head = || -> Result<Head, String> {
            let n_classes = r.u8()? as usize;
            let (scale, temperature, threshold) = (r.f32()?, r.f32()?, r.f32()?);
            let mut starts = Vec::with_capacity(n + 1);
            starts.push(0u32);
            for &count in r.bytes(n)? {
                starts.push(starts[starts.len() - 1] + count as u32);
            }
            let total = starts[n] as usize;
            let classes = r.bytes(total)?.to_vec();
            let weights = r.bytes(total)?.iter().map(|b| *b as i8).collect();
            if classes.iter().any(|&c| c as usize >= n_classes) {
                return Err("model: corrupt head".into());
            }
            Ok(Head { n_classes, scale, temperature, threshold, starts, classes, weights })
        };
        let (intent, buyer_type, sentiment) = (head()?, head()?, head()?);
        if r.at != bytes.len() || hashes.windows(2).any(|w| w[0] >= w[1]) {
            return Err("model: corrupt table".into());
        }
        Ok(Model { hashes, intent, buyer_type, sentiment })
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
}
