//! Reads a notes entry of any known schema version into the current one, checking every type and
//! saying where a wrong one is. The versions:
//!
//! - 0: the earliest builds stored the free text as a bare JSON string (or an object with no
//!   `version`, read like version 1).
//! - 1: `{version, text, tags, history, updated_at}`.
//! - 2: adds `facts`, `promises`, `follow_ups` and (later, optional) `pinned`. Nothing is guessed from old free text: a phone
//!   number in a version-1 text stays in the text.
//!
//! A version newer than `SCHEMA_VERSION` is refused, never read half.

use super::check::{child, key, Problem};
use super::jsonpos::Seg;
use super::{BuyerNotes, Facts, FollowUp, HistoryEntry, Promise, HISTORY_CAP, SCHEMA_VERSION};
use crate::intent::Intent;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

const V1_FIELDS: &[&str] = &["version", "text", "tags", "history", "updated_at"];
const V2_FIELDS: &[&str] = &["version", "text", "tags", "facts", "promises", "follow_ups", "history", "pinned", "updated_at"];
const FACT_FIELDS: &[&str] = &["height_cm", "weight_kg", "size", "preferences", "phone", "address"];
const MS: &str = "a time in Unix milliseconds (a whole number)";

/// Serde reads notes of every known version, so older entries keep loading wherever they are read.
impl<'de> Deserialize<'de> for BuyerNotes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        decode(&value).map_err(serde::de::Error::custom)
    }
}

/// Reads one entry of any known version as the current schema (types only; limits are
/// `BuyerNotes::problems`). Problem paths are relative to the entry.
pub(crate) fn decode(value: &Value) -> Result<BuyerNotes, Problem> {
    let map = match value {
        Value::String(text) => return Ok(BuyerNotes { text: text.clone(), ..BuyerNotes::new() }),
        Value::Object(map) => map,
        _ => return Err(Problem::at(&[], "notes must be an object such as {\"version\": 2, \"text\": \"…\"}")),
    };
    let version = match map.get("version") {
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| Problem::at(&[key("version")], "version must be a whole number (the notes schema version)"))?,
    };
    if version > SCHEMA_VERSION as u64 {
        return Err(Problem::at(
            &[key("version")],
            format!(
                "notes are schema version {version}, newer than this build of Kefu Assist \
                 (version {SCHEMA_VERSION}); update Kefu Assist first"
            ),
        ));
    }
    let known = if version >= 2 { V2_FIELDS } else { V1_FIELDS };
    no_unknown(map, &[], known, |k| {
        if V2_FIELDS.contains(&k) {
            format!("there is no field \"{k}\" in version-{version} notes; write \"version\": {SCHEMA_VERSION} to use it")
        } else {
            format!("there is no field \"{k}\" in buyer notes")
        }
    })?;
    let at = |k: &str| vec![key(k)];
    let mut notes = BuyerNotes::new();
    if let Some(v) = map.get("text") {
        notes.text = string(v, &at("text"), "text must be text in double quotes")?;
    }
    if let Some(v) = map.get("tags") {
        let msg = "tags must be a list of texts, e.g. [\"老客户\", \"VIP\"]";
        notes.tags = strings(v, &at("tags"), msg, "each tag must be text in double quotes")?;
    }
    if let Some(v) = map.get("facts") {
        notes.facts = facts(v, &at("facts"))?;
    }
    if let Some(v) = map.get("promises") {
        let msg = "promises must be a list of {\"what\": \"…\", \"made_at\": …, \"kept\": false}";
        notes.promises = list(v, &at("promises"), msg, |v, p| {
            let (what, made_at, kept) = task(v, p, "promise", "made_at", "kept", "\"退差价 30\"")?;
            Ok(Promise { what, made_at, kept })
        })?;
    }
    if let Some(v) = map.get("follow_ups") {
        let msg = "follow_ups must be a list of {\"what\": \"…\", \"due_at\": …, \"done\": false}";
        notes.follow_ups = list(v, &at("follow_ups"), msg, |v, p| {
            let (what, due_at, done) = task(v, p, "follow-up", "due_at", "done", "\"回访安装情况\"")?;
            Ok(FollowUp { what, due_at, done })
        })?;
    }
    if let Some(v) = map.get("history") {
        notes.history = list(v, &at("history"), "history must be a list of {\"intent\": \"…\", \"at\": …}", history_entry)?;
    }
    if let Some(v) = map.get("pinned") {
        notes.pinned = v.as_bool().ok_or_else(|| Problem::at(&at("pinned"), "pinned must be true or false"))?;
    }
    if let Some(v) = map.get("updated_at") {
        notes.updated_at = integer(v, &at("updated_at"), &format!("updated_at must be {MS}"))?;
    }
    if version < 2 {
        // Version 1 checked only the text on save. What it let through that version 2 refuses
        // and carries no information is tidied here, so the agent can still save these notes:
        // blank tags go, and a history written around `record` keeps its newest entries.
        notes.tags.retain(|t| !t.trim().is_empty());
        if notes.history.len() > HISTORY_CAP {
            let extra = notes.history.len() - HISTORY_CAP;
            notes.history.drain(..extra);
        }
    }
    Ok(notes)
}

