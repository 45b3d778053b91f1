//! The panel's DOM: built once, then each section redrawn from state. Buyer, pack and imported
//! text only ever lands in `textContent` or attribute values.

use crate::web::dom::{append, attr, clear, el, show, text};
use super::draft_view::DraftView;
use super::guide_view::GuideView;
use super::notes_view::NotesView;
use crate::assistant::{Advice, FlowStep, PickReason};
use crate::reply::FilledReply;
use crate::i18n::{self, ui, Lang, Ui};
use crate::reply::slots::yuan;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// A conversation chip in the panel's header.
pub struct Chip<'a> {
    pub conversation: &'a str,
    pub buyer: &'a str,
    pub active: bool,
    pub viewing: bool,
    pub follow_up_due: bool,
}

pub struct View {
    doc: Document,
    lang: Lang,
    /// The panel's own element (what the keyboard moves within).
    root: Element,
    chats: Element,
    buyer: Element,
    intent: Element,
    flow: Element,
    turn: Element,
    follow_up: Element,
    replies: Element,
    /// Sections shown or hidden whole, with the body that is redrawn.
    picks: (Element, Element),
    promos: (Element, Element),
    guide: GuideView,
    pub notes: NotesView,
    notice: Element,
    storage: Element,
    health: Element,
    health_text: Element,
    health_pick: Element,
    /// The live check of the agent's draft.
    pub draft: DraftView,
    /// Back to the packs' own reply order (shown once the panel has learnt something).
    reset_order: Element,
    /// Quick phrases: the search box and what it finds.
    pub phrase_search: web_sys::HtmlInputElement,
    phrase_results: Element,
}

/// A section with a heading and a body to redraw.
fn section(doc: &Document, parent: &Element, class: &str, heading: &str) -> (Element, Element) {
    let s = el(doc, "section", class);
    append(&s, &text(doc, "h2", "kefu-h", heading));
    let body = el(doc, "div", "kefu-body");
    append(&s, &body);
    append(parent, &s);
    (s, body)
}

impl View {
    pub fn build(doc: &Document, root: &Element, lang: Lang) -> View {
        clear(root);
        let panel = el(doc, "div", "kefu");
        attr(&panel, "lang", lang.tag());
        let head = el(doc, "header", "kefu-head");
        append(&head, &text(doc, "h1", "kefu-title", ui(lang, Ui::Title)));
        let storage = el(doc, "span", "kefu-storage");
        append(&head, &storage);
        // Settings (backups, the shop's files): shown where the extension can open them.
        let settings = text(doc, "button", "kefu-open-options", ui(lang, Ui::Settings));
        attr(&settings, "type", "button");
        attr(&settings, "data-action", "open-options");
        append(&head, &settings);
        let reset_order = text(doc, "button", "kefu-reset-order", ui(lang, Ui::ResetOrder));
        attr(&reset_order, "type", "button");
        attr(&reset_order, "data-action", "reset-learning");
        show(&reset_order, false);
        append(&head, &reset_order);
        append(&panel, &head);
        let health = el(doc, "p", "kefu-health");
        attr(&health, "role", "status");
        show(&health, false);
        let health_text = el(doc, "span", "kefu-health-text");
        append(&health, &health_text);
        // When the page is not (surely) understood: the agent shows us the chat (the picker).
        let health_pick = text(doc, "button", "kefu-health-pick", ui(lang, Ui::PickChat));
        attr(&health_pick, "type", "button");
        attr(&health_pick, "data-action", "start-picker");
        show(&health_pick, false);
        append(&health, &health_pick);
        append(&panel, &health);
        // Right under the health line: what is wrong with the draft is seen before it is sent.
        let draft = DraftView::build(doc, &panel, lang);
        // Quick phrases: typed into, found as typed, Enter inserts the first.
        let phrases = el(doc, "div", "kefu-phrases");
        let phrase_search: web_sys::HtmlInputElement = el(doc, "input", "kefu-phrase-search").dyn_into().expect("an input");
        phrase_search.set_type("search");
        attr(&phrase_search, "data-action", "phrase-search");
        attr(&phrase_search, "placeholder", ui(lang, Ui::PhraseSearch));
        attr(&phrase_search, "aria-label", ui(lang, Ui::PhraseSearch));
        append(&phrases, &phrase_search);
        let phrase_results = el(doc, "ol", "kefu-phrase-results");
        append(&phrases, &phrase_results);
        append(&panel, &phrases);
        let chats = el(doc, "nav", "kefu-chats");
        append(&panel, &chats);
        let buyer = el(doc, "div", "kefu-buyer");
        append(&panel, &buyer);
        let intent = el(doc, "div", "kefu-intent");
        append(&panel, &intent);
        let flow = el(doc, "div", "kefu-flow");
        append(&panel, &flow);
        let turn = el(doc, "blockquote", "kefu-turn");
        append(&panel, &turn);
        let follow_up = el(doc, "section", "kefu-follow-up");
        append(&panel, &follow_up);
        let guide = GuideView::build(doc, &panel, lang);
        let (_, replies) = section(doc, &panel, "kefu-replies", ui(lang, Ui::Replies));
        let picks = section(doc, &panel, "kefu-picks", ui(lang, Ui::Picks));
        let promos = section(doc, &panel, "kefu-promos", ui(lang, Ui::Promotions));
        let notes = NotesView::build(doc, &panel, lang);
        let notice = el(doc, "p", "kefu-notice");
        attr(&notice, "role", "status");
        append(&panel, &notice);
        append(root, &panel);
        show(&picks.0, false);
        show(&promos.0, false);
        View { doc: doc.clone(), lang, root: panel, chats, buyer, intent, flow, follow_up, turn, replies, picks, promos, guide, notes, notice, storage, health, health_text, health_pick, draft, reset_order, phrase_search, phrase_results }
    }

