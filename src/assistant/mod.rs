//! The one façade: `Assistant::on_message(event) -> Advice`. It keeps each conversation's state
//! (the buyer's current turn, the previous intent, bargaining rounds, the discussed item, the
//! step of the service flow) and turns a classification into replies, picks and promotions from
//! the shop's data.

mod conversation;
mod event;
mod flow;
pub mod offer;
mod picks;

pub use event::{BadEvent, MessageEvent, Sender, MAX_ID_CHARS, MAX_MESSAGE_CHARS};
pub use flow::FlowStep;
pub use picks::{Pick, PickReason, MAX_PICKS};

use crate::i18n::Lang;
use crate::intent::{classify_in, Classification, Context, Intent, Sentiment};
use crate::notes::{suggestions, BuyerNotes, NoteSuggestion};
use crate::reply::{select, BargainStage, FilledReply, GuideState, Guides, Pack, Situation, StepKind, StepView, Topic};
use crate::shop::{Catalog, Item};
use crate::shop::time::add_minutes;
use crate::shop::Shop;
use conversation::Conversation;
use serde::Serialize;
use std::collections::HashMap;

/// How many replies the panel offers.
pub const REPLIES_SHOWN: usize = 3;
/// How many replies each guess offers when the classifier is unsure.
pub const GUESS_REPLIES: usize = 2;
/// The tag that marks a returning customer in notes.
pub const RETURNING_TAG: &str = "老客户";

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
    /// Empty when the classifier is unsure: then `guesses` offer the two likeliest readings.
    pub replies: Vec<FilledReply>,
    /// Only when the classifier is unsure: the two likeliest intents, each with its replies,
    /// shown marked as a guess (the agent reads the buyer's message and picks, or neither).
    pub guesses: Vec<GuessAdvice>,
    pub picks: Vec<Pick>,
    pub promotions: Vec<PromotionView>,
    /// The discussed catalog item, if any.
    pub item: Option<String>,
    pub bargain_round: u32,
    pub stage: Option<BargainStage>,
    /// Where the conversation is in the service flow.
    pub flow_step: FlowStep,
    /// When a buyer asked about an item and has not ordered: when to follow up, and (once due)
    /// what to say.
    pub follow_up: Option<FollowUp>,
    /// The after-sale guide's current step, when the conversation is in one.
    pub guide: Option<GuideAdvice>,
    /// Facts in this turn worth saving to the buyer's notes (one click each; personal data
    /// only with the agent's confirmation). Never saved by the assistant itself.
    pub note_suggestions: Vec<NoteSuggestion>,
}

/// One reading of an unsure turn, with the replies that fit it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuessAdvice {
    pub intent: Intent,
    pub confidence: f32,
    pub replies: Vec<FilledReply>,
    /// The title of the after-sale guide this reading opens, when no guide is under way: an
    /// unsure turn opens none by itself, the agent starts it from the guess (`guide_start`).
    pub guide: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideAdvice {
    pub state: GuideState,
    /// The step in the assistant's interface language, with its reply filled.
    pub view: StepView,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    /// Unix ms from which the follow-up is due.
    pub due_at: i64,
    /// Empty until due.
    pub replies: Vec<FilledReply>,
}

/// How a turn is classified: the trained model, or a stand-in in tests.
type Classifier = fn(&str, &Context) -> Classification;

pub struct Assistant {
    shop: Shop,
    pack: Pack,
    guides: Guides,
    /// The language of the agent-facing guide texts.
    lang: Lang,
    classify: Classifier,
    conversations: HashMap<String, Conversation>,
}

impl Assistant {
    /// The pack must hold the guides' replies (`Pack::check_guides`).
    pub fn new(shop: Shop, pack: Pack, guides: Guides) -> Result<Self, String> {
        pack.check_guides(&guides)?;
        Ok(Assistant { shop, pack, guides, lang: Lang::ZhHans, classify: classify_in, conversations: HashMap::new() })
    }

