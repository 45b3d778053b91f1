//! After-sale guides (`data/guides/<id>.json`, format in `docs/data-formats.md`): decision flows
//! that tell the agent what to ask or do next in an after-sale case, with the pack reply to
//! insert for the buyer. The engine is a small pure state machine: the panel keeps one
//! [`GuideState`] per conversation, shows [`Guides::view`] and calls [`Guides::choose`] when the
//! agent clicks an option. States are plain values: to offer "back", keep the previous ones.
//!
//! The guide files are embedded and listed here ([`Guides::builtin`]); reading and checking
//! them is in `load`, running a guide for a conversation in `walk`.

mod load;
mod walk;

use super::select::FilledReply;
use crate::i18n::Lang;
use crate::intent::Intent;
use serde::{Deserialize, Serialize};

/// The slots guide texts, labels and replies may use: shop settings only, so they always fill.
pub const GUIDE_SLOTS: &[&str] =
    &["shop", "agent", "days", "comp_min", "comp_max", "channel", "late_rate", "negotiate_max"];

/// A text in the three interface languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(rename = "zh-Hans")]
    pub zh_hans: String,
    #[serde(rename = "zh-Hant")]
    pub zh_hant: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhHans => &self.zh_hans,
            Lang::ZhHant => &self.zh_hant,
            Lang::En => &self.en,
        }
    }

    fn all(&self) -> [(&'static str, &str); 3] {
        [("zh-Hans", &self.zh_hans), ("zh-Hant", &self.zh_hant), ("en", &self.en)]
    }
}

/// What a step asks of the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A question whose answer picks the branch (two or more options).
    Ask,
    /// An action to take (exactly one option, e.g. "Done").
    Do,
    /// The case is settled (no options).
    End,
}

/// One answer the agent can click: it leads to a step of the same guide (`next`) or to the
/// start of another guide (`guide`), exactly one of the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub kind: StepKind,
    /// What the panel tells the agent.
    pub text: Text,
    /// The id of the pack reply to offer for the buyer, if the step has words for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub id: String,
    pub title: Text,
    /// Buyer intents that open this guide; empty for guides reached only from another guide.
    #[serde(default)]
    pub intents: Vec<Intent>,
    pub start: String,
    pub steps: Steps,
}

impl Guide {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.get(id)
    }
}

/// A guide's steps in file order; duplicate ids are kept so validation can name them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Steps(pub Vec<(String, Step)>);

impl Steps {
    pub fn get(&self, id: &str) -> Option<&Step> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, s)| s)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Step)> {
        self.0.iter().map(|(k, s)| (k.as_str(), s))
    }
}

impl Serialize for Steps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Steps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Steps;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of step ids to steps")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Steps, A::Error> {
                let mut steps = Vec::new();
                while let Some(entry) = map.next_entry::<String, Step>()? {
                    steps.push(entry);
                }
                Ok(Steps(steps))
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// Where a conversation stands in a guide.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GuideState {
    pub guide: String,
    pub step: String,
}

/// A step as the panel shows it, in one interface language, slots filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepView {
    pub guide: String,
    pub title: String,
    pub step: String,
    pub kind: StepKind,
    pub text: String,
    /// The reply to insert, when the step has one and the pack holds it.
    pub reply: Option<FilledReply>,
    /// Option labels, in order: pass an index to [`Guides::choose`].
    pub options: Vec<String>,
}

/// All guides, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Guides {
    guides: Vec<Guide>,
}

/// The shipped guide files, listed explicitly.
const BUILTIN: &[(&str, &str)] = &[
    ("damaged.json", include_str!("../../../data/guides/damaged.json")),
    ("damage-before-signing.json", include_str!("../../../data/guides/damage-before-signing.json")),
    ("damage-after-signing.json", include_str!("../../../data/guides/damage-after-signing.json")),
    ("transit-scratch.json", include_str!("../../../data/guides/transit-scratch.json")),
    ("missing-parts.json", include_str!("../../../data/guides/missing-parts.json")),
    ("unchecked-later.json", include_str!("../../../data/guides/unchecked-later.json")),
    ("return.json", include_str!("../../../data/guides/return.json")),
];

impl Guides {
    /// The shipped guides.
    pub fn builtin() -> Guides {
        Guides::from_json(BUILTIN).expect("shipped guides are valid")
    }

    /// All guides, in file order (for a manual "start a guide" menu).
    pub fn all(&self) -> &[Guide] {
        &self.guides
    }

