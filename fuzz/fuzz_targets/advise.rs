//! The assistant: arbitrary conversations fed to `Assistant::on_message`, with guide choices,
//! follow-up timers, buyer notes and interface languages, over the shipped demo shop and pack.
//!
//! Input: UTF-8 text (lossy), one step per line; the first character is the operation and an
//! optional digit after it the conversation (0-9, default 0):
//!   b<c> TEXT   buyer message            a<c> TEXT   agent message
//!   i<c> ID TEXT buyer message with a page message id (a repeated id is ignored)
//!   g<c> N      the agent picks option N of the open guide
//!   t MINUTES   the clock moves (may be negative; kept within the range of a JS Date, so it
//!               may leave the range the core accepts: such events must be dropped)
//!   f           raise due follow-ups        l TAG       interface language (BCP 47 tag)
//!   n TAGS|SIZE the buyer's notes for the next messages (tags comma-separated; `n` alone: none)
//! Any other line is a buyer message in conversation 0.
//!
//! Checks the promises in tests/advice_properties.rs and the doc comments of src/assistant/: no
//! advice for an event out of bounds, an agent message or a repeated id, advice for every other
//! message; shapes and counts; picks in stock and never offered twice in a conversation;
//! promotions within their window; no raw slot in a reply; follow-ups raised once, when due.
#![no_main]

use kefu::assistant::{Assistant, MessageEvent, Sender, GUESS_REPLIES, MAX_PICKS, REPLIES_SHOWN};
use kefu::i18n::Lang;
use kefu::intent::Intent;
use kefu::notes::BuyerNotes;
use kefu::reply::{FilledReply, Guides, Pack};
use kefu::shop::Shop;
use libfuzzer_sys::fuzz_target;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// 2026-11-22 12:00 in Beijing.
const START: i64 = 1_795_320_000_000;
/// A JS Date holds ±8.64e15 ms: no timestamp from the page lies outside.
const JS_DATE_MAX: i64 = 8_640_000_000_000_000;

fn parts() -> &'static (Shop, Pack, Guides) {
    static P: OnceLock<(Shop, Pack, Guides)> = OnceLock::new();
    P.get_or_init(|| {
        let shop = Shop::demo();
        let pack = Pack::builtin(&shop.settings.language);
        (shop, pack, Guides::builtin())
    })
}

