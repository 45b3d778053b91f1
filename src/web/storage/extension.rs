//! `chrome.storage.local` (or `browser.storage.local`) as a notes store, kept current.
//!
//! A memory copy is read at start and kept current through the area's `onChanged`, so a panel
//! never saves from a stale copy of what another panel or the options page wrote. Writes go to
//! the copy at once and to the area in one batch when the caller takes them (`take_pending`),
//! so a multi-entry change (an import) is stored whole or, if the area refuses it, not at all;
//! a refused batch is taken back from the copy.
//!
//! Two pages can still save one buyer from the same copy before either hears of the other: the
//! later write would carry the older value of every field it did not touch. So each page
//! remembers its recent writes (what it started from and what it wrote); a foreign write to that
//! key within `RECENT_MS` is merged with them field by field (`notes::merge_stored`) and the
//! merge written back. Every page computes the same merge, so they agree after one more write.

use super::{call, store_error};
use crate::notes::{merge_stored, NotesStore, StoreError};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long after its last write a page still merges a foreign write into its own. Far longer
/// than storage events take between pages; short enough that a later, deliberate change by
/// another page is taken as it is.
const RECENT_MS: f64 = 3_000.0;
const NOTES_PREFIX: &str = "kefu.notes/";
/// An echo not back by then never will be (the browser dropped the event, say).
const ECHO_MS: f64 = 5_000.0;

/// What another page (or a merge) changed: the keys, and an error if a merge could not be
/// written back.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub keys: Vec<String>,
    pub error: Option<StoreError>,
}

impl Changes {
    /// Another page moved the notes into extension storage while this page, still on
    /// `localStorage` (`kind`), must open the store again where they are now.
    pub fn moved_away_from(&self, kind: super::StorageKind) -> bool {
        kind == super::StorageKind::LocalStorage && self.keys.iter().any(|k| k == super::BACKEND_KEY)
    }
}

/// Called after the memory copy took in changes from elsewhere.
pub type OnChange = Rc<dyn Fn(&Changes)>;

/// This page's recent writes to one key.
struct Recent {
    /// The value its first write in this run started from.
    base: Option<String>,
    /// What it wrote last.
    mine: Option<String>,
    /// Its writes whose own change events have not come back yet, oldest first, with when they
    /// were sent (an echo that never comes is forgotten after `ECHO_MS`).
    echoes: VecDeque<(Option<String>, f64)>,
    /// When it last wrote (ms).
    at: f64,
}

/// State shared with the area's change listener and with writes still under way.
struct Shared {
    area: JsValue,
    cache: RefCell<BTreeMap<String, String>>,
    recent: RefCell<HashMap<String, Recent>>,
    on_change: RefCell<Option<OnChange>>,
}

pub struct ExtensionStore {
    shared: Rc<Shared>,
    batch: RefCell<Option<Object>>,
    removals: RefCell<Vec<String>>,
    /// Each key changed since the last batch went out, with its value before (none: absent).
    before: RefCell<BTreeMap<String, Option<String>>>,
    _listener: Option<AreaListener>,
}

impl ExtensionStore {
    /// Reads every entry of the storage area once and starts listening for changes.
    pub async fn open(area: JsValue) -> Result<ExtensionStore, StoreError> {
        let cache = read_all(&area).await?;
        let shared = Rc::new(Shared { area: area.clone(), cache: RefCell::new(cache), recent: RefCell::default(), on_change: RefCell::default() });
        let weak = Rc::downgrade(&shared);
        let listener = AreaListener::add(&area, move |changes: JsValue| {
            if let Some(shared) = weak.upgrade() {
                Shared::on_changed(&shared, &changes);
            }
        });
        Ok(ExtensionStore {
            shared,
            batch: RefCell::new(None),
            removals: RefCell::new(Vec::new()),
            before: RefCell::new(BTreeMap::new()),
            _listener: listener,
        })
    }

