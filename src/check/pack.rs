//! Rule packs: versioned data files, each rule with its category, severity, source, terms (and
//! evasive spellings), and the rewrite it offers. Checked whole when read: every problem is named.

use serde::{Deserialize, Serialize};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Absolute terms (广告法第九条): 最佳, 第一, 国家级, 顶级, 100%…
    Absolute,
    /// Efficacy and medical claims.
    Efficacy,
    /// Contact or payment off the platform.
    OffPlatform,
    /// A reward for a (good) review.
    ReviewBribe,
    /// Another buyer's personal data.
    PersonalData,
    /// A promise the shop cannot keep.
    Promise,
    /// Rude or dismissive service.
    Rude,
    /// Fake urgency.
    Urgency,
}

/// How bad: `block` (never send this), `warn` (rewrite it), `hint` (worth a look).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Hint,
    Warn,
    Block,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub source: String,
    pub terms: Vec<String>,
    #[serde(default)]
    pub evasions: Vec<String>,
    /// What to put in the span's place when no `replace` applies (may be empty: delete it).
    #[serde(default)]
    pub rewrite: String,
    /// Words replaced inside the span itself, longest first (保证明天到 → 预计明天到): keeps
    /// what the agent meant. Used when the span reads as typed (not an evasion).
    #[serde(default)]
    pub replace: std::collections::BTreeMap<String, String>,
}

/// A rule pack (`data/check/rules.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePack {
    pub kefu_rules: u32,
    pub version: String,
    pub rules: Vec<Rule>,
    /// Phrases that hold a term but are fine (第一时间, 100%棉, QQ糖).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Words that, just before a contact or payment term, make it a refusal (不能加微信).
    #[serde(default)]
    pub negations: Vec<String>,
    /// Titles after a surname that name a person (女士, 先生).
    #[serde(default)]
    pub person_titles: Vec<String>,
    /// Details that, close after a named person, are their personal data (地址, 电话).
    #[serde(default)]
    pub personal_words: Vec<String>,
}

/// Why a pack was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct PackError(pub String);

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PackError {}

/// Limits that keep any pack cheap to build and to run.
const MAX_RULES: usize = 500;
const MAX_TERMS: usize = 20_000;
pub(crate) const MAX_TERM_CHARS: usize = 40;

impl RulePack {
    /// Reads and checks a pack: format 1, unique rule ids, every term 1–40 characters.
    pub fn parse(json: &str) -> Result<RulePack, PackError> {
        let pack: RulePack = serde_json::from_str(json).map_err(|e| PackError(format!("line {}: {e}", e.line())))?;
        if pack.kefu_rules != 1 {
            return Err(PackError(format!("kefu_rules: must be 1, the format version (got {})", pack.kefu_rules)));
        }
        if pack.rules.len() > MAX_RULES {
            return Err(PackError(format!("rules: at most {MAX_RULES}")));
        }
        let mut ids = std::collections::HashSet::new();
        let mut terms = 0usize;
        for (i, r) in pack.rules.iter().enumerate() {
            if r.id.is_empty() || r.id.len() > 60 || !ids.insert(r.id.as_str()) {
                return Err(PackError(format!("rules[{i}].id: a unique id of 1 to 60 characters")));
            }
            if r.terms.is_empty() {
                return Err(PackError(format!("rules[{i}].terms: at least one term")));
            }
            for t in r.terms.iter().chain(&r.evasions) {
                terms += 1;
                let n = t.chars().count();
                if n == 0 || n > MAX_TERM_CHARS {
                    return Err(PackError(format!("rules[{i}] ({}): the term {t:?} must be 1 to {MAX_TERM_CHARS} characters", r.id)));
                }
            }
        }
        terms += pack.allow.len();
        if terms > MAX_TERMS {
            return Err(PackError(format!("at most {MAX_TERMS} terms in all")));
        }
        if let Some(a) = pack.allow.iter().find(|a| a.is_empty() || a.chars().count() > MAX_TERM_CHARS) {
            return Err(PackError(format!("allow: {a:?} must be 1 to {MAX_TERM_CHARS} characters")));
        }
        Ok(pack)
    }
}
