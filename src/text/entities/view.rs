//! The normalised per-char view that every finder matches on: one char per raw char, so a span
//! of view indices maps straight back to the raw text (and to UTF-16 offsets for highlighting).

use super::numbers::cn_digit;
use crate::text::MAX_INPUT_CHARS;

/// The normalised per-char view of the bounded raw text.
pub(super) struct View {
    pub(super) v: Vec<char>,
    pub(super) raw: Vec<char>,
    /// `off[i]`: UTF-16 offset of char `i`; `off[len]` is the total.
    pub(super) off: Vec<usize>,
}

impl View {
    pub(super) fn new(raw: &str) -> View {
        let raw: Vec<char> = raw.chars().take(MAX_INPUT_CHARS).collect();
        let mut off = vec![0];
        for c in &raw {
            off.push(off[off.len() - 1] + c.len_utf16());
        }
        let folded: String = raw.iter().map(|&c| fold(c)).collect();
        // fast2s maps each char to one char (looking at its neighbours), so the view stays aligned.
        let mut v: Vec<char> = fast2s::convert(&folded).chars().collect();
        if v.len() != raw.len() {
            v = folded.chars().collect();
        }
        View { v, raw, off }
    }

    /// The char at `i`; NUL (never in the view: controls fold to a space) out of range.
    pub(super) fn c(&self, i: usize) -> char { self.v.get(i).copied().unwrap_or('\0') }

    pub(super) fn before(&self, i: usize) -> char { i.checked_sub(1).map_or('\0', |j| self.c(j)) }

    pub(super) fn digit(&self, i: usize) -> Option<u64> { self.c(i).to_digit(10).map(u64::from).or_else(|| cn_digit(self.c(i))) }

    pub(super) fn digits_end(&self, i: usize) -> usize { i + self.v.get(i..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count()) }

    pub(super) fn is(&self, i: usize, pat: &str) -> bool { pat.chars().enumerate().all(|(k, p)| self.c(i + k) == p) }

    pub(super) fn ends(&self, i: usize, pat: &str) -> bool { i.checked_sub(pat.chars().count()).is_some_and(|j| self.is(j, pat)) }

    /// The longest of `pats` at `i`: its index and char length. A pattern ending in an ASCII
    /// letter must not run on into another letter (kg, not kgs).
    pub(super) fn any(&self, i: usize, pats: &[&str]) -> Option<(usize, usize)> {
        let fits = |p: &str, l| !(p.ends_with(|c: char| c.is_ascii_alphabetic()) && self.c(i + l).is_ascii_alphabetic());
        let hits = pats.iter().enumerate().filter(|(_, p)| self.is(i, p));
        hits.map(|(k, p)| (k, p.chars().count())).filter(|&(k, l)| fits(pats[k], l)).max_by_key(|&(_, l)| l)
    }

    /// Does one of `cues` end at `s`, give or take up to four `filler` chars (身高是170)?
    pub(super) fn cue_before(&self, s: usize, cues: &[&str], filler: &str) -> bool {
        let fill = (0..4).take_while(|&k| k < s && filler.contains(self.c(s - 1 - k))).count();
        (0..=fill).any(|k| cues.iter().any(|c| self.ends(s - k, c)))
    }

    pub(super) fn norm(&self, s: usize, e: usize) -> String { self.v[s..e].iter().collect() }
}

fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase(),
        '\u{FFE5}' => '¥',
        '\u{3000}' | '\u{00A0}' => ' ',
        c if c.is_control() => ' ',
        c => c.to_ascii_lowercase(),
    }
}