    /// The shipped demo shop, packs and guides (native tools and tests).
    pub fn demo() -> Self {
        let shop = Shop::demo();
        let pack = Pack::builtin(&shop.settings.language);
        Assistant::new(shop, pack, Guides::builtin()).expect("the shipped data agree")
    }

    /// The language guide steps are told to the agent in.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    #[cfg(test)]
    fn with_classifier(classify: Classifier) -> Self {
        Assistant { classify, ..Assistant::demo() }
    }

    pub fn shop(&self) -> &Shop {
        &self.shop
    }

    /// The buyer a conversation's advice is for (the sender of its latest messages).
    pub fn buyer_of(&self, conversation: &str) -> Option<&str> {
        Some(self.conversations.get(conversation)?.buyer.as_str())
    }

    /// The latest advice for a conversation.
    pub fn advice(&self, conversation: &str) -> Option<&Advice> {
        self.conversations.get(conversation)?.advice.as_ref()
    }

    /// Takes one message. Returns fresh advice for a buyer message, `None` for agent messages
    /// repeats and events out of bounds (`MessageEvent::check`). `notes` are the buyer's notes, if any (tags, size).
    pub fn on_message(&mut self, event: &MessageEvent, notes: Option<&BuyerNotes>) -> Option<Advice> {
        // The page is untrusted: an event out of bounds is dropped (the panel counts it).
        event.check().ok()?;
        let conv = self.conversations.entry(event.conversation.clone()).or_default();
        if conv.buyer != event.buyer {
            *conv = Conversation::for_buyer(&event.buyer);
        }
        if !conv.first_sight(event.id.as_deref()) {
            return None;
        }
        if event.from == Sender::Agent {
            conv.agent_wrote(&event.text);
            return None;
        }
        let turn = conv.push_buyer(&event.text);
        let context = Context { prev_intent: conv.prev_intent, buyer_type: conv.buyer_type, agent_message: conv.agent_said.clone() };
        let classification = (self.classify)(&turn, &context);
        let intent = classification.intent;

        if intent == Intent::Bargain {
            if !conv.turn_bargained {
                conv.bargain_round = conv.bargain_round.saturating_add(1);
                conv.turn_bargained = true;
            }
            conv.buyer_type = classification.buyer_type;
        }
        let normalized = crate::text::normalize(&turn).text;
        let current = conv.item.as_deref().and_then(|id| self.shop.catalog.get(id));
        let (mentioned, words) = self.shop.catalog.mentioned_in(&normalized);
        conv.item = discussed(current, &mentioned, &words, intent).map(|i| i.id.clone());
        let item = conv.item.as_deref().and_then(|id| self.shop.catalog.get(id));
        conv.take_reading(intent, classification.confident, item.is_some());
        if item.is_some() && flow::starts_follow_up_clock(intent) && !conv.ordered {
            conv.asked_at = Some(event.at);
            conv.followed_up = false;
        }

        // An after-sale problem opens its guide; a guide under way keeps going until it ends
        // (the agent's progress is never thrown away on a hunch of the classifier).
        let under_way = conv.guide.as_ref().is_some_and(|g| self.guides.step(g).is_some_and(|s| s.kind != StepKind::End));
        if let Some(opened) = self.guides.start_for(intent).filter(|_| classification.confident && !under_way) {
            if conv.guide_opened.as_deref() != Some(opened.guide.as_str()) || conv.guide.is_none() {
                conv.guide_opened = Some(opened.guide.clone());
                conv.guide = Some(opened);
            }
        }

        let stage = (intent == Intent::Bargain).then(|| BargainStage::for_round(conv.bargain_round));
        let returning = notes.is_some_and(|n| n.tags.iter().any(|t| t == RETURNING_TAG));
        let situation = Situation {
            topic: Topic::Intent(intent),
            sentiment: classification.sentiment,
            buyer_type: classification.buyer_type,
            stage,
            manager_approval: self.shop.settings.bargain.manager_approval,
            returning,
            ordered: conv.ordered,
            values: offer::slot_values(&self.shop, item, event.at),
        };
        let replies = if classification.confident { select(&self.pack, &situation, REPLIES_SHOWN) } else { Vec::new() };
        let guesses = if classification.confident {
            Vec::new()
        } else {
            classification
                .guesses
                .iter()
                .map(|g| {
                    let bargain = g.intent == Intent::Bargain;
                    let situation = Situation {
                        topic: Topic::Intent(g.intent),
                        buyer_type: if bargain { classification.buyer_type.or(conv.buyer_type) } else { None },
                        stage: bargain.then(|| BargainStage::for_round(conv.bargain_round.max(1))),
                        ..situation.clone()
                    };
                    let guide = if under_way { None } else { self.guides.start_for(g.intent) };
                    let guide = guide.and_then(|s| self.guides.view(&s, self.lang, &self.pack, &situation.values)).map(|v| v.title);
                    GuessAdvice { intent: g.intent, confidence: g.confidence, replies: select(&self.pack, &situation, GUESS_REPLIES), guide }
                })
                .filter(|g| !g.replies.is_empty())
                .collect()
        };
        // A turn keeps its picks as it grows; a new turn gets fresh ones. A pick the buyer has
        // since started asking about is no longer a pick: it is the discussed item.
        if let Some(discussed) = &conv.item {
            conv.current_picks.retain(|p| &p.item_id != discussed);
        }
        if conv.current_picks.is_empty() {
            let size = notes.and_then(|n| n.facts.size.as_deref());
            conv.current_picks = picks::picks(&self.shop, item, &classification, &conv.offered_picks, size, event.at);
            conv.offered_picks.extend(conv.current_picks.iter().map(|p| p.item_id.clone()));
        }
        // No selling to an upset buyer or in the middle of an after-sale case.
        let selling = classification.sentiment != Sentiment::Angry && !intent.is_dispute() && !conv.dispute;
        let fresh = BuyerNotes::new();
        let note_suggestions = suggestions(&crate::text::extract(&turn), notes.unwrap_or(&fresh));
        let advice = Advice {
            conversation: event.conversation.clone(),
            buyer: event.buyer.clone(),
            turn,
            classification,
            replies,
            guesses,
            picks: if selling { conv.current_picks.clone() } else { Vec::new() },
            promotions: if selling { offer::promotion_views(&self.shop, item, event.at) } else { Vec::new() },
            item: item.map(|i| i.id.clone()),
            bargain_round: conv.bargain_round,
            stage,
            flow_step: conv.flow.unwrap_or(FlowStep::Ask),
            follow_up: follow_up(&self.shop, conv),
            guide: guide_advice(&self.guides, &self.pack, self.lang, &self.shop, conv),
            note_suggestions,
        };
        conv.advice = Some(advice.clone());
        Some(advice)
    }

