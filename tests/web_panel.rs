//! The panel drawn by Rust in a real browser: advice for a buyer message, insert requests, notes,
//! and buyer text kept as text.
#![cfg(target_arch = "wasm32")]

use kefu::web::AssistantHandle;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

/// The demo shop's files, as the panel page loads them.
fn shop_files() -> JsValue {
    json(serde_json::json!({
        "catalog.json": include_str!("../data/demo/catalog.json"),
        "promotions.json": include_str!("../data/demo/promotions.json"),
        "settings.json": include_str!("../data/demo/settings.json"),
        "zh-Hans.json": include_str!("../data/packs/zh-Hans.json"),
        "zh-Hant.json": include_str!("../data/packs/zh-Hant.json"),
        "guides": {
            "damaged.json": include_str!("../data/guides/damaged.json"),
            "damage-before-signing.json": include_str!("../data/guides/damage-before-signing.json"),
            "damage-after-signing.json": include_str!("../data/guides/damage-after-signing.json"),
            "transit-scratch.json": include_str!("../data/guides/transit-scratch.json"),
            "missing-parts.json": include_str!("../data/guides/missing-parts.json"),
            "unchecked-later.json": include_str!("../data/guides/unchecked-later.json"),
            "return.json": include_str!("../data/guides/return.json"),
        },
    }))
}

fn message(conversation: &str, id: &str, text: &str) -> JsValue {
    let event = serde_json::json!({
        "conversation": conversation, "buyer": format!("buyer-{conversation}"), "from": "buyer",
        "text": text, "at": 1_795_320_000_000i64, "id": id,
    });
    json(event)
}

/// A plain JS object, as the content script sends them.
fn json(value: serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
}

#[wasm_bindgen_test]
async fn a_buyer_message_gets_intent_replies_and_insert_requests() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    let inserted: Rc<RefCell<Vec<(String, String, String)>>> = Rc::default();
    let sink = inserted.clone();
    let callback = Closure::<dyn FnMut(String, String, String)>::new(move |c, t, b| sink.borrow_mut().push((c, t, b)));
    panel.on_insert(callback.as_ref().unchecked_ref::<js_sys::Function>().clone());

    panel.set_active("c1".into(), "buyer-c1".into());
    panel.on_message(message("c1", "m1", "这款智能马桶S1就是有点贵 能便宜点吗"));
    let intent = root.query_selector(".kefu-intent").unwrap().unwrap();
    assert_eq!(intent.get_attribute("data-intent").as_deref(), Some("bargain"));
    let replies = all(&root, "button.kefu-reply");
    assert_eq!(replies.len(), 3);

    replies[1].dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    let got = inserted.borrow().clone();
    // The buyer goes with the request: the page refuses it if the open chat is another buyer's.
    assert_eq!(got, vec![("c1".to_string(), replies[1].text_content().unwrap(), "buyer-c1".to_string())]);
    callback.forget();
}

#[wasm_bindgen_test]
async fn buyer_text_stays_text() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "en".into(), shop_files()).await.unwrap();
    let evil = "<img src=x onerror=alert(1)>在吗";
    panel.on_message(message("c2", "m1", evil));
    assert_eq!(root.query_selector(".kefu-turn").unwrap().unwrap().text_content().unwrap(), evil);
    assert!(root.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_bad_shop_file_is_refused_with_its_name() {
    let files = shop_files();
    js_sys::Reflect::set(&files, &"promotions.json".into(), &"{\"promotions\": [".into()).unwrap();
    let err = AssistantHandle::create(root(), "en".into(), files).await.err().expect("refused");
    let message = js_sys::Error::from(err).message().as_string().unwrap();
    assert!(message.contains("promotions.json"), "{message}");
}

#[wasm_bindgen_test]
async fn refusals_are_explained() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.on_insert_result(json(serde_json::json!({"ok": false, "reason": "switched"}))).unwrap();
    let notice = root.query_selector(".kefu-notice").unwrap().unwrap();
    assert_eq!(notice.get_attribute("data-kind").as_deref(), Some("refused"));
    assert!(notice.text_content().unwrap().contains("未插入"));

    // A covered panel refuses; a reply the box would not take is on the clipboard, and said so.
    panel.on_insert_result(json(serde_json::json!({"ok": false, "reason": "covered"}))).unwrap();
    assert!(notice.text_content().unwrap().contains("遮挡"));
    panel.on_insert_result(json(serde_json::json!({"ok": false, "reason": "copied"}))).unwrap();
    assert_eq!(notice.get_attribute("data-kind").as_deref(), Some("copied"));
    assert!(notice.text_content().unwrap().contains("Ctrl+V"));
    panel.page_state(false, "hidden".into());
    assert!(notice.text_content().unwrap().contains("隐藏"));
    panel.page_state(true, "".into());
    assert!(notice.text_content().unwrap_or_default().is_empty());
}