fn no_raw_slot(r: &FilledReply) {
    assert!(!r.text.contains('{') && !r.text.contains('}'), "a raw slot reaches the buyer: {r:?}");
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (shop, pack, guides) = parts();
    let mut assistant = Assistant::new(shop.clone(), pack.clone(), guides.clone()).expect("the demo data agree");
    let mut now = START;
    let mut notes: Option<BuyerNotes> = None;
    // Per conversation: picks offered so far, the last bargaining round, message ids seen.
    let mut offered: HashMap<String, HashSet<String>> = HashMap::new();
    let mut rounds: HashMap<String, u32> = HashMap::new();
    let mut ids: HashSet<(String, String)> = HashSet::new();

    for (n, line) in input.split('\n').enumerate().take(64) {
        let mut chars = line.chars();
        let op = chars.next().unwrap_or('b');
        let rest = chars.as_str();
        let (conv, rest) = match rest.chars().next().and_then(|c| c.to_digit(10)) {
            Some(d) => (d, &rest[1..]),
            None => (0, rest),
        };
        let conversation = format!("c{conv}");
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let message = |from: Sender, text: &str, id: Option<String>| MessageEvent {
            conversation: conversation.clone(),
            buyer: format!("demo/buyer{conv}"),
            from,
            text: text.to_string(),
            at: now,
            id,
        };
        let event = match op {
            'a' => Some(message(Sender::Agent, rest, None)),
            'i' => {
                let (id, text) = rest.split_once(' ').unwrap_or((rest, ""));
                Some(message(Sender::Buyer, text, Some(id.to_string())))
            }
            'b' => Some(message(Sender::Buyer, rest, None)),
            'g' => {
                let option = rest.trim().parse::<usize>().unwrap_or(rest.len());
                let _ = assistant.guide_choose(&conversation, option);
                None
            }
            't' => {
                let minutes = rest.trim().parse::<i64>().unwrap_or(rest.len() as i64);
                now = now.saturating_add(minutes.saturating_mul(60_000)).clamp(-JS_DATE_MAX, JS_DATE_MAX);
                None
            }
            'f' => {
                let raised = assistant.due_follow_ups(now);
                assert!(raised.windows(2).all(|w| w[0] < w[1]), "raised follow-ups sorted, once each: {raised:?}");
                for c in &raised {
                    let advice = assistant.advice(c).expect("a follow-up is raised for a conversation with advice");
                    let due = advice.follow_up.as_ref().expect("a raised follow-up is in the advice");
                    assert!(due.due_at <= now, "follow-up raised before it is due: {} > {now}", due.due_at);
                    assert!(due.replies.len() <= REPLIES_SHOWN);
                    due.replies.iter().for_each(no_raw_slot);
                }
                // Raised once: nothing is due again right away.
                assert!(assistant.due_follow_ups(now).is_empty(), "a follow-up raised twice");
                None
            }
            'l' => {
                assistant.set_lang(Lang::from_tag(rest));
                None
            }
            'n' => {
                notes = (!rest.is_empty()).then(|| {
                    let (tags, size) = rest.split_once('|').unwrap_or((rest, ""));
                    let mut notes = BuyerNotes::new();
                    tags.split(',').filter(|t| !t.trim().is_empty()).for_each(|t| notes.tag(t));
                    notes.facts.size = (!size.is_empty()).then(|| size.to_string());
                    notes
                });
                None
            }
            _ => Some(MessageEvent { text: line.to_string(), ..message(Sender::Buyer, "", None) }),
        };
        let Some(event) = event else { continue };
        let got = assistant.on_message(&event, notes.as_ref());
        // An event out of bounds (MessageEvent::check: ids, text length, time) is dropped.
        if let Err(bad) = event.check() {
            assert!(got.is_none(), "line {n}: advice for an event out of bounds ({bad})");
            continue;
        }
        let repeated = event.id.as_ref().is_some_and(|id| !ids.insert((event.conversation.clone(), id.clone())));
        if event.from == Sender::Agent || repeated {
            assert!(got.is_none(), "line {n}: advice for an agent message or a repeated id");
            continue;
        }
        let advice = got.unwrap_or_else(|| panic!("line {n}: no advice for a new buyer message"));
        assert_eq!(advice.conversation, event.conversation);
        assert_eq!(advice.buyer, event.buyer);
        assert_eq!(assistant.advice(&event.conversation), Some(&advice), "the latest advice is kept");
        let c = &advice.classification;
        assert!(c.confidence.is_finite() && (0.0..=1.0).contains(&c.confidence));
        assert!(advice.replies.len() <= REPLIES_SHOWN);
        if c.confident {
            assert!(advice.guesses.is_empty(), "guesses for a confident turn");
        } else {
            assert!(advice.replies.is_empty(), "replies for an unsure turn");
            assert!(advice.guesses.len() <= 2);
        }
        for g in &advice.guesses {
            assert!(!g.replies.is_empty() && g.replies.len() <= GUESS_REPLIES, "{g:?}");
            g.replies.iter().for_each(no_raw_slot);
        }
        advice.replies.iter().for_each(no_raw_slot);
        if let Some(view) = advice.guide.as_ref().and_then(|g| g.view.reply.as_ref()) {
            no_raw_slot(view);
        }
        assert_eq!(advice.stage.is_some(), c.intent == Intent::Bargain, "a bargaining stage only when bargaining");
        let round = rounds.entry(event.conversation.clone()).or_default();
        assert!(advice.bargain_round >= *round, "the bargaining round went back");
        *round = advice.bargain_round;
        if let Some(item) = &advice.item {
            assert!(shop.catalog.get(item).is_some(), "discussed item not in the catalog: {item}");
        }

        assert!(advice.picks.len() <= MAX_PICKS, "{} picks", advice.picks.len());
        let offered = offered.entry(event.conversation.clone()).or_default();
        for p in &advice.picks {
            let item = shop.catalog.get(&p.item_id).unwrap_or_else(|| panic!("pick not in the catalog: {}", p.item_id));
            assert!(item.in_stock(), "out of stock pick: {}", p.item_id);
            assert_ne!(Some(&p.item_id), advice.item.as_ref(), "the discussed item picked for itself");
        }
        // A turn keeps its picks as it grows; only a new turn's picks must be new.
        let fresh: Vec<&String> = advice.picks.iter().map(|p| &p.item_id).filter(|id| !offered.contains(*id)).collect();
        assert!(fresh.is_empty() || fresh.len() == advice.picks.len(), "picks offered twice: {:?}", advice.picks);
        offered.extend(fresh.into_iter().cloned());

        for shown in &advice.promotions {
            let promo = shop.promotions.iter().find(|p| p.id == shown.id).unwrap_or_else(|| panic!("unknown promotion {}", shown.id));
            assert!(promo.is_active(now), "promotion {} shown outside its window", shown.id);
            assert!(shown.gap.is_none_or(|g| g.is_finite() && g >= 0.0), "{shown:?}");
        }
    }
});
