//! Search as the agent types: a phrase matches when its text holds the query, when its full
//! pinyin (no tones, no spaces) or its initials start a word of it or hold it, or when the query
//! is `/code` (or the code itself) and the phrase's code starts with it. Better matches first:
//! code, initials from the start, text, pinyin; then the phrases used most.

use super::Phrase;

/// Every CJK Unified Ideograph's pinyin (no tones), written by the build from the `pinyin` crate.
mod table {
    include!(concat!(env!("OUT_DIR"), "/pinyin_table.rs"));
}

/// The pinyin of a character, if it is a CJK ideograph with one.
fn pinyin_of(c: char) -> Option<&'static str> {
    let at = (c as u32).checked_sub(table::FIRST)? as usize;
    let bytes = table::INDEX.get(at * 2..at * 2 + 2)?;
    let i = u16::from_le_bytes([bytes[0], bytes[1]]);
    table::SYLLABLES.get(i as usize).copied()
}

/// A phrase found, with how well it matched (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
}

/// The full pinyin and the initials of a text (characters without pinyin are kept, lowercased).
pub fn spell(text: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for c in text.chars() {
        match pinyin_of(c) {
            Some(plain) => {
                full.push_str(plain);
                initials.push(plain.chars().next().unwrap_or(c));
            }
            None if c.is_alphanumeric() => {
                let lower = c.to_ascii_lowercase();
                full.push(lower);
                initials.push(lower);
            }
            None => {}
        }
    }
    (full, initials)
}

/// Each phrase's full pinyin and initials (`spell`), computed once for a library.
pub fn spellings(phrases: &[Phrase]) -> Vec<(String, String)> {
    phrases.iter().map(|p| spell(&p.text)).collect()
}

/// The phrases matching `query`, best first (at most `limit`).
pub fn search(phrases: &[Phrase], query: &str, limit: usize) -> Vec<Hit> {
    search_spelled(phrases, &spellings(phrases), query, limit)
}

/// `search` with the library's spellings already made (`spellings`): what the panel does on
/// every key the agent types.
pub fn search_spelled(phrases: &[Phrase], spelled: &[(String, String)], query: &str, limit: usize) -> Vec<Hit> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let code = q.strip_prefix('/');
    let letters = q.chars().all(|c| c.is_ascii_alphanumeric());
    let mut hits: Vec<Hit> = phrases
        .iter()
        .enumerate()
        .filter_map(|(index, p)| {
            let pcode = p.code.to_lowercase();
            let score = if let Some(code) = code {
                (!code.is_empty() && pcode.starts_with(code)).then_some(100)?
            } else if letters && !pcode.is_empty() && pcode == q {
                100
            } else if p.text.to_lowercase().contains(&q) {
                60
            } else if letters {
                let (full, initials) = spelled.get(index)?;
                if initials.starts_with(&q) {
                    80
                } else if full.starts_with(&q) {
                    70
                } else if q.len() >= 2 && initials.contains(&q) {
                    50
                } else if q.len() >= 3 && full.contains(&q) {
                    40
                } else {
                    return None;
                }
            } else {
                return None;
            };
            Some(Hit { index, score })
        })
        .collect();
    crate::sort::by(&mut hits, |a, b| b.score.cmp(&a.score).then(phrases[b.index].uses.cmp(&phrases[a.index].uses)).then(a.index.cmp(&b.index)));
    hits.truncate(limit);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lib() -> Vec<Phrase> {
        [("售后", "tk", "退款到账一般1-3个工作日，请您留意"), ("发货", "fh", "亲，今天下单明天发货哦"), ("问候", "", "您好，有什么可以帮您")]
            .iter()
            .map(|(g, c, t)| Phrase { group: g.to_string(), code: c.to_string(), text: t.to_string(), uses: 0 })
            .collect()
    }

    #[test]
    fn initials_full_pinyin_text_and_codes_find_the_phrase() {
        let l = lib();
        assert_eq!(search(&l, "tkdz", 5)[0].index, 0, "initials");
        assert_eq!(search(&l, "tuikuan", 5)[0].index, 0, "full pinyin");
        assert_eq!(search(&l, "明天发货", 5)[0].index, 1, "text");
        assert_eq!(search(&l, "/fh", 5)[0].index, 1, "a code");
        assert_eq!(search(&l, "nh", 5)[0].index, 2);
        assert!(search(&l, "/zz", 5).is_empty());
        assert!(search(&l, "  ", 5).is_empty());
    }

    #[test]
    fn the_phrase_used_most_comes_first_among_equals() {
        let mut l = lib();
        l.push(Phrase { group: String::new(), code: String::new(), text: "退款到账后请查收".into(), uses: 9 });
        let hits = search(&l, "tkdz", 5);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![3, 0]);
    }

    #[test]
    fn spells_mixed_text() {
        assert_eq!(spell("退款A1"), ("tuikuana1".to_string(), "tka1".to_string()));
    }
}