#[wasm_bindgen_test]
fn strings_with_lone_surrogates_from_js_are_classified() {
    // JS strings may hold lone surrogates; crossing into Rust they become U+FFFD, and the
    // classifier answers as for any other text.
    let js = js_sys::JsString::from_char_code1(0xD800).concat(&"到哪了".into());
    let text = JsValue::from(js).as_string().expect("a string");
    assert!(text.contains('\u{FFFD}'));
    let c = kefu::web::classify_turn(&text).unwrap();
    let intent = js_sys::Reflect::get(&c, &"intent".into()).unwrap().as_string().unwrap();
    assert_eq!(intent, "logistics");
}

fn click(root: &web_sys::Element, selector: &str, index: usize) {
    all(root, selector)[index].dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
async fn a_damage_report_opens_the_guide_and_the_agent_answers_it() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.set_active("c4".into(), "buyer-c4".into());
    panel.on_message(message("c4", "m1", "收到盖板是裂的"));
    let guide = || root.query_selector(".kefu-guide").unwrap().unwrap();
    assert_eq!(guide().get_attribute("data-guide").as_deref(), Some("damaged"));
    let before = guide().get_attribute("data-step");
    assert!(all(&root, ".kefu-guide-option").len() >= 2);
    click(&root, ".kefu-guide-option", 1);
    let after = (guide().get_attribute("data-guide"), guide().get_attribute("data-step"));
    assert_ne!(after, (Some("damaged".into()), before));
}

