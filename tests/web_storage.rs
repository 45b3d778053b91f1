//! Notes storage in a real browser (`wasm-pack test --headless --chrome|--firefox`): the
//! localStorage backend, the fallback to extension storage when localStorage is denied, and full
//! storage reported rather than swallowed.
#![cfg(target_arch = "wasm32")]

use kefu::notes::{BuyerNotes, Notebook, NotesError, NotesStore, StoreError};
use kefu::intent::Intent;
use kefu::web::storage::{open_store, settle, Changes, StorageKind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function fakeArea() {
  // Shaped like chrome.storage.local: promise-returning get/set/remove over plain values, and
  // onChanged fired after each write, to every listener (the writer's own too), as browsers do.
  const data = {};
  const listeners = new Set();
  const fire = (changes) => {
    if (Object.keys(changes).length) setTimeout(() => { for (const f of listeners) f(changes); }, 0);
  };
  return {
    data,
    onChanged: { addListener(f) { listeners.add(f); }, removeListener(f) { listeners.delete(f); } },
    get(keys) {
      if (keys === null) return Promise.resolve({ ...data });
      const out = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) if (k in data) out[k] = data[k];
      return Promise.resolve(out);
    },
    set(items) {
      const changes = {};
      for (const [k, v] of Object.entries(items)) { changes[k] = { oldValue: data[k], newValue: v }; data[k] = v; }
      fire(changes);
      return Promise.resolve();
    },
    remove(keys) {
      const changes = {};
      for (const k of Array.isArray(keys) ? keys : [keys]) if (k in data) { changes[k] = { oldValue: data[k] }; delete data[k]; }
      fire(changes);
      return Promise.resolve();
    },
  };
}
export function later(ms) { return new Promise((done) => setTimeout(done, ms)); }
export function storedIn(area, key) { return area.data[key]; }
export function failWrites(area) { area.set = () => Promise.reject(new Error("QUOTA_BYTES quota exceeded")); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = fakeArea)]
    fn fake_area() -> JsValue;
    #[wasm_bindgen(js_name = storedIn)]
    fn stored_in(area: &JsValue, key: &str) -> Option<String>;
    #[wasm_bindgen(js_name = failWrites)]
    fn fail_writes(area: &JsValue);
    fn later(ms: u32) -> js_sys::Promise;
}

/// Lets queued storage events (and the writes they cause) run.
async fn settle_events() {
    wasm_bindgen_futures::JsFuture::from(later(50)).await.unwrap();
}

