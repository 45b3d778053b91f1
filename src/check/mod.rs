//! The live check of an agent's draft (and of every suggestion before insert): red lines of the
//! platforms and the advertising law, found as the agent types. Rules are data
//! (`data/check/rules.json`, versioned, each with its source); a shop adds its own words.
//!
//! Matching runs on the draft's shadow (`shadow.rs`: zero-width characters and separators
//! dropped, widths and case folded, Traditional read as Simplified, numerals spelt out read as
//! digits), with one Aho-Corasick automaton over every term and every allowed phrase,
//! leftmost-longest: an allowed phrase (第一时间, 100%棉, QQ糖) that starts where a term does
//! wins over the shorter term inside it. A hit that needed the shadow's tricks is an evasion.
//! Findings carry UTF-16 spans of the draft (what the panel and the page's editors count in).

mod pack;
mod shadow;
pub mod words;

pub use pack::{Category, PackError, RulePack, Severity};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use shadow::Cell;

/// The rule pack that ships with the extension.
pub const BUILTIN_RULES: &str = include_str!("../../data/check/rules.json");

/// Drafts longer than this are checked up to here (a chat reply is rarely over 500 characters).
pub const MAX_DRAFT_CHARS: usize = 2000;

/// One thing found in a draft.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub category: Category,
    pub severity: Severity,
    /// UTF-16 offsets of the span in the draft.
    pub start: usize,
    pub end: usize,
    pub rule: String,
    /// Where the rule comes from (e.g. 广告法第九条).
    pub source: String,
    /// What to put in the span's place (may be empty: delete it).
    pub rewrite: String,
    /// Found only by reading through a trick (zero-width characters, separators, look-alikes,
    /// homophones): ranks above a plain hit.
    pub evasion: bool,
}

/// What a pattern of the automaton is.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    Term { rule: usize, evasive: bool },
    Allow,
}

/// A checker built from a rule pack (build once, check many drafts).
pub struct Checker {
    pack: RulePack,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    negations: Vec<String>,
    titles: Vec<String>,
    personal: Vec<String>,
}

impl Checker {
    /// The checker of the rule pack that ships.
    pub fn builtin() -> Checker {
        Checker::with_words(&[])
    }

    /// The checker of the shipped pack with a shop's own words (`words.rs`) added.
    pub fn with_words(words: &[words::OwnWord]) -> Checker {
        Checker::new(RulePack::parse(BUILTIN_RULES).expect("the shipped rule pack is valid (tested)").with_words(words))
    }