fn facts(v: &Value, at: &[Seg]) -> Result<Facts, Problem> {
    let map = object(v, at, "facts must be an object such as {\"height_cm\": 170, \"size\": \"XL\"}")?;
    no_unknown(map, at, FACT_FIELDS, |k| format!("there is no fact \"{k}\" (facts are {})", FACT_FIELDS.join(", ")))?;
    // `null` means "not known", like a missing field.
    let get = |k: &str| map.get(k).filter(|v| !v.is_null());
    let p = |k: &str| child(at, key(k));
    let mut f = Facts::default();
    if let Some(v) = get("height_cm") {
        f.height_cm = Some(number(v, &p("height_cm"), "height must be a number of centimetres")?);
    }
    if let Some(v) = get("weight_kg") {
        f.weight_kg = Some(number(v, &p("weight_kg"), "weight must be a number of kilograms")?);
    }
    if let Some(v) = get("size") {
        f.size = Some(string(v, &p("size"), "size must be text, e.g. \"XL\" or \"坑距400\"")?);
    }
    if let Some(v) = get("preferences") {
        let msg = "preferences must be a list of short texts, e.g. [\"喜欢白色\", \"怕吵\"]";
        f.preferences = strings(v, &p("preferences"), msg, "each preference must be text in double quotes")?;
    }
    if let Some(v) = get("phone") {
        f.phone = Some(string(v, &p("phone"), "phone must be text in double quotes, e.g. \"13812345678\"")?);
    }
    if let Some(v) = get("address") {
        f.address = Some(string(v, &p("address"), "address must be text in double quotes")?);
    }
    Ok(f)
}

/// A promise or follow-up: `what`, a time field and a done flag (false when missing).
fn task(v: &Value, at: &[Seg], one: &str, time: &str, flag: &str, example: &str) -> Result<(String, i64, bool), Problem> {
    let map = object(v, at, &format!("each {one} must be an object {{\"what\": …, \"{time}\": …, \"{flag}\": …}}"))?;
    no_unknown(map, at, &["what", time, flag], |k| format!("there is no field \"{k}\" in a {one}"))?;
    let what = match map.get("what") {
        None => return Err(Problem::at(at, format!("a {one} needs \"what\", e.g. {example}"))),
        Some(v) => string(v, &child(at, key("what")), &format!("a {one}'s \"what\" must be text, e.g. {example}"))?,
    };
    let when = match map.get(time) {
        None => return Err(Problem::at(at, format!("a {one} needs \"{time}\", {MS}"))),
        Some(v) => integer(v, &child(at, key(time)), &format!("a {one}'s \"{time}\" must be {MS}"))?,
    };
    let done = match map.get(flag) {
        None => false,
        Some(v) => v.as_bool().ok_or_else(|| Problem::at(&child(at, key(flag)), format!("a {one}'s \"{flag}\" must be true or false")))?,
    };
    Ok((what, when, done))
}

fn history_entry(v: &Value, at: &[Seg]) -> Result<HistoryEntry, Problem> {
    let map = object(v, at, "each history entry must be an object {\"intent\": \"…\", \"at\": …}")?;
    no_unknown(map, at, &["intent", "at"], |k| format!("there is no field \"{k}\" in a history entry"))?;
    let intent = match map.get("intent") {
        None => return Err(Problem::at(at, "a history entry needs \"intent\", e.g. \"size_advice\"")),
        Some(v) => {
            let p = child(at, key("intent"));
            let id = string(v, &p, "a history entry's \"intent\" must be an intent id such as \"size_advice\"")?;
            Intent::from_id(&id).ok_or_else(|| Problem::at(&p, format!("\"{id}\" is not an intent id (e.g. \"size_advice\")")))?
        }
    };
    let at_ms = match map.get("at") {
        None => return Err(Problem::at(at, format!("a history entry needs \"at\", {MS}"))),
        Some(v) => integer(v, &child(at, key("at")), &format!("a history entry's \"at\" must be {MS}"))?,
    };
    Ok(HistoryEntry { intent, at: at_ms })
}

