//! The notes import (`kefu::notes::import_all`) of an arbitrary document over a `MemoryStore`.
//!
//! Input: the document, read as UTF-8 (lossy). Imported twice: into an empty store, and into a
//! store already holding two buyers with a byte quota that the import may exceed. Checks what
//! src/notes/transfer.rs promises: an invalid document writes nothing and says a line and
//! column inside the document, the same in both stores; a store failure puts back everything
//! (a memory store never leaves it partly written); and a successful import exports, and that
//! export imports again unchanged and exports to the same text.
#![no_main]

use kefu::intent::Intent;
use kefu::notes::{export_all, import_all, BuyerNotes, ImportError, MemoryStore, Notebook, NotesStore};
use libfuzzer_sys::fuzz_target;

/// 2026-11-22 12:00 in Beijing.
const NOW: i64 = 1_795_320_000_000;

fn snapshot(store: &MemoryStore) -> Vec<(String, Option<String>)> {
    store.keys("").unwrap().into_iter().map(|k| (k.clone(), store.get(&k).unwrap())).collect()
}

fn check_position(text: &str, e: &ImportError) {
    let _ = e.to_string();
    if let ImportError::Invalid { line, column, .. } = e {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let lines: Vec<&str> = text.split('\n').collect();
        assert!((1..=lines.len()).contains(line), "line {line} outside the document's {} lines: {e}", lines.len());
        if let Some(c) = column {
            let chars = lines[line - 1].chars().count();
            assert!((1..=chars + 1).contains(c), "column {c} outside line {line} ({chars} characters): {e}");
        }
    }
}

/// A store holding two buyers, with room for `spare` more bytes.
fn populated(spare: usize) -> Notebook<MemoryStore> {
    let mut book = Notebook::new(MemoryStore::new());
    let mut a = BuyerNotes::new();
    a.text = "坑距400, 喜欢白色".into();
    a.tag("老客户");
    a.facts.height_cm = Some(168.5);
    a.promise("退差价 30", NOW - 1000);
    a.follow_up("回访安装情况", NOW - 10);
    a.record(Intent::SizeAdvice, NOW - 5);
    a.updated_at = NOW - 5;
    let mut b = BuyerNotes::new();
    b.text = "难缠".into();
    book.save("demo/小鹿", &a).unwrap();
    book.save("demo/阿杰", &b).unwrap();
    let used: usize = snapshot(book.store()).iter().map(|(k, v)| k.len() + v.as_ref().map_or(0, String::len)).sum();
    let mut limited = Notebook::new(MemoryStore::with_quota(used + spare));
    for (k, v) in snapshot(book.store()) {
        limited.store_mut().set(&k, &v.unwrap()).unwrap();
    }
    limited
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    // Into an empty store without a quota.
    let mut book = Notebook::new(MemoryStore::new());
    let first = import_all(&mut book, &text, NOW);
    match &first {
        Err(e @ ImportError::Invalid { .. }) => {
            check_position(&text, e);
            assert!(snapshot(book.store()).is_empty(), "an invalid import wrote: {e}");
        }
        Err(e) => panic!("a store without a quota failed: {e}"),
        Ok(summary) => {
            let buyers = book.buyers().unwrap();
            assert_eq!((summary.added, summary.replaced, summary.unchanged), (buyers.len(), 0, 0), "{summary:?}");
            let exported = export_all(&book).expect("imported notes export");
            assert!(exported.skipped.is_empty(), "imported notes left out of the export: {:?}", exported.skipped);
            let export = exported.json;
            let again = import_all(&mut book, &export, NOW).unwrap_or_else(|e| panic!("the export does not import: {e}\n{export}"));
            assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, buyers.len()), "re-importing the export changed notes");
            assert_eq!(again.due_follow_ups, summary.due_follow_ups);
            let mut fresh = Notebook::new(MemoryStore::new());
            import_all(&mut fresh, &export, NOW).expect("the export imports into an empty store");
            assert_eq!(export_all(&fresh).unwrap().json, export, "export → import → export is not stable");
            for b in &buyers {
                assert_eq!(fresh.load(b).unwrap(), book.load(b).unwrap(), "buyer {b:?} changed through export and import");
            }
        }
    }

    // Into a store holding other buyers, near its quota.
    let mut book = populated(data.len().wrapping_mul(31) % 2048);
    let before = snapshot(book.store());
    let second = import_all(&mut book, &text, NOW);
    match &second {
        Err(e @ ImportError::Invalid { .. }) => {
            assert_eq!(Some(e), first.as_ref().err(), "validation depends on the store");
            assert_eq!(snapshot(book.store()), before, "an invalid import wrote: {e}");
        }
        Err(e @ ImportError::Store(_)) => {
            assert!(first.is_ok(), "a store failure for a document that is not valid: {e}");
            assert_eq!(snapshot(book.store()), before, "a failed import was not undone: {e}");
        }
        Err(e @ ImportError::PartlyWritten { .. }) => panic!("a memory store was left partly written: {e}"),
        Ok(_) => {
            assert!(first.is_ok(), "valid in one store and not the other");
            let exported = export_all(&book).expect("the store exports after an import");
            assert!(exported.skipped.is_empty(), "notes left out of the export: {:?}", exported.skipped);
        }
    }
});
