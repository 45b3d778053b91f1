//! Notes storage in the extension's own origin. `localStorage` first (synchronous, shared with
//! the options page); where the browser denies it (a fresh Chromium profile does for an
//! extension iframe on a web page) `chrome.storage.local` takes over, read once into memory and
//! written through. If neither is available, notes live in memory and the panel says so.

use crate::notes::{MemoryStore, NotesStore, StoreError};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::collections::BTreeMap;
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

/// `chrome.storage.local` (or `browser.storage.local`): a memory copy read at start, each write
/// sent through. Writes finish later; `take_pending` hands the latest one to the caller, who
/// awaits it and reports a failure (a full quota, say) instead of swallowing it.
pub struct ExtensionStore {
    area: JsValue,
    cache: BTreeMap<String, String>,
    pending: RefCell<Option<Promise>>,
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
        Ok(ExtensionStore { area, cache, pending: RefCell::new(None) })
    }

    /// The write most recently started, if nobody took it yet.
    pub fn take_pending(&self) -> Option<Promise> {
        self.pending.borrow_mut().take()
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
        Ok(self.cache.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let item = Object::new();
        Reflect::set(&item, &key.into(), &value.into()).map_err(|e| store_error(&e))?;
        let write = call(&self.area, "set", &item)?;
        self.cache.insert(key.to_string(), value.to_string());
        *self.pending.borrow_mut() = Some(write);
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        let write = call(&self.area, "remove", &key.into())?;
        self.cache.remove(key);
        *self.pending.borrow_mut() = Some(write);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.cache.keys().filter(|k| k.starts_with(prefix)).cloned().collect())
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

/// Chooses the backend: `local` is what `window.localStorage` gave (an error where the browser
/// denies it), `area` the extension storage area if there is one.
pub async fn open_store(local: Result<Option<web_sys::Storage>, JsValue>, area: Option<JsValue>) -> WebStore {
    if let Ok(Some(storage)) = local {
        // Some browsers hand out a storage object that throws on first write.
        if storage.set_item(PROBE_KEY, "1").is_ok() && storage.remove_item(PROBE_KEY).is_ok() {
            return WebStore::Local(LocalStore(storage));
        }
    }
    if let Some(area) = area {
        if let Ok(store) = ExtensionStore::open(area).await {
            return WebStore::Extension(store);
        }
    }
    WebStore::Memory(MemoryStore::new())
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
