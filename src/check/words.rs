//! A shop's own words for the draft check (a rival's name, the shop's old WeChat group, a word
//! its category's platform fined it for): each with one of the check's categories, a severity and
//! an optional replacement. Kept as JSON under `kefu.check.words`
//! (`{"kefu_words": 1, "words": [{word, category, severity, replacement}]}`), added to the
//! shipped pack as one rule per word. Every entry is checked when read; each error names its
//! entry and the reason.

use super::pack::{Category, RulePack, Rule, Severity, MAX_TERM_CHARS};
use super::shadow;
use serde::{Deserialize, Serialize};

/// Where the words are kept (beside the notes and the quick phrases, on this machine only).
pub const KEY: &str = "kefu.check.words";
/// At most this many words (the checker is rebuilt when they change).
pub const MAX_WORDS: usize = 500;
pub const MAX_REPLACEMENT_CHARS: usize = 100;
/// What a shop word's findings name as their source.
pub const SOURCE: &str = "本店自定词语";

/// One of the shop's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnWord {
    pub word: String,
    pub category: Category,
    pub severity: Severity,
    /// What to put in the word's place (empty: delete it).
    #[serde(default)]
    pub replacement: String,
}

/// An entry as stored: category and severity read as text so that each bad one is named.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    word: String,
    category: String,
    severity: String,
    #[serde(default)]
    replacement: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    kefu_words: u32,
    words: Vec<Entry>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    kefu_words: u32,
    words: &'a [OwnWord],
}

/// A category or severity from its stored name (`off_platform`, `block`).
fn named<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// The category names, in the order the options page lists them.
pub const CATEGORIES: [Category; 8] = [
    Category::OffPlatform,
    Category::ReviewBribe,
    Category::Absolute,
    Category::Efficacy,
    Category::Promise,
    Category::Rude,
    Category::Urgency,
    Category::PersonalData,
];

/// A word as the agent typed it, from the form's fields (names as stored: `off_platform`,
/// `block`). @returns the word, or why it cannot be one.
pub fn typed(word: &str, category: &str, severity: &str, replacement: &str) -> Result<OwnWord, String> {
    let category = named(category.trim()).ok_or_else(|| format!("unknown category {category:?}"))?;
    let severity = named(severity.trim()).ok_or_else(|| format!("unknown severity {severity:?}: block, warn or hint"))?;
    let w = OwnWord { word: word.trim().into(), category, severity, replacement: replacement.trim().into() };
    problem(&w).map_or(Ok(w), Err)
}

/// Why a word cannot be kept. @returns the reason, or None when it can.
pub fn problem(w: &OwnWord) -> Option<String> {
    let n = w.word.chars().count();
    if w.word.trim().is_empty() {
        return Some("the word is empty".into());
    }
    if n > MAX_TERM_CHARS {
        return Some(format!("the word has {n} characters; at most {MAX_TERM_CHARS}"));
    }
    let read = shadow::term(&w.word);
    // What the check reads of it: a lone character would flag half of every draft.
    if read.chars().count() < 2 {
        return Some(format!("the word {:?} has fewer than 2 letters, digits or characters the check reads", w.word));
    }
    if w.replacement.chars().count() > MAX_REPLACEMENT_CHARS {
        return Some(format!("the replacement is longer than {MAX_REPLACEMENT_CHARS} characters"));
    }
    if shadow::term(&w.replacement).contains(&read) {
        return Some("the replacement holds the word itself: it would be found again".into());
    }
    None
}

/// Why the entry `index` of a list could not be read: (entry number from 1, reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordsError {
    pub errors: Vec<(usize, String)>,
}

impl std::fmt::Display for WordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let each: Vec<String> = self.errors.iter().map(|(n, why)| if *n == 0 { why.clone() } else { format!("word {n}: {why}") }).collect();
        write!(f, "the shop's words cannot be read ({})", each.join("; "))
    }
}

impl std::error::Error for WordsError {}

/// Reads the stored words (none stored: none); every bad entry is named (number 0: the file).
pub fn parse(stored: Option<&str>) -> Result<Vec<OwnWord>, WordsError> {
    let Some(json) = stored else { return Ok(Vec::new()) };
    let whole = |why: String| WordsError { errors: vec![(0, why)] };
    let file: File = serde_json::from_str(json).map_err(|e| whole(format!("line {}: {e}", e.line())))?;
    if file.kefu_words != 1 {
        return Err(whole(format!("kefu_words must be 1, the format version (got {})", file.kefu_words)));
    }
    if file.words.len() > MAX_WORDS {
        return Err(whole(format!("at most {MAX_WORDS} words")));
    }
    let mut words: Vec<OwnWord> = Vec::new();
    // Each good word's number in the file (a bad one before it is not in `words`).
    let mut numbers = Vec::new();
    let mut errors = Vec::new();
    for (i, e) in file.words.into_iter().enumerate() {
        match typed(&e.word, &e.category, &e.severity, &e.replacement) {
            Ok(w) => match duplicate(&words, &w.word) {
                Some(first) => errors.push((i + 1, format!("{:?} is also word {}", w.word, numbers[first]))),
                None => {
                    words.push(w);
                    numbers.push(i + 1);
                }
            },
            Err(why) => errors.push((i + 1, why)),
        }
    }
    if errors.is_empty() {
        Ok(words)
    } else {
        Err(WordsError { errors })
    }
}