fn no_unknown(map: &Map<String, Value>, at: &[Seg], known: &[&str], why: impl Fn(&str) -> String) -> Result<(), Problem> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(Problem::at(&child(at, key(k)), why(k))),
        None => Ok(()),
    }
}

fn object<'v>(v: &'v Value, at: &[Seg], msg: &str) -> Result<&'v Map<String, Value>, Problem> {
    v.as_object().ok_or_else(|| Problem::at(at, msg))
}

fn string(v: &Value, at: &[Seg], msg: &str) -> Result<String, Problem> {
    v.as_str().map(str::to_string).ok_or_else(|| Problem::at(at, msg))
}

fn integer(v: &Value, at: &[Seg], msg: &str) -> Result<i64, Problem> {
    v.as_i64().ok_or_else(|| Problem::at(at, msg))
}

fn number(v: &Value, at: &[Seg], msg: &str) -> Result<f64, Problem> {
    v.as_f64().ok_or_else(|| Problem::at(at, msg))
}

fn list<T>(v: &Value, at: &[Seg], msg: &str, item: impl Fn(&Value, &[Seg]) -> Result<T, Problem>) -> Result<Vec<T>, Problem> {
    let items = v.as_array().ok_or_else(|| Problem::at(at, msg))?;
    items.iter().enumerate().map(|(i, v)| item(v, &child(at, Seg::Index(i)))).collect()
}

