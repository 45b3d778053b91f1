//! `window.localStorage` as a notes store: synchronous, shared by every page of the extension
//! that may use it, so each read is the current value.

use super::extension::AreaListener;
use super::{extension_storage_area, store_error, Changes, OnChange, BACKEND_KEY, PROBE_KEY};
use crate::notes::{NotesStore, StoreError};
use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};

/// `window.localStorage`.
pub struct LocalStore {
    storage: web_sys::Storage,
    /// The window's `storage` event (another page of the extension wrote), while watched.
    watcher: Option<EventListener>,
    /// The extension area's changes to the backend mark: another page moved the notes there.
    moved: Option<AreaListener>,
}

impl LocalStore {
    pub fn new(storage: web_sys::Storage) -> LocalStore {
        LocalStore { storage, watcher: None, moved: None }
    }

    pub(super) fn storage(&self) -> &web_sys::Storage {
        &self.storage
    }

    /// Whether a write goes through (some browsers hand out a storage that throws on the first
    /// write; a full one refuses it too).
    pub(super) fn probe(&self) -> bool {
        self.storage.set_item(PROBE_KEY, "1").is_ok() && self.storage.remove_item(PROBE_KEY).is_ok()
    }

    /// Calls `f` with the key another page of the extension changed. Reads here always see the
    /// current value; this is for redrawing.
    /// When another page moves the notes to extension storage (its localStorage refused a
    /// write), `f` hears of `BACKEND_KEY`: this page must open the store again.
    pub fn watch(&mut self, f: OnChange) {
        let Some(window) = web_sys::window() else { return };
        let on_storage = f.clone();
        self.watcher = Some(EventListener::new(&window, "storage", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
            // `key` is null when another page cleared the whole storage.
            let keys = event.key().into_iter().collect();
            on_storage(&Changes { keys, error: None });
        }));
        self.moved = extension_storage_area().and_then(|area| {
            AreaListener::add(&area, move |changes: JsValue| {
                let marked = js_sys::Reflect::get(&changes, &BACKEND_KEY.into()).is_ok_and(|c| !c.is_undefined());
                if marked {
                    f(&Changes { keys: vec![BACKEND_KEY.to_string()], error: None });
                }
            })
        });
    }

    /// Every key and value starting with `prefix` (for moving them to another backend).
    pub(super) fn entries(&self, prefix: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut out = Vec::new();
        for key in self.keys(prefix)? {
            if let Some(value) = self.get(&key)? {
                out.push((key, value));
            }
        }
        Ok(out)
    }
}

impl NotesStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(|e| store_error(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(|e| store_error(&e))
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(|e| store_error(&e))
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let len = self.storage.length().map_err(|e| store_error(&e))?;
        let mut keys = Vec::new();
        for i in 0..len {
            if let Some(k) = self.storage.key(i).map_err(|e| store_error(&e))? {
                if k.starts_with(prefix) {
                    keys.push(k);
                }
            }
        }
        crate::sort::ascending(&mut keys);
        Ok(keys)
    }
}