    /// Calls `f` whenever changes from elsewhere reach the memory copy.
    pub fn watch(&self, f: OnChange) {
        *self.shared.on_change.borrow_mut() = Some(f);
    }

    /// Reads the whole area again when run (before an export: nothing written elsewhere is
    /// missed), keeping this page's own writes still under way. Holds no borrow of the store.
    pub fn reloader(&self) -> Reloader {
        Reloader(Rc::clone(&self.shared))
    }

    /// Reads `expected` back from the area: each key must hold exactly its value.
    pub async fn verify(&self, expected: &[(String, String)]) -> Result<(), StoreError> {
        let keys: js_sys::Array = expected.iter().map(|(k, _)| JsValue::from_str(k)).collect();
        let got = JsFuture::from(call(&self.shared.area, "get", &keys)?).await.map_err(|e| store_error(&e))?;
        for (key, value) in expected {
            let stored = Reflect::get(&got, &JsValue::from_str(key)).ok().and_then(|v| v.as_string());
            if stored.as_ref() != Some(value) {
                return Err(StoreError::Backend(format!("{key} did not arrive in extension storage as written")));
            }
        }
        Ok(())
    }

    /// Remembers a key's value before its first change in this batch.
    fn note_before(&self, key: &str) {
        let old = self.shared.cache.borrow().get(key).cloned();
        self.before.borrow_mut().entry(key.to_string()).or_insert(old);
    }

    /// Sends the writes made since the last call, as one batch; its completion, if any.
    pub fn take_pending(&self) -> Option<Promise> {
        let mut writes = Vec::new();
        if let Some(batch) = self.batch.borrow_mut().take() {
            writes.push(call(&self.shared.area, "set", &batch));
        }
        let removals: Vec<String> = self.removals.borrow_mut().drain(..).collect();
        if !removals.is_empty() {
            let keys: js_sys::Array = removals.iter().map(|k| JsValue::from_str(k)).collect();
            writes.push(call(&self.shared.area, "remove", &keys));
        }
        // (key, value before the batch, value the batch wrote)
        let changes: Vec<(String, Option<String>, Option<String>)> = {
            let cache = self.shared.cache.borrow();
            let before = std::mem::take(&mut *self.before.borrow_mut());
            before.into_iter().map(|(key, old)| { let new = cache.get(&key).cloned(); (key, old, new) }).collect()
        };
        if writes.is_empty() {
            return None;
        }
        self.shared.wrote(&changes);
        // A call that could not even start is a rejected write like any other.
        let promises: js_sys::Array = writes
            .into_iter()
            .map(|w| w.unwrap_or_else(|e| Promise::reject(&JsValue::from_str(&e.to_string()))))
            .map(JsValue::from)
            .collect();
        let all = JsFuture::from(Promise::all(&promises));
        let shared = Rc::clone(&self.shared);
        Some(wasm_bindgen_futures::future_to_promise(async move {
            let result = all.await;
            if result.is_err() {
                shared.refused(&changes);
            }
            result
        }))
    }
}

impl Shared {
    /// This page sent `changes` (key, before, after) to the area.
    fn wrote(&self, changes: &[(String, Option<String>, Option<String>)]) {
        let now = js_sys::Date::now();
        let mut recent = self.recent.borrow_mut();
        for (key, old, new) in changes {
            // A write that changes nothing (removing an absent key, setting the same value) gets
            // no change event in Chromium: waiting for its echo would mistake the next event.
            if old == new {
                continue;
            }
            let r = recent.entry(key.clone()).or_insert_with(|| Recent { base: old.clone(), mine: None, echoes: VecDeque::new(), at: now });
            if r.echoes.is_empty() && now - r.at > RECENT_MS {
                r.base = old.clone();
            }
            r.mine = new.clone();
            r.echoes.push_back((new.clone(), now));
            r.at = now;
        }
    }

