//! What the content script reports about the page, and how the panel shows it: an insert's
//! outcome (a refusal, or the clipboard fallback), what the page does to the panel frame, and
//! the health line (is the chat understood, what was dropped, a storage problem).

use super::Panel;
use crate::i18n::{ui, Ui};
use wasm_bindgen::JsValue;

/// Why the page refused an insert, as the content script reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Switched,
    NoInput,
    /// The page hid the panel frame, covered it, or the agent folded it: no click-jacking.
    Hidden,
    Covered,
    Folded,
    /// No insertion path worked; the reply is on the clipboard.
    Copied,
    /// The box took part of it; the reply is on the clipboard and the agent should check the box.
    CopiedCheckBox,
    /// No insertion path worked and the clipboard refused too.
    NotCopied,
    /// The panel had no link to the page; the reply is on the clipboard.
    UnlinkedCopied,
    /// The text to take the place of is no longer in the box as it was (the agent edited it).
    DraftChanged,
}

impl Refusal {
    /// The content script's and panel glue's reason words.
    pub fn from_reason(reason: &str) -> Refusal {
        match reason {
            "no_input" => Refusal::NoInput,
            "hidden" | "removed" => Refusal::Hidden,
            "covered" => Refusal::Covered,
            "folded" => Refusal::Folded,
            "copied" => Refusal::Copied,
            "copied_check" => Refusal::CopiedCheckBox,
            "not_copied" => Refusal::NotCopied,
            "unlinked_copied" => Refusal::UnlinkedCopied,
            "draft_changed" => Refusal::DraftChanged,
            _ => Refusal::Switched,
        }
    }

    fn words(self) -> Ui {
        match self {
            Refusal::Switched => Ui::NotInsertedSwitched,
            Refusal::NoInput => Ui::NotInsertedNoInput,
            Refusal::Hidden => Ui::NotInsertedHidden,
            Refusal::Covered => Ui::NotInsertedCovered,
            Refusal::Folded => Ui::NotInsertedFolded,
            Refusal::Copied => Ui::Copied,
            Refusal::CopiedCheckBox => Ui::CopiedCheckBox,
            Refusal::NotCopied => Ui::NotCopied,
            Refusal::UnlinkedCopied => Ui::UnlinkedCopied,
            Refusal::DraftChanged => Ui::NotReplacedDraftChanged,
        }
    }

    /// The notice's `data-kind`: copied replies are a fallback, not a refusal.
    fn kind(self) -> &'static str {
        match self {
            Refusal::Copied | Refusal::CopiedCheckBox | Refusal::UnlinkedCopied => "copied",
            _ => "refused",
        }
    }
}

/// Whether the chat page is understood, as its content script reports it (untrusted numbers are
/// bounded by `bounded`).
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PageHealth {
    pub chat: bool,
    pub list: bool,
    pub reply_box: bool,
    #[serde(deserialize_with = "count")]
    pub messages: u32,
    #[serde(deserialize_with = "count")]
    pub dropped: u32,
    pub why: String,
    #[serde(deserialize_with = "time")]
    pub last_at: i64,
    /// Who reads the page: `built-in`, `own` (the agent's picked or imported config), `shop`
    /// (a managed preset) or `detected` (zero-config detection).
    pub from: String,
    /// Parts detection was unsure of (`direction`, `replyBox`, `messageList`, `conversation`).
    pub unsure: Vec<String>,
    /// The page can run the picker; `picking`: it runs now.
    pub pickable: bool,
    pub picking: bool,
}

impl PageHealth {
    pub fn bounded(mut self) -> PageHealth {
        self.why = self.why.chars().take(120).collect();
        self.from = self.from.chars().take(20).collect();
        self.unsure.truncate(4);
        for part in &mut self.unsure {
            *part = part.chars().take(20).collect();
        }
        self
    }
}

/// Any JS number as a count (odd ones read as 0, huge ones capped).
fn count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n: f64 = serde::Deserialize::deserialize(d).unwrap_or(0.0);
    Ok(if n.is_finite() && n > 0.0 { n.min(f64::from(u32::MAX)) as u32 } else { 0 })
}

/// Any JS number as a time in the core's range, else 0.
fn time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let n: f64 = serde::Deserialize::deserialize(d).unwrap_or(0.0);
    let ok = n.is_finite() && n.fract() == 0.0 && (0.0..=crate::shop::time::LATEST_MS as f64).contains(&n);
    Ok(if ok { n as i64 } else { 0 })
}