    /// The agent answered the guide's current step with option `option`: the guide moves on.
    pub fn guide_choose(&mut self, conversation: &str, option: usize) -> Result<(), String> {
        let conv = self.conversations.get_mut(conversation).ok_or("no such conversation")?;
        let state = conv.guide.as_ref().ok_or("no guide is open in this conversation")?;
        let next = self.guides.choose(state, option)?;
        // A case whose guide has ended is closed: selling may resume.
        if self.guides.step(&next).is_some_and(|s| s.kind == StepKind::End) {
            conv.dispute = false;
        }
        conv.guide = Some(next);
        let view = guide_advice(&self.guides, &self.pack, self.lang, &self.shop, conv);
        if let Some(advice) = &mut conv.advice {
            advice.guide = view;
        }
        Ok(())
    }

    /// The agent starts the guide that guess `guess` of an unsure turn offers: the turn is then
    /// handled as if read that way surely (`Conversation::take_reading`, as `on_message` does:
    /// the buyer has bought, so no sales follow-up; a dispute stops the selling), the guide
    /// opens, and the next turn reads this one as that intent.
    pub fn guide_start(&mut self, conversation: &str, guess: usize) -> Result<(), String> {
        let conv = self.conversations.get_mut(conversation).ok_or("no such conversation")?;
        let advice = conv.advice.as_ref().ok_or("no advice in this conversation")?;
        let intent = advice.guesses.get(guess).filter(|g| g.guide.is_some()).ok_or(format!("guess {guess} offers no guide"))?.intent;
        let opened = self.guides.start_for(intent).ok_or(format!("no guide opens for {}", intent.id()))?;
        conv.take_reading(intent, true, conv.item.is_some());
        conv.guide_opened = Some(opened.guide.clone());
        conv.guide = Some(opened);
        let (view, due) = (guide_advice(&self.guides, &self.pack, self.lang, &self.shop, conv), follow_up(&self.shop, conv));
        let (flow_step, dispute) = (conv.flow.unwrap_or(FlowStep::Ask), conv.dispute);
        if let Some(advice) = &mut conv.advice {
            advice.classification.intent = intent;
            advice.guide = view;
            advice.follow_up = due;
            advice.flow_step = flow_step;
            advice.guesses.iter_mut().for_each(|g| g.guide = None);
            if dispute {
                advice.picks.clear();
                advice.promotions.clear();
            }
        }
        Ok(())
    }

