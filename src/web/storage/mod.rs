//! Notes storage in the extension's own origin. `localStorage` first (synchronous, shared with
//! the options page); where the browser denies or refuses it (a fresh Chromium profile denies it
//! to an extension iframe on a web page; a full one refuses writes) `chrome.storage.local` takes
//! over, kept current with every page's writes (`extension`). Notes never stay behind in the
//! backend left: they are moved, verified, before anything is deleted, and a move that fails
//! keeps them where they are and says so. If neither is available, notes live in memory and the
//! panel says so.

mod extension;
mod local;

pub use extension::{Changes, ExtensionStore, OnChange, Reloader};
pub use local::LocalStore;

use crate::notes::{merge_stored, MemoryStore, NotesStore, StoreError};
use js_sys::{Function, Promise, Reflect};
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

    /// Calls `f` when another page of the extension changes stored entries.
    pub fn watch(&mut self, f: OnChange) {
        match self {
            WebStore::Local(s) => s.watch(f),
            WebStore::Extension(s) => s.watch(f),
            WebStore::Memory(_) => {}
        }
    }

    /// Something to run (holding no borrow of the store) so that the store holds what is
    /// stored now, whatever other pages wrote (before an export); `None` where reads are
    /// always current.
    pub fn reloader(&self) -> Option<Reloader> {
        match self {
            WebStore::Extension(s) => Some(s.reloader()),
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
/// Everything of ours in localStorage that moves with the notes (notes, the shop's files).
const OURS: &str = "kefu.";

/// The opened store, and what went wrong on the way, for the page to show.
pub struct Opened {
    pub store: WebStore,
    /// Why notes are not where they should be (a move that failed, storage that refuses
    /// writes), in plain words; `None` when all is well.
    pub problem: Option<String>,
}

/// Chooses the backend: `local` is what `window.localStorage` gave (an error where the browser
/// denies it), `area` the extension storage area if there is one.
pub async fn open_store(local: Result<Option<web_sys::Storage>, JsValue>, area: Option<JsValue>) -> Opened {
    let local = match local {
        Ok(Some(storage)) => Some(LocalStore::new(storage)),
        _ => None,
    };
    let flagged = match &area {
        Some(area) => backend_mark(area).await.as_deref() == Some(EXTENSION_BACKEND),
        None => false,
    };
    if !flagged {
        if let Some(local) = local {
            // Some browsers hand out a storage object that throws on first write; a full one
            // refuses it too.
            if local.probe() {
                return Opened { store: WebStore::Local(local), problem: None };
            }
            return switch_from(local, area).await;
        }
    }
    // Only now read the whole area: where localStorage serves, start-up reads one key.
    let extension = match area {
        Some(area) => ExtensionStore::open(area).await,
        None => return Opened { store: WebStore::Memory(MemoryStore::new()), problem: None },
    };
    let mut store = match extension {
        Ok(store) => store,
        Err(e) => return Opened { store: WebStore::Memory(MemoryStore::new()), problem: Some(format!("extension storage: {e}")) },
    };
    // localStorage readable here (the options page) may still hold notes from before the mark.
    let problem = match &local {
        Some(local) => move_over(local, &mut store, !flagged).await.err(),
        None if !flagged => mark(&mut store).await.err(),
        None => None,
    };
    Opened { store: WebStore::Extension(store), problem: problem.map(|e| e.to_string()) }
}

/// localStorage refuses writes: notes move to the extension area, or stay where they are.
async fn switch_from(local: LocalStore, area: Option<JsValue>) -> Opened {
    let refused = "localStorage refuses writes (full or blocked)";
    let Some(area) = area else {
        return Opened { store: WebStore::Local(local), problem: Some(format!("{refused}; notes can be read but not saved")) };
    };
    let mut store = match ExtensionStore::open(area).await {
        Ok(store) => store,
        Err(e) => return Opened { store: WebStore::Local(local), problem: Some(format!("{refused}, and extension storage failed: {e}")) },
    };
    match move_over(&local, &mut store, true).await {
        Ok(()) => Opened { store: WebStore::Extension(store), problem: None },
        // Nothing was deleted: the notes stay readable where they are.
        Err(e) => Opened {
            store: WebStore::Local(local),
            problem: Some(format!("{refused}, and moving the notes to extension storage failed ({e}); they stay in localStorage")),
        },
    }
}

/// Moves everything of ours from localStorage into the extension area (merged with what is
/// already there, entry by entry), marks the area as the backend if `mark_it`, checks that the
/// area holds it all, and only then deletes the localStorage copies.
async fn move_over(local: &LocalStore, store: &mut ExtensionStore, mark_it: bool) -> Result<(), StoreError> {
    let entries: Vec<(String, String)> =
        local.entries(OURS)?.into_iter().filter(|(k, _)| k != PROBE_KEY && k != BACKEND_KEY).collect();
    let mut expected = Vec::new();
    for (key, value) in &entries {
        let there = store.get(key)?;
        let value = match (&there, key.starts_with("kefu.notes/")) {
            (None, _) => value.clone(),
            (Some(there), true) => merge_stored(None, value, Some(there)).unwrap_or_else(|| there.clone()),
            // The area is the newer backend: its shop files stand.
            (Some(there), false) => there.clone(),
        };
        if there.as_ref() != Some(&value) {
            store.set(key, &value)?;
        }
        expected.push((key.clone(), value));
    }
    if mark_it {
        store.set(BACKEND_KEY, EXTENSION_BACKEND)?;
    }
    if let Some(write) = store.take_pending() {
        settle(write).await?;
    }
    if entries.is_empty() {
        return Ok(());
    }
    store.verify(&expected).await?;
    let mut local = LocalStore::new(local.storage().clone());
    for (key, moved) in &entries {
        // A page still on localStorage may have written since: only what was moved goes.
        if local.get(key)?.as_ref() == Some(moved) {
            local.remove(key)?;
        }
    }
    Ok(())
}

/// Marks the extension area as the backend.
async fn mark(store: &mut ExtensionStore) -> Result<(), StoreError> {
    store.set(BACKEND_KEY, EXTENSION_BACKEND)?;
    match store.take_pending() {
        Some(write) => settle(write).await,
        None => Ok(()),
    }
}

/// The backend mark in the extension area, if set.
async fn backend_mark(area: &JsValue) -> Option<String> {
    let got = JsFuture::from(call(area, "get", &JsValue::from_str(BACKEND_KEY)).ok()?).await.ok()?;
    Reflect::get(&got, &JsValue::from_str(BACKEND_KEY)).ok()?.as_string()
}

/// Calls `area[method](arg)` and expects a promise (MV3 storage areas return promises).
fn call(area: &JsValue, method: &str, arg: &JsValue) -> Result<Promise, StoreError> {
    let f: Function = Reflect::get(area, &method.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| StoreError::Backend(format!("storage area has no {method}()")))?;
    let result = f.call1(area, arg).map_err(|e| store_error(&e))?;
    // Firefox hands an extension frame promises from another compartment: not `instanceof
    // Promise` here, but thenable, and `Promise.resolve` adopts them.
    let thenable = Reflect::get(&result, &"then".into()).is_ok_and(|t| t.is_function());
    if !thenable {
        return Err(StoreError::Backend(format!("storage {method}() returned no promise")));
    }
    Ok(Promise::resolve(&result))
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
pub async fn open_default() -> Opened {
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
