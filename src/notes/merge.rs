//! Two writers, one buyer: a three-way merge of stored entries, field by field.
//!
//! Extension storage has no transactions: two panels (or a panel and the options page) can each
//! save a buyer's entry from the same starting copy before either hears of the other's write,
//! and the later write would carry the older value of every field it did not touch. When a
//! writer hears of such a write (`theirs`) shortly after its own (`mine`, made from `base`), it
//! merges: a field only one side changed takes that side's value; a field both changed takes
//! theirs (the later write), except lists, which keep the items both sides added. The merge is
//! the same on every writer, so they agree after one more write.

use super::{BuyerNotes, FollowUp, HistoryEntry, Promise, HISTORY_CAP};

/// The merged stored entry, or `None` when `theirs` needs no change (nothing of mine is lost,
/// or one side is unreadable: unreadable entries are never rewritten).
pub fn merge_stored(base: Option<&str>, mine: &str, theirs: Option<&str>) -> Option<String> {
    // Deleted since: the deletion stands.
    let theirs_raw = theirs?;
    let read = |raw: &str| BuyerNotes::from_stored(raw).ok();
    let (mine, theirs) = (read(mine)?, read(theirs_raw)?);
    let base = match base {
        Some(raw) => read(raw)?,
        None => BuyerNotes::new(),
    };
    let merged = merge(&base, &mine, &theirs);
    if merged == theirs || merged.check().is_err() {
        return None;
    }
    Some(super::stored_json(&merged))
}

/// Field by field: what one side changed wins over what the other left alone. Where both
/// changed one value, the later write wins (the greater `updated_at`, then the greater entry),
/// so both sides pick the same: `merge(b, m, t) == merge(b, t, m)`.
pub fn merge(base: &BuyerNotes, mine: &BuyerNotes, theirs: &BuyerNotes) -> BuyerNotes {
    let mine_later = (mine.updated_at, super::stored_json(mine)) > (theirs.updated_at, super::stored_json(theirs));
    let (later, earlier) = if mine_later { (mine, theirs) } else { (theirs, mine) };
    let (b, l, e) = (&base.facts, &later.facts, &earlier.facts);
    let mut out = later.clone();
    out.text = pick(&base.text, &later.text, &earlier.text);
    out.pinned = pick(&base.pinned, &later.pinned, &earlier.pinned);
    out.tags = union(&base.tags, &later.tags, &earlier.tags, |x| x.clone());
    out.facts.height_cm = pick(&b.height_cm, &l.height_cm, &e.height_cm);
    out.facts.weight_kg = pick(&b.weight_kg, &l.weight_kg, &e.weight_kg);
    out.facts.size = pick(&b.size, &l.size, &e.size);
    out.facts.phone = pick(&b.phone, &l.phone, &e.phone);
    out.facts.address = pick(&b.address, &l.address, &e.address);
    out.facts.preferences = union(&b.preferences, &l.preferences, &e.preferences, |x| x.clone());
    let promise_id = |p: &Promise| (p.what.clone(), p.made_at);
    out.promises = union(&base.promises, &later.promises, &earlier.promises, promise_id);
    for p in &mut out.promises {
        // Kept on either side is kept.
        p.kept |= mine.promises.iter().chain(&theirs.promises).any(|q| q.kept && promise_id(q) == promise_id(p));
    }
    let follow_up_id = |f: &FollowUp| (f.what.clone(), f.due_at);
    out.follow_ups = union(&base.follow_ups, &later.follow_ups, &earlier.follow_ups, follow_up_id);
    for f in &mut out.follow_ups {
        f.done |= mine.follow_ups.iter().chain(&theirs.follow_ups).any(|g| g.done && follow_up_id(g) == follow_up_id(f));
    }
    out.history = union(&base.history, &later.history, &earlier.history, |h: &HistoryEntry| (h.intent, h.at));
    crate::sort::by_key(&mut out.history, |h| (h.at, h.intent.id()));
    let extra = out.history.len().saturating_sub(HISTORY_CAP);
    out.history.drain(..extra);
    out.updated_at = mine.updated_at.max(theirs.updated_at);
    out
}

/// A single value: the one side's change if only one side changed it, else the later's.
fn pick<T: PartialEq + Clone>(base: &T, later: &T, earlier: &T) -> T {
    if later == base && earlier != base {
        earlier.clone()
    } else {
        later.clone()
    }
}

