//! Notes storage in a real browser (`wasm-pack test --headless --chrome|--firefox`): the
//! localStorage backend, the fallback to extension storage when localStorage is denied, and full
//! storage reported rather than swallowed.
#![cfg(target_arch = "wasm32")]

use kefu::notes::{BuyerNotes, Notebook, NotesError, NotesStore, StoreError};
use kefu::web::storage::{open_store, settle, StorageKind};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function fakeArea() {
  // Shaped like chrome.storage.local: promise-returning get/set/remove over plain values.
  const data = {};
  return {
    data,
    get(keys) {
      if (keys === null) return Promise.resolve({ ...data });
      return Promise.resolve(keys in data ? { [keys]: data[keys] } : {});
    },
    set(items) {
      Object.assign(data, items);
      return Promise.resolve();
    },
    remove(key) { delete data[key]; return Promise.resolve(); },
  };
}
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
    let store = open_store(Ok(Some(local_storage())), Some(fake_area())).await;
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
    let store = open_store(denied(), Some(area.clone())).await;
    assert_eq!(store.kind(), StorageKind::ExtensionStorage);
    let mut book = Notebook::new(store);
    book.save("demo/小鹿", &notes("喜欢白色")).unwrap();
    settle(book.store().take_pending().expect("a write under way")).await.unwrap();
    assert!(stored_in(&area, "kefu.notes/demo/小鹿").unwrap().contains("喜欢白色"));

    // A new panel (a page reload) reads what was written.
    let reopened = Notebook::new(open_store(denied(), Some(area)).await);
    assert_eq!(reopened.load("demo/小鹿").unwrap().text, "喜欢白色");
}

#[wasm_bindgen_test]
async fn once_notes_live_in_extension_storage_every_page_uses_it() {
    local_storage().clear().unwrap();
    let area = fake_area();
    // The panel's frame is denied localStorage: it falls back and marks the choice...
    let panel = open_store(denied(), Some(area.clone())).await;
    assert_eq!(panel.kind(), StorageKind::ExtensionStorage);
    assert_eq!(stored_in(&area, kefu::web::storage::BACKEND_KEY).as_deref(), Some("storage.local"));
    // ...so a page that could use localStorage (the options page) uses the same store.
    let options = open_store(Ok(Some(local_storage())), Some(area)).await;
    assert_eq!(options.kind(), StorageKind::ExtensionStorage);
}

#[wasm_bindgen_test]
async fn extension_writes_go_out_in_one_batch() {
    let area = fake_area();
    let mut store = open_store(denied(), Some(area.clone())).await;
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
    let store = open_store(denied(), None).await;
    assert_eq!(store.kind(), StorageKind::Memory);
}

#[wasm_bindgen_test]
async fn a_failed_extension_write_is_reported() {
    let area = fake_area();
    let mut store = open_store(denied(), Some(area.clone())).await;
    fail_writes(&area);
    store.set("kefu.notes/demo/x", "text").unwrap();
    let result = settle(store.take_pending().unwrap()).await;
    assert_eq!(result, Err(StoreError::Full));
}

#[wasm_bindgen_test]
async fn a_refused_batch_is_taken_back_from_the_memory_copy() {
    let area = fake_area();
    let mut store = open_store(denied(), Some(area.clone())).await;
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
    let mut book = Notebook::new(open_store(Ok(Some(local_storage())), None).await);
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
