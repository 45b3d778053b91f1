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
    let inserted: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
    let sink = inserted.clone();
    let callback = Closure::<dyn FnMut(String, String)>::new(move |c, t| sink.borrow_mut().push((c, t)));
    panel.on_insert(callback.as_ref().unchecked_ref::<js_sys::Function>().clone());

    panel.set_active("c1".into(), "buyer-c1".into());
    panel.on_message(message("c1", "m1", "这款智能马桶S1就是有点贵 能便宜点吗")).unwrap();
    let intent = root.query_selector(".kefu-intent").unwrap().unwrap();
    assert_eq!(intent.get_attribute("data-intent").as_deref(), Some("bargain"));
    let replies = all(&root, "button.kefu-reply");
    assert_eq!(replies.len(), 3);

    replies[1].dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    let got = inserted.borrow().clone();
    assert_eq!(got, vec![("c1".to_string(), replies[1].text_content().unwrap())]);
    callback.forget();
}

#[wasm_bindgen_test]
async fn buyer_text_stays_text() {
    let root = root();
    let panel = AssistantHandle::create(root.clone(), "en".into(), shop_files()).await.unwrap();
    let evil = "<img src=x onerror=alert(1)>在吗";
    panel.on_message(message("c2", "m1", evil)).unwrap();
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