    /// The area refused a batch: its echoes will never come, and the copy goes back to what
    /// is stored, unless a later change overwrote it.
    fn refused(&self, changes: &[(String, Option<String>, Option<String>)]) {
        let mut cache = self.cache.borrow_mut();
        let mut recent = self.recent.borrow_mut();
        for (key, old, new) in changes {
            if let Some(r) = recent.get_mut(key) {
                if let Some(i) = r.echoes.iter().rposition(|(e, _)| e == new) {
                    r.echoes.remove(i);
                }
                // What was refused must not come back through a later merge.
                r.mine = None;
            }
            if cache.get(key) == new.as_ref() {
                match old {
                    Some(v) => cache.insert(key.clone(), v.clone()),
                    None => cache.remove(key),
                };
            }
        }
    }

    /// The area's `onChanged`: `{key: {oldValue, newValue}}`.
    fn on_changed(shared: &Rc<Shared>, changes: &JsValue) {
        let mut changed = Vec::new();
        let mut rewrites = Vec::new();
        for key in Object::keys(changes.unchecked_ref::<Object>()).iter() {
            let Some(key) = key.as_string() else { continue };
            let new = Reflect::get(changes, &JsValue::from_str(&key)).ok().and_then(|c| Reflect::get(&c, &"newValue".into()).ok()).and_then(|v| v.as_string());
            match shared.take_in(&key, new) {
                Take::Echo => {}
                Take::Changed => changed.push(key),
                Take::Rewrite { theirs, merged } => {
                    changed.push(key.clone());
                    rewrites.push((key, theirs, merged));
                }
            }
        }
        for (key, theirs, value) in rewrites {
            let shared = Rc::clone(shared);
            wasm_bindgen_futures::spawn_local(async move {
                let write = match &value {
                    Some(v) => {
                        let item = Object::new();
                        let _ = Reflect::set(&item, &JsValue::from_str(&key), &JsValue::from_str(v));
                        call(&shared.area, "set", &item)
                    }
                    None => call(&shared.area, "remove", &JsValue::from_str(&key)),
                };
                let result = match write {
                    Ok(p) => JsFuture::from(p).await.map(|_| ()).map_err(|e| store_error(&e)),
                    Err(e) => Err(e),
                };
                if let Err(error) = result {
                    // The copy goes back to what is stored; the agent is told.
                    shared.refused(&[(key.clone(), theirs, value)]);
                    shared.notify(&Changes { keys: vec![key], error: Some(error) });
                }
            });
        }
        if !changed.is_empty() {
            shared.notify(&Changes { keys: changed, error: None });
        }
    }

    /// Takes one changed key into the copy.
    fn take_in(&self, key: &str, theirs: Option<String>) -> Take {
        let now = js_sys::Date::now();
        let mut recent = self.recent.borrow_mut();
        let mut cache = self.cache.borrow_mut();
        let set = |cache: &mut BTreeMap<String, String>, v: &Option<String>| match v {
            Some(v) => cache.insert(key.to_string(), v.clone()),
            None => cache.remove(key),
        };
        let Some(r) = recent.get_mut(key) else {
            set(&mut cache, &theirs);
            return Take::Changed;
        };
        while r.echoes.front().is_some_and(|(_, sent)| now - sent > ECHO_MS) {
            r.echoes.pop_front();
        }
        if r.echoes.front().is_some_and(|(e, _)| *e == theirs) {
            r.echoes.pop_front();
            return Take::Echo;
        }
        if r.echoes.is_empty() && now - r.at > RECENT_MS {
            recent.remove(key);
            set(&mut cache, &theirs);
            return Take::Changed;
        }
        // Another page wrote this key while (or just after) this one did.
        let merged = match (&r.mine, key.starts_with(NOTES_PREFIX)) {
            (Some(mine), true) => merge_stored(r.base.as_deref(), mine, theirs.as_deref()).map(Some).unwrap_or_else(|| theirs.clone()),
            _ => theirs.clone(),
        };
        // A write of mine still under way lands after theirs: write the merge after it.
        let rewrite = merged != theirs || !r.echoes.is_empty();
        r.base = theirs.clone();
        r.mine = merged.clone();
        set(&mut cache, &merged);
        if rewrite {
            r.echoes.push_back((merged.clone(), now));
            r.at = now;
            Take::Rewrite { theirs, merged }
        } else {
            Take::Changed
        }
    }