/// The index of a word the check reads the same as `word` (薇信 and 薇 信 are one word).
fn duplicate(words: &[OwnWord], word: &str) -> Option<usize> {
    let read = shadow::term(word);
    words.iter().position(|w| shadow::term(&w.word) == read)
}

/// The words as stored.
pub fn to_json(words: &[OwnWord]) -> String {
    serde_json::to_string_pretty(&FileOut { kefu_words: 1, words }).expect("words serialise")
}

/// Reads a words file (the format stored, exported and read by `kefu check --words`) into
/// `words`, whole or not at all: a word the list has already (read the same) keeps its spelling
/// and takes the file's category, severity and replacement, the others are added at the end.
/// @returns (added, changed), or every bad entry named and `words` untouched.
pub fn import(words: &mut Vec<OwnWord>, file: &str) -> Result<(usize, usize), WordsError> {
    let mut merged = words.clone();
    let (mut added, mut changed) = (0, 0);
    for w in parse(Some(file))? {
        match duplicate(&merged, &w.word) {
            Some(i) => {
                let updated = OwnWord { word: merged[i].word.clone(), ..w };
                changed += usize::from(merged[i] != updated);
                merged[i] = updated;
            }
            None => {
                merged.push(w);
                added += 1;
            }
        }
    }
    if merged.len() > MAX_WORDS {
        return Err(WordsError { errors: vec![(0, format!("at most {MAX_WORDS} words: with this file the list would have {}", merged.len()))] });
    }
    *words = merged;
    Ok((added, changed))
}

/// Adds a word at the end. @returns why not (checked, no duplicate, at most `MAX_WORDS`).
pub fn add(words: &mut Vec<OwnWord>, w: OwnWord) -> Result<(), String> {
    if let Some(why) = problem(&w) {
        return Err(why);
    }
    if let Some(i) = duplicate(words, &w.word) {
        return Err(format!("{:?} is already in the list (as {:?})", w.word, words[i].word));
    }
    if words.len() >= MAX_WORDS {
        return Err(format!("the list already holds {MAX_WORDS} words, the most it keeps"));
    }
    words.push(w);
    Ok(())
}

/// Deletes the word `word` (found by the word, not a position another page may have shifted).
pub fn remove(words: &mut Vec<OwnWord>, word: &str) -> Result<OwnWord, String> {
    let i = words.iter().position(|w| w.word == word).ok_or_else(|| format!("{word:?} is no longer in the list"))?;
    Ok(words.remove(i))
}

/// The stored words; an entry that cannot be read is an error to show, never dropped silently.
pub fn load(store: &impl crate::notes::NotesStore) -> Result<Vec<OwnWord>, String> {
    parse(store.get(KEY).map_err(|e| e.to_string())?.as_deref()).map_err(|e| e.to_string())
}

pub fn save(store: &mut impl crate::notes::NotesStore, words: &[OwnWord]) -> Result<(), crate::notes::StoreError> {
    store.set(KEY, &to_json(words))
}

impl RulePack {
    /// This pack with the shop's words added, one rule each (`shop:<word>`). Where a shipped
    /// term reads the same, the shipped rule keeps it (it comes first in the automaton).
    pub fn with_words(mut self, words: &[OwnWord]) -> RulePack {
        for w in words {
            self.rules.push(Rule {
                id: format!("shop:{}", w.word),
                category: w.category,
                severity: w.severity,
                source: SOURCE.into(),
                terms: vec![w.word.clone()],
                evasions: Vec::new(),
                rewrite: w.replacement.clone(),
                replace: Default::default(),
            });
        }
        self
    }
}

/// A checker with the shop's words as last stored: built on first use, and again only when the
/// stored entry changed (the panel asks on every key the agent types).
#[derive(Default)]
pub struct Cached {
    checker: Option<super::Checker>,
    /// The entry it was built with (None: read it again next time).
    built_with: Option<Option<String>>,
    /// Why the shop's words are not in the check (they cannot be read, or storage failed).
    problem: Option<String>,
}