#[wasm_bindgen_test]
async fn facts_are_saved_with_a_click_and_a_phone_only_after_confirming() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.set_active("c5".into(), "buyer-c5".into());
    panel.on_message(message("c5", "m1", "身高170 电话13812345678 穿什么码"));
    let stored = || storage.get_item("kefu.notes/web/buyer-c5").unwrap().unwrap_or_default();
    let suggestions = all(&root, ".kefu-suggestion");
    let field = |i: usize| all(&root, ".kefu-suggestion")[i].get_attribute("data-field").unwrap();
    assert_eq!(suggestions.len(), 2);
    let height = (0..2).find(|&i| field(i) == "height").unwrap();
    click(&root, ".kefu-suggestion", height);
    assert!(stored().contains("\"height_cm\":170"), "{}", stored());
    // Only the phone is left; the first click asks, the second saves.
    assert_eq!(field(0), "phone");
    click(&root, ".kefu-suggestion", 0);
    assert!(!stored().contains("13812345678"));
    assert!(all(&root, ".kefu-suggestion")[0].has_attribute("data-confirm"));
    click(&root, ".kefu-suggestion", 0);
    assert!(stored().contains("13812345678"));
    assert!(all(&root, ".kefu-suggestion").is_empty());
    // The buyer's intent went into their history.
    assert!(stored().contains("\"history\""));
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn tags_toggle_and_persist() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.set_active("c6".into(), "buyer-c6".into());
    let vip = || all(&root, ".kefu-tag").into_iter().find(|b| b.get_attribute("data-tag").as_deref() == Some("VIP")).unwrap();
    assert_eq!(vip().get_attribute("aria-pressed").as_deref(), Some("false"));
    vip().dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    assert_eq!(vip().get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(storage.get_item("kefu.notes/web/buyer-c6").unwrap().unwrap().contains("VIP"));
    vip().dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    assert!(!storage.get_item("kefu.notes/web/buyer-c6").unwrap().unwrap().contains("VIP"));
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn promises_and_follow_ups_are_recorded_and_marked_done() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.set_active("c7".into(), "buyer-c7".into());
    let input = root.query_selector(".kefu-promise-input").unwrap().unwrap().dyn_into::<web_sys::HtmlInputElement>().unwrap();
    let press = |action: &str| root.query_selector(&format!("[data-action=\"{action}\"]")).unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    input.set_value("退差价30元");
    press("promise");
    input.set_value("回访安装情况");
    press("remind");
    let stored = || storage.get_item("kefu.notes/web/buyer-c7").unwrap().unwrap();
    assert!(stored().contains("退差价30元") && stored().contains("回访安装情况"));
    assert_eq!(all(&root, ".kefu-open-item").len(), 2);
    assert_eq!(input.value(), "", "the box is cleared for the next one");
    click(&root, ".kefu-open-item", 0);
    assert_eq!(all(&root, ".kefu-open-item").len(), 1);
    assert!(stored().contains("\"kept\":true"));
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn messages_the_page_got_wrong_are_dropped_counted_and_the_panel_goes_on() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "en".into(), shop_files()).await.unwrap();
    panel.set_active("c9".into(), "buyer-c9".into());
    let health = root.query_selector(".kefu-health").unwrap().unwrap();
    assert!(health.has_attribute("hidden") || health.text_content().unwrap_or_default().is_empty());
    let odd = |at: serde_json::Value, buyer: String| {
        json(serde_json::json!({"conversation": "c9", "buyer": buyer, "from": "buyer", "text": "在吗", "at": at, "id": "x"}))
    };
    // Not whole milliseconds, beyond 9999, a day ahead, a 1 MB buyer id: each dropped, none fatal.
    panel.on_message(odd(serde_json::json!(1.5), "buyer-c9".into()));
    panel.on_message(odd(serde_json::json!(1e20), "buyer-c9".into()));
    panel.on_message(odd(serde_json::json!(js_sys::Date::now() + 3.0 * 86_400_000.0), "buyer-c9".into()));
    panel.on_message(odd(serde_json::json!(1_795_320_000_000i64), "买".repeat(1 << 20)));
    panel.on_message(json(serde_json::json!({"conversation": "c9", "text": "no buyer, no time"})));
    let said = health.text_content().unwrap();
    assert!(said.contains("Ignored 5 things"), "{said}");
    // The panel still answers the next good message.
    panel.on_message(message("c9", "m2", "这款智能马桶S1就是有点贵 能便宜点吗"));
    assert!(!all(&root, "[data-action=insert]").is_empty(), "replies are offered");
    assert!(!root.inner_html().contains(&"买".repeat(1000)), "the hostile id is not drawn");
}

