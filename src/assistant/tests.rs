use super::*;
use crate::shop::Shop;
use crate::intent::Guess;

/// 2026-11-22 12:00 in Beijing: the demo shop's current promotions are active.
const NOW: i64 = 1_795_320_000_000;

fn assistant() -> Assistant {
    Assistant::demo()
}

fn buyer(conversation: &str, id: &str, text: &str) -> MessageEvent {
    MessageEvent {
        conversation: conversation.into(),
        buyer: format!("buyer-of-{conversation}"),
        from: Sender::Buyer,
        text: text.into(),
        at: NOW,
        id: Some(id.into()),
    }
}

fn agent(conversation: &str, id: &str) -> MessageEvent {
    MessageEvent { from: Sender::Agent, text: "好的亲".into(), ..buyer(conversation, id, "") }
}

#[test]
fn a_bargaining_buyer_moves_through_the_stages() {
    let mut a = assistant();
    let first = a.on_message(&buyer("c1", "m1", "这款智能马桶S1挺好的就是有点贵 便宜点吧"), None).unwrap();
    assert_eq!(first.classification.intent, Intent::Bargain);
    assert_eq!(first.bargain_round, 1);
    assert_eq!(first.stage, Some(BargainStage::First));
    assert_eq!(first.replies.len(), REPLIES_SHOWN);
    assert_eq!(first.item.as_deref(), Some("toilet-smart-s1"));
    assert!(first.replies.iter().all(|r| !r.text.contains('{') && !r.text.contains('}')));

    a.on_message(&agent("c1", "m2"), None);
    let second = a.on_message(&buyer("c1", "m3", "还是贵 再便宜点"), None).unwrap();
    assert_eq!(second.bargain_round, 2);
    assert_eq!(second.stage, Some(BargainStage::Insist));
    // The item stays the discussed one.
    assert_eq!(second.item.as_deref(), Some("toilet-smart-s1"));
}

#[test]
fn consecutive_buyer_messages_are_one_turn() {
    let mut a = assistant();
    let greeting = a.on_message(&buyer("c1", "m1", "在吗"), None).unwrap();
    assert_eq!(greeting.classification.intent, Intent::Greeting);
    let stock = a.on_message(&buyer("c1", "m2", "白色还有货吗"), None).unwrap();
    assert_eq!(stock.turn, "在吗 白色还有货吗");
    assert_eq!(stock.classification.intent, Intent::Stock);
}

#[test]
fn a_bargaining_turn_of_two_messages_counts_one_round() {
    let mut a = assistant();
    a.on_message(&buyer("c1", "m1", "能便宜点吗"), None);
    let more = a.on_message(&buyer("c1", "m2", "少20就拍"), None).unwrap();
    assert_eq!(more.bargain_round, 1);
}

#[test]
fn repeated_message_ids_are_ignored() {
    let mut a = assistant();
    assert!(a.on_message(&buyer("c1", "m1", "到哪了"), None).is_some());
    assert!(a.on_message(&buyer("c1", "m1", "到哪了"), None).is_none());
    assert_eq!(a.advice("c1").unwrap().turn, "到哪了");
}

#[test]
fn angry_buyers_get_no_selling() {
    let mut a = assistant();
    let advice = a.on_message(&buyer("c1", "m1", "智能马桶S1用两天就漏水 垃圾东西 骗子"), None).unwrap();
    assert_eq!(advice.classification.sentiment, Sentiment::Angry);
    assert!(advice.picks.is_empty());
    assert!(advice.promotions.is_empty());
    assert!(!advice.replies.is_empty());
}

#[test]
fn picks_go_with_the_item_are_in_stock_and_never_more_than_two() {
    let mut a = assistant();
    let advice = a.on_message(&buyer("c1", "m1", "智能马桶S1带烘干吗"), None).unwrap();
    assert!(!advice.picks.is_empty() && advice.picks.len() <= MAX_PICKS);
    let shop = Shop::demo();
    let item = shop.catalog.get("toilet-smart-s1").unwrap();
    for p in &advice.picks {
        assert!(item.complements.contains(&p.item_id));
        assert!(shop.catalog.get(&p.item_id).unwrap().in_stock());
    }
}

#[test]
fn conversations_are_kept_apart() {
    let mut a = assistant();
    a.on_message(&buyer("c1", "m1", "能便宜点吗"), None);
    let other = a.on_message(&buyer("c2", "m2", "能便宜点吗"), None).unwrap();
    assert_eq!(other.bargain_round, 1);
    assert_eq!(a.advice("c1").unwrap().buyer, "buyer-of-c1");
}

