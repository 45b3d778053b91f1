//! Notes storage in the extension's own origin. `localStorage` first (synchronous, shared with
//! the options page); where the browser denies it (a fresh Chromium profile does for an
//! extension iframe on a web page) `chrome.storage.local` takes over, read once into memory and
//! written through. If neither is available, notes live in memory and the panel says so.

use crate::notes::{MemoryStore, NotesStore, StoreError};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Which backend holds the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKind {
    LocalStorage,
    ExtensionStorage,
    Memory,
}

impl StorageKind {
    pub fn name(self) -> &'static str {
        match self {
            StorageKind::LocalStorage => "localStorage",
            StorageKind::ExtensionStorage => "storage.local",
            StorageKind::Memory => "memory",
        }
    }
}

/// A `DOMException` (or any thrown value) as a store error.
fn store_error(e: &JsValue) -> StoreError {
    let name = Reflect::get(e, &"name".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let message = Reflect::get(e, &"message".into())
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into());
    let lower = message.to_ascii_lowercase();
    if name == "QuotaExceededError" || lower.contains("quota") {
        StoreError::Full
    } else if name == "SecurityError" {
        StoreError::Denied(message)
    } else {
        StoreError::Backend(message)
    }
}

/// `window.localStorage`.
pub struct LocalStore(web_sys::Storage);

impl NotesStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(|e| store_error(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|e| store_error(&e))
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(|e| store_error(&e))
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let len = self.0.length().map_err(|e| store_error(&e))?;
        let mut keys = Vec::new();
        for i in 0..len {
            if let Some(k) = self.0.key(i).map_err(|e| store_error(&e))? {
                if k.starts_with(prefix) {
                    keys.push(k);
                }
            }
        }
        keys.sort();
        Ok(keys)
    }
}

/// `chrome.storage.local` (or `browser.storage.local`): a memory copy read at start; writes go
/// to the copy at once and to the area in one batch when the caller takes them (`take_pending`),
/// so a multi-entry change (an import) is stored whole or, if the area refuses it (full), not at
/// all, and the caller awaits the outcome and reports a failure instead of swallowing it. A
/// refused batch is also taken back from the memory copy, so the page goes on showing what is
/// stored, not what failed to be.
pub struct ExtensionStore {
    area: JsValue,
    /// Shared with the pending write, which puts the old values back if the area refuses it.
    cache: Rc<RefCell<BTreeMap<String, String>>>,
    batch: RefCell<Option<Object>>,
    removals: RefCell<Vec<String>>,
    /// Each key changed since the last batch went out, with its value before (none: absent).
    before: RefCell<BTreeMap<String, Option<String>>>,
}

impl ExtensionStore {
    /// Reads every entry of the storage area once.
    pub async fn open(area: JsValue) -> Result<ExtensionStore, StoreError> {
        let all = call(&area, "get", &JsValue::NULL)?;
        let all = JsFuture::from(all).await.map_err(|e| store_error(&e))?;
        let mut cache = BTreeMap::new();
        for key in Object::keys(all.unchecked_ref::<Object>()).iter() {
            let value = Reflect::get(&all, &key).map_err(|e| store_error(&e))?;
            if let (Some(k), Some(v)) = (key.as_string(), value.as_string()) {
                cache.insert(k, v);
            }
        }
        Ok(ExtensionStore {
            area,
            cache: Rc::new(RefCell::new(cache)),
            batch: RefCell::new(None),
            removals: RefCell::new(Vec::new()),
            before: RefCell::new(BTreeMap::new()),
        })
    }

    /// Remembers a key's value before its first change in this batch.
    fn note_before(&self, key: &str) {
        let old = self.cache.borrow().get(key).cloned();
        self.before.borrow_mut().entry(key.to_string()).or_insert(old);
    }

    /// Sends the writes made since the last call, as one batch; its completion, if any.
    pub fn take_pending(&self) -> Option<Promise> {
        let mut writes = Vec::new();
        if let Some(batch) = self.batch.borrow_mut().take() {
            writes.push(call(&self.area, "set", &batch));
        }
        let removals: Vec<String> = self.removals.borrow_mut().drain(..).collect();
        if !removals.is_empty() {
            let keys: js_sys::Array = removals.iter().map(|k| JsValue::from_str(k)).collect();
            writes.push(call(&self.area, "remove", &keys));
        }
        // (key, value before the batch, value the batch wrote)
        let changes: Vec<(String, Option<String>, Option<String>)> = {
            let cache = self.cache.borrow();
            let before = std::mem::take(&mut *self.before.borrow_mut());
            before
                .into_iter()
                .map(|(key, old)| {
                    let new = cache.get(&key).cloned();
                    (key, old, new)
                })
                .collect()
        };
        if writes.is_empty() {
            return None;
        }
        // A call that could not even start is a rejected write like any other.
        let promises: js_sys::Array = writes
            .into_iter()
            .map(|w| w.unwrap_or_else(|e| Promise::reject(&JsValue::from_str(&e.to_string()))))
            .map(JsValue::from)
            .collect();
        let all = JsFuture::from(Promise::all(&promises));
        let cache = Rc::clone(&self.cache);
        Some(wasm_bindgen_futures::future_to_promise(async move {
            let result = all.await;
            if result.is_err() {
                // Put back what the refused batch changed, unless a later change overwrote it.
                let mut cache = cache.borrow_mut();
                for (key, old, new) in changes {
                    if cache.get(&key) == new.as_ref() {
                        match old {
                            Some(v) => cache.insert(key, v),
                            None => cache.remove(&key),
                        };
                    }
                }
            }
            result
        }))
    }
}

