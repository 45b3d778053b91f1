//! The domain lexicon (`data/lexicon.txt`): cue phrases with weights for intents, bargaining
//! buyer types and sentiment. Parsed once; matched against normalised text.

use super::taxonomy::{BuyerType, Intent, Sentiment};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a cue points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Intent(Intent),
    BuyerType(BuyerType),
    Sentiment(Sentiment),
}

/// How a cue matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Anywhere in the text.
    Contains(String),
    /// Anywhere in the text's number shape (digit runs replaced by `NUMBER`).
    Shape(String),
    /// The whole turn, ignoring trailing punctuation.
    Exact(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub label: Label,
    pub pattern: Pattern,
    pub weight: f32,
}

/// Stands for a digit run in the number shape of a text and for `{n}` in a cue.
pub const NUMBER: char = '\u{E020}';

/// The shipped lexicon, parsed on first use.
pub fn lexicon() -> &'static [Cue] {
    static LEXICON: OnceLock<Vec<Cue>> = OnceLock::new();
    LEXICON.get_or_init(|| parse(include_str!("../../data/lexicon.txt")).expect("shipped lexicon parses"))
}

/// The cues of a lexicon indexed by their first character, so matching a turn costs a few
/// lookups per character instead of a scan of every cue.
pub struct CueIndex {
    contains: HashMap<char, Vec<(u16, String)>>,
    shape: HashMap<char, Vec<(u16, String)>>,
    exact: HashMap<String, Vec<u16>>,
}

impl CueIndex {
    pub fn new(cues: &[Cue]) -> CueIndex {
        let mut index = CueIndex { contains: HashMap::new(), shape: HashMap::new(), exact: HashMap::new() };
        for (i, cue) in cues.iter().enumerate() {
            let i = i as u16;
            match &cue.pattern {
                Pattern::Contains(p) | Pattern::Shape(p) => {
                    let Some(first) = p.chars().next() else { continue };
                    let map = if matches!(cue.pattern, Pattern::Shape(_)) { &mut index.shape } else { &mut index.contains };
                    map.entry(first).or_default().push((i, p.clone()));
                }
                Pattern::Exact(p) => index.exact.entry(p.clone()).or_default().push(i),
            }
        }
        index
    }

    /// Indices of the cues that match a normalised text (given with its number shape), each
    /// once, in ascending order.
    pub fn hits(&self, text: &str, shape: &str) -> Vec<u16> {
        let mut hits = Vec::new();
        for (map, s) in [(&self.contains, text), (&self.shape, shape)] {
            for (at, c) in s.char_indices() {
                if let Some(cues) = map.get(&c) {
                    hits.extend(cues.iter().filter(|(_, p)| s[at..].starts_with(p.as_str())).map(|(i, _)| *i));
                }
            }
        }
        if let Some(cues) = self.exact.get(text.trim_end_matches(EXACT_TRIM)) {
            hits.extend_from_slice(cues);
        }
        hits.sort_unstable();
        hits.dedup();
        hits
    }
}

/// The shipped lexicon's index, built on first use.
pub fn cue_index() -> &'static CueIndex {
    static INDEX: OnceLock<CueIndex> = OnceLock::new();
    INDEX.get_or_init(|| CueIndex::new(lexicon()))
}

/// Punctuation ignored at the end of a turn for `=` cues.
const EXACT_TRIM: [char; 6] = ['?', '!', '.', ',', '~', ' '];

/// A text with digit runs replaced by `NUMBER`, for `{n}` cues.
pub fn number_shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push(NUMBER);
            }
            in_number = true;
        } else {
            out.push(c);
            in_number = false;
        }
    }
    out
}

/// Parses the lexicon format; errors name the line.
pub fn parse(src: &str) -> Result<Vec<Cue>, String> {
    let mut cues = Vec::new();
    let mut label = None;
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        let at = |msg: &str| format!("lexicon line {}: {msg}: {line}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (kind, id) = section.split_once(':').ok_or_else(|| at("section needs kind:id"))?;
            label = Some(match kind {
                "intent" => Label::Intent(Intent::from_id(id).ok_or_else(|| at("unknown intent"))?),
                "buyer_type" => {
                    Label::BuyerType(BuyerType::from_id(id).ok_or_else(|| at("unknown buyer type"))?)
                }
                "sentiment" => {
                    Label::Sentiment(Sentiment::from_id(id).ok_or_else(|| at("unknown sentiment"))?)
                }
                _ => return Err(at("unknown section kind")),
            });
            continue;
        }
        let label = label.ok_or_else(|| at("cue before any section"))?;
        let (phrase, weight) = line.rsplit_once(' ').ok_or_else(|| at("expected `phrase weight`"))?;
        let weight: f32 = weight.parse().map_err(|_| at("weight is not a number"))?;
        let phrase = unescape(phrase.trim()).ok_or_else(|| at("bad \\u{…} escape"))?;
        let pattern = if let Some(exact) = phrase.strip_prefix('=') {
            Pattern::Exact(exact.to_string())
        } else if phrase.contains("{n}") {
            Pattern::Shape(phrase.replace("{n}", &NUMBER.to_string()))
        } else {
            Pattern::Contains(phrase)
        };
        cues.push(Cue { label, pattern, weight });
    }
    Ok(cues)
}

/// Resolves `\u{XXXX}` escapes (for marker characters).
fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}')? + at;
        let code = u32::from_str_radix(&rest[at + 3..end], 16).ok()?;
        out.push(char::from_u32(code)?);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a cue matches, by a plain scan: the oracle the index is checked against.
    fn matches(pattern: &Pattern, text: &str, shape: &str) -> bool {
        match pattern {
            Pattern::Contains(p) => text.contains(p.as_str()),
            Pattern::Shape(p) => shape.contains(p.as_str()),
            Pattern::Exact(p) => text.trim_end_matches(EXACT_TRIM) == p,
        }
    }

    #[test]
    fn shipped_lexicon_parses_and_covers_every_intent_with_cues() {
        let cues = lexicon();
        for &intent in Intent::ALL {
            if matches!(intent, Intent::Ack | Intent::Other) {
                continue;
            }
            assert!(cues.iter().any(|c| c.label == Label::Intent(intent)), "no cues for {intent}");
        }
        for &t in BuyerType::ALL {
            assert!(cues.iter().any(|c| c.label == Label::BuyerType(t)), "no cues for {t}");
        }
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("[intent:greeting]\n在吗 x\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        let err = parse("[intent:nope]\n").unwrap_err();
        assert!(err.contains("unknown intent"), "{err}");
    }

    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let cues = lexicon();
        let index = CueIndex::new(cues);
        for text in ["在吗", "少20就拍 别家才卖299", "好的", "物流三天没动了!!", "\u{E003}垃圾", ""] {
            let shape = number_shape(text);
            let scanned: Vec<u16> = (0..cues.len() as u16).filter(|&i| matches(&cues[i as usize].pattern, text, &shape)).collect();
            assert_eq!(index.hits(text, &shape), scanned, "{text}");
        }
    }

    #[test]
    fn patterns_match() {
        let cues = parse("[intent:bargain]\n少{n} 1\n=好 1\n\\u{E003} 1\n").unwrap();
        let text = "少20就拍";
        assert!(matches(&cues[0].pattern, text, &number_shape(text)));
        assert!(!matches(&cues[0].pattern, "少点", &number_shape("少点")));
        assert!(matches(&cues[1].pattern, "好!", "好!"));
        assert!(!matches(&cues[1].pattern, "好的", "好的"));
        assert_eq!(cues[2].pattern, Pattern::Contains("\u{E003}".into()));
    }
}
