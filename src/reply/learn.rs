//! What the panel learns of this agent, kept on their machine only: which replies they pick for
//! each intent (a reply picked `LEARNED_AFTER` times comes first, the most picked first), the
//! replies they pin (always first) and hide (never shown while another is left). Reset on request.

use super::FilledReply;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Picks before a reply moves up: one stray click does not reorder the panel.
pub const LEARNED_AFTER: u32 = 3;
/// Bounds: the entry stays small whatever happens.
const MAX_INTENTS: usize = 64;
const MAX_PER_INTENT: usize = 64;
const MAX_MARKED: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Learned {
    /// intent id → reply id → times picked.
    pub picks: BTreeMap<String, BTreeMap<String, u32>>,
    pub pinned: BTreeSet<String>,
    pub hidden: BTreeSet<String>,
}

impl Learned {
    /// Reads a stored entry; anything unreadable starts afresh (it is only an ordering).
    pub fn from_json(json: &str) -> Learned {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The agent picked `reply` for `intent`.
    pub fn picked(&mut self, intent: &str, reply: &str) {
        if !self.picks.contains_key(intent) && self.picks.len() >= MAX_INTENTS {
            return;
        }
        let counts = self.picks.entry(intent.to_string()).or_default();
        if !counts.contains_key(reply) && counts.len() >= MAX_PER_INTENT {
            return;
        }
        let n = counts.entry(reply.to_string()).or_insert(0);
        *n = n.saturating_add(1);
    }

    /// Pins `reply` (or unpins it): pinned replies come first.
    pub fn toggle_pin(&mut self, reply: &str) {
        if !self.pinned.remove(reply) && self.pinned.len() < MAX_MARKED {
            self.hidden.remove(reply);
            self.pinned.insert(reply.to_string());
        }
    }

    /// Hides `reply` (or shows it again).
    pub fn toggle_hide(&mut self, reply: &str) {
        if !self.hidden.remove(reply) && self.hidden.len() < MAX_MARKED {
            self.pinned.remove(reply);
            self.hidden.insert(reply.to_string());
        }
    }

    pub fn reset(&mut self) {
        *self = Learned::default();
    }

    /// `replies` (best first, as the pack ranks them) in this agent's order: pinned first, then
    /// the ones picked at least `LEARNED_AFTER` times (most first), then the rest as they were;
    /// hidden ones left out unless nothing else is left.
    pub fn order(&self, intent: &str, replies: &[FilledReply]) -> Vec<FilledReply> {
        let counts = self.picks.get(intent);
        let learned = |id: &str| counts.and_then(|c| c.get(id)).copied().filter(|&n| n >= LEARNED_AFTER).unwrap_or(0);
        let mut shown: Vec<(usize, &FilledReply)> = replies.iter().enumerate().filter(|(_, r)| !self.hidden.contains(&r.id)).collect();
        if shown.is_empty() {
            shown = replies.iter().enumerate().collect();
        }
        crate::sort::by_key(&mut shown, |&(i, r)| (!self.pinned.contains(&r.id), std::cmp::Reverse(learned(&r.id)), i));
        shown.into_iter().map(|(_, r)| r.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replies() -> Vec<FilledReply> {
        ["a", "b", "c"].iter().map(|id| FilledReply { id: id.to_string(), text: format!("reply {id}") }).collect()
    }
    fn ids(v: &[FilledReply]) -> Vec<&str> {
        v.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn a_reply_picked_three_times_comes_first_and_reset_restores_the_order() {
        let mut l = Learned::default();
        for n in 1..=3 {
            l.picked("bargain", "c");
            let order = l.order("bargain", &replies());
            assert_eq!(ids(&order), if n < 3 { vec!["a", "b", "c"] } else { vec!["c", "a", "b"] }, "after {n} picks");
        }
        assert_eq!(ids(&l.order("stock", &replies())), vec!["a", "b", "c"], "per intent");
        l.reset();
        assert_eq!(ids(&l.order("bargain", &replies())), vec!["a", "b", "c"]);
    }

    #[test]
    fn pinned_first_hidden_gone_but_never_all() {
        let mut l = Learned::default();
        l.toggle_pin("b");
        l.toggle_hide("a");
        assert_eq!(ids(&l.order("x", &replies())), vec!["b", "c"]);
        l.toggle_hide("b");
        l.toggle_hide("c");
        assert_eq!(ids(&l.order("x", &replies())).len(), 3, "all hidden: all shown");
        assert_eq!(Learned::from_json(&l.to_json()), l);
        assert_eq!(Learned::from_json("garbage"), Learned::default());
    }
}