    /// How well the panel understands the page, or nothing; `state` is `ok` or `warn`.
    /// The quick phrases found (or why the library cannot be read).
    pub fn phrases(&self, found: &[crate::phrases::Phrase], problem: Option<&str>) {
        clear(&self.phrase_results);
        if let Some(p) = problem {
            append(&self.phrase_results, &text(&self.doc, "li", "kefu-muted", p));
            return;
        }
        for (i, p) in found.iter().enumerate() {
            let li = el(&self.doc, "li", "");
            let b = text(&self.doc, "button", "kefu-phrase", &p.text);
            attr(&b, "type", "button");
            attr(&b, "data-action", "insert-phrase");
            attr(&b, "data-index", &i.to_string());
            if !p.code.is_empty() {
                attr(&b, "data-code", &p.code);
            }
            attr(&b, "data-uses", &p.uses.to_string());
            append(&li, &b);
            append(&self.phrase_results, &li);
        }
    }

    /// Whether the panel has learnt anything of the agent (the reset button shows then).
    pub fn learned(&self, any: bool) {
        show(&self.reset_order, any);
    }

    /// The health line; `offer_pick` shows the button that starts the picker on the page.
    pub fn health(&self, message: Option<&str>, state: &str, offer_pick: bool) {
        self.health_text.set_text_content(message);
        attr(&self.health, "data-state", state);
        show(&self.health, message.is_some());
        show(&self.health_pick, offer_pick);
    }

    pub fn storage(&self, kind_label: &str, kind: &str) {
        self.storage.set_text_content(Some(kind_label));
        attr(&self.storage, "data-storage", kind);
    }

    pub fn chats(&self, chips: &[Chip]) {
        clear(&self.chats);
        for chip in chips {
            let b = text(&self.doc, "button", "kefu-chip", chip.buyer);
            attr(&b, "type", "button");
            attr(&b, "data-action", "view");
            attr(&b, "data-conversation", chip.conversation);
            if chip.active {
                attr(&b, "data-active", "");
            }
            if chip.viewing {
                attr(&b, "aria-current", "true");
            }
            if chip.follow_up_due {
                attr(&b, "data-follow-up", "");
            }
            append(&self.chats, &b);
        }
    }

    /// The viewed conversation's header: the buyer, and a warning when it is not the open chat.
    pub fn buyer(&self, buyer: Option<&str>, is_open_chat: bool) {
        clear(&self.buyer);
        let Some(buyer) = buyer else {
            append(&self.buyer, &text(&self.doc, "span", "kefu-muted", ui(self.lang, Ui::NoChat)));
            return;
        };
        append(&self.buyer, &text(&self.doc, "strong", "kefu-buyer-name", buyer));
        if is_open_chat {
            append(&self.buyer, &text(&self.doc, "span", "kefu-open", ui(self.lang, Ui::OpenChat)));
        } else {
            append(&self.buyer, &text(&self.doc, "p", "kefu-warning", ui(self.lang, Ui::ViewingOther)));
        }
    }

