//! The after-sale guide part of the panel: the guide's title, the question to ask or step to
//! take, the reply to insert, and the agent's answers as buttons.

use crate::web::dom::{append, attr, clear, el, show, text};
use crate::assistant::GuideAdvice;
use crate::i18n::{ui, Lang, Ui};
use web_sys::{Document, Element};

pub struct GuideView {
    doc: Document,
    lang: Lang,
    section: Element,
}

impl GuideView {
    pub fn build(doc: &Document, parent: &Element, lang: Lang) -> GuideView {
        let section = el(doc, "section", "kefu-guide");
        append(parent, &section);
        show(&section, false);
        GuideView { doc: doc.clone(), lang, section }
    }

    /// `reply` is the insertable button for the step's reply, drawn by the caller.
    pub fn show(&self, guide: Option<&GuideAdvice>, reply: Option<Element>) {
        clear(&self.section);
        show(&self.section, guide.is_some());
        let Some(g) = guide else { return };
        attr(&self.section, "data-guide", &g.state.guide);
        attr(&self.section, "data-step", &g.state.step);
        let heading = format!("{} · {}", ui(self.lang, Ui::Guide), g.view.title);
        append(&self.section, &text(&self.doc, "h2", "kefu-h", &heading));
        append(&self.section, &text(&self.doc, "p", "kefu-guide-text", &g.view.text));
        if let Some(reply) = reply {
            append(&self.section, &reply);
        }
        let options = el(&self.doc, "div", "kefu-guide-options");
        for (i, label) in g.view.options.iter().enumerate() {
            let b = text(&self.doc, "button", "kefu-guide-option", label);
            attr(&b, "type", "button");
            attr(&b, "data-action", "guide");
            attr(&b, "data-option", &i.to_string());
            append(&options, &b);
        }
        append(&self.section, &options);
    }
}
