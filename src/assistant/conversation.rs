//! What the assistant remembers of one conversation between buyer turns.

use super::flow::FlowStep;
use super::{Advice, Pick};
use crate::intent::features::AGENT_CHARS;
use crate::intent::{BuyerType, Intent};
use crate::reply::GuideState;
use crate::text::MAX_INPUT_CHARS;
use std::collections::{HashSet, VecDeque};

/// How many of a turn's latest messages are read as one turn.
const TURN_MESSAGES: usize = 5;
/// How many message ids a conversation remembers to skip repeats (a page re-sends its visible
/// history on every switch; a hostile one could send ids without end).
const SEEN_IDS: usize = 2_000;

#[derive(Debug, Default)]
pub struct Conversation {
    /// Whose chat this is. A message from another buyer under the same id (a page that reuses
    /// conversation ids) starts the conversation afresh.
    pub buyer: String,
    /// Buyer messages since the agent last wrote.
    turn: Vec<String>,
    seen: HashSet<String>,
    /// `seen` in the order the ids came, to forget the oldest.
    seen_order: VecDeque<String>,
    pub prev_intent: Option<Intent>,
    /// The agent's last message (its start), context for the buyer's next turn.
    pub agent_said: Option<String>,
    pub buyer_type: Option<BuyerType>,
    pub bargain_round: u32,
    /// Whether the current turn already counted as a bargaining round.
    pub turn_bargained: bool,
    /// The catalog item being discussed.
    pub item: Option<String>,
    pub offered_picks: HashSet<String>,
    pub current_picks: Vec<Pick>,
    pub flow: Option<FlowStep>,
    pub ordered: bool,
    /// An after-sale case is open: no selling until its guide ends.
    pub dispute: bool,
    /// When the buyer last asked about an item (starts the follow-up clock), and whether the
    /// follow-up was raised since.
    pub asked_at: Option<i64>,
    pub followed_up: bool,
    /// Where the conversation is in an after-sale guide, and the guide it opened with (the
    /// current step may be in a guide that one led to).
    pub guide: Option<GuideState>,
    pub guide_opened: Option<String>,
    pub advice: Option<Advice>,
}

impl Conversation {
    /// Takes a turn read as `intent` (`sure`: confidently, or confirmed by the agent) about an
    /// item or not: an order placed here, or any after-sale matter, means the buyer has bought;
    /// a sure dispute opens a case; the service flow moves on.
    pub fn take_reading(&mut self, intent: Intent, sure: bool, has_item: bool) {
        self.ordered |= intent == Intent::OrderPlaced || intent.stage() == crate::intent::Stage::AfterSale;
        self.dispute |= intent.is_dispute() && sure;
        self.flow = Some(super::flow::step_for(self.flow, intent, has_item, self.ordered, self.dispute));
    }

    /// A fresh conversation with `buyer`.
    pub fn for_buyer(buyer: &str) -> Conversation {
        Conversation { buyer: buyer.to_string(), ..Conversation::default() }
    }

    /// False for a message id already seen (the page re-sends history on a switch).
    pub fn first_sight(&mut self, id: Option<&str>) -> bool {
        let Some(id) = id else { return true };
        if !self.seen.insert(id.to_string()) {
            return false;
        }
        self.seen_order.push_back(id.to_string());
        if self.seen_order.len() > SEEN_IDS {
            if let Some(oldest) = self.seen_order.pop_front() {
                self.seen.remove(&oldest);
            }
        }
        true
    }

    /// Adds a buyer message to the current turn; returns the turn's text: its latest messages
    /// in order, as many as the classifier reads (`MAX_INPUT_CHARS`), so a long old message
    /// never hides the new one. A message longer than that alone keeps its end.
    pub fn push_buyer(&mut self, text: &str) -> String {
        self.turn.push(tail(text, MAX_INPUT_CHARS).to_string());
        if self.turn.len() > TURN_MESSAGES {
            self.turn.remove(0);
        }
        let mut room = MAX_INPUT_CHARS;
        let mut kept = 0;
        for message in self.turn.iter().rev() {
            let chars = message.chars().count() + usize::from(kept > 0);
            if kept > 0 && chars > room {
                break;
            }
            room = room.saturating_sub(chars);
            kept += 1;
        }
        self.turn[self.turn.len() - kept..].join(" ")
    }

    /// The agent wrote `text`: the buyer's next message starts a new turn, read after it.
    pub fn agent_wrote(&mut self, text: &str) {
        self.agent_said = Some(text.chars().take(AGENT_CHARS).collect());
        self.close_turn();
    }

    /// The buyer's next message starts a new turn.
    fn close_turn(&mut self) {
        if self.turn.is_empty() {
            return;
        }
        self.prev_intent = self.advice.as_ref().map(|a| a.classification.intent);
        self.turn.clear();
        self.turn_bargained = false;
        self.current_picks.clear();
    }
}

/// The last `max` characters of `text`.
fn tail(text: &str, max: usize) -> &str {
    match text.char_indices().rev().nth(max.saturating_sub(1)) {
        Some((start, _)) if max > 0 => &text[start..],
        _ if max == 0 => "",
        _ => text,
    }
}
