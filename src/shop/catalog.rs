//! The shop's catalog (`catalog.json`) and finding the item a buyer is talking about.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub category: String,
    /// Yuan.
    pub price: f64,
    #[serde(default)]
    pub list_price: Option<f64>,
    /// Units left; 0 = out of stock.
    pub stock: u32,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Variants a buyer's noted size must match.
    #[serde(default)]
    pub sizes: Vec<String>,
    /// Ids of items that go with this one (搭配).
    #[serde(default)]
    pub complements: Vec<String>,
}

impl Item {
    pub fn in_stock(&self) -> bool {
        self.stock > 0
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub items: Vec<Item>,
}

impl Catalog {
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Checks ids are unique and complements exist.
    pub fn validate(&self) -> Result<(), String> {
        let mut ids = std::collections::HashSet::new();
        for item in &self.items {
            if !ids.insert(item.id.as_str()) {
                return Err(format!("catalog: item id {:?} appears twice", item.id));
            }
            if !(item.price.is_finite() && item.price >= 0.0) {
                return Err(format!("catalog: item {:?} has a bad price", item.id));
            }
        }
        for item in &self.items {
            if let Some(missing) = item.complements.iter().find(|c| !ids.contains(c.as_str())) {
                return Err(format!("catalog: item {:?} lists unknown complement {missing:?}", item.id));
            }
        }
        Ok(())
    }

    /// The item the (normalised) text talks about: the one with the longest matching keyword or
    /// title. Ties keep catalog order, which the shop controls.
    pub fn mentioned_in(&self, text: &str) -> Option<&Item> {
        let mut best: Option<(&Item, usize)> = None;
        for item in &self.items {
            let title = item.title.to_ascii_lowercase();
            let len = std::iter::once(title.as_str())
                .chain(item.keywords.iter().map(String::as_str))
                .filter(|k| !k.is_empty() && text.contains(&k.to_ascii_lowercase()))
                .map(|k| k.chars().count())
                .max();
            if let Some(len) = len {
                if best.is_none_or(|(_, l)| len > l) {
                    best = Some((item, len));
                }
            }
        }
        best.map(|(item, _)| item)
    }
}