#[wasm_bindgen_test]
async fn the_health_line_offers_the_picker_when_the_page_is_not_surely_understood() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "en".into(), shop_files()).await.unwrap();
    let health = |v: serde_json::Value| panel.page_health(json(v));
    let state = || root.query_selector(".kefu-health").unwrap().unwrap().get_attribute("data-state").unwrap_or_default();
    let pick_shown = || !root.query_selector("[data-action=start-picker]").unwrap().unwrap().has_attribute("hidden");
    let said = || root.query_selector(".kefu-health-text").unwrap().unwrap().text_content().unwrap_or_default();
    // Understood: no offer.
    health(serde_json::json!({"chat": true, "list": true, "replyBox": true, "messages": 12, "from": "detected", "unsure": [], "pickable": true}));
    assert_eq!(state(), "ok");
    assert!(!pick_shown());
    // Detection cannot tell who wrote what: said plainly, with the picker offered.
    health(serde_json::json!({"chat": true, "list": true, "replyBox": true, "messages": 12, "from": "detected", "unsure": ["direction"], "pickable": true}));
    assert_eq!(state(), "warn");
    assert!(said().contains("Cannot tell the buyer's messages"), "{}", said());
    assert!(pick_shown());
    // A selector stopped matching: the same offer; none while the picker runs, or where there is none.
    health(serde_json::json!({"chat": true, "list": false, "replyBox": true, "pickable": true}));
    assert!(pick_shown());
    health(serde_json::json!({"chat": true, "list": false, "replyBox": true, "pickable": true, "picking": true}));
    assert!(!pick_shown());
    health(serde_json::json!({"chat": true, "list": false, "replyBox": true, "pickable": false}));
    assert!(!pick_shown());
    // Odd values from the page are bounded, never fatal.
    health(serde_json::json!({"chat": true, "list": true, "replyBox": true, "unsure": ["x".repeat(5000), "a", "b", "c", "d", "e"], "from": "y".repeat(5000)}));
    assert!(said().len() < 2000);
}

#[wasm_bindgen_test]
async fn a_field_or_the_whole_entry_is_deleted_from_the_panel_and_an_entry_can_be_kept() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.set_active("c8".into(), "buyer-c8".into());
    let stored = || storage.get_item("kefu.notes/web/buyer-c8").unwrap();
    let click = |selector: &str| root.query_selector(selector).unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    // A promise and a follow-up, then the promise deleted with its ×.
    let input = root.query_selector(".kefu-promise-input").unwrap().unwrap().dyn_into::<web_sys::HtmlInputElement>().unwrap();
    input.set_value("送角阀");
    click("[data-action=\"promise\"]");
    input.set_value("回访");
    click("[data-action=\"remind\"]");
    click("[data-action=\"forget\"][data-field=\"promise\"][data-index=\"0\"]");
    let raw = stored().unwrap();
    assert!(!raw.contains("送角阀") && raw.contains("回访"), "{raw}");
    // Kept past the retention.
    click("[data-action=\"pin\"]");
    assert!(stored().unwrap().contains("\"pinned\":true"));
    assert_eq!(root.query_selector(".kefu-pin").unwrap().unwrap().get_attribute("aria-pressed").as_deref(), Some("true"));
    // Deleting the entry takes two clicks.
    click("[data-action=\"delete-notes\"]");
    assert!(stored().is_some(), "the first click only asks");
    assert!(root.query_selector(".kefu-delete-notes[data-confirm]").unwrap().is_some());
    click("[data-action=\"delete-notes\"]");
    assert_eq!(stored(), None);
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn shortcuts_insert_cycle_and_move_the_keys() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    // (text, what it takes the place of)
    let inserted: Rc<RefCell<Vec<(String, Option<String>)>>> = Rc::default();
    let sink = inserted.clone();
    let callback = Closure::<dyn FnMut(String, String, String, JsValue)>::new(move |_c, t, _b, replace: JsValue| {
        let expected = js_sys::Reflect::get(&replace, &"expected".into()).ok().and_then(|e| e.as_string());
        sink.borrow_mut().push((t, expected));
    });
    panel.on_insert(callback.as_ref().unchecked_ref::<js_sys::Function>().clone());
    panel.set_active("c1".into(), "buyer-c1".into());
    panel.on_message(message("c1", "m1", "这款智能马桶S1就是有点贵 能便宜点吗"));
    let replies: Vec<String> = all(&root, "button.kefu-reply").iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(replies.len(), 3);
    let keyed: Vec<_> = all(&root, "button.kefu-reply[data-key]").iter().map(|b| b.get_attribute("data-key").unwrap()).collect();
    assert_eq!(keyed, ["1", "2", "3"], "the first suggestions carry the numbers their shortcuts insert");

    // Suggestion 2 goes in at the caret and is marked; next takes its place, wrapping round;
    // previous goes back.
    panel.command("insert-suggestion-2".into());
    panel.command("next-suggestion".into());
    panel.command("next-suggestion".into());
    panel.command("previous-suggestion".into());
    let r = |i: usize| replies[i].clone();
    assert_eq!(
        *inserted.borrow(),
        vec![(r(1), None), (r(2), Some(r(1))), (r(0), Some(r(2))), (r(2), Some(r(0)))]
    );
    let current = all(&root, "button.kefu-reply[aria-current=true]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].text_content().unwrap(), r(2));

    // A suggestion that is not there is said, not silently ignored.
    panel.command("insert-suggestion-9".into());
    assert_eq!(inserted.borrow().len(), 4);
    let notice = root.query_selector(".kefu-notice").unwrap().unwrap();
    assert_eq!(notice.get_attribute("data-kind").as_deref(), Some("refused"));

    // The keys move into the panel: to the phrase search, or to the suggestion in use; the
    // arrows go between replies.
    let doc = web_sys::window().unwrap().document().unwrap();
    panel.command("open-phrases".into());
    assert!(doc.active_element().unwrap().matches(".kefu-phrase-search").unwrap());
    panel.command("focus-panel".into());
    let focused = doc.active_element().unwrap();
    assert_eq!(focused.text_content().unwrap(), r(2), "the suggestion in use has the keys");
    let up = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("ArrowUp");
        init.set_bubbles(true);
        init.set_cancelable(true);
        init
    })
    .unwrap();
    focused.dispatch_event(&up).unwrap();
    assert_eq!(doc.active_element().unwrap().text_content().unwrap(), r(1));

    // A draft the check finds fault with: the keys go to its first rewrite (Enter takes it).
    panel.check_draft(json(serde_json::json!({"conversation": "c1", "buyer": "buyer-c1", "text": "有事加我薇信"})));
    panel.command("focus-panel".into());
    assert!(doc.active_element().unwrap().matches("button.kefu-draft-take").unwrap());
    panel.check_draft(json(serde_json::json!({"conversation": "c1", "buyer": "buyer-c1", "text": ""})));
    panel.command("focus-panel".into());
    assert!(doc.active_element().unwrap().matches("button.kefu-reply").unwrap());
    callback.forget();
}