    fn notify(&self, changes: &Changes) {
        let f = self.on_change.borrow().clone();
        if let Some(f) = f {
            f(changes);
        }
    }
}

/// See `ExtensionStore::reloader`.
pub struct Reloader(Rc<Shared>);

impl Reloader {
    pub async fn run(self) -> Result<(), StoreError> {
        let fresh = read_all(&self.0.area).await?;
        let mut cache = self.0.cache.borrow_mut();
        let recent = self.0.recent.borrow();
        let mine: Vec<(String, Option<String>)> =
            recent.iter().filter(|(_, r)| !r.echoes.is_empty()).map(|(k, _)| (k.clone(), cache.get(k).cloned())).collect();
        *cache = fresh;
        for (k, v) in mine {
            match v {
                Some(v) => cache.insert(k, v),
                None => cache.remove(&k),
            };
        }
        Ok(())
    }
}

enum Take {
    /// This page's own write coming back.
    Echo,
    /// Taken as it is.
    Changed,
    /// Merged with this page's recent write; the merge (or a removal) must be written over
    /// what the other page wrote.
    Rewrite { theirs: Option<String>, merged: Option<String> },
}

/// Every string entry of the area.
async fn read_all(area: &JsValue) -> Result<BTreeMap<String, String>, StoreError> {
    let all = JsFuture::from(call(area, "get", &JsValue::NULL)?).await.map_err(|e| store_error(&e))?;
    let mut out = BTreeMap::new();
    for key in Object::keys(all.unchecked_ref::<Object>()).iter() {
        let value = Reflect::get(&all, &key).map_err(|e| store_error(&e))?;
        if let (Some(k), Some(v)) = (key.as_string(), value.as_string()) {
            out.insert(k, v);
        }
    }
    Ok(out)
}

/// `area.onChanged.addListener(f)`, removed again when dropped. (Not a DOM event target, so
/// gloo's listeners do not apply.) `None` where the area has no `onChanged`.
pub(super) struct AreaListener {
    event: JsValue,
    callback: Closure<dyn FnMut(JsValue)>,
}

impl AreaListener {
    pub(super) fn add(area: &JsValue, f: impl FnMut(JsValue) + 'static) -> Option<AreaListener> {
        let event = Reflect::get(area, &"onChanged".into()).ok().filter(|e| e.is_object())?;
        let add: Function = Reflect::get(&event, &"addListener".into()).ok()?.dyn_into().ok()?;
        let callback = Closure::<dyn FnMut(JsValue)>::new(f);
        add.call1(&event, callback.as_ref()).ok()?;
        Some(AreaListener { event, callback })
    }
}

impl Drop for AreaListener {
    fn drop(&mut self) {
        if let Some(remove) = Reflect::get(&self.event, &"removeListener".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) {
            let _ = remove.call1(&self.event, self.callback.as_ref());
        }
    }
}

impl NotesStore for ExtensionStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.shared.cache.borrow().get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut batch = self.batch.borrow_mut();
        let batch = batch.get_or_insert_with(Object::new);
        Reflect::set(batch, &key.into(), &value.into()).map_err(|e| store_error(&e))?;
        self.removals.borrow_mut().retain(|k| k != key);
        self.note_before(key);
        self.shared.cache.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if let Some(batch) = self.batch.borrow().as_ref() {
            let _ = Reflect::delete_property(batch, &key.into());
        }
        self.removals.borrow_mut().push(key.to_string());
        self.note_before(key);
        self.shared.cache.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.shared.cache.borrow().keys().filter(|k| k.starts_with(prefix)).cloned().collect())
    }
}