#[test]
fn unsure_turns_get_no_replies() {
    fn unsure(_: &str, _: &Context) -> Classification {
        Classification { intent: Intent::Stock, confidence: 0.31, confident: false, sentiment: Sentiment::Calm, buyer_type: None, guesses: Vec::new() }
    }
    let mut a = Assistant::with_classifier(unsure);
    let advice = a.on_message(&buyer("c1", "m1", "白色那个呢"), None).unwrap();
    assert_eq!(advice.classification.intent, Intent::Stock);
    assert!(advice.replies.is_empty());
    // The same turn, classified with confidence, gets replies: the quiet is the doubt's doing.
    let mut sure = assistant();
    assert!(!sure.on_message(&buyer("c1", "m1", "白色还有货吗"), None).unwrap().replies.is_empty());
}

#[test]
fn an_unsure_after_sale_turn_offers_its_guide_and_the_agent_starts_it() {
    fn unsure(_: &str, _: &Context) -> Classification {
        let guesses = vec![Guess { intent: Intent::Stock, confidence: 0.45 }, Guess { intent: Intent::Damaged, confidence: 0.3 }];
        Classification { intent: Intent::Stock, confidence: 0.45, confident: false, sentiment: Sentiment::Calm, buyer_type: None, guesses }
    }
    let mut a = Assistant::with_classifier(unsure);
    let advice = a.on_message(&buyer("c1", "m1", "智能马桶S1 盖子裂了"), None).unwrap();
    // Unsure: no guide opens by itself; the damage reading offers one, stock has none. Read as
    // stock, selling goes on and a sales follow-up is due.
    assert_eq!(advice.guide, None);
    assert!(!advice.promotions.is_empty() && advice.follow_up.is_some());
    let damage_guide = a.guides.start_for(Intent::Damaged).unwrap().guide;
    let title = a.guides.get(&damage_guide).unwrap().title.get(Lang::ZhHans).to_string();
    assert_eq!(advice.guesses[0].guide, None);
    assert_eq!(advice.guesses[1].guide.as_deref(), Some(title.as_str()));
    assert!(a.guide_start("c1", 0).is_err(), "a guess without a guide starts nothing");
    a.guide_start("c1", 1).unwrap();
    let advice = a.advice("c1").unwrap();
    assert_eq!(advice.guide.as_ref().map(|g| g.state.guide.as_str()), Some(damage_guide.as_str()));
    assert!(advice.guesses.iter().all(|g| g.guide.is_none()), "started: offered no more");
    // Handled as damage: a dispute (no selling), the buyer has bought (no sales follow-up, now
    // or later), the flow is after-sale, and the next turn reads this one as damage.
    assert!(advice.picks.is_empty() && advice.promotions.is_empty());
    assert_eq!((advice.classification.intent, advice.flow_step, advice.follow_up.is_none()), (Intent::Damaged, FlowStep::AfterSale, true));
    assert!(a.due_follow_ups(NOW + 48 * 3_600_000).is_empty());
    assert!(a.guide_start("c1", 1).is_err(), "started once");
    // The guide under way stays through the next unsure turn, which offers no other, and the
    // case stays a dispute.
    let next = a.on_message(&buyer("c1", "m2", "怎么弄"), None).unwrap();
    assert_eq!(next.guide.as_ref().map(|g| g.state.guide.as_str()), Some(damage_guide.as_str()));
    assert!(next.guesses.iter().all(|g| g.guide.is_none()));
    assert!(next.promotions.is_empty());
    assert!(a.guide_start("nobody", 0).is_err());
}

#[test]
fn a_buyer_who_asked_and_did_not_order_is_followed_up_once() {
    let mut a = assistant();
    let asked = a.on_message(&buyer("c1", "m1", "智能马桶S1有现货吗"), None).unwrap();
    let minutes = Shop::demo().settings.follow_up_minutes as i64;
    let due_at = NOW + minutes * 60_000;
    assert_eq!(asked.follow_up.as_ref().map(|f| f.due_at), Some(due_at));
    assert!(a.due_follow_ups(due_at - 1).is_empty());
    assert_eq!(a.due_follow_ups(due_at), vec!["c1".to_string()]);
    let advice = a.advice("c1").unwrap();
    assert_eq!(advice.flow_step, FlowStep::FollowUp);
    let replies = &advice.follow_up.as_ref().unwrap().replies;
    assert!(!replies.is_empty() && replies.iter().all(|r| !r.text.contains('{')));
    assert!(a.due_follow_ups(due_at + 60_000).is_empty(), "raised once");
}