impl Cached {
    /// The checker for `stored`, the words entry as storage holds it now. Words that cannot be
    /// read leave the shipped rules checking alone; storage failing keeps the checker there is;
    /// either way `problem` says why.
    pub fn current(&mut self, stored: Result<Option<String>, String>) -> &super::Checker {
        match stored {
            Err(e) => {
                self.problem = Some(e);
                self.built_with = None;
            }
            Ok(stored) if self.checker.is_none() || self.built_with.as_ref() != Some(&stored) => {
                let (checker, problem) = match parse(stored.as_deref()) {
                    Ok(list) => (super::Checker::with_words(&list), None),
                    Err(e) => (super::Checker::builtin(), Some(e.to_string())),
                };
                self.checker = Some(checker);
                self.problem = problem;
                self.built_with = Some(stored);
            }
            Ok(_) => {}
        }
        self.checker.get_or_insert_with(super::Checker::builtin)
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{apply_rewrite, Checker, BUILTIN_RULES};
    use crate::notes::{MemoryStore, NotesStore};

    fn checker(words: &[OwnWord]) -> Checker {
        Checker::new(RulePack::parse(BUILTIN_RULES).unwrap().with_words(words))
    }

    #[test]
    fn a_shop_word_fires_with_its_category_severity_and_replacement() {
        let words = vec![typed("拍拍群", "off_platform", "block", "").unwrap(), typed("隔壁家", "rude", "hint", "其他店铺").unwrap()];
        let c = checker(&words);
        let f = &c.check("亲，进我们拍拍群领券")[0];
        assert_eq!((f.category, f.severity, f.rule.as_str(), f.source.as_str()), (Category::OffPlatform, Severity::Block, "shop:拍拍群", SOURCE));
        assert_eq!((f.start, f.end, f.evasion), (5, 8, false));
        // Read through the same tricks as the shipped terms: an evasion.
        let f = &c.check("进拍\u{200B}拍-群")[0];
        assert_eq!((f.rule.as_str(), f.evasion), ("shop:拍拍群", true));
        let draft = "别买隔壁家的";
        let f = &c.check(draft)[0];
        assert_eq!((f.category, f.severity), (Category::Rude, Severity::Hint));
        assert_eq!(apply_rewrite(draft, f), "别买其他店铺的");
        assert!(Checker::builtin().check("进我们拍拍群").is_empty(), "not a shipped term: only the shop's list finds it");
        // The shipped rules still hold beside the shop's.
        assert_eq!(c.check("加我微信")[0].rule, "contact-wechat");
    }

    #[test]
    fn a_words_file_imports_whole_or_not_at_all() {
        let mut list = vec![typed("拍拍群", "off_platform", "block", "").unwrap(), typed("隔壁家", "rude", "hint", "").unwrap()];
        let exported = to_json(&list);
        // Its own export adds and changes nothing.
        assert_eq!(import(&mut list, &exported), Ok((0, 0)));
        assert_eq!(list.len(), 2);
        // A word read the same (spaced) takes the file's settings; a new one is added.
        let file = r#"{"kefu_words": 1, "words": [
            {"word": "拍 拍 群", "category": "off_platform", "severity": "warn", "replacement": "店铺群"},
            {"word": "秒杀最后一波", "category": "urgency", "severity": "warn"}
        ]}"#;
        assert_eq!(import(&mut list, file), Ok((1, 1)));
        assert_eq!((list[0].word.as_str(), list[0].severity, list[0].replacement.as_str()), ("拍拍群", Severity::Warn, "店铺群"), "its spelling kept");
        assert_eq!(list[2].word, "秒杀最后一波");
        // A file with a bad entry changes nothing, and says which and why.
        let before = list.clone();
        let bad = r#"{"kefu_words": 1, "words": [
            {"word": "新词语", "category": "rude", "severity": "hint"},
            {"word": "群", "category": "rude", "severity": "warn"}
        ]}"#;
        let e = import(&mut list, bad).unwrap_err();
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.errors[0].0, 2);
        assert!(e.to_string().contains("word 2") && e.to_string().contains("fewer than 2"), "{e}");
        assert!(import(&mut list, "not json").unwrap_err().to_string().contains("line 1"));
        // A repeat is named by the numbers in the file, bad entries before it counted.
        let repeat = r#"{"kefu_words": 1, "words": [
            {"word": "群", "category": "rude", "severity": "warn"},
            {"word": "新词语", "category": "rude", "severity": "hint"},
            {"word": "新 词 语", "category": "rude", "severity": "hint"}
        ]}"#;
        let e = import(&mut list, repeat).unwrap_err();
        assert_eq!(e.errors[1], (3, "\"新 词 语\" is also word 2".to_string()));
        assert_eq!(list, before);
        // Past the limit: refused whole.
        let many: Vec<OwnWord> = (0..MAX_WORDS).map(|i| typed(&format!("词{i:04}"), "rude", "hint", "").unwrap()).collect();
        let e = import(&mut list, &to_json(&many)).unwrap_err();
        assert!(e.to_string().contains(&format!("at most {MAX_WORDS}")), "{e}");
        assert_eq!(list, before);
    }

    #[test]
    fn bad_words_are_refused_with_the_reason() {
        assert_eq!(typed("  ", "rude", "warn", "").unwrap_err(), "the word is empty");
        assert!(typed(&"长".repeat(41), "rude", "warn", "").unwrap_err().contains("at most 40"));
        assert!(typed("拍拍群", "spam", "warn", "").unwrap_err().contains("unknown category"));
        assert!(typed("拍拍群", "rude", "fatal", "").unwrap_err().contains("unknown severity"));
        assert!(typed("群", "rude", "warn", "").unwrap_err().contains("fewer than 2"));
        assert!(typed("-.-", "rude", "warn", "").unwrap_err().contains("fewer than 2"));
        assert!(typed("拍拍群", "rude", "warn", "新拍拍群").unwrap_err().contains("itself"));
        let mut list = vec![typed("拍拍群", "off_platform", "block", "").unwrap()];
        assert!(add(&mut list, typed("拍 拍 群", "rude", "hint", "").unwrap()).unwrap_err().contains("already"));
        assert_eq!(list.len(), 1);
        assert!(remove(&mut list, "别的").is_err());
        assert_eq!(remove(&mut list, "拍拍群").unwrap().word, "拍拍群");
    }

    #[test]
    fn stored_words_round_trip_and_bad_entries_are_each_named() {
        let mut store = MemoryStore::new();
        assert_eq!(load(&store).unwrap(), Vec::new());
        let mut words = Vec::new();
        add(&mut words, typed("拍拍群", "off_platform", "block", "").unwrap()).unwrap();
        add(&mut words, typed("秒杀最后一波", "urgency", "warn", "活动进行中").unwrap()).unwrap();
        save(&mut store, &words).unwrap();
        assert_eq!(load(&store).unwrap(), words);
        let bad = r#"{"kefu_words": 1, "words": [
            {"word": "拍拍群", "category": "off_platform", "severity": "block"},
            {"word": "", "category": "rude", "severity": "warn"},
            {"word": "隔壁家", "category": "spam", "severity": "warn"},
            {"word": "拍拍 群", "category": "rude", "severity": "hint"}
        ]}"#;
        let e = parse(Some(bad)).unwrap_err();
        assert_eq!(e.errors.iter().map(|(n, _)| *n).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert!(e.to_string().contains("word 3: unknown category \"spam\""), "{e}");
        store.set(KEY, "{broken").unwrap();
        assert!(load(&store).unwrap_err().contains("line 1"), "an unreadable list is said, not emptied");
        assert!(parse(Some(r#"{"kefu_words": 2, "words": []}"#)).unwrap_err().to_string().contains("format version"));
    }

    #[test]
    fn the_cached_checker_picks_up_changed_words_and_says_why_not() {
        let rules = |c: &Checker| c.check("进我们拍拍群，加我微信").into_iter().map(|f| f.rule).collect::<Vec<_>>();
        let mut cached = Cached::default();
        assert_eq!(rules(cached.current(Ok(None))), vec!["contact-wechat"]);
        let mut list = Vec::new();
        add(&mut list, typed("拍拍群", "off_platform", "block", "").unwrap()).unwrap();
        let stored = to_json(&list);
        assert_eq!(rules(cached.current(Ok(Some(stored.clone())))), vec!["shop:拍拍群", "contact-wechat"]);
        assert_eq!(cached.problem(), None);
        let built: *const Checker = cached.current(Ok(Some(stored.clone())));
        assert!(std::ptr::eq(built, cached.current(Ok(Some(stored.clone())))), "the same entry: not built again");
        // Words that cannot be read: the shipped rules alone, and why.
        assert_eq!(rules(cached.current(Ok(Some("{broken".into())))), vec!["contact-wechat"]);
        assert!(cached.problem().is_some_and(|p| p.contains("cannot be read")));
        // Storage failing is said too; the next good read builds the checker again.
        cached.current(Err("denied".into()));
        assert_eq!(cached.problem(), Some("denied"));
        assert_eq!(rules(cached.current(Ok(Some(stored)))), vec!["shop:拍拍群", "contact-wechat"]);
        assert_eq!(cached.problem(), None);
        // Deleted in the options page: gone from the check.
        assert_eq!(rules(cached.current(Ok(Some(to_json(&[]))))), vec!["contact-wechat"]);
    }

    #[test]
    fn every_category_has_a_stored_name() {
        for c in CATEGORIES {
            let name = serde_json::to_value(c).unwrap();
            assert_eq!(named::<Category>(name.as_str().unwrap()), Some(c));
        }
    }
}
