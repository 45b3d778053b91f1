//! The one façade: `Assistant::on_message(event) -> Advice`. It keeps each conversation's state
//! (the buyer's current turn, the previous intent, bargaining rounds, the discussed item) and
//! turns a classification into replies, picks and promotions from the shop's data.

mod picks;

pub use picks::{Pick, PickReason, MAX_PICKS};

use crate::intent::{classify_in, BuyerType, Classification, Context, Intent, Sentiment};
use crate::reply::{select, slots, BargainStage, FilledReply, Pack, Situation, Topic};
use crate::shop::{Item, Promotion, PromotionKind, Shop};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How many replies the panel offers.
pub const REPLIES_SHOWN: usize = 3;
/// How many of a turn's latest messages are read as one turn.
const TURN_MESSAGES: usize = 5;

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

/// A promotion as the panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromotionView {
    pub id: String,
    pub title: String,
    /// Yuan still missing for the discussed item to reach the threshold.
    pub gap: Option<f64>,
}

/// Everything the panel shows for a buyer turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub conversation: String,
    pub buyer: String,
    /// The buyer turn the advice is for (consecutive buyer messages joined by a space).
    pub turn: String,
    pub classification: Classification,
    /// Empty when the classifier is unsure: better quiet than nonsense.
    pub replies: Vec<FilledReply>,
    pub picks: Vec<Pick>,
    pub promotions: Vec<PromotionView>,
    /// The discussed catalog item, if any.
    pub item: Option<String>,
    pub bargain_round: u32,
    pub stage: Option<BargainStage>,
}

#[derive(Debug, Default)]
struct Conversation {
    /// Buyer messages since the agent last wrote.
    turn: Vec<String>,
    seen: HashSet<String>,
    prev_intent: Option<Intent>,
    buyer_type: Option<BuyerType>,
    bargain_round: u32,
    /// Whether the current turn already counted as a bargaining round.
    turn_bargained: bool,
    item: Option<String>,
    offered_picks: HashSet<String>,
    current_picks: Vec<Pick>,
    advice: Option<Advice>,
}

/// How a turn is classified: the trained model, or a stand-in in tests.
type Classifier = fn(&str, &Context) -> Classification;

pub struct Assistant {
    shop: Shop,
    pack: Pack,
    classify: Classifier,
    conversations: HashMap<String, Conversation>,
}

impl Assistant {
    pub fn new(shop: Shop, pack: Pack) -> Self {
        Assistant { shop, pack, classify: classify_in, conversations: HashMap::new() }
    }

    #[cfg(test)]
    fn with_classifier(shop: Shop, pack: Pack, classify: Classifier) -> Self {
        Assistant { classify, ..Assistant::new(shop, pack) }
    }

    pub fn shop(&self) -> &Shop {
        &self.shop
    }

    /// The latest advice for a conversation.
    pub fn advice(&self, conversation: &str) -> Option<&Advice> {
        self.conversations.get(conversation)?.advice.as_ref()
    }

    /// Takes one message. Returns fresh advice for a buyer message, `None` for agent messages
    /// and repeats. `returning` says whether the buyer's notes tag them as a returning customer.
    pub fn on_message(&mut self, event: &MessageEvent, returning: bool) -> Option<Advice> {
        let conv = self.conversations.entry(event.conversation.clone()).or_default();
        if let Some(id) = &event.id {
            if !conv.seen.insert(id.clone()) {
                return None;
            }
        }
        if event.from == Sender::Agent {
            Self::close_turn(conv);
            return None;
        }
        conv.turn.push(event.text.clone());
        if conv.turn.len() > TURN_MESSAGES {
            conv.turn.remove(0);
        }
        let turn = conv.turn.join(" ");
        let context = Context { prev_intent: conv.prev_intent, buyer_type: conv.buyer_type };
        let classification = (self.classify)(&turn, &context);

        if classification.intent == Intent::Bargain {
            if !conv.turn_bargained {
                conv.bargain_round += 1;
                conv.turn_bargained = true;
            }
            conv.buyer_type = classification.buyer_type;
        }
        let normalized = crate::text::normalize(&turn).text;
        if let Some(item) = self.shop.catalog.mentioned_in(&normalized) {
            conv.item = Some(item.id.clone());
        }
        let item = conv.item.as_deref().and_then(|id| self.shop.catalog.get(id));

        let stage = (classification.intent == Intent::Bargain).then(|| BargainStage::for_round(conv.bargain_round));
        let situation = Situation {
            topic: Topic::Intent(classification.intent),
            sentiment: classification.sentiment,
            buyer_type: classification.buyer_type,
            stage,
            manager_approval: self.shop.settings.bargain.manager_approval,
            returning,
            values: slot_values(&self.shop, item, event.at),
        };
        let replies = if classification.confident { select(&self.pack, &situation, REPLIES_SHOWN) } else { Vec::new() };
        // A turn keeps its picks as it grows; a new turn gets fresh ones.
        if conv.current_picks.is_empty() {
            conv.current_picks = picks::picks(&self.shop, item, &classification, &conv.offered_picks, event.at);
            conv.offered_picks.extend(conv.current_picks.iter().map(|p| p.item_id.clone()));
        }
        let selling = classification.sentiment != Sentiment::Angry && !classification.intent.is_dispute();
        let picks = if selling { conv.current_picks.clone() } else { Vec::new() };
        let promotions = if selling { promotion_views(&self.shop, item, event.at) } else { Vec::new() };

        let advice = Advice {
            conversation: event.conversation.clone(),
            buyer: event.buyer.clone(),
            turn,
            classification: classification.clone(),
            replies,
            picks,
            promotions,
            item: item.map(|i| i.id.clone()),
            bargain_round: conv.bargain_round,
            stage,
        };
        conv.advice = Some(advice.clone());
        Some(advice)
    }