#[test]
fn an_order_stops_the_follow_up_clock() {
    let mut a = assistant();
    a.on_message(&buyer("c1", "m1", "智能马桶S1有现货吗"), None);
    a.on_message(&agent("c1", "m2"), None);
    let ordered = a.on_message(&buyer("c1", "m3", "拍好了 麻烦核对一下"), None).unwrap();
    assert_eq!(ordered.flow_step, FlowStep::VerifyOrder);
    assert_eq!(ordered.follow_up, None);
    assert!(a.due_follow_ups(NOW + 24 * 3_600_000).is_empty());
}

#[test]
fn returning_buyers_are_greeted_as_such() {
    let mut notes = crate::notes::BuyerNotes::new();
    notes.tags.push(RETURNING_TAG.to_string());
    let mut a = assistant();
    let advice = a.on_message(&buyer("c1", "m1", "在吗"), Some(&notes)).unwrap();
    assert!(advice.replies.iter().any(|r| r.id.contains("returning")), "{:?}", advice.replies);
    let mut b = assistant();
    let advice = b.on_message(&buyer("c1", "m1", "在吗"), None).unwrap();
    assert!(advice.replies.iter().all(|r| !r.id.contains("returning")));
}

#[test]
fn picks_fit_the_noted_size() {
    let mut notes = crate::notes::BuyerNotes::new();
    notes.facts.size = Some("坑距400".into());
    let mut a = assistant();
    let advice = a.on_message(&buyer("c1", "m1", "子母盖板有货吗"), Some(&notes)).unwrap();
    assert_eq!(advice.item.as_deref(), Some("seat-cover-kids"));
    // The kids' seat comes in 400 only and goes with the 400 toilet, not the 300 one.
    let ids: Vec<_> = advice.picks.iter().map(|p| (p.item_id.as_str(), p.fits.as_deref())).collect();
    assert_eq!(ids, [("toilet-classic-400", Some("400"))]);

    notes.facts.size = Some("坑距300".into());
    let mut b = assistant();
    let advice = b.on_message(&buyer("c1", "m1", "子母盖板有货吗"), Some(&notes)).unwrap();
    assert!(advice.picks.is_empty(), "nothing that fits a 300 bathroom: {:?}", advice.picks);
    // Unrelated variants (a hose's length) do not stop a pick.
    let advice = b.on_message(&buyer("c2", "m2", "智能马桶S1有货吗"), Some(&notes)).unwrap();
    assert!(advice.picks.iter().any(|p| p.item_id == "hose-braided-60" && p.fits.is_none()));
}

#[test]
fn an_after_sale_problem_opens_its_guide_and_the_agent_moves_it_on() {
    let mut a = assistant();
    let advice = a.on_message(&buyer("c1", "m1", "收到盖板是裂的"), None).unwrap();
    let guide = advice.guide.expect("a guide opens");
    assert_eq!(guide.state.guide, "damaged");
    assert!(guide.view.options.len() >= 2);
    a.guide_choose("c1", 1).unwrap();
    let moved = a.advice("c1").unwrap().guide.clone().unwrap();
    assert_ne!(moved.state, guide.state);
    if let Some(reply) = &moved.view.reply {
        assert!(!reply.text.contains('{'));
    }
    // A follow-up message about the same problem keeps the guide where it is.
    a.on_message(&agent("c1", "m2"), None);
    a.on_message(&buyer("c1", "m3", "箱子也压坏了"), None);
    assert_eq!(a.advice("c1").unwrap().guide.as_ref().unwrap().state, moved.state);
    assert!(a.guide_choose("c1", 99).is_err());
}

#[test]
fn facts_in_a_turn_are_offered_for_the_notes() {
    let mut a = assistant();
    let advice = a.on_message(&buyer("c1", "m1", "身高170体重120斤穿什么码 电话13812345678"), None).unwrap();
    let fields: Vec<_> = advice.note_suggestions.iter().map(|s| (s.field.id(), s.personal)).collect();
    assert!(fields.contains(&("height", false)) && fields.contains(&("weight", false)));
    assert!(fields.contains(&("phone", true)), "{fields:?}");
    // Already in the notes: not offered again.
    let mut notes = crate::notes::BuyerNotes::new();
    notes.facts.height_cm = Some(170.0);
    let again = assistant().on_message(&buyer("c1", "m1", "身高170"), Some(&notes)).unwrap();
    assert!(again.note_suggestions.is_empty());
}