/// A list: the later side's items in its order, less what the earlier side removed, then what
/// the earlier side added (by identity `id`; an item both hold is taken from the later).
fn union<T: Clone, K: PartialEq>(base: &[T], later: &[T], earlier: &[T], id: impl Fn(&T) -> K) -> Vec<T> {
    let has = |list: &[T], k: &K| list.iter().any(|x| id(x) == *k);
    let mut out: Vec<T> = later.iter().filter(|x| { let k = id(x); !has(base, &k) || has(earlier, &k) }).cloned().collect();
    for x in earlier {
        let k = id(x);
        if !has(base, &k) && !has(&out, &k) {
            out.push(x.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::Intent;
    use crate::notes::stored_json;

    fn notes(text: &str) -> BuyerNotes {
        BuyerNotes { text: text.into(), ..BuyerNotes::new() }
    }

    #[test]
    fn each_side_keeps_the_fields_it_changed() {
        let base = notes("坑距400");
        // A panel records a message; meanwhile the options page imports new text and a phone.
        let mut mine = base.clone();
        mine.record(Intent::Logistics, 5);
        let mut theirs = base.clone();
        theirs.text = "坑距400, 要静音款".into();
        theirs.facts.phone = Some("13812345678".into());
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.text, "坑距400, 要静音款");
        assert_eq!(merged.facts.phone.as_deref(), Some("13812345678"));
        assert_eq!(merged.history.len(), 1);
        // The same from the other side.
        assert_eq!(merge(&base, &theirs, &mine), merged);
    }

    #[test]
    fn both_changing_one_value_leaves_the_later_write_on_both_sides() {
        let base = notes("a");
        let mine = BuyerNotes { updated_at: 2, ..notes("mine") };
        let theirs = BuyerNotes { updated_at: 1, ..notes("theirs") };
        assert_eq!(merge(&base, &mine, &theirs).text, "mine");
        assert_eq!(merge(&base, &theirs, &mine).text, "mine");
        // Same time: still one answer, whichever side merges.
        let (x, y) = (notes("x"), notes("y"));
        assert_eq!(merge(&base, &x, &y), merge(&base, &y, &x));
    }

    #[test]
    fn lists_keep_what_either_side_added_and_drop_what_either_removed() {
        let mut base = notes("");
        base.tag("VIP");
        base.promise("送角阀", 1);
        let mut mine = base.clone();
        mine.tag("老客户");
        mine.promises[0].kept = true;
        let mut theirs = base.clone();
        theirs.tags.clear();
        theirs.promise("退差价 30", 2);
        let merged = merge(&base, &mine, &theirs);
        assert_eq!(merged.tags, ["老客户"]);
        assert_eq!(merged.promises.len(), 2);
        assert!(merged.promises[0].kept, "my 'kept' survives their addition");
    }

    #[test]
    fn stored_entries_merge_only_when_something_of_mine_would_be_lost() {
        let base = notes("x");
        let mut mine = base.clone();
        mine.record(Intent::Stock, 9);
        let theirs = notes("y");
        let merged = merge_stored(Some(&stored_json(&base)), &stored_json(&mine), Some(&stored_json(&theirs))).unwrap();
        let merged = BuyerNotes::from_stored(&merged).unwrap();
        assert_eq!((merged.text.as_str(), merged.history.len()), ("y", 1));
        // Theirs already holds my change: nothing to write.
        assert_eq!(merge_stored(Some(&stored_json(&base)), &stored_json(&mine), Some(&stored_json(&mine))), None);
        // Deleted, or unreadable: left as it is.
        assert_eq!(merge_stored(Some(&stored_json(&base)), &stored_json(&mine), None), None);
        assert_eq!(merge_stored(Some(&stored_json(&base)), &stored_json(&mine), Some("{bad")), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn arb_notes() -> impl proptest::strategy::Strategy<Value = BuyerNotes> {
        use proptest::prelude::*;
        let words = || prop::sample::select(vec!["", "a", "b", "坑距400"]);
        (words(), prop::sample::subsequence(vec!["VIP", "老客户", "难缠"], 0..3), prop::collection::vec((0usize..4, 0i64..5), 0..4), 0i64..3, any::<bool>())
            .prop_map(|(text, tags, history, updated_at, kept)| {
                let mut n = notes(text);
                tags.iter().for_each(|t| n.tag(t));
                for (i, at) in history {
                    n.record(Intent::ALL[i], at);
                }
                n.promise("送角阀", 1);
                n.promises[0].kept = kept;
                n.updated_at = updated_at;
                n
            })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn both_sides_merge_to_the_same_notes(base in arb_notes(), mine in arb_notes(), theirs in arb_notes()) {
            let merged = merge(&base, &mine, &theirs);
            proptest::prop_assert_eq!(&merged, &merge(&base, &theirs, &mine));
            // Merging again with either side changes nothing more.
            proptest::prop_assert_eq!(&merge(&theirs, &merged, &merged), &merged);
        }
    }
}
