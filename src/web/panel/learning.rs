//! The panel's side of learning the agent (crate::reply::learn): the order replies are shown
//! and inserted in, a pick recorded, a reply pinned or hidden, reset; kept under one storage
//! key, on this machine only.

use super::Panel;
use crate::assistant::Advice;
use crate::notes::NotesStore;
use crate::reply::learn::Learned;
use crate::reply::FilledReply;
use js_sys::Promise;

/// The storage key (beside the notes; never exported, never sent anywhere).
pub const KEY: &str = "kefu.learn";

impl Panel {
    pub(super) fn load_learned(&mut self) {
        let stored = self.notebook.store().get(KEY).ok().flatten().unwrap_or_default();
        self.learned = Learned::from_json(&stored);
    }

    /// The advice's replies in this agent's order.
    pub(super) fn ordered(&self, advice: &Advice) -> Vec<FilledReply> {
        self.learned.order(advice.classification.intent.id(), &advice.replies)
    }

    /// The advice as shown: its replies in this agent's order.
    pub(super) fn as_shown(&self, advice: &Advice) -> Advice {
        let mut shown = advice.clone();
        shown.replies = self.ordered(advice);
        shown
    }

    /// The agent inserted reply `index` of the viewed advice's main replies.
    pub fn record_pick(&mut self, source: &str, index: usize) -> Option<Promise> {
        if source != "replies" {
            return None;
        }
        let conversation = self.viewing.clone()?;
        let advice = self.core.advice(&conversation)?;
        let reply = self.ordered(advice).get(index)?.id.clone();
        let intent = advice.classification.intent.id();
        self.learned.picked(intent, &reply);
        self.save_learned()
    }

    /// Pins a main reply first (or unpins it), for this agent.
    pub fn toggle_pin_reply(&mut self, reply: &str) -> Option<Promise> {
        self.learned.toggle_pin(reply);
        self.save_learned()
    }

    /// Hides a main reply (or shows it again); reset shows every hidden one again.
    pub fn toggle_hide_reply(&mut self, reply: &str) -> Option<Promise> {
        self.learned.toggle_hide(reply);
        self.save_learned()
    }

    /// Forgets everything learned: the packs' own order again.
    pub fn reset_learning(&mut self) -> Option<Promise> {
        self.learned.reset();
        self.save_learned()
    }

    fn save_learned(&mut self) -> Option<Promise> {
        let json = self.learned.to_json();
        let write = match self.notebook.store_mut().set(KEY, &json) {
            Ok(()) => self.notebook.store().take_pending(),
            Err(e) => {
                self.notes_error(&e.into());
                None
            }
        };
        self.render();
        write
    }
}