    pub fn new(pack: RulePack) -> Checker {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (i, rule) in pack.rules.iter().enumerate() {
            for (list, evasive) in [(&rule.terms, false), (&rule.evasions, true)] {
                for t in list {
                    let t = shadow::term(t);
                    if !t.is_empty() {
                        words.push(t);
                        patterns.push(Pattern::Term { rule: i, evasive });
                    }
                }
            }
        }
        for a in &pack.allow {
            let a = shadow::term(a);
            if !a.is_empty() {
                words.push(a);
                patterns.push(Pattern::Allow);
            }
        }
        let automaton = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&words).expect("terms are bounded in number and length (checked by the pack)");
        let fold = |list: &[String]| list.iter().map(|w| shadow::term(w)).filter(|w| !w.is_empty()).collect::<Vec<_>>();
        Checker { negations: fold(&pack.negations), titles: fold(&pack.person_titles), personal: fold(&pack.personal_words), pack, automaton, patterns }
    }

    pub fn pack(&self) -> &RulePack {
        &self.pack
    }

    /// Every finding in `draft`, in the draft's order (none: a clean draft).
    pub fn check(&self, draft: &str) -> Vec<Finding> {
        let bounded: String = draft.chars().take(MAX_DRAFT_CHARS).collect();
        let cells = shadow::shadow(&bounded);
        let (text, owner) = shadow::text_of(&cells);
        let quoted = quoted_spans(&bounded);
        let units = Utf16::new(&bounded);
        let mut found = Vec::new();
        for m in self.automaton.find_iter(&text) {
            let Pattern::Term { rule, evasive } = self.patterns[m.pattern().as_usize()] else { continue };
            let (first, last) = (owner[m.start()], owner[m.end() - 1]);
            let span = &cells[first..=last];
            let (start, end) = (span[0].start, span[span.len() - 1].end);
            // Words the agent quotes back from the buyer are the buyer's, not the agent's.
            if quoted.iter().any(|&(a, b)| a <= start && end <= b) {
                continue;
            }
            let r = &self.pack.rules[rule];
            // "We cannot add WeChat", "we have no cashback for reviews" refuse: a contact,
            // payment or reward term governed by a negation just before it.
            if matches!(r.category, Category::OffPlatform | Category::ReviewBribe) && self.negated(&cells, first) {
                continue;
            }
            let tricked = evasive || span.iter().any(|c| c.tricked) || span.iter().skip(1).any(|c| c.after_gap);
            let rewrite = if tricked { r.rewrite.clone() } else { replaced(&units.slice(start, end), &r.replace).unwrap_or_else(|| r.rewrite.clone()) };
            found.push(Finding { category: r.category, severity: r.severity, start, end, rule: r.id.clone(), source: r.source.clone(), rewrite, evasion: tricked });
        }
        self.phones(&cells, &quoted, &mut found);
        self.people(&cells, &mut found);
        crate::sort::by_key(&mut found, |f| (f.start, std::cmp::Reverse(f.end)));
        found
    }

    /// A negation governing the term at `at`: within the few shadow characters before it, with
    /// no inviting verb between the two (不能加微信 refuses; 不用走平台，加我微信 invites).
    fn negated(&self, cells: &[Cell], at: usize) -> bool {
        const WINDOW: usize = 8;
        const INVITING: [char; 6] = ['加', '扫', '找', '联', '转', '打'];
        let before: Vec<char> = cells[at.saturating_sub(WINDOW)..at].iter().map(|c| c.ch).collect();
        let text: String = before.iter().collect();
        // A term that is itself the invitation (加个微信) is refused only right after the
        // negation (不能加个微信), not a clause later (不方便说，加个微信).
        let inviting_term = cells.get(at).is_some_and(|c| INVITING.contains(&c.ch));
        self.negations.iter().any(|n| {
            text.rmatch_indices(n.as_str()).next().is_some_and(|(i, _)| {
                let between: Vec<char> = text[i + n.len()..].chars().collect();
                if inviting_term {
                    return between.len() <= 1;
                }
                // The verb right after the negation is the one it negates (不能加).
                between.iter().skip(1).all(|c| !INVITING.contains(c))
            })
        })
    }

    /// Digit runs that read as a mobile number (11 digits, 1[3-9]…), unless an order, tracking or
    /// item number is named just before: off-platform contact.
    fn phones(&self, cells: &[Cell], quoted: &[(usize, usize)], found: &mut Vec<Finding>) {
        const NAMED_BEFORE: usize = 6;
        const NOT_A_PHONE: [&str; 12] = ["单号", "订单", "运单", "快递", "物流", "编号", "货号", "sku", "条码", "型号", "发票", "工单"];
        let mut i = 0;
        while i < cells.len() {
            let run = cells[i..].iter().take_while(|c| c.ch.is_ascii_digit()).count();
            if run == 0 {
                i += 1;
                continue;
            }
            let digits: String = cells[i..i + run].iter().map(|c| c.ch).collect();
            let letters_around = (i > 0 && cells[i - 1].ch.is_ascii_alphabetic()) || cells.get(i + run).is_some_and(|c| c.ch.is_ascii_alphabetic());
            let before: String = cells[i.saturating_sub(NAMED_BEFORE)..i].iter().map(|c| c.ch).collect();
            let is_phone = run == 11 && digits.starts_with('1') && matches!(digits.as_bytes()[1], b'3'..=b'9') && !letters_around && !NOT_A_PHONE.iter().any(|w| before.contains(w));
            if is_phone {
                let (start, end) = (cells[i].start, cells[i + run - 1].end);
                if !quoted.iter().any(|&(a, b)| a <= start && end <= b) {
                    let span = &cells[i..i + run];
                    let evasion = span.iter().any(|c| c.tricked) || span.iter().skip(1).any(|c| c.after_gap);
                    found.push(Finding {
                        category: Category::OffPlatform,
                        severity: Severity::Block,
                        start,
                        end,
                        rule: "contact-phone".into(),
                        source: "平台规则：引导站外交易、留站外联系方式".into(),
                        rewrite: String::new(),
                        evasion,
                    });
                }
            }
            i += run;
        }
    }

    /// Another person named with a title (王女士, 李先生) and their details (an address, a phone,
    /// where they live) close together: another buyer's personal data.
    fn people(&self, cells: &[Cell], found: &mut Vec<Finding>) {
        const WINDOW: usize = 24;
        let chars: Vec<char> = cells.iter().map(|c| c.ch).collect();
        for title in &self.titles {
            let t: Vec<char> = title.chars().collect();
            let mut i = 1;
            while i + t.len() <= chars.len() {
                if chars[i..i + t.len()] == t[..] {
                    let name = chars[i - 1];
                    // A surname before the title, not 您/该/这/那 or a digit.
                    let named = is_cjk(name) && !"您你该这那此老小各位的个".contains(name);
                    let after: String = chars[i + t.len()..(i + t.len() + WINDOW).min(chars.len())].iter().collect();
                    if named && (self.personal.iter().any(|w| after.contains(w.as_str())) || after.chars().filter(char::is_ascii_digit).count() >= 4) {
                        found.push(Finding {
                            category: Category::PersonalData,
                            severity: Severity::Block,
                            start: cells[i - 1].start,
                            end: cells[i + t.len() - 1].end,
                            rule: "person-details".into(),
                            source: "天猫高压线：泄露买家信息（扣 6 分）".into(),
                            rewrite: String::new(),
                            evasion: false,
                        });
                    }
                }
                i += 1;
            }
        }
    }
}