    /// Raises the follow-ups due at `now_ms`, once each, and returns their conversations; their
    /// advice now holds the follow-up replies. The panel calls this on a timer.
    pub fn due_follow_ups(&mut self, now_ms: i64) -> Vec<String> {
        let mut raised = Vec::new();
        for (id, conv) in &mut self.conversations {
            let Some(mut due) = follow_up(&self.shop, conv) else { continue };
            if conv.followed_up || due.due_at > now_ms {
                continue;
            }
            let item = conv.item.as_deref().and_then(|i| self.shop.catalog.get(i));
            let situation = Situation {
                topic: Topic::FollowUp,
                sentiment: Sentiment::Calm,
                buyer_type: None,
                stage: None,
                manager_approval: self.shop.settings.bargain.manager_approval,
                returning: false,
                ordered: false,
                values: offer::slot_values(&self.shop, item, now_ms),
            };
            due.replies = select(&self.pack, &situation, REPLIES_SHOWN);
            conv.followed_up = true;
            conv.flow = Some(FlowStep::FollowUp);
            if let Some(advice) = &mut conv.advice {
                advice.flow_step = FlowStep::FollowUp;
                advice.follow_up = Some(due);
            }
            raised.push(id.clone());
        }
        crate::sort::ascending(&mut raised);
        raised
    }
}

/// The item the conversation is about after a turn that mentions `mentioned` (the most specific
/// matches, by the words `words`): the current one while those words name it too (a generic
/// word such as 马桶 or 花洒 does not switch items), or while bargaining for a gift that goes
/// with it (送个角阀); else the first mention.
fn discussed<'a>(current: Option<&'a Item>, mentioned: &[&'a Item], words: &[String], intent: Intent) -> Option<&'a Item> {
    let Some(first) = mentioned.first() else { return current };
    match current {
        Some(c) if mentioned.iter().any(|m| m.id == c.id) || words.iter().any(|w| Catalog::names(c, w)) => Some(c),
        Some(c) if intent == Intent::Bargain && mentioned.iter().any(|m| c.complements.contains(&m.id)) => Some(c),
        _ => Some(first),
    }
}

/// The current guide step as the panel shows it. Guides use the settings' slots only.
fn guide_advice(guides: &Guides, pack: &Pack, lang: Lang, shop: &Shop, conv: &Conversation) -> Option<GuideAdvice> {
    let state = conv.guide.clone()?;
    let view = guides.view(&state, lang, pack, &crate::reply::slots::from_settings(&shop.settings))?;
    Some(GuideAdvice { state, view })
}

/// When a buyer who asked about an item without ordering is due a follow-up.
fn follow_up(shop: &Shop, conv: &Conversation) -> Option<FollowUp> {
    let asked = conv.asked_at.filter(|_| !conv.ordered)?;
    Some(FollowUp { due_at: add_minutes(asked, i64::from(shop.settings.follow_up_minutes)), replies: Vec::new() })
}

#[cfg(test)]
mod tests;