#[wasm_bindgen_test]
async fn a_reply_pinned_comes_first_a_hidden_one_goes_and_reset_restores_them() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "zh-CN".into(), shop_files()).await.unwrap();
    panel.set_active("c1".into(), "buyer-c1".into());
    panel.on_message(message("c1", "m1", "这款智能马桶S1就是有点贵 能便宜点吗"));
    let ids = |root: &web_sys::Element| all(root, "button.kefu-reply").iter().map(|b| b.get_attribute("data-reply-id").unwrap()).collect::<Vec<_>>();
    let packs = ids(&root);
    assert_eq!(packs.len(), 3);

    click(&root, &format!(r#"button.kefu-pin[data-reply-id="{}"]"#, packs[2]), 0);
    assert_eq!(ids(&root), vec![packs[2].clone(), packs[0].clone(), packs[1].clone()], "pinned first");
    let pin = root.query_selector(&format!(r#"button.kefu-pin[data-reply-id="{}"]"#, packs[2])).unwrap().unwrap();
    assert_eq!(pin.get_attribute("aria-pressed").as_deref(), Some("true"));

    click(&root, &format!(r#"button.kefu-hide[data-reply-id="{}"]"#, packs[0]), 0);
    assert_eq!(ids(&root), vec![packs[2].clone(), packs[1].clone()], "hidden gone");

    click(&root, r#"[data-action="reset-learning"]"#, 0);
    assert_eq!(ids(&root), packs, "the packs' order again");
    // (Kept on this machine: the panel's storage is shared by the tests; leave it clean.)
}