/// A text as UTF-16 units, the offsets findings (and the page's editors) count in: encoded once,
/// sliced as often as needed.
pub struct Utf16(Vec<u16>);

impl Utf16 {
    pub fn new(text: &str) -> Utf16 {
        Utf16(text.encode_utf16().collect())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text between two offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.0.len());
        String::from_utf16_lossy(&self.0[start.min(end)..end])
    }
}

/// The span with the rule's words replaced, longest first; None when none is in it.
fn replaced(span: &str, words: &std::collections::BTreeMap<String, String>) -> Option<String> {
    // The first of the longest (min_by_key keeps the first of equals).
    let first = words.keys().filter(|k| span.contains(k.as_str())).min_by_key(|k| std::cmp::Reverse(k.chars().count()))?;
    Some(span.replacen(first.as_str(), &words[first], 1))
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// UTF-16 spans of the draft inside quotation marks (“…”, "…", 「…」, 『…』).
fn quoted_spans(draft: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(char, usize)> = None;
    let mut at = 0;
    for c in draft.chars() {
        let here = at;
        at += c.len_utf16();
        match (open, c) {
            (None, '“' | '"' | '「' | '『') => open = Some((c, here)),
            (Some(('“', s)), '”') | (Some(('"', s)), '"') | (Some(('「', s)), '」') | (Some(('『', s)), '』') => {
                spans.push((s, at));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

/// Replaces one finding's span in `draft` with its rewrite (UTF-16 offsets; other text kept).
pub fn apply_rewrite(draft: &str, finding: &Finding) -> String {
    let units = Utf16::new(draft);
    let mut out = units.slice(0, finding.start);
    out.push_str(&finding.rewrite);
    out.push_str(&units.slice(finding.end.max(finding.start), units.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(draft: &str) -> Vec<(Category, String, bool)> {
        Checker::builtin().check(draft).into_iter().map(|f| (f.category, f.rule, f.evasion)).collect()
    }

    #[test]
    fn the_shipped_pack_is_valid() {
        let pack = RulePack::parse(BUILTIN_RULES).unwrap();
        assert!(pack.rules.len() >= 10);
    }

    #[test]
    fn plain_hits_evasions_and_allowed_phrases() {
        assert_eq!(cats("加我微信聊"), vec![(Category::OffPlatform, "contact-wechat".into(), false)]);
        assert_eq!(cats("加我薇信"), vec![(Category::OffPlatform, "contact-wechat".into(), true)]);
        assert_eq!(cats("加我微\u{200B}信"), vec![(Category::OffPlatform, "contact-wechat".into(), true)]);
        assert_eq!(cats("Ｖ-Ｘ：kefu01"), vec![(Category::OffPlatform, "contact-wechat".into(), true)]);
        assert!(cats("我们会第一时间给您发货").is_empty());
        assert!(cats("面料是100%棉的").is_empty());
        assert!(cats("这款QQ糖很好吃哦").is_empty(), "{:?}", cats("这款QQ糖很好吃哦"));
        assert!(cats("不好意思，我们不能加微信哦").is_empty());
        assert!(cats("您说的“好评返现”我们这边是没有的").is_empty());
        assert_eq!(cats("这是全网最好的面霜")[0].0, Category::Absolute);
    }

    #[test]
    fn phones_but_not_order_numbers() {
        assert_eq!(cats("有事打13800138000")[0].1, "contact-phone");
        assert!(cats("电话一三八零零一三八零零零")[0].2, "spelt out: an evasion");
        assert!(cats("您的订单号13800138000已发货").is_empty());
        assert!(cats("运单号SF13800138000").is_empty());
    }

    #[test]
    fn spans_are_utf16_and_the_rewrite_replaces_only_its_span() {
        let draft = "😀加我微信吧";
        let f = &Checker::builtin().check(draft)[0];
        assert_eq!((f.start, f.end), (2, 6), "the emoji is two UTF-16 units: 加我微信 is at 2..6 {f:?}");
        assert_eq!(apply_rewrite(draft, f), "😀在平台上联系我们吧");
        // A promise keeps what the agent meant, without the guarantee.
        let draft = "亲，保证明天到哦";
        let f = &Checker::builtin().check(draft)[0];
        assert_eq!(apply_rewrite(draft, f), "亲，预计明天到哦");
    }
}