/// Fills localStorage to the last KB with entries that are not ours.
fn fill_local_storage() {
    let mut filled = 0;
    for size in [256 * 1024, 16 * 1024, 1024, 64, 1] {
        let chunk = "x".repeat(size);
        while local_storage().set_item(&format!("~{filled}"), &chunk).is_ok() {
            filled += 1;
            assert!(filled < 4000, "localStorage never filled up");
        }
    }
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn notes(text: &str) -> BuyerNotes {
    let mut n = BuyerNotes::new();
    n.text = text.into();
    n
}

fn denied() -> Result<Option<web_sys::Storage>, JsValue> {
    let e = web_sys::DomException::new_with_message_and_name("The operation is insecure.", "SecurityError").unwrap();
    Err(e.into())
}

#[wasm_bindgen_test]
async fn local_storage_backend_keeps_one_entry_per_buyer() {
    local_storage().clear().unwrap();
    let store = open_store(Ok(Some(local_storage())), Some(fake_area())).await.store;
    assert_eq!(store.kind(), StorageKind::LocalStorage);
    let mut book = Notebook::new(store);
    book.save("demo/小鹿", &notes("坑距400")).unwrap();
    book.save("demo/阿杰", &notes("VIP")).unwrap();
    assert_eq!(book.load("demo/小鹿").unwrap().text, "坑距400");
    assert_eq!(book.buyers().unwrap(), vec!["demo/小鹿", "demo/阿杰"]);
    // Really in window.localStorage, one entry each, and nothing left by the probe.
    assert!(local_storage().get_item("kefu.notes/demo/小鹿").unwrap().unwrap().contains("坑距400"));
    assert_eq!(local_storage().length().unwrap(), 2);
}

#[wasm_bindgen_test]
async fn denied_local_storage_falls_back_to_extension_storage() {
    let area = fake_area();
    let store = open_store(denied(), Some(area.clone())).await.store;
    assert_eq!(store.kind(), StorageKind::ExtensionStorage);
    let mut book = Notebook::new(store);
    book.save("demo/小鹿", &notes("喜欢白色")).unwrap();
    settle(book.store().take_pending().expect("a write under way")).await.unwrap();
    assert!(stored_in(&area, "kefu.notes/demo/小鹿").unwrap().contains("喜欢白色"));

    // A new panel (a page reload) reads what was written.
    let reopened = Notebook::new(open_store(denied(), Some(area)).await.store);
    assert_eq!(reopened.load("demo/小鹿").unwrap().text, "喜欢白色");
}

#[wasm_bindgen_test]
async fn once_notes_live_in_extension_storage_every_page_uses_it() {
    local_storage().clear().unwrap();
    let area = fake_area();
    // The panel's frame is denied localStorage: it falls back and marks the choice...
    let panel = open_store(denied(), Some(area.clone())).await.store;
    assert_eq!(panel.kind(), StorageKind::ExtensionStorage);
    assert_eq!(stored_in(&area, kefu::web::storage::BACKEND_KEY).as_deref(), Some("storage.local"));
    // ...so a page that could use localStorage (the options page) uses the same store.
    let options = open_store(Ok(Some(local_storage())), Some(area)).await.store;
    assert_eq!(options.kind(), StorageKind::ExtensionStorage);
}

#[wasm_bindgen_test]
async fn extension_writes_go_out_in_one_batch() {
    let area = fake_area();
    let mut store = open_store(denied(), Some(area.clone())).await.store;
    store.set("kefu.notes/a", "1").unwrap();
    store.set("kefu.notes/b", "2").unwrap();
    store.remove("kefu.notes/a").unwrap();
    settle(store.take_pending().unwrap()).await.unwrap();
    assert_eq!(stored_in(&area, "kefu.notes/a"), None);
    assert_eq!(stored_in(&area, "kefu.notes/b").as_deref(), Some("2"));
    assert!(store.take_pending().is_none(), "nothing left to send");
}

#[wasm_bindgen_test]
async fn with_no_storage_at_all_notes_live_in_memory() {
    let store = open_store(denied(), None).await.store;
    assert_eq!(store.kind(), StorageKind::Memory);
}

#[wasm_bindgen_test]
async fn a_failed_extension_write_is_reported() {
    let area = fake_area();
    let mut store = open_store(denied(), Some(area.clone())).await.store;
    fail_writes(&area);
    store.set("kefu.notes/demo/x", "text").unwrap();
    let result = settle(store.take_pending().unwrap()).await;
    assert_eq!(result, Err(StoreError::Full));
}

#[wasm_bindgen_test]
async fn a_refused_batch_is_taken_back_from_the_memory_copy() {
    let area = fake_area();
    let mut store = open_store(denied(), Some(area.clone())).await.store;
    store.set("kefu.notes/kept", "old").unwrap();
    store.set("kefu.notes/gone", "old").unwrap();
    settle(store.take_pending().unwrap()).await.unwrap();
    fail_writes(&area);
    // An import-like batch: one entry changed, one removed, one added; the area refuses it.
    store.set("kefu.notes/kept", "new").unwrap();
    store.set("kefu.notes/kept", "newer").unwrap();
    store.remove("kefu.notes/gone").unwrap();
    store.set("kefu.notes/added", "new").unwrap();
    let write = store.take_pending().unwrap();
    assert_eq!(store.get("kefu.notes/kept").unwrap().as_deref(), Some("newer"), "the copy leads while the write is out");
    assert_eq!(settle(write).await, Err(StoreError::Full));
    assert_eq!(store.get("kefu.notes/kept").unwrap().as_deref(), Some("old"));
    assert_eq!(store.get("kefu.notes/gone").unwrap().as_deref(), Some("old"));
    assert_eq!(store.get("kefu.notes/added").unwrap(), None);
    assert_eq!(store.keys("kefu.notes/").unwrap(), vec!["kefu.notes/gone", "kefu.notes/kept"]);
}

#[wasm_bindgen_test]
async fn a_full_local_storage_is_reported_and_keeps_the_old_notes() {
    local_storage().clear().unwrap();
    let mut book = Notebook::new(open_store(Ok(Some(local_storage())), None).await.store);
    book.save("demo/big", &notes("before")).unwrap();
    // Fill the origin's quota (a few MB in every browser) with other entries, to the last KB.
    let mut filled = 0;
    for size in [256 * 1024, 16 * 1024, 1024] {
        let chunk = "x".repeat(size);
        while local_storage().set_item(&format!("filler-{filled}"), &chunk).is_ok() {
            filled += 1;
            assert!(filled < 2000, "localStorage never filled up");
        }
    }
    let longer = notes(&"长".repeat(3000));
    assert_eq!(book.save("demo/big", &longer), Err(NotesError::Store(StoreError::Full)));
    assert_eq!(book.load("demo/big").unwrap().text, "before");
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn two_pages_saving_one_buyer_at_once_lose_nothing() {
    let area = fake_area();
    let mut a = Notebook::new(open_store(denied(), Some(area.clone())).await.store);
    let mut b = Notebook::new(open_store(denied(), Some(area.clone())).await.store);
    // Both start from the same copy; neither has heard of the other's write when it saves.
    let mut from_a = a.load("demo/小鹿").unwrap();
    from_a.text = "坑距400, 要静音款".into();
    from_a.facts.phone = Some("13812345678".into());
    from_a.updated_at = 10;
    a.save("demo/小鹿", &from_a).unwrap();
    let mut from_b = b.load("demo/小鹿").unwrap();
    from_b.record(Intent::Logistics, 11);
    from_b.updated_at = 11;
    b.save("demo/小鹿", &from_b).unwrap();
    let (wa, wb) = (a.store().take_pending().unwrap(), b.store().take_pending().unwrap());
    settle(wa).await.unwrap();
    settle(wb).await.unwrap();
    settle_events().await;

    let stored = kefu::notes::BuyerNotes::from_stored(&stored_in(&area, "kefu.notes/demo/小鹿").unwrap()).unwrap();
    assert_eq!(stored.text, "坑距400, 要静音款", "the text of the first write survives the second");
    assert_eq!(stored.facts.phone.as_deref(), Some("13812345678"));
    assert_eq!(stored.history.len(), 1, "the second write's history is there too");
    assert_eq!(a.load("demo/小鹿").unwrap(), stored);
    assert_eq!(b.load("demo/小鹿").unwrap(), stored);
}

#[wasm_bindgen_test]
async fn a_write_from_another_page_reaches_this_pages_copy_and_its_watcher() {
    let area = fake_area();
    let mut a = Notebook::new(open_store(denied(), Some(area.clone())).await.store);
    let mut b = open_store(denied(), Some(area.clone())).await.store;
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = seen.clone();
    b.watch(Rc::new(move |c: &Changes| log.borrow_mut().extend(c.keys.iter().cloned())));
    let b = Notebook::new(b);
    a.save("demo/阿杰", &notes("VIP, 只要顺丰")).unwrap();
    settle(a.store().take_pending().unwrap()).await.unwrap();
    settle_events().await;
    assert_eq!(b.load("demo/阿杰").unwrap().text, "VIP, 只要顺丰");
    let notes_keys: Vec<String> = seen.borrow().iter().filter(|k| k.starts_with("kefu.notes/")).cloned().collect();
    assert_eq!(notes_keys, ["kefu.notes/demo/阿杰"]);
}

#[wasm_bindgen_test]
async fn a_full_local_storage_moves_the_notes_to_extension_storage() {
    local_storage().clear().unwrap();
    let mut book = Notebook::new(open_store(Ok(Some(local_storage())), None).await.store);
    book.save("demo/老王", &notes("怕吵")).unwrap();
    fill_local_storage();
    let area = fake_area();
    let opened = open_store(Ok(Some(local_storage())), Some(area.clone())).await;
    assert_eq!(opened.problem, None);
    assert_eq!(opened.store.kind(), StorageKind::ExtensionStorage);
    let book = Notebook::new(opened.store);
    assert_eq!(book.load("demo/老王").unwrap().text, "怕吵", "every note still visible");
    assert!(stored_in(&area, "kefu.notes/demo/老王").unwrap().contains("怕吵"));
    assert_eq!(local_storage().get_item("kefu.notes/demo/老王").unwrap(), None, "moved, not copied");
    assert_eq!(stored_in(&area, kefu::web::storage::BACKEND_KEY).as_deref(), Some("storage.local"));
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_move_that_fails_keeps_the_notes_where_they_are_and_says_so() {
    local_storage().clear().unwrap();
    let mut book = Notebook::new(open_store(Ok(Some(local_storage())), None).await.store);
    book.save("demo/老王", &notes("怕吵")).unwrap();
    fill_local_storage();
    let area = fake_area();
    fail_writes(&area);
    let opened = open_store(Ok(Some(local_storage())), Some(area.clone())).await;
    assert_eq!(opened.store.kind(), StorageKind::LocalStorage);
    assert!(opened.problem.as_deref().is_some_and(|p| p.contains("stay in localStorage")), "{:?}", opened.problem);
    assert_eq!(Notebook::new(opened.store).load("demo/老王").unwrap().text, "怕吵");
    assert_eq!(stored_in(&area, kefu::web::storage::BACKEND_KEY), None, "not switched");
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_write_that_changes_nothing_waits_for_no_echo() {
    let area = fake_area();
    let mut a = Notebook::new(open_store(denied(), Some(area.clone())).await.store);
    let mut b = Notebook::new(open_store(denied(), Some(area.clone())).await.store);
    // Page A deletes a buyer it has no entry for: no change, so no change event ever comes.
    a.remove("demo/阿杰").unwrap();
    if let Some(write) = a.store().take_pending() {
        settle(write).await.unwrap();
    }
    // Page B writes that buyer, then deletes them: page A follows both, taking neither for
    // its own long-lost echo.
    b.save("demo/阿杰", &notes("只要顺丰")).unwrap();
    settle(b.store().take_pending().unwrap()).await.unwrap();
    settle_events().await;
    assert_eq!(a.load("demo/阿杰").unwrap().text, "只要顺丰");
    b.remove("demo/阿杰").unwrap();
    settle(b.store().take_pending().unwrap()).await.unwrap();
    settle_events().await;
    assert!(a.load("demo/阿杰").unwrap().is_empty(), "the delete reached page A");
    assert_eq!(stored_in(&area, "kefu.notes/demo/阿杰"), None, "and nothing wrote it back");
}
