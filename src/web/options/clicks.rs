//! What the options page's controls do (`data-action`, see docs/data-actions.md), and how each
//! outcome is reported in its section's status line once its write has settled.

use super::{Options, Outcome};
use crate::notes::NoteField;
use crate::web::storage::settle;
use crate::i18n::{ui, Ui};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, HtmlInputElement};

/// The text of the file chosen in `input`, if any.
async fn chosen_text(input: &HtmlInputElement) -> Result<Option<String>, String> {
    let Some(file) = input.files().and_then(|f| f.item(0)) else { return Ok(None) };
    let text = JsFuture::from(file.text()).await.map_err(|e| format!("{}: {e:?}", file.name()))?;
    Ok(text.as_string())
}

/// Awaits an accepted change's write and reports it in the notes' or the shop's status line.
pub(super) async fn report(page: &Weak<RefCell<Options>>, outcome: Outcome, notes: bool) {
    let result = match outcome {
        Err(()) => return,
        Ok(Some(write)) => settle(write).await,
        Ok(None) => Ok(()),
    };
    let Some(page) = page.upgrade() else { return };
    let page = page.borrow();
    let target = if notes { &page.notes_status } else { &page.shop_status };
    match result {
        Ok(()) if notes => {}
        Ok(()) => page.say(target, &format!("{} · {}", ui(page.lang, Ui::ShopSaved), ui(page.lang, Ui::ShopReload)), true),
        Err(e) => page.failed(target, &e.to_string()),
    }
    page.refresh();
}

/// Reports a change made in the quick-phrase manager or the shop's words, in that section's own
/// status line: refused (with the reason), or saved once its write settled (a failed write is
/// said, never swallowed); `Ok(None)`: only drawn again.
async fn changed(weak: &Weak<RefCell<Options>>, words: bool, outcome: Result<Option<(String, Option<js_sys::Promise>)>, String>) {
    let result = match outcome {
        Ok(Some((said, Some(write)))) => settle(write).await.map(|()| Some(said)).map_err(|e| e.to_string()),
        other => other.map(|done| done.map(|(said, _)| said)),
    };
    let Some(page) = weak.upgrade() else { return };
    let p = page.borrow();
    let target = if words { &p.words.status } else { &p.phrases.status };
    match result {
        Ok(Some(said)) => p.say(target, &said, true),
        Ok(None) => {}
        Err(why) => p.failed(target, &why),
    }
    p.refresh();
}

/// An attribute of the clicked control.
fn target_attr(target: &Element, name: &str) -> Option<String> {
    target.get_attribute(name)
}

/// Reports a notes change made from the list: refused (shown), or saved with its write awaited.
async fn finish(weak: &Weak<RefCell<Options>>, page: &Rc<RefCell<Options>>, outcome: Result<Option<js_sys::Promise>, crate::notes::NotesError>) {
    match outcome {
        Ok(write) => report(weak, Ok(write), true).await,
        Err(e) => {
            let p = page.borrow();
            p.failed(&p.notes_status, &e.to_string());
            p.refresh();
        }
    }
}