#[test]
fn a_noted_size_matches_whole_numbers_only() {
    let mut notes = crate::notes::BuyerNotes::new();
    notes.facts.size = Some("坑距400".into());
    let mut a = assistant();
    // The 300 classic toilet's 40 cm hose does not "fit" 坑距400: its length is another kind of size.
    let advice = a.on_message(&buyer("c1", "m1", "连体马桶300有货吗"), Some(&notes)).unwrap();
    let hose = advice.picks.iter().find(|p| p.item_id == "hose-braided-40");
    assert!(hose.is_none_or(|p| p.fits.is_none()), "{:?}", advice.picks);
}

#[test]
fn no_selling_while_an_after_sale_case_is_open() {
    let mut a = assistant();
    a.on_message(&buyer("c1", "m1", "收到的智能马桶S1盖板是裂的"), None);
    a.on_message(&agent("c1", "m2"), None);
    let later = a.on_message(&buyer("c1", "m3", "好的 那什么时候能发"), None).unwrap();
    assert!(later.picks.is_empty() && later.promotions.is_empty(), "{:?} {:?}", later.picks, later.promotions);
    assert_eq!(later.flow_step, FlowStep::AfterSale);
    // The guide is still where it was, not restarted by a turn about something else.
    assert_eq!(later.guide.as_ref().map(|g| g.state.step.as_str()), Some("which-case"));
}

#[test]
fn a_generic_word_does_not_switch_the_discussed_item() {
    let mut a = assistant();
    a.on_message(&buyer("c1", "m1", "智能马桶S3有货吗"), None);
    a.on_message(&agent("c1", "m2"), None);
    let next = a.on_message(&buyer("c1", "m3", "这个马桶几天能到"), None).unwrap();
    assert_eq!(next.item.as_deref(), Some("toilet-smart-s3"));
}

#[test]
fn a_long_old_message_does_not_hide_the_new_one() {
    let mut a = assistant();
    // An address change told at length, then, in the same turn, a cracked lid.
    let story = "麻烦帮我改一下收货地址，".repeat(60);
    a.on_message(&buyer("c1", "m1", &story), None);
    let advice = a.on_message(&buyer("c1", "m2", "收到的马桶盖裂了,我要退货退款"), None).unwrap();
    assert_eq!(advice.classification.intent, Intent::Damaged);
    assert!(advice.turn.ends_with("收到的马桶盖裂了,我要退货退款"));
    assert!(advice.turn.chars().count() <= crate::text::MAX_INPUT_CHARS);
    // One message longer than the classifier reads keeps its end, where the request is.
    let mut b = assistant();
    let long = format!("{}我要退货退款 盖子裂了", "我家卫生间地方小，".repeat(80));
    let advice = b.on_message(&buyer("c2", "m1", &long), None).unwrap();
    assert!(advice.turn.ends_with("盖子裂了"));
    assert_eq!(advice.turn.chars().count(), crate::text::MAX_INPUT_CHARS);
}

#[test]
fn a_reused_conversation_id_with_another_buyer_starts_afresh() {
    let mut a = assistant();
    a.on_message(&buyer("c1", "m1", "这款智能马桶S1挺好的就是有点贵 便宜点吧"), None).unwrap();
    assert_eq!(a.buyer_of("c1"), Some("buyer-of-c1"));
    let other = MessageEvent { buyer: "someone-else".into(), ..buyer("c1", "m1", "收到盖板是裂的") };
    // The same message id too: it is another buyer's message, not a repeat.
    let advice = a.on_message(&other, None).unwrap();
    assert_eq!(advice.classification.intent, Intent::Damaged);
    assert_eq!(advice.bargain_round, 0, "the first buyer's bargaining is not carried over");
    assert_eq!(a.buyer_of("c1"), Some("someone-else"));
}

#[test]
fn a_pick_the_buyer_turns_to_in_the_same_turn_is_the_discussed_item_not_a_pick() {
    // Found by fuzzing (fuzz/regressions/advise/crash-64920a91…): a turn kept its picks while its
    // discussed item changed to one of them.
    let mut a = assistant();
    let first = a.on_message(&buyer("c1", "m1", "这款智能马桶S1挺好的 多少钱"), None).unwrap();
    assert!(!first.picks.is_empty(), "the toilet comes with picks");
    let picked = a.shop().catalog.get(&first.picks[0].item_id).unwrap().title.clone();
    let second = a.on_message(&buyer("c1", "m2", &format!("{picked}也要一个 多少钱")), None).unwrap();
    assert_eq!(second.item.as_deref(), Some(first.picks[0].item_id.as_str()), "now discussed: {picked}");
    assert!(second.picks.iter().all(|p| Some(&p.item_id) != second.item.as_ref()), "{:?}", second.picks);
}
