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

/// Model codes in a title (S3, T1, 2XL): ASCII letter-and-digit runs, lower case.
fn model_codes(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
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

    /// The items the (normalised) text talks about most specifically: scored by the length of
    /// everything of theirs it names (title, keywords, and model codes in the title such as S3),
    /// the best score wins; several when a generic word (马桶) fits several items, in catalog
    /// order, which the shop controls. Also returns the words that matched (lower case).
    pub fn mentioned_in(&self, text: &str) -> (Vec<&Item>, Vec<String>) {
        let scored: Vec<(&Item, usize, Vec<String>)> = self
            .items
            .iter()
            .filter_map(|item| {
                let mut words: Vec<String> = std::iter::once(item.title.as_str())
                    .chain(item.keywords.iter().map(String::as_str))
                    .map(str::to_ascii_lowercase)
                    .chain(model_codes(&item.title))
                    .filter(|k| !k.is_empty() && text.contains(k.as_str()))
                    .collect();
                crate::sort::ascending(&mut words);
                words.dedup();
                let score: usize = words.iter().map(|w| w.chars().count()).sum();
                (score > 0).then_some((item, score, words))
            })
            .collect();
        let best = scored.iter().map(|(_, s, _)| *s).max().unwrap_or(0);
        let top: Vec<_> = scored.into_iter().filter(|(_, s, _)| *s == best).collect();
        let mut words: Vec<String> = top.iter().flat_map(|(_, _, w)| w.clone()).collect();
        crate::sort::ascending(&mut words);
        words.dedup();
        (top.into_iter().map(|(i, _, _)| i).collect(), words)
    }

    /// Whether `word` names `item` too (马桶 names the 智能马桶 S3 as well as the 连体马桶).
    pub fn names(item: &Item, word: &str) -> bool {
        std::iter::once(item.title.as_str()).chain(item.keywords.iter().map(String::as_str)).any(|k| k.to_ascii_lowercase().contains(word))
    }
}
