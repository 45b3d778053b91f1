//! Quick phrases (快捷短语): the agent's own library of replies, grouped, each with an optional
//! short code (`/fh`), searched as they type by text, full pinyin, initials (`tkdz` finds
//! 退款到账…) and code; imported and exported as CSV (group, code, text: the shape the
//! workbenches export) or JSON, an import taken whole or not at all, each error with its line.

mod search;
mod transfer;

pub use search::{search, Hit};
pub use transfer::{export_csv, export_json, import_csv, import_json, ImportError};

use serde::{Deserialize, Serialize};

/// Limits that keep a library quick to search and safe to store.
pub const MAX_PHRASES: usize = 5000;
pub const MAX_TEXT_CHARS: usize = 500;
pub const MAX_GROUP_CHARS: usize = 30;
pub const MAX_CODE_CHARS: usize = 20;

/// One phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    #[serde(default)]
    pub group: String,
    /// A short code the agent types after `/` (letters and digits), or empty.
    #[serde(default)]
    pub code: String,
    pub text: String,
    /// Times inserted (shown; ranks ties).
    #[serde(default)]
    pub uses: u32,
}

/// Why one phrase cannot be kept. @returns the reason, or None when it can.
pub fn problem(p: &Phrase) -> Option<String> {
    let text_chars = p.text.chars().count();
    if p.text.trim().is_empty() {
        return Some("the phrase is empty".into());
    }
    if text_chars > MAX_TEXT_CHARS {
        return Some(format!("the phrase has {text_chars} characters; at most {MAX_TEXT_CHARS}"));
    }
    if p.group.chars().count() > MAX_GROUP_CHARS {
        return Some(format!("the group name is longer than {MAX_GROUP_CHARS} characters"));
    }
    if p.code.chars().count() > MAX_CODE_CHARS || !p.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Some(format!("the code {:?} must be up to {MAX_CODE_CHARS} letters, digits, _ or -", p.code));
    }
    None
}