    pub fn advice(&self, advice: Option<&Advice>) {
        let lang = self.lang;
        for e in [&self.intent, &self.flow, &self.follow_up, &self.turn, &self.replies] {
            clear(e);
        }
        let Some(a) = advice else {
            for name in ["data-intent", "data-sentiment", "data-confident"] {
                let _ = self.intent.remove_attribute(name);
            }
            append(&self.intent, &text(&self.doc, "span", "kefu-muted", ui(lang, Ui::Waiting)));
            show(&self.turn, false);
            show(&self.picks.0, false);
            show(&self.promos.0, false);
            self.guide.show(None, None);
            return;
        };
        let c = &a.classification;
        attr(&self.intent, "data-intent", c.intent.id());
        attr(&self.intent, "data-sentiment", c.sentiment.id());
        attr(&self.intent, "data-confident", if c.confident { "true" } else { "false" });
        append(&self.intent, &text(&self.doc, "span", "kefu-intent-label", i18n::intent(lang, c.intent)));
        let mood = text(&self.doc, "span", "kefu-mood", i18n::sentiment(lang, c.sentiment));
        attr(&mood, "data-sentiment", c.sentiment.id());
        append(&self.intent, &mood);
        if let Some(t) = c.buyer_type {
            let mut bargain = format!("{} · {}", i18n::buyer_type(lang, t), ui(lang, Ui::Round).replace("{n}", &a.bargain_round.to_string()));
            if let Some(stage) = a.stage {
                bargain = format!("{bargain} · {}", i18n::stage(lang, stage));
            }
            let b = text(&self.doc, "span", "kefu-bargain", &bargain);
            attr(&b, "data-buyer-type", t.id());
            append(&self.intent, &b);
        }
        let pct = format!("{} {}%", ui(lang, Ui::Confidence), (c.confidence * 100.0).round() as i32);
        append(&self.intent, &text(&self.doc, "span", "kefu-confidence", &pct));

        let guide_reply = a.guide.as_ref().and_then(|g| g.view.reply.clone()).map(|r| self.reply_list(&[r], "guide"));
        self.guide.show(a.guide.as_ref(), guide_reply);
        attr(&self.flow, "data-step", flow_id(a.flow_step));
        self.flow.set_text_content(Some(&format!("{} · {}", ui(lang, Ui::Flow), i18n::flow_step(lang, a.flow_step))));
        self.follow_up_section(a);

        show(&self.turn, true);
        self.turn.set_text_content(Some(&a.turn));

        if !c.confident && !a.guesses.is_empty() {
            append(&self.replies, &text(&self.doc, "p", "kefu-muted", ui(lang, Ui::Guessing)));
            for (i, g) in a.guesses.iter().enumerate() {
                let group = el(&self.doc, "div", "kefu-guess");
                attr(&group, "data-guess", &i.to_string());
                attr(&group, "data-intent", g.intent.id());
                let label = format!("{} · {} {}%", ui(lang, Ui::Guess), i18n::intent(lang, g.intent), (g.confidence * 100.0).round() as i32);
                append(&group, &text(&self.doc, "p", "kefu-guess-label", &label));
                append(&group, &self.reply_list(&g.replies, &format!("guess-{i}")));
                if let Some(title) = &g.guide {
                    let start = text(&self.doc, "button", "kefu-guess-guide", &format!("{} · {title}", ui(lang, Ui::StartGuide)));
                    attr(&start, "type", "button");
                    attr(&start, "data-action", "start-guide");
                    attr(&start, "data-guess", &i.to_string());
                    append(&group, &start);
                }
                append(&self.replies, &group);
            }
            append(&self.replies, &text(&self.doc, "p", "kefu-hint", ui(lang, Ui::InsertHint)));
        } else if !c.confident {
            append(&self.replies, &text(&self.doc, "p", "kefu-muted", ui(lang, Ui::Unsure)));
        } else {
            append(&self.replies, &self.reply_list(&a.replies, "replies"));
            append(&self.replies, &text(&self.doc, "p", "kefu-hint", ui(lang, Ui::InsertHint)));
        }

        let (section, picks) = &self.picks;
        clear(picks);
        show(section, !a.picks.is_empty());
        for p in &a.picks {
            let row = el(&self.doc, "div", "kefu-pick");
            attr(&row, "data-item-id", &p.item_id);
            append(&row, &text(&self.doc, "span", "kefu-pick-title", &p.title));
            append(&row, &text(&self.doc, "span", "kefu-price", &format!("¥{}", yuan(p.price))));
            let why = match &p.why {
                PickReason::GoesWith { item } => i18n::goes_with(lang, item),
                PickReason::ReachesThreshold { promotion, .. } => i18n::reaches(lang, promotion),
            };
            append(&row, &text(&self.doc, "span", "kefu-why", &why));
            append(picks, &row);
        }

        let (section, promos) = &self.promos;
        clear(promos);
        show(section, !a.promotions.is_empty());
        for p in &a.promotions {
            let row = el(&self.doc, "div", "kefu-promo");
            attr(&row, "data-promotion-id", &p.id);
            append(&row, &text(&self.doc, "span", "kefu-promo-title", &p.title));
            if let Some(gap) = p.gap {
                append(&row, &text(&self.doc, "span", "kefu-gap", &i18n::gap(lang, &yuan(gap))));
            }
            append(promos, &row);
        }
    }

