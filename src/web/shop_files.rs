//! The shop the extension advises for: the files the shop imported on the options page (kept in
//! the extension's storage), else the demo shop packaged with the extension.

use crate::notes::NotesStore;
use crate::reply::{Guides, Pack};
use crate::shop::Shop;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The shop files a shop imports, and where they are kept.
pub const IMPORTED: [&str; 3] = ["catalog.json", "promotions.json", "settings.json"];
pub const KEY_PREFIX: &str = "kefu.shop/";

/// The packaged files (`files`: names to texts; `guides`: guide file names to texts).
pub struct Packaged<'a>(pub &'a JsValue);

impl Packaged<'_> {
    pub fn text(&self, name: &str) -> Result<String, String> {
        Reflect::get(self.0, &name.into()).ok().and_then(|v| v.as_string()).ok_or_else(|| format!("shop file {name} is missing"))
    }

    fn guides(&self) -> Result<Vec<(String, String)>, String> {
        let guides = Reflect::get(self.0, &"guides".into()).ok().filter(|g| g.is_object()).ok_or("shop files: guides are missing")?;
        Ok(Object::entries(guides.unchecked_ref())
            .iter()
            .filter_map(|entry| {
                let pair = Array::from(&entry);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect())
    }
}

/// Whether the shop imported its own files.
pub fn imported(store: &impl NotesStore) -> bool {
    IMPORTED.iter().all(|name| store.get(&format!("{KEY_PREFIX}{name}")).ok().flatten().is_some())
}

/// The shop, its reply pack and the after-sale guides; a bad file is an error naming it.
pub fn load(packaged: &Packaged, store: &impl NotesStore) -> Result<(Shop, Pack, Guides), String> {
    let own = imported(store);
    let text = |name: &str| -> Result<String, String> {
        if own {
            if let Ok(Some(text)) = store.get(&format!("{KEY_PREFIX}{name}")) {
                return Ok(text);
            }
        }
        packaged.text(name)
    };
    let shop = Shop::from_json(&text("catalog.json")?, &text("promotions.json")?, &text("settings.json")?)?;
    let pack_name = if shop.settings.language.eq_ignore_ascii_case("zh-Hant") { "zh-Hant.json" } else { "zh-Hans.json" };
    let pack = Pack::from_json(&packaged.text(pack_name)?).map_err(|e| format!("{pack_name}: {e}"))?;
    let guide_texts = packaged.guides()?;
    let borrowed: Vec<(&str, &str)> = guide_texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let guides = Guides::from_json(&borrowed)?;
    Ok((shop, pack, guides))
}