fn strings(v: &Value, at: &[Seg], msg: &str, item_msg: &str) -> Result<Vec<String>, Problem> {
    list(v, at, msg, |v, p| string(v, p, item_msg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{MemoryStore, NotesError, NotesStore, Notebook};

    fn read(raw: &str) -> Result<BuyerNotes, Problem> {
        decode(&serde_json::from_str(raw).unwrap())
    }

    #[test]
    fn version_zero_bare_string_loads_as_version_two() {
        let notes = read(r#""怕吵, 要静音款; 电话13812345678""#).unwrap();
        assert_eq!(notes.version, 2);
        // Nothing is guessed from old text: the phone stays in the text, facts stay empty.
        assert_eq!(notes.text, "怕吵, 要静音款; 电话13812345678");
        assert!(notes.facts.is_empty() && notes.tags.is_empty() && notes.history.is_empty());
    }

    #[test]
    fn version_zero_object_without_version_loads() {
        let notes = read(r#"{"text":"VIP","tags":["老客户"]}"#).unwrap();
        assert_eq!((notes.version, notes.text.as_str(), notes.tags.clone()), (2, "VIP", vec!["老客户".to_string()]));
    }

    #[test]
    fn version_one_entry_loads_as_version_two() {
        // Exactly what the version-1 build wrote (serde of its struct).
        let v1 = r#"{"version":1,"text":"坑距400, 喜欢白色","tags":["老客户","VIP"],"history":[{"intent":"size_advice","at":1718000000000},{"intent":"bargain","at":1718000060000}],"updated_at":1718000060000}"#;
        let notes = read(v1).unwrap();
        let mut want = BuyerNotes::new();
        want.text = "坑距400, 喜欢白色".into();
        want.tags = vec!["老客户".into(), "VIP".into()];
        want.record(Intent::SizeAdvice, 1718000000000);
        want.record(Intent::Bargain, 1718000060000);
        want.updated_at = 1718000060000;
        assert_eq!(notes, want);
        // And serde reads it the same way, wherever notes are deserialised.
        assert_eq!(serde_json::from_str::<BuyerNotes>(v1).unwrap(), want);
    }

    #[test]
    fn version_one_blank_tags_are_dropped_but_version_two_ones_refused() {
        let notes = read(r#"{"version":1,"tags":["", "VIP", "  "]}"#).unwrap();
        assert_eq!(notes.tags, ["VIP"]);
        assert!(notes.problems().is_ok());
        let notes = read(r#"{"version":2,"tags":["", "VIP"]}"#).unwrap();
        assert_eq!(notes.problems().unwrap_err().field(), "tags[0]");
    }

    #[test]
    fn an_overfull_version_one_history_keeps_the_newest() {
        let entries: Vec<String> = (0..60).map(|at| format!(r#"{{"intent":"logistics","at":{at}}}"#)).collect();
        let notes = read(&format!(r#"{{"version":1,"history":[{}]}}"#, entries.join(","))).unwrap();
        assert_eq!(notes.history.len(), HISTORY_CAP);
        assert_eq!(notes.history[0].at, 10);
    }

    #[test]
    fn version_two_entry_reads_every_field() {
        let v2 = r#"{
            "version": 2, "text": "难缠", "tags": ["难缠"],
            "facts": {"height_cm": 170, "weight_kg": 57.5, "size": "坑距400", "preferences": ["喜欢白色", "怕吵"],
                      "phone": "13812345678", "address": null},
            "promises": [{"what": "退差价 30", "made_at": 5, "kept": true}, {"what": "送角阀", "made_at": 6}],
            "follow_ups": [{"what": "回访安装", "due_at": 9, "done": false}],
            "history": [{"intent": "price_protection", "at": 5}],
            "updated_at": 9
        }"#;
        let n = read(v2).unwrap();
        assert_eq!(n.facts.height_cm, Some(170.0));
        assert_eq!(n.facts.weight_kg, Some(57.5));
        assert_eq!(n.facts.size.as_deref(), Some("坑距400"));
        assert_eq!(n.facts.preferences, vec!["喜欢白色", "怕吵"]);
        assert_eq!(n.facts.phone.as_deref(), Some("13812345678"));
        assert_eq!(n.facts.address, None);
        assert_eq!(n.promises, vec![
            Promise { what: "退差价 30".into(), made_at: 5, kept: true },
            Promise { what: "送角阀".into(), made_at: 6, kept: false },
        ]);
        assert_eq!(n.follow_ups, vec![FollowUp { what: "回访安装".into(), due_at: 9, done: false }]);
        assert_eq!(n.updated_at, 9);
        // Written back, it reads back the same.
        assert_eq!(read(&serde_json::to_string(&n).unwrap()).unwrap(), n);
    }

    #[test]
    fn newer_versions_are_refused() {
        let p = read(r#"{"version":3,"text":"from the future","mood":"?"}"#).unwrap_err();
        assert_eq!(p.field(), "version");
        assert!(p.reason.contains("schema version 3, newer than this build"), "{p}");
    }

    #[test]
    fn wrong_types_say_where_and_what() {
        let cases = [
            (r#"{"version":2,"facts":{"height_cm":"170"}}"#, "facts.height_cm", "height must be a number of centimetres"),
            (r#"{"version":2,"facts":{"weight_kg":[55]}}"#, "facts.weight_kg", "weight must be a number of kilograms"),
            (r#"{"version":2,"facts":{"phone":13812345678}}"#, "facts.phone", "phone must be text"),
            (r#"{"version":2,"facts":{"heigth_cm":170}}"#, "facts.heigth_cm", "there is no fact \"heigth_cm\""),
            (r#"{"version":2,"tags":["VIP",3]}"#, "tags[1]", "each tag must be text"),
            (r#"{"version":2,"promises":[{"what":"送角阀","made_at":"昨天"}]}"#, "promises[0].made_at", "Unix milliseconds"),
            (r#"{"version":2,"promises":[{"made_at":1}]}"#, "promises[0]", "a promise needs \"what\""),
            (r#"{"version":2,"follow_ups":[{"what":"x","due_at":1,"done":"no"}]}"#, "follow_ups[0].done", "true or false"),
            (r#"{"version":2,"history":[{"intent":"haggle","at":1}]}"#, "history[0].intent", "\"haggle\" is not an intent id"),
            (r#"{"version":2,"updated_at":1.5}"#, "updated_at", "updated_at must be a time"),
            (r#"{"version":"2"}"#, "version", "version must be a whole number"),
            (r#"{"version":1,"facts":{}}"#, "facts", "write \"version\": 2"),
            (r#"[1,2]"#, "", "notes must be an object"),
        ];
        for (raw, field, reason) in cases {
            let p = read(raw).unwrap_err();
            assert_eq!(p.field(), field, "{raw}");
            assert!(p.reason.contains(reason), "{raw}: {}", p.reason);
        }
    }

    #[test]
    fn old_entries_in_a_store_load_and_are_saved_as_version_two() {
        let mut store = MemoryStore::new();
        store.set("kefu.notes/demo/老王", r#""怕吵""#).unwrap();
        store.set("kefu.notes/demo/阿杰", r#"{"version":1,"text":"VIP","tags":[],"history":[],"updated_at":3}"#).unwrap();
        let mut book = Notebook::new(store);
        for buyer in ["demo/老王", "demo/阿杰"] {
            let notes = book.load(buyer).unwrap();
            book.save(buyer, &notes).unwrap();
            let raw = book.store().get(&format!("kefu.notes/{buyer}")).unwrap().unwrap();
            assert!(raw.starts_with(r#"{"version":2,"#), "{raw}");
            assert_eq!(book.load(buyer).unwrap(), notes);
        }
        let mut future = MemoryStore::new();
        future.set("kefu.notes/x", r#"{"version":3}"#).unwrap();
        assert!(matches!(Notebook::new(future).load("x"), Err(NotesError::Corrupt { .. })));
    }
}