    /// The replies the keyboard's suggestions 1, 2, 3… are, top to bottom as the agent sees
    /// them (a due follow-up's, the guide's, the turn's or its guesses').
    pub fn suggestions(&self) -> Vec<web_sys::HtmlElement> {
        crate::web::dom::all(&self.root, "button.kefu-reply")
    }

    /// The rewrites the draft check offers now (none when the draft is clean).
    pub fn draft_rewrites(&self) -> Vec<web_sys::HtmlElement> {
        crate::web::dom::all(&self.root, "button.kefu-draft-take")
    }

    /// Everything the panel offers to insert: the suggestions and the quick phrases found.
    pub fn suggestions_and_phrases(&self) -> Vec<web_sys::HtmlElement> {
        crate::web::dom::all(&self.root, "button.kefu-reply, button.kefu-phrase")
    }

    /// Numbers the first suggestions (the keys that insert them) and marks the one in use.
    pub fn mark_suggestions(&self, current: Option<usize>) {
        for (i, b) in self.suggestions().iter().enumerate() {
            if i < 3 {
                attr(b, "data-key", &(i + 1).to_string());
            }
            if current == Some(i) {
                attr(b, "aria-current", "true");
            } else {
                let _ = b.remove_attribute("aria-current");
            }
        }
    }

    /// Insertable replies; `source` tells the click handler which list the index is into.
    fn reply_list(&self, replies: &[FilledReply], source: &str) -> Element {
        let list = el(&self.doc, "ol", "kefu-reply-list");
        for (i, r) in replies.iter().enumerate() {
            let li = el(&self.doc, "li", "");
            let b = text(&self.doc, "button", "kefu-reply", &r.text);
            attr(&b, "type", "button");
            attr(&b, "data-action", "insert");
            attr(&b, "data-source", source);
            attr(&b, "data-index", &i.to_string());
            attr(&b, "data-reply-id", &r.id);
            attr(&b, "title", ui(self.lang, Ui::InsertHint));
            append(&li, &b);
            // The main replies can be pinned first or hidden, for this agent (learn.rs).
            if source == "replies" {
                let tools = el(&self.doc, "span", "kefu-reply-tools");
                let pin = text(&self.doc, "button", "kefu-pin", ui(self.lang, Ui::PinReply));
                attr(&pin, "type", "button");
                attr(&pin, "data-action", "pin-reply");
                attr(&pin, "data-reply-id", &r.id);
                attr(&pin, "aria-pressed", "false");
                append(&tools, &pin);
                let hide = text(&self.doc, "button", "kefu-hide", ui(self.lang, Ui::HideReply));
                attr(&hide, "type", "button");
                attr(&hide, "data-action", "hide-reply");
                attr(&hide, "data-reply-id", &r.id);
                append(&tools, &hide);
                append(&li, &tools);
            }
            append(&list, &li);
        }
        list
    }

    /// Shows which of the main replies the agent pinned.
    pub fn mark_pinned(&self, pinned: &std::collections::BTreeSet<String>) {
        for b in crate::web::dom::all(&self.root, "button.kefu-pin") {
            let on = b.get_attribute("data-reply-id").is_some_and(|id| pinned.contains(&id));
            attr(&b, "aria-pressed", if on { "true" } else { "false" });
        }
    }

    /// The follow-up reminder: when it will come, or (once due) what to say.
    fn follow_up_section(&self, a: &Advice) {
        let Some(f) = &a.follow_up else {
            show(&self.follow_up, false);
            return;
        };
        show(&self.follow_up, true);
        let due = !f.replies.is_empty();
        attr(&self.follow_up, "data-due", if due { "true" } else { "false" });
        if due {
            append(&self.follow_up, &text(&self.doc, "p", "kefu-follow-up-title", ui(self.lang, Ui::FollowUpNow)));
            append(&self.follow_up, &self.reply_list(&f.replies, "follow_up"));
        } else {
            let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(f.due_at as f64));
            let time = format!("{:02}:{:02}", at.get_hours(), at.get_minutes());
            append(&self.follow_up, &text(&self.doc, "p", "kefu-muted", &ui(self.lang, Ui::FollowUpAt).replace("{time}", &time)));
        }
    }

    /// A one-line message about the last action (inserted, refused and why).
    pub fn notice(&self, message: Option<&str>, kind: &str) {
        self.notice.set_text_content(message);
        attr(&self.notice, "data-kind", kind);
        show(&self.notice, message.is_some());
    }
}

fn flow_id(step: FlowStep) -> &'static str {
    match step {
        FlowStep::Greet => "greet",
        FlowStep::Ask => "ask",
        FlowStep::Recommend => "recommend",
        FlowStep::Negotiate => "negotiate",
        FlowStep::VerifyOrder => "verify_order",
        FlowStep::Farewell => "farewell",
        FlowStep::FollowUp => "follow_up",
        FlowStep::AfterSale => "after_sale",
        FlowStep::Record => "record",
    }
}
