//! The panel's state for the draft check: the draft last reported for the open chat, its
//! findings, and the page's callback that takes a rewrite. The checker holds the shop's own
//! words (`check::words`, set in the options page): it is built again when their stored entry
//! changes, not on every key.

use crate::check::words::Cached;
use crate::check::{Finding, Utf16};
use js_sys::Function;
use serde::Serialize;

/// A rewrite for the page to make: `text` in place of `start..end` (UTF-16) of the reply box's
/// text, which must still read `expected` (the agent may have typed on).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rewrite {
    pub conversation: String,
    pub buyer: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub expected: String,
}

pub struct DraftCheck {
    /// Built on the first draft (its automaton takes a while to build), not when the panel
    /// opens; again when the shop's words change.
    checker: Cached,
    conversation: String,
    buyer: String,
    text: String,
    findings: Vec<Finding>,
    handler: Option<Function>,
}

impl DraftCheck {
    pub fn new() -> DraftCheck {
        DraftCheck { checker: Cached::default(), conversation: String::new(), buyer: String::new(), text: String::new(), findings: Vec::new(), handler: None }
    }

    pub fn set_handler(&mut self, f: Function) {
        self.handler = Some(f);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Why the shop's words are not in the check, if they are not.
    pub fn problem(&self) -> Option<&str> {
        self.checker.problem()
    }

    /// Checks a new draft (bounded: the check reads at most its first 2,000 characters).
    /// `stored_words`: the shop's words entry as storage holds it now.
    pub fn check(&mut self, conversation: String, buyer: String, text: String, stored_words: Result<Option<String>, String>) {
        self.text = text.chars().take(crate::check::MAX_DRAFT_CHARS).collect();
        self.findings = self.checker.current(stored_words).check(&self.text);
        self.conversation = conversation;
        self.buyer = buyer;
    }

    /// Checks a suggestion (a reply, a quick phrase) before it is inserted, with the same rules.
    pub fn check_suggestion(&mut self, text: &str, stored_words: Result<Option<String>, String>) -> Vec<Finding> {
        self.checker.current(stored_words).check(text)
    }

    pub fn rewrite(&self, index: usize) -> Option<(Function, Rewrite)> {
        let f = self.findings.get(index)?;
        let units = Utf16::new(&self.text);
        if f.end > units.len() {
            return None;
        }
        let expected = units.slice(f.start, f.end);
        let handler = self.handler.clone()?;
        Some((handler, Rewrite { conversation: self.conversation.clone(), buyer: self.buyer.clone(), text: f.rewrite.clone(), start: f.start, end: f.end, expected }))
    }
}

