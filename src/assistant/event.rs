//! One chat message as the content script reports it, and the bounds it must meet: everything
//! read from the page is untrusted, so ids, times and text are checked here again even though
//! the content script already bounds them.

use crate::shop::time::check_ms;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest conversation id, buyer id or message id taken from a page.
pub const MAX_ID_CHARS: usize = 200;
/// Longest message text taken from a page (the content script cuts at 4,000).
pub const MAX_MESSAGE_CHARS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    Buyer,
    Agent,
}

/// One chat message as the content script reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageEvent {
    pub conversation: String,
    pub buyer: String,
    pub from: Sender,
    pub text: String,
    /// Unix milliseconds.
    pub at: i64,
    /// The page's message id, when it has one; repeated ids are ignored.
    #[serde(default)]
    pub id: Option<String>,
}

/// Why a message event was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEvent {
    /// `conversation`, `buyer`, `id`, `text` or `at`.
    pub field: &'static str,
    pub reason: String,
}

impl fmt::Display for BadEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for BadEvent {}

impl MessageEvent {
    /// The event if every field is within bounds, else the first field that is not.
    pub fn check(&self) -> Result<(), BadEvent> {
        let bad = |field, reason: String| Err(BadEvent { field, reason });
        for (field, value) in [("conversation", Some(&self.conversation)), ("buyer", Some(&self.buyer)), ("id", self.id.as_ref())] {
            let Some(value) = value else { continue };
            let chars = value.chars().count();
            if chars > MAX_ID_CHARS {
                return bad(field, format!("{chars} characters; the limit is {MAX_ID_CHARS}"));
            }
            if value.trim().is_empty() && field != "buyer" {
                return bad(field, "empty".into());
            }
        }
        let chars = self.text.chars().count();
        if chars > MAX_MESSAGE_CHARS {
            return bad("text", format!("{chars} characters; the limit is {MAX_MESSAGE_CHARS}"));
        }
        check_ms(self.at).map(|_| ()).or_else(|reason| bad("at", reason))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> MessageEvent {
        MessageEvent { conversation: "c1".into(), buyer: "小鹿".into(), from: Sender::Buyer, text: "在吗".into(), at: 1_795_320_000_000, id: Some("m1".into()) }
    }

    #[test]
    fn events_out_of_bounds_are_named_by_field() {
        assert_eq!(event().check(), Ok(()));
        let field = |e: MessageEvent| e.check().unwrap_err().field;
        assert_eq!(field(MessageEvent { buyer: "x".repeat(MAX_ID_CHARS + 1), ..event() }), "buyer");
        assert_eq!(field(MessageEvent { conversation: " ".into(), ..event() }), "conversation");
        assert_eq!(field(MessageEvent { id: Some("i".repeat(1_000_000)), ..event() }), "id");
        assert_eq!(field(MessageEvent { text: "长".repeat(MAX_MESSAGE_CHARS + 1), ..event() }), "text");
        assert_eq!(field(MessageEvent { at: i64::MAX, ..event() }), "at");
        assert_eq!(field(MessageEvent { at: -1, ..event() }), "at");
    }
}
