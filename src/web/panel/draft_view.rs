//! The draft check in the panel: the panel's own copy of the agent's draft with each finding's
//! span marked, and one line per finding (what, why and its source, how bad, and the rewrite to
//! take with one click). The page's reply box is never edited uninvited. Draft text only ever
//! lands in text nodes.

use crate::web::dom::{append, attr, clear, el, show, text};
use crate::check::{Finding, Severity, Utf16};
use crate::i18n::{self, ui, Lang, Ui};
use web_sys::{Document, Element};

pub struct DraftView {
    doc: Document,
    root: Element,
    copy: Element,
    list: Element,
    /// Why the check runs without the shop's own words (they cannot be read).
    problem: Element,
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Block => "block",
        Severity::Warn => "warn",
        Severity::Hint => "hint",
    }
}

/// Marks a suggestion (a reply, a quick phrase) the check finds fault with before it is
/// inserted: `data-check` its worst severity (block or warn; hints are left to the draft), and
/// what and why as its description (shown under it by the panel's CSS). A clean one is unmarked.
pub fn mark_suggestion(lang: Lang, button: &Element, text: &str, findings: &[Finding]) {
    let serious: Vec<&Finding> = findings.iter().filter(|f| f.severity != Severity::Hint).collect();
    let Some(worst) = serious.iter().map(|f| f.severity).max() else {
        for name in ["data-check", "data-check-why", "aria-description"] {
            let _ = button.remove_attribute(name);
        }
        return;
    };
    let units = Utf16::new(text);
    let why: Vec<String> = serious
        .iter()
        .map(|f| format!("{} · {} · {}", i18n::check_category(lang, f.category), units.slice(f.start, f.end.min(units.len())), f.source))
        .collect();
    let why = format!("{} {}", ui(lang, Ui::CheckSuggestion), why.join("; "));
    attr(button, "data-check", severity_name(worst));
    attr(button, "data-check-why", &why);
    attr(button, "aria-description", &why);
}

impl DraftView {
    pub fn build(doc: &Document, parent: &Element, lang: Lang) -> DraftView {
        let root = el(doc, "section", "kefu-draft");
        attr(&root, "aria-live", "polite");
        append(&root, &text(doc, "h2", "kefu-h", ui(lang, Ui::DraftCheck)));
        let copy = el(doc, "p", "kefu-draft-copy");
        append(&root, &copy);
        let list = el(doc, "ul", "kefu-draft-findings");
        append(&root, &list);
        let problem = el(doc, "p", "kefu-draft-problem");
        attr(&problem, "role", "alert");
        append(&root, &problem);
        show(&root, false);
        append(parent, &root);
        DraftView { doc: doc.clone(), root, copy, list, problem }
    }

    /// Shows the findings of `draft` (hidden when the draft is clean or empty), and `problem`:
    /// why the shop's own words are not in the check (shown even on a clean draft).
    pub fn draw(&self, lang: Lang, draft: &str, findings: &[Finding], problem: Option<&str>) {
        clear(&self.copy);
        clear(&self.list);
        let worst = findings.iter().map(|f| f.severity).max();
        attr(&self.root, "data-state", worst.map_or("clean", severity_name));
        self.problem.set_text_content(problem.map(|p| format!("{}: {p}", ui(lang, Ui::CheckWordsProblem))).as_deref());
        show(&self.problem, problem.is_some());
        show(&self.root, !findings.is_empty() || problem.is_some());
        if findings.is_empty() {
            return;
        }
        // The copy: the draft in pieces, each finding's span in a <mark>.
        let units = Utf16::new(draft);
        let piece = |a: usize, b: usize| units.slice(a, b);
        let mut at = 0;
        for f in findings {
            if f.start < at {
                continue;
            }
            if f.start > at {
                let _ = self.copy.append_with_str_1(&piece(at, f.start));
            }
            let mark = text(&self.doc, "mark", "kefu-draft-mark", &piece(f.start, f.end));
            attr(&mark, "data-severity", severity_name(f.severity));
            append(&self.copy, &mark);
            at = f.end;
        }
        let _ = self.copy.append_with_str_1(&piece(at, units.len()));
        for (i, f) in findings.iter().enumerate() {
            let li = el(&self.doc, "li", "kefu-draft-finding");
            attr(&li, "data-category", &serde_json::to_value(f.category).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
            attr(&li, "data-severity", severity_name(f.severity));
            attr(&li, "data-rule", &f.rule);
            if f.evasion {
                attr(&li, "data-evasion", "");
            }
            let what = format!("{} · {}", i18n::check_category(lang, f.category), piece(f.start, f.end));
            append(&li, &text(&self.doc, "span", "kefu-draft-what", &what));
            append(&li, &text(&self.doc, "span", "kefu-draft-source", &f.source));
            let label = if f.rewrite.is_empty() { ui(lang, Ui::CheckDelete).to_string() } else { ui(lang, Ui::CheckRewriteTo).replace("{text}", &f.rewrite) };
            let take = text(&self.doc, "button", "kefu-draft-take", &label);
            attr(&take, "type", "button");
            attr(&take, "data-action", "take-rewrite");
            attr(&take, "data-index", &i.to_string());
            append(&li, &take);
            append(&self.list, &li);
        }
    }
}
