//! Export and import speak exactly the same language: whatever a store holds (entries of any
//! version, within the limits or not, readable or not, under any key), what export writes
//! imports back to the very same notes, and what it leaves out it names.
#![cfg(not(target_arch = "wasm32"))]

use kefu::intent::Intent;
use kefu::notes::{export_all, import_all, BuyerNotes, MemoryStore, Notebook, NotesStore, MAX_BUYER_KEY_CHARS};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Text of every kind: Chinese, quotes and escapes, control characters, emoji, sometimes long.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => "[\\u{4e00}-\\u{9fff}a-z0-9 \"\\\\\n\t\u{0}\u{200b}😂]{0,12}",
        1 => (1usize..300).prop_map(|n| "长".repeat(n)),
        2 => Just(String::new()),
    ]
}

/// A tag, preference, promise or follow-up: mostly fine, sometimes blank or too long.
fn item() -> impl Strategy<Value = String> {
    prop_oneof![30 => "[\\u{4e00}-\\u{9fff}a-z0-9\"😂][\\u{4e00}-\\u{9fff}a-z0-9 \"\\\\\n]{0,10}", 1 => text()]
}

/// Times, mostly plausible, sometimes out of the accepted range.
fn time() -> impl Strategy<Value = i64> {
    prop_oneof![60 => 0i64..4_000_000_000_000, 1 => Just(i64::MAX), 1 => Just(-1i64), 1 => Just(253_402_300_800_000i64)]
}

fn measure(range: std::ops::Range<f64>) -> impl Strategy<Value = Option<f64>> {
    prop_oneof![10 => Just(None), 10 => range.prop_map(Some), 1 => (0.0f64..1000.0).prop_map(Some)]
}

/// One stored entry as a JSON value: the current or an older version, or one from the future.
fn entry() -> impl Strategy<Value = Value> {
    let facts = (measure(40.0..250.0), measure(2.0..300.0), prop::option::of(item()), prop::collection::vec(item(), 0..3), prop::option::of(item()), prop::option::of(item()));
    let lists = (
        prop::collection::vec((item(), time(), any::<bool>()), 0..3),
        prop::collection::vec((item(), time(), any::<bool>()), 0..3),
        prop::collection::vec((0usize..Intent::ALL.len(), time()), 0..4),
    );
    let version = prop_oneof![Just(1u32), Just(2u32), Just(2u32), Just(3u32)];
    (version, text(), prop::collection::vec(item(), 0..4), facts, lists, (time(), any::<bool>())).prop_map(
        |(version, text, tags, (height, weight, size, preferences, phone, address), (promises, follow_ups, history), (updated_at, pinned))| {
            let mut facts = serde_json::Map::new();
            for (k, v) in [("height_cm", height.map(Value::from)), ("weight_kg", weight.map(Value::from)), ("size", size.map(Value::from)), ("phone", phone.map(Value::from)), ("address", address.map(Value::from))] {
                if let Some(v) = v {
                    facts.insert(k.into(), v);
                }
            }
            if !preferences.is_empty() {
                facts.insert("preferences".into(), json!(preferences));
            }
            if version == 1 {
                // Version 1 had text, tags and history only.
                return json!({
                    "version": 1,
                    "text": text,
                    "tags": tags,
                    "history": history.iter().map(|(i, t)| json!({"intent": Intent::ALL[*i].id(), "at": t})).collect::<Vec<_>>(),
                    "updated_at": updated_at,
                });
            }
            json!({
                "version": version,
                "text": text,
                "tags": tags,
                "facts": facts,
                "promises": promises.iter().map(|(w, t, k)| json!({"what": w, "made_at": t, "kept": k})).collect::<Vec<_>>(),
                "follow_ups": follow_ups.iter().map(|(w, t, d)| json!({"what": w, "due_at": t, "done": d})).collect::<Vec<_>>(),
                "history": history.iter().map(|(i, t)| json!({"intent": Intent::ALL[*i].id(), "at": t})).collect::<Vec<_>>(),
                "pinned": pinned,
                "updated_at": updated_at,
            })
        },
    )
}

fn buyer_key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "(demo|taobao|jd)/[\\u{4e00}-\\u{9fffa}a-z0-9_ ]{1,10}",
        1 => Just(String::new()),
        1 => Just(" ".to_string()),
        1 => (MAX_BUYER_KEY_CHARS - 1..MAX_BUYER_KEY_CHARS + 3).prop_map(|n| "k".repeat(n)),
    ]
}

/// A store as an older build, a hand edit or a broken write could have left it.
fn store() -> impl Strategy<Value = MemoryStore> {
    let raw = prop_oneof![10 => entry().prop_map(|v| v.to_string()), 1 => Just("{not json".to_string()), 1 => Just("\"bare text notes\"".to_string())];
    prop::collection::btree_map(buyer_key(), raw, 0..8).prop_map(|entries| {
        let mut store = MemoryStore::new();
        for (buyer, raw) in entries {
            store.set(&format!("kefu.notes/{buyer}"), &raw).unwrap();
        }
        store
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn what_is_exported_imports_back_identically(store in store()) {
        let book = Notebook::new(store);
        let exported = export_all(&book).unwrap();
        let buyers = book.buyers().unwrap();
        let doc: Value = serde_json::from_str(&exported.json).unwrap();
        let in_doc = doc["buyers"].as_object().unwrap().len();
        prop_assert_eq!(in_doc + exported.skipped.len(), buyers.len(), "every entry is exported or named");

        let mut fresh = Notebook::new(MemoryStore::new());
        let summary = import_all(&mut fresh, &exported.json, 0);
        prop_assert!(summary.is_ok(), "the export was refused: {:?}\n{}", summary, exported.json);
        prop_assert_eq!(summary.unwrap().added, in_doc);
        for buyer in doc["buyers"].as_object().unwrap().keys() {
            let before: BuyerNotes = book.load(buyer).unwrap();
            prop_assert_eq!(fresh.load(buyer).unwrap(), before);
        }
        let again = export_all(&fresh).unwrap();
        prop_assert!(again.skipped.is_empty());
        prop_assert_eq!(again.json, exported.json);
    }
}
