//! One stable sort for the crate's lists (replies, picks, entity candidates, storage keys).
//!
//! The standard library's `sort_by` is generic: each element type gets its own copy of its
//! quicksort, driftsort and small-sort (replacing them shrank the panel's wasm by 40 KB, 11 KB
//! gzip). This sort orders positions through a `dyn` comparator, so the wasm carries one merge
//! sort; what stays generic per type only compares two items and moves them into the order
//! found. Feature ids (`u32`) and cue indices (`u16`) keep `sort_unstable`: a copy each, and the
//! fastest for the classifier.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub fn by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let view: &[T] = items;
        stable_positions(view.len(), &mut |a, b| cmp(&view[a], &view[b]))
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().map(|i| slots[i].take().expect("each position once")));
}

/// Sorts `items` in ascending order, like `slice::sort`.
pub fn ascending<T: Ord>(items: &mut Vec<T>) {
    by(items, |a, b| a.cmp(b))
}

/// Sorts `items` stably by a key, like `slice::sort_by_key`.
pub fn by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)))
}

/// The positions `0..n` in stable order under `cmp` (bottom-up merge sort, O(n log n)).
fn stable_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // The left run wins ties: that is what keeps equal items in their order.
                let take_right = right < end && (left == mid || cmp(order[right], order[left]) == Ordering::Less);
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_methods)] // the standard sort is the reference here
    fn sorts_like_the_standard_stable_sort() {
        // Pairs sorted by their first half only: a stable sort keeps the second halves in order.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 5, 8, 13, 31, 64, 100] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|a| a.0);
            assert_eq!(ours, std_sorted, "length {len}");
        }
    }

    #[test]
    fn sorts_by_key_descending_and_keeps_ties_in_order() {
        let mut words = vec!["ab", "c", "de", "fgh", "i"];
        by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["fgh", "ab", "de", "c", "i"]);
    }
}