    pub fn get(&self, id: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::Sentiment;
    use crate::reply::pack::Pack;
    use crate::reply::slots::{self, Values};
    use crate::reply::{select, Situation, Topic};
    use crate::shop::Shop;

    /// Slot values as the assistant builds them from the shop's settings.
    pub(super) fn settings_values() -> Values {
        slots::from_settings(&Shop::demo().settings)
    }

    /// A guide file with id `g`, opened by the damaged intent, starting at step `a`.
    pub(super) fn file(guide: &str) -> String {
        format!(
            r#"{{"id":"g","title":{t},"intents":["damaged"],"start":"a","steps":{{{guide}}}}}"#,
            t = r#"{"zh-Hans":"标题","zh-Hant":"標題","en":"Title"}"#
        )
    }

    /// A step of `kind` whose options are the given JSON fields (e.g. `"next":"b"`).
    pub(super) fn step(kind: &str, options: &[&str]) -> String {
        let t = r#"{"zh-Hans":"做","zh-Hant":"做","en":"Do"}"#;
        let opts: Vec<String> = options.iter().map(|o| format!(r#"{{"label":{t},{o}}}"#)).collect();
        format!(r#"{{"kind":"{kind}","text":{t},"options":[{}]}}"#, opts.join(","))
    }

    #[test]
    fn the_shipped_guides_load_and_open_from_their_intents() {
        let guides = Guides::builtin();
        assert_eq!(guides.all().len(), BUILTIN.len());
        for (intent, guide) in [
            (Intent::Damaged, "damaged"),
            (Intent::MissingWrong, "missing-parts"),
            (Intent::Quality, "unchecked-later"),
            (Intent::ReturnExchange, "return"),
        ] {
            assert_eq!(guides.start_for(intent).map(|s| s.guide), Some(guide.to_string()));
        }
        assert_eq!(guides.start_for(Intent::Greeting), None);
    }

    #[test]
    fn the_shipped_guides_match_both_packs() {
        let guides = Guides::builtin();
        for lang in ["zh-Hans", "zh-Hant"] {
            let pack = Pack::builtin(lang);
            pack.check_guides(&guides).unwrap_or_else(|e| panic!("{lang}: {e}"));
            for g in guides.all() {
                for (sid, step) in g.steps.iter() {
                    let Some(id) = &step.reply else { continue };
                    let reply = pack.replies.iter().find(|r| &r.id == id).unwrap_or_else(|| panic!("{lang}: no {id}"));
                    assert_eq!(reply.guide.as_deref(), Some(g.id.as_str()), "{lang}: {}/{sid}", g.id);
                }
            }
        }
    }

    #[test]
    fn guide_replies_are_never_offered_by_selection() {
        let guides = Guides::builtin();
        for lang in ["zh-Hans", "zh-Hant"] {
            let pack = Pack::builtin(lang);
            for intent in [Intent::Damaged, Intent::MissingWrong, Intent::Quality, Intent::ReturnExchange] {
                for sentiment in [Sentiment::Calm, Sentiment::Anxious, Sentiment::Angry] {
                    let situation = Situation {
                        topic: Topic::Intent(intent),
                        sentiment,
                        buyer_type: None,
                        stage: None,
                        manager_approval: true,
                        returning: false,
                        ordered: true,
                        values: settings_values(),
                    };
                    let offered = select(&pack, &situation, usize::MAX);
                    assert!(!offered.is_empty());
                    for r in offered {
                        assert!(!r.id.contains(".guide."), "{lang}: {intent} offers {}", r.id);
                        assert!(guides
                            .all()
                            .iter()
                            .all(|g| g.steps.iter().all(|(_, s)| s.reply.as_ref() != Some(&r.id))));
                    }
                }
            }
        }
    }

    /// Guide replies fill from the shop settings and keep to the pack style: they address the
    /// buyer, stay short, and use at most one emoticon.
    #[test]
    fn guide_replies_fill_from_the_demo_settings_and_keep_the_style() {
        let values = settings_values();
        let guides = Guides::builtin();
        for (lang, dear) in [("zh-Hans", "亲"), ("zh-Hant", "親")] {
            let pack = Pack::builtin(lang);
            let replies: Vec<_> = pack.replies.iter().filter(|r| r.guide.is_some()).collect();
            assert!(replies.len() >= 40, "{lang}: {} guide replies", replies.len());
            for r in replies {
                let text = slots::fill(&r.text, &values).unwrap_or_else(|| panic!("{lang}: {} does not fill", r.id));
                assert!(!text.contains('{') && !text.contains('}'), "{}", r.id);
                let chars = text.chars().count();
                assert!((20..=75).contains(&chars), "{lang}: {} has {chars} characters", r.id);
                assert!(text.contains(dear), "{lang}: {} does not address the buyer", r.id);
                let emoticons =
                    text.matches('~').count() + text.matches("^_^").count() + text.matches("[微笑]").count();
                assert!(emoticons <= 1, "{lang}: {}", r.id);
            }
            // Every step's texts and labels fill too, in every interface language.
            for g in guides.all() {
                for (sid, _) in g.steps.iter() {
                    let state = GuideState { guide: g.id.clone(), step: sid.to_string() };
                    for ui in [Lang::ZhHans, Lang::ZhHant, Lang::En] {
                        let v = guides.view(&state, ui, &pack, &values).unwrap();
                        assert!(
                            v.options.iter().chain([&v.text, &v.title]).all(|t| !t.contains('{')),
                            "{}/{sid}",
                            g.id
                        );
                        assert_eq!(v.reply.is_some(), guides.step(&state).unwrap().reply.is_some(), "{}/{sid}", g.id);
                    }
                }
            }
        }
    }
}