    /// The agent answered: the buyer's next message starts a new turn.
    fn close_turn(conv: &mut Conversation) {
        if conv.turn.is_empty() {
            return;
        }
        conv.prev_intent = conv.advice.as_ref().map(|a| a.classification.intent);
        conv.turn.clear();
        conv.turn_bargained = false;
        conv.current_picks.clear();
    }
}

/// Slot values available now: shop settings always, item and promotion slots when they apply.
fn slot_values(shop: &Shop, item: Option<&Item>, now_ms: i64) -> slots::Values {
    let s = &shop.settings;
    let mut v = slots::Values::new();
    v.insert("shop", s.shop.clone());
    v.insert("agent", s.agent.clone());
    v.insert("days", s.after_sale.resend_window_days.to_string());
    v.insert("comp_min", slots::yuan(s.after_sale.compensation_min));
    v.insert("comp_max", slots::yuan(s.after_sale.compensation_max));
    v.insert("channel", s.after_sale.channel.clone());
    // A rate of list price as Chinese shops say it: 0.35 → 3.5折.
    v.insert("late_rate", format!("{}折", slots::yuan(s.after_sale.late_discount_rate * 10.0)));
    v.insert("negotiate_max", slots::yuan(s.after_sale.unchecked_negotiate_max));
    if let Some(gift) = &s.bargain.gift {
        v.insert("gift", gift.clone());
    }
    if let Some(item) = item {
        v.insert("item", item.title.clone());
        v.insert("price", slots::yuan(item.price));
    }
    let active: Vec<&Promotion> = shop.active_promotions(now_ms, item).collect();
    let best = |kind: PromotionKind| {
        active
            .iter()
            .filter(|p| p.kind == kind)
            .max_by(|a, b| a.discount.unwrap_or(0.0).total_cmp(&b.discount.unwrap_or(0.0)))
    };
    if let Some(p) = best(PromotionKind::Coupon) {
        v.insert("coupon", p.title.clone());
    }
    if let Some(p) = best(PromotionKind::Event) {
        v.insert("promo", p.title.clone());
    }
    if let Some(p) = best(PromotionKind::Gift) {
        v.entry("gift").or_insert_with(|| p.gift.clone().unwrap_or_default());
    }
    // The threshold closest to being reached by the discussed item.
    let threshold = item.and_then(|item| {
        active
            .iter()
            .filter(|p| p.kind == PromotionKind::Threshold)
            .filter_map(|p| p.gap_for(item).map(|gap| (p, gap)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    });
    if let Some((p, gap)) = threshold {
        v.insert("threshold", slots::yuan(p.threshold.unwrap_or(0.0)));
        v.insert("discount", slots::yuan(p.discount.unwrap_or(0.0)));
        v.insert("gap", slots::yuan(gap));
    }
    v
}

fn promotion_views(shop: &Shop, item: Option<&Item>, now_ms: i64) -> Vec<PromotionView> {
    shop.active_promotions(now_ms, item)
        .map(|p| PromotionView {
            id: p.id.clone(),
            title: p.title.clone(),
            gap: item.and_then(|i| p.gap_for(i)),
        })
        .collect()
}

#[cfg(test)]
mod tests;
