//! Choosing the replies to offer: those written for this topic, buyer type, stage and
//! situation, whose slots can all be filled, most specific first.

use super::pack::{BargainStage, Pack, Reply, Topic, When};
use super::slots::{fill, Values};
use crate::intent::{BuyerType, Sentiment};
use serde::Serialize;

/// Where the conversation stands, as far as choosing replies is concerned.
#[derive(Debug, Clone)]
pub struct Situation {
    pub topic: Topic,
    pub sentiment: Sentiment,
    pub buyer_type: Option<BuyerType>,
    pub stage: Option<BargainStage>,
    pub manager_approval: bool,
    /// The buyer is tagged as a returning customer.
    pub returning: bool,
    /// The buyer ordered in this conversation.
    pub ordered: bool,
    /// Slot values available now; `has_*` conditions follow from them.
    pub values: Values,
}

/// A reply ready to insert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilledReply {
    pub id: String,
    pub text: String,
}

/// The best `n` replies for the situation, best first.
pub fn select(pack: &Pack, situation: &Situation, n: usize) -> Vec<FilledReply> {
    let mut scored: Vec<(u32, usize, FilledReply)> = pack
        .replies
        .iter()
        .enumerate()
        .filter_map(|(order, reply)| {
            let score = fit(reply, situation)?;
            let text = fill(&reply.text, &situation.values)?;
            Some((score, order, FilledReply { id: reply.id.clone(), text }))
        })
        .collect();
    crate::sort::by(&mut scored, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, _, r)| r).collect()
}

/// How well a reply fits (higher is more specific), or `None` if it must not be offered.
fn fit(reply: &Reply, s: &Situation) -> Option<u32> {
    // Guide replies belong to a step of an after-sale guide: the guide offers them.
    if reply.intent != s.topic || reply.guide.is_some() {
        return None;
    }
    let mut score = 0;
    if let Some(t) = reply.buyer_type {
        if Some(t) != s.buyer_type {
            return None;
        }
        score += 8;
    }
    if let Some(stage) = reply.stage {
        if Some(stage) != s.stage {
            return None;
        }
        score += 4;
    }
    if let Some(when) = &reply.when {
        score += conditions_hold(when, s)?;
    }
    Some(score)
}

/// Each satisfied condition adds one; a sentiment-specific reply for an upset buyer adds more,
/// so calming replies come first.
fn conditions_hold(when: &When, s: &Situation) -> Option<u32> {
    let has = |slot: &str| s.values.contains_key(slot);
    let flags = [
        (when.has_coupon, has("coupon")),
        (when.has_threshold, has("threshold") && has("gap")),
        (when.has_gift, has("gift")),
        (when.has_event, has("promo")),
        (when.has_item, has("item")),
        (when.manager_approval, s.manager_approval),
        (when.returning, s.returning),
        (when.ordered, s.ordered),
    ];
    let mut score = 0;
    for (wanted, actual) in flags {
        if let Some(wanted) = wanted {
            if wanted != actual {
                return None;
            }
            score += 1;
        }
    }
    if let Some(sentiments) = &when.sentiment {
        if !sentiments.contains(&s.sentiment) {
            return None;
        }
        if s.sentiment != Sentiment::Calm {
            score += 16;
        }
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::Intent;

    fn pack() -> Pack {
        Pack::from_json(
            r#"{"lang":"zh-Hans","version":1,"replies":[
            {"id":"b.any","intent":"bargain","text":"亲,{shop}的价格很实在"},
            {"id":"b.coupon","intent":"bargain","when":{"has_coupon":true},"text":"领{coupon}更划算"},
            {"id":"b.sym.first","intent":"bargain","buyer_type":"sympathy","stage":"first","text":"理解您~送您{gift}"},
            {"id":"b.sym.exit","intent":"bargain","buyer_type":"sympathy","stage":"exit","text":"收藏一下下次见"},
            {"id":"c.calm","intent":"complaint","text":"亲,我来处理"},
            {"id":"c.guide","intent":"complaint","guide":"complaint-flow","text":"亲,先说说发生了什么"},
            {"id":"c.angry","intent":"complaint","when":{"sentiment":["angry"]},"text":"非常抱歉让您生气了"}
        ]}"#,
        )
        .unwrap()
    }

    fn situation(topic: Intent) -> Situation {
        let mut values = Values::new();
        values.insert("shop", "澜庭".into());
        Situation {
            topic: Topic::Intent(topic),
            sentiment: Sentiment::Calm,
            buyer_type: None,
            stage: None,
            manager_approval: false,
            returning: false,
            ordered: false,
            values,
        }
    }

    #[test]
    fn unfillable_or_unmet_replies_are_not_offered() {
        let got = select(&pack(), &situation(Intent::Bargain), 3);
        assert_eq!(got, vec![FilledReply { id: "b.any".into(), text: "亲,澜庭的价格很实在".into() }]);
    }

    #[test]
    fn the_buyer_type_and_stage_reply_comes_first_when_fillable() {
        let mut s = situation(Intent::Bargain);
        s.buyer_type = Some(BuyerType::Sympathy);
        s.stage = Some(BargainStage::First);
        s.values.insert("gift", "防滑地垫".into());
        s.values.insert("coupon", "新客券".into());
        let ids: Vec<_> = select(&pack(), &s, 3).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["b.sym.first", "b.coupon", "b.any"]);
        s.stage = Some(BargainStage::Exit);
        let ids: Vec<_> = select(&pack(), &s, 1).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["b.sym.exit"]);
    }

    #[test]
    fn angry_buyers_get_calming_replies_first() {
        let mut s = situation(Intent::Complaint);
        assert_eq!(select(&pack(), &s, 3).len(), 1);
        s.sentiment = Sentiment::Angry;
        let ids: Vec<_> = select(&pack(), &s, 3).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["c.angry", "c.calm"]);
    }

    #[test]
    fn guide_replies_are_left_to_their_guide() {
        let mut s = situation(Intent::Complaint);
        let ids: Vec<_> = select(&pack(), &s, 5).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["c.calm"]);
        s.sentiment = Sentiment::Angry;
        let ids: Vec<_> = select(&pack(), &s, 5).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["c.angry", "c.calm"]);
    }

    #[test]
    fn bad_packs_are_rejected_with_the_reply_id() {
        let err = Pack::from_json(r#"{"lang":"x","version":1,"replies":[{"id":"a","intent":"greeting","text":"{phone}"}]}"#).unwrap_err();
        assert!(err.contains("\"a\"") && err.contains("phone"), "{err}");
        let err = Pack::from_json(r#"{"lang":"x","version":1,"replies":[{"id":"a","intent":"greeting","stage":"first","text":"hi"}]}"#).unwrap_err();
        assert!(err.contains("not a bargain reply"), "{err}");
        assert!(Pack::from_json(r#"{"lang":"x","version":1,"replies":[{"id":"a","intent":"nope","text":"hi"}]}"#).is_err());
        let err = Pack::from_json(r#"{"lang":"x","version":1,"replies":[{"id":"a","intent":"damaged","guide":"g","when":{"has_item":true},"text":"hi"}]}"#).unwrap_err();
        assert!(err.contains("\"a\"") && err.contains("guide reply"), "{err}");
    }
}
