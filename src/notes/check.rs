//! The limits every saved or imported entry meets. A problem carries its path (`facts.height_cm`,
//! `tags[2]`) so an import can point at the line, and a reason in plain words.

use super::jsonpos::Seg;
use super::{BuyerNotes, NotesError, HISTORY_CAP, MAX_TEXT_CHARS};
use crate::shop::time::check_ms;
use std::fmt;
use std::ops::RangeInclusive;

/// A tag, preference, promise, follow-up or address longer than this is refused.
pub const MAX_ITEM_CHARS: usize = 200;
/// At most this many tags, preferences, promises and follow-ups (each).
pub const MAX_ITEMS: usize = 100;
pub const MAX_SIZE_CHARS: usize = 40;
pub const MAX_PHONE_CHARS: usize = 32;
/// A buyer key (`site/nickname`) longer than this is refused on import.
pub const MAX_BUYER_KEY_CHARS: usize = 200;
/// Plausible body heights in centimetres (children included).
pub const HEIGHT_CM: RangeInclusive<f64> = 40.0..=250.0;
/// Plausible body weights in kilograms.
pub const WEIGHT_KG: RangeInclusive<f64> = 2.0..=300.0;

/// What is wrong with an entry, and where inside it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub path: Vec<Seg>,
    pub reason: String,
}

impl Problem {
    pub fn at(path: &[Seg], reason: impl Into<String>) -> Problem {
        Problem { path: path.to_vec(), reason: reason.into() }
    }

    /// The path as `facts.height_cm` or `tags[2]`.
    pub fn field(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) if out.is_empty() => out.push_str(k),
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl From<Problem> for NotesError {
    fn from(p: Problem) -> Self {
        NotesError::Invalid { field: p.field(), reason: p.reason }
    }
}

pub(crate) fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

pub(crate) fn path(segs: &[&str]) -> Vec<Seg> {
    segs.iter().map(|s| key(s)).collect()
}

pub(crate) fn child(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

impl BuyerNotes {
    /// Checks every limit of the schema; `Notebook::save` and imports refuse what fails.
    pub fn check(&self) -> Result<(), NotesError> {
        let chars = self.text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(NotesError::TooLong { chars });
        }
        self.problems().map_err(NotesError::from)
    }

    /// The first broken limit, with its path inside the entry.
    pub(crate) fn problems(&self) -> Result<(), Problem> {
        let chars = self.text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(Problem::at(&path(&["text"]), format!("text is {chars} characters long; the limit is {MAX_TEXT_CHARS}")));
        }
        items(&path(&["tags"]), &self.tags, "tags", "a tag")?;
        let f = &self.facts;
        if let Some(cm) = f.height_cm {
            measure(&path(&["facts", "height_cm"]), cm, &HEIGHT_CM, "height", "cm")?;
        }
        if let Some(kg) = f.weight_kg {
            measure(&path(&["facts", "weight_kg"]), kg, &WEIGHT_KG, "weight", "kg")?;
        }
        if let Some(size) = &f.size {
            text(&path(&["facts", "size"]), size, "size", MAX_SIZE_CHARS)?;
        }
        items(&path(&["facts", "preferences"]), &f.preferences, "preferences", "a preference")?;
        if let Some(phone) = &f.phone {
            text(&path(&["facts", "phone"]), phone, "phone", MAX_PHONE_CHARS)?;
        }
        if let Some(address) = &f.address {
            text(&path(&["facts", "address"]), address, "address", MAX_ITEM_CHARS)?;
        }
        let whats: Vec<&String> = self.promises.iter().map(|p| &p.what).collect();
        items(&path(&["promises"]), &whats, "promises", "a promise")?;
        let whats: Vec<&String> = self.follow_ups.iter().map(|p| &p.what).collect();
        items(&path(&["follow_ups"]), &whats, "follow-ups", "a follow-up")?;
        if self.history.len() > HISTORY_CAP {
            let n = self.history.len();
            return Err(Problem::at(&path(&["history"]), format!("history has {n} entries; the limit is {HISTORY_CAP}")));
        }
        let times = self.promises.iter().enumerate().map(|(i, p)| ("promises", i, "made_at", p.made_at))
            .chain(self.follow_ups.iter().enumerate().map(|(i, f)| ("follow_ups", i, "due_at", f.due_at)))
            .chain(self.history.iter().enumerate().map(|(i, h)| ("history", i, "at", h.at)));
        for (list, i, field, ms) in times {
            let mut at = child(&path(&[list]), Seg::Index(i));
            at.push(key(field));
            time(&at, ms)?;
        }
        time(&path(&["updated_at"]), self.updated_at)
    }
}

/// A buyer key (`site/nickname`) saves, exports and imports accept: not blank, bounded.
pub(crate) fn check_buyer_key(buyer: &str) -> Result<(), String> {
    let chars = buyer.chars().count();
    if buyer.trim().is_empty() {
        return Err("a buyer key must not be empty".into());
    }
    if chars > MAX_BUYER_KEY_CHARS {
        return Err(format!("the buyer key is {chars} characters long; the limit is {MAX_BUYER_KEY_CHARS}"));
    }
    Ok(())
}

/// A time inside the range the core accepts (1970 to 9999).
fn time(at: &[Seg], ms: i64) -> Result<(), Problem> {
    check_ms(ms).map(|_| ()).map_err(|reason| Problem::at(at, reason))
}

fn measure(at: &[Seg], x: f64, range: &RangeInclusive<f64>, what: &str, unit: &str) -> Result<(), Problem> {
    if x.is_finite() && range.contains(&x) {
        return Ok(());
    }
    let (lo, hi) = (range.start(), range.end());
    Err(Problem::at(at, format!("{what} {x} {unit} is outside {lo}–{hi} {unit}")))
}

fn text(at: &[Seg], s: &str, what: &str, max: usize) -> Result<(), Problem> {
    let chars = s.chars().count();
    if chars > max {
        return Err(Problem::at(at, format!("{what} is {chars} characters long; the limit is {max}")));
    }
    Ok(())
}

/// A list of short texts (or the texts of promises/follow-ups): bounded count, each not blank
/// and bounded. The path of an item is `<list>[i]`, or `<list>[i].what` for promises.
fn items<S: AsRef<str>>(at: &[Seg], list: &[S], plural: &str, one: &str) -> Result<(), Problem> {
    if list.len() > MAX_ITEMS {
        return Err(Problem::at(at, format!("there are {} {plural}; the limit is {MAX_ITEMS}", list.len())));
    }
    let nested = matches!(at.last(), Some(Seg::Key(k)) if k == "promises" || k == "follow_ups");
    for (i, s) in list.iter().enumerate() {
        let mut p = child(at, Seg::Index(i));
        if nested {
            p.push(key("what"));
        }
        let s = s.as_ref();
        if s.trim().is_empty() {
            return Err(Problem::at(&p, format!("{one} must not be empty")));
        }
        text(&p, s, one, MAX_ITEM_CHARS)?;
    }
    Ok(())
}