/// Calls `area[method](arg)` and expects a promise (MV3 storage areas return promises).
fn call(area: &JsValue, method: &str, arg: &JsValue) -> Result<Promise, StoreError> {
    let f: Function = Reflect::get(area, &method.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| StoreError::Backend(format!("storage area has no {method}()")))?;
    let result = f.call1(area, arg).map_err(|e| store_error(&e))?;
    result.dyn_into::<Promise>().map_err(|_| StoreError::Backend(format!("storage {method}() returned no promise")))
}

impl NotesStore for ExtensionStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.cache.borrow().get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut batch = self.batch.borrow_mut();
        let batch = batch.get_or_insert_with(Object::new);
        Reflect::set(batch, &key.into(), &value.into()).map_err(|e| store_error(&e))?;
        self.removals.borrow_mut().retain(|k| k != key);
        self.note_before(key);
        self.cache.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(batch) = self.batch.borrow().as_ref() {
            let _ = Reflect::delete_property(batch, &key.into());
        }
        self.removals.borrow_mut().push(key.to_string());
        self.note_before(key);
        self.cache.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.cache.borrow().keys().filter(|k| k.starts_with(prefix)).cloned().collect())
    }
}

/// The store the panel uses, whichever backend it is.
pub enum WebStore {
    Local(LocalStore),
    Extension(ExtensionStore),
    Memory(MemoryStore),
}

impl WebStore {
    pub fn kind(&self) -> StorageKind {
        match self {
            WebStore::Local(_) => StorageKind::LocalStorage,
            WebStore::Extension(_) => StorageKind::ExtensionStorage,
            WebStore::Memory(_) => StorageKind::Memory,
        }
    }

    /// A write still under way (extension storage only), to await and report.
    pub fn take_pending(&self) -> Option<Promise> {
        match self {
            WebStore::Extension(s) => s.take_pending(),
            _ => None,
        }
    }
}

impl NotesStore for WebStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            WebStore::Local(s) => s.get(key),
            WebStore::Extension(s) => s.get(key),
            WebStore::Memory(s) => s.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            WebStore::Local(s) => s.set(key, value),
            WebStore::Extension(s) => s.set(key, value),
            WebStore::Memory(s) => s.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        match self {
            WebStore::Local(s) => s.remove(key),
            WebStore::Extension(s) => s.remove(key),
            WebStore::Memory(s) => s.remove(key),
        }
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        match self {
            WebStore::Local(s) => s.keys(prefix),
            WebStore::Extension(s) => s.keys(prefix),
            WebStore::Memory(s) => s.keys(prefix),
        }
    }
}

const PROBE_KEY: &str = "kefu.probe";
/// Set in the extension area once notes live there, so every page of the extension (the panel
/// in a chat page's frame, the options page) uses the same backend: in Chromium the panel's
/// frame is denied localStorage while the options page is not.
pub const BACKEND_KEY: &str = "kefu.backend";
const EXTENSION_BACKEND: &str = "storage.local";

/// Chooses the backend: `local` is what `window.localStorage` gave (an error where the browser
/// denies it), `area` the extension storage area if there is one.
pub async fn open_store(local: Result<Option<web_sys::Storage>, JsValue>, area: Option<JsValue>) -> WebStore {
    let flagged = match &area {
        Some(area) => backend_mark(area).await.as_deref() == Some(EXTENSION_BACKEND),
        None => false,
    };
    if !flagged {
        if let Ok(Some(storage)) = local {
            // Some browsers hand out a storage object that throws on first write.
            if storage.set_item(PROBE_KEY, "1").is_ok() && storage.remove_item(PROBE_KEY).is_ok() {
                return WebStore::Local(LocalStore(storage));
            }
        }
    }
    // Only now read the whole area: where localStorage serves, start-up reads one key.
    let extension = match area {
        Some(area) => ExtensionStore::open(area).await.ok(),
        None => None,
    };
    match extension {
        Some(mut store) => {
            if !flagged {
                let _ = store.set(BACKEND_KEY, EXTENSION_BACKEND);
                if let Some(write) = store.take_pending() {
                    let _ = JsFuture::from(write).await;
                }
            }
            WebStore::Extension(store)
        }
        None => WebStore::Memory(MemoryStore::new()),
    }
}

/// The backend mark in the extension area, if set.
async fn backend_mark(area: &JsValue) -> Option<String> {
    let got = JsFuture::from(call(area, "get", &JsValue::from_str(BACKEND_KEY)).ok()?).await.ok()?;
    Reflect::get(&got, &JsValue::from_str(BACKEND_KEY)).ok()?.as_string()
}

/// The extension's `storage.local` area, preferring the promise-based `browser` namespace.
pub fn extension_storage_area() -> Option<JsValue> {
    let global = js_sys::global();
    ["browser", "chrome"].iter().find_map(|ns| {
        let api = Reflect::get(&global, &(*ns).into()).ok().filter(|v| v.is_object())?;
        let storage = Reflect::get(&api, &"storage".into()).ok().filter(|v| v.is_object())?;
        Reflect::get(&storage, &"local".into()).ok().filter(|v| v.is_object())
    })
}

/// Opens the notes store of this page.
pub async fn open_default() -> WebStore {
    let local = match web_sys::window() {
        Some(w) => w.local_storage(),
        None => Ok(None),
    };
    open_store(local, extension_storage_area()).await
}

/// Awaits a pending write; the error, if any, as a store error.
pub async fn settle(write: Promise) -> Result<(), StoreError> {
    JsFuture::from(write).await.map(|_| ()).map_err(|e| store_error(&e))
}