pub(super) fn click_handler(weak: Weak<RefCell<Options>>) -> impl FnMut(&Event) {
    move |event: &Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(event_target) = target.closest("[data-action]").ok().flatten() else { return };
        let Some(action) = event_target.get_attribute("data-action") else { return };
        let weak = weak.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(page) = weak.upgrade() else { return };
            match action.as_str() {
                "import-shop" => {
                    let inputs = page.borrow().shop_inputs.clone();
                    let mut texts = Vec::new();
                    for input in &inputs {
                        match chosen_text(input).await {
                            Ok(Some(t)) => texts.push(t),
                            Ok(None) => {
                                let p = page.borrow();
                                p.failed(&p.shop_status, ui(p.lang, Ui::ShopChooseAll));
                                return;
                            }
                            Err(e) => {
                                let p = page.borrow();
                                p.failed(&p.shop_status, &e);
                                return;
                            }
                        }
                    }
                    let write = page.borrow_mut().import_shop(texts);
                    report(&weak, write, false).await;
                }
                "reset-shop" => {
                    let write = page.borrow_mut().reset_shop();
                    report(&weak, write, false).await;
                }
                "save-retention" => {
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.save_retention(book).map(|()| book.store().take_pending())
                    };
                    match outcome {
                        Ok(write) => {
                            {
                                let p = page.borrow();
                                p.say(&p.notes_status, ui(p.lang, Ui::RetentionSaved), true);
                            }
                            report(&weak, Ok(write), true).await;
                        }
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e);
                        }
                    }
                }
                "find-buyers" => page.borrow().refresh(),
                "forget-field" => {
                    let index = target_attr(&event_target, "data-index").and_then(|i| i.parse().ok());
                    let field = target_attr(&event_target, "data-field").and_then(|f| NoteField::parse(&f, index));
                    let (Some(buyer), Some(field)) = (target_attr(&event_target, "data-buyer"), field) else { return };
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.forget(book, &buyer, field, target_attr(&event_target, "data-what").as_deref()).map(|()| book.store().take_pending())
                    };
                    finish(&weak, &page, outcome).await;
                }
                "delete-buyer" => {
                    let Some(buyer) = target_attr(&event_target, "data-buyer") else { return };
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.delete_buyer(book, &buyer).map(|done| if done { book.store().take_pending() } else { None })
                    };
                    finish(&weak, &page, outcome).await;
                }
                "delete-all-notes" => {
                    let outcome = {
                        let mut p = page.borrow_mut();
                        let Options { manager, book, .. } = &mut *p;
                        manager.delete_all(book).map(|n| (n, book.store().take_pending()))
                    };
                    match outcome {
                        Ok((Some(n), write)) => {
                            {
                                let p = page.borrow();
                                p.say(&p.notes_status, &ui(p.lang, Ui::NotesDeleted).replace("{n}", &n.to_string()), true);
                            }
                            report(&weak, Ok(write), true).await;
                        }
                        Ok((None, _)) => {}
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e.to_string());
                        }
                    }
                }
                "export-notes" => {
                    // Storage as it is now, not as this page read it when it opened.
                    let reloader = page.borrow().book.store().reloader();
                    if let Some(reloader) = reloader {
                        if let Err(e) = reloader.run().await {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e.to_string());
                            return;
                        }
                    }
                    let p = page.borrow();
                    if let Err(e) = p.export_notes() {
                        p.failed(&p.notes_status, &e);
                    }
                }
                "import-phrases" => {
                    let input = page.borrow().phrases.input.clone();
                    match chosen_text(&input).await {
                        Ok(Some(text)) => {
                            let outcome = {
                                let mut p = page.borrow_mut();
                                let lang = p.lang;
                                let Options { phrases, book, .. } = &mut *p;
                                phrases.import(lang, book.store_mut(), &text).map(|n| (n, book.store().take_pending()))
                            };
                            match outcome {
                                Ok((n, write)) => {
                                    {
                                        let p = page.borrow();
                                        p.say(&p.phrases.status, &ui(p.lang, Ui::PhrasesImported).replace("{n}", &n.to_string()), true);
                                    }
                                    page.borrow().refresh();
                                    report(&weak, Ok(write), true).await;
                                }
                                Err(why) => {
                                    let p = page.borrow();
                                    p.say(&p.phrases.status, &why, false);
                                }
                            }
                        }
                        Ok(None) => {
                            let p = page.borrow();
                            p.failed(&p.phrases.status, ui(p.lang, Ui::ChooseFile));
                        }
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.phrases.status, &e);
                        }
                    }
                }
                "import-own-words" => {
                    let input = page.borrow().words.input.clone();
                    let outcome = match chosen_text(&input).await {
                        Ok(Some(text)) => {
                            let mut p = page.borrow_mut();
                            let Options { words, book, .. } = &mut *p;
                            words.import(book.store_mut(), &text).map(|said| Some((said, book.store().take_pending())))
                        }
                        Ok(None) => Err(ui(page.borrow().lang, Ui::ChooseFile).to_string()),
                        Err(e) => Err(e),
                    };
                    changed(&weak, true, outcome).await;
                }
                "export-own-words" => {
                    let p = page.borrow();
                    if let Err(e) = p.words.export(p.book.store()) {
                        p.failed(&p.words.status, &e);
                    }
                }
                which @ ("export-phrases" | "export-phrases-json") => {
                    let p = page.borrow();
                    if let Err(e) = p.phrases.export(&p.doc, p.book.store(), which == "export-phrases-json") {
                        p.failed(&p.phrases.status, &e);
                    }
                }
                "import-notes" => {
                    let input = page.borrow().notes_input.clone();
                    match chosen_text(&input).await {
                        Ok(Some(text)) => {
                            let write = page.borrow_mut().import_notes(&text);
                            page.borrow().refresh();
                            report(&weak, write, true).await;
                        }
                        Ok(None) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, ui(p.lang, Ui::ChooseFile));
                        }
                        Err(e) => {
                            let p = page.borrow();
                            p.failed(&p.notes_status, &e);
                        }
                    }
                }
                _ => {
                    let acted = {
                        let mut p = page.borrow_mut();
                        let Options { phrases, words, book, .. } = &mut *p;
                        let (words, outcome) = match phrases.list.act(&action, &event_target, book.store_mut()) {
                            Some(outcome) => (false, outcome),
                            None => match words.act(&action, &event_target, book.store_mut()) {
                                Some(outcome) => (true, outcome),
                                None => return,
                            },
                        };
                        (words, outcome.map(|said| said.map(|s| (s, book.store().take_pending()))))
                    };
                    changed(&weak, acted.0, acted.1).await;
                }
            }
        });
    }
}