/// `hh:mm` of a time, in this computer's zone.
fn clock(ms: i64) -> String {
    let at = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", at.get_hours(), at.get_minutes())
}

impl Panel {
    /// A message from the page out of bounds: dropped, counted and shown, never fatal.
    pub fn drop_message(&mut self, why: &str) {
        self.dropped = self.dropped.saturating_add(1);
        self.dropped_why = why.chars().take(120).collect();
        self.show_health();
    }

    /// What the content script last said about the page (see `PageHealth`).
    pub fn page_health(&mut self, health: PageHealth) {
        if health.dropped > 0 {
            self.dropped_why = health.why.clone();
        }
        self.page_rejected = health.dropped;
        self.page = Some(health);
        self.show_health();
    }

    /// The health line: a storage problem first, then whether the page is understood (its
    /// chat, message list and reply box found, messages read and the newest one's time), then
    /// what the page gave that was refused. `data-state` is `ok` or `warn`.
    pub(super) fn show_health(&self) {
        let lang = self.lang;
        let mut lines = Vec::new();
        let mut warn = false;
        if let Some(problem) = &self.storage_problem {
            lines.push(format!("{}: {problem}", ui(lang, Ui::NotesNotSaved)));
            warn = true;
        }
        let mut offer_pick = false;
        if let Some(page) = &self.page {
            let unsure_who = page.unsure.iter().any(|p| p == "direction");
            let missing = [
                (!page.chat, Ui::HealthNoChat),
                (page.chat && !page.list, Ui::HealthNoList),
                (page.chat && !page.reply_box, Ui::HealthNoReplyBox),
                (unsure_who, Ui::HealthUnsureWho),
            ];
            let missing: Vec<&str> = missing.iter().filter(|(m, _)| *m).map(|(_, words)| ui(lang, *words)).collect();
            offer_pick = page.pickable && !page.picking && !missing.is_empty();
            if missing.is_empty() {
                let last = if page.last_at > 0 { ui(lang, Ui::HealthLast).replace("{time}", &clock(page.last_at)) } else { String::new() };
                lines.push(ui(lang, Ui::HealthOk).replace("{n}", &page.messages.to_string()).replace("{last}", &last));
            } else {
                lines.extend(missing.iter().map(|m| m.to_string()));
                warn = true;
            }
        }
        let n = self.dropped.saturating_add(self.page_rejected);
        if n > 0 {
            lines.push(ui(lang, Ui::MessagesDropped).replace("{n}", &n.to_string()).replace("{why}", &self.dropped_why));
            warn = true;
        }
        let message = if lines.is_empty() { None } else { Some(lines.join(" · ")) };
        self.view.health(message.as_deref(), if warn { "warn" } else { "ok" }, offer_pick);
    }

    /// Clears the last insert's notice, keeping a warning about the page's doings in view.
    pub(super) fn show_page_warning(&self) {
        match self.page_warning {
            Some(words) => self.view.notice(Some(ui(self.lang, words)), "refused"),
            None => self.view.notice(None, ""),
        }
    }

    pub fn insert_result(&mut self, ok: bool, refusal: Option<Refusal>) {
        let (message, kind) = match (ok, refusal) {
            (true, _) => (ui(self.lang, Ui::Inserted), "ok"),
            (false, Some(r)) => (ui(self.lang, r.words()), r.kind()),
            (false, None) => (ui(self.lang, Ui::NotInsertedSwitched), "refused"),
        };
        self.view.notice(Some(message), kind);
    }

    /// What the page does to the panel frame: hidden or covered pauses inserting; `ok` clears it.
    pub fn page_state(&mut self, ok: bool, reason: &str) {
        let had = self.page_warning.is_some();
        self.page_warning = match (ok, reason) {
            (false, "covered") => Some(Ui::PageCoversPanel),
            (false, "hidden" | "removed") => Some(Ui::PageHidesPanel),
            (false, "unpaired") => Some(Ui::NotPaired),
            _ => None,
        };
        // "All is well" only takes a warning down; it never wipes the last insert's notice.
        if had || self.page_warning.is_some() {
            self.show_page_warning();
        }
    }
}
