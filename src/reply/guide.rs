//! After-sale guides (`data/guides/<id>.json`, format in `docs/data-formats.md`): decision flows
//! that tell the agent what to ask or do next in an after-sale case, with the pack reply to
//! insert for the buyer. The engine is a small pure state machine: the panel keeps one
//! [`GuideState`] per conversation, shows [`Guides::view`] and calls [`Guides::choose`] when the
//! agent clicks an option. States are plain values: to offer "back", keep the previous ones.

use super::pack::Pack;
use super::select::FilledReply;
use super::slots::{self, Values};
use crate::i18n::Lang;
use crate::intent::Intent;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

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
    ("damaged.json", include_str!("../../data/guides/damaged.json")),
    ("damage-before-signing.json", include_str!("../../data/guides/damage-before-signing.json")),
    ("damage-after-signing.json", include_str!("../../data/guides/damage-after-signing.json")),
    ("transit-scratch.json", include_str!("../../data/guides/transit-scratch.json")),
    ("missing-parts.json", include_str!("../../data/guides/missing-parts.json")),
    ("unchecked-later.json", include_str!("../../data/guides/unchecked-later.json")),
    ("return.json", include_str!("../../data/guides/return.json")),
];

impl Guides {
    /// Parses and checks guide files given as (file name, text). Errors name the file and, where
    /// there is one, the step.
    pub fn from_json(files: &[(&str, &str)]) -> Result<Guides, String> {
        let mut guides = Vec::with_capacity(files.len());
        for (file, text) in files {
            let guide: Guide = serde_json::from_str(text).map_err(|e| format!("guide {file}: {e}"))?;
            check_guide(file, &guide)?;
            guides.push(guide);
        }
        let guides = Guides { guides };
        guides.check_links(files)?;
        Ok(guides)
    }

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

    /// The start of a guide by id.
    pub fn start(&self, guide: &str) -> Option<GuideState> {
        let g = self.get(guide)?;
        Some(GuideState { guide: g.id.clone(), step: g.start.clone() })
    }

    /// The start of the guide this buyer intent opens, if any (at most one guide per intent).
    pub fn start_for(&self, intent: Intent) -> Option<GuideState> {
        let g = self.guides.iter().find(|g| g.intents.contains(&intent))?;
        self.start(&g.id)
    }

    /// The current step, or `None` for a state that names no step (e.g. after the data changed).
    pub fn step(&self, state: &GuideState) -> Option<&Step> {
        self.get(&state.guide)?.step(&state.step)
    }

    /// The state after following option `option` (0-based) of the current step.
    pub fn choose(&self, state: &GuideState, option: usize) -> Result<GuideState, String> {
        let step = self.step(state).ok_or_else(|| format!("guide {:?} has no step {:?}", state.guide, state.step))?;
        let choice = step.options.get(option).ok_or_else(|| {
            format!(
                "guide {:?} step {:?} has {} options, not option {option}",
                state.guide,
                state.step,
                step.options.len()
            )
        })?;
        match (&choice.next, &choice.guide) {
            (Some(next), _) => Ok(GuideState { guide: state.guide.clone(), step: next.clone() }),
            (None, Some(guide)) => self.start(guide).ok_or_else(|| format!("no guide {guide:?}")),
            (None, None) => {
                Err(format!("guide {:?} step {:?}: option {option} leads nowhere", state.guide, state.step))
            }
        }
    }

    /// The current step as the panel shows it: texts in `lang`, slots filled from `values`
    /// (agent texts keep a slot they cannot fill; a reply that cannot be filled, or is missing
    /// from `pack`, is left out, as in reply selection).
    pub fn view(&self, state: &GuideState, lang: Lang, pack: &Pack, values: &Values) -> Option<StepView> {
        let guide = self.get(&state.guide)?;
        let step = guide.step(&state.step)?;
        let fill = |t: &Text| {
            let raw = t.get(lang);
            slots::fill(raw, values).unwrap_or_else(|| raw.to_string())
        };
        let reply = step.reply.as_deref().and_then(|id| {
            let r = pack.replies.iter().find(|r| r.id == id)?;
            Some(FilledReply { id: r.id.clone(), text: slots::fill(&r.text, values)? })
        });
        Some(StepView {
            guide: guide.id.clone(),
            title: fill(&guide.title),
            step: state.step.clone(),
            kind: step.kind,
            text: fill(&step.text),
            reply,
            options: step.options.iter().map(|c| fill(&c.label)).collect(),
        })
    }

    /// Checks across guides: jump targets exist, an intent opens at most one guide, every guide
    /// can be opened, and every step can reach an end (following jumps too).
    fn check_links(&self, files: &[(&str, &str)]) -> Result<(), String> {
        let file_of = |id: &str| {
            let i = self.guides.iter().position(|g| g.id == id).unwrap_or(0);
            files[i].0
        };
        let mut ids = HashSet::new();
        let mut opened_by: HashMap<Intent, &str> = HashMap::new();
        let mut jumped_to = HashSet::new();
        for (g, (file, _)) in self.guides.iter().zip(files) {
            if !ids.insert(g.id.as_str()) {
                return Err(format!("guide {file}: id {:?} is used by another guide", g.id));
            }
            for &intent in &g.intents {
                if let Some(other) = opened_by.insert(intent, &g.id) {
                    return Err(format!("guide {file}: intent {intent} already opens guide {other:?}"));
                }
            }
            for (sid, step) in g.steps.iter() {
                for c in &step.options {
                    if let Some(target) = &c.guide {
                        if self.get(target).is_none() {
                            return Err(format!("guide {file}: step {sid:?} leads to unknown guide {target:?}"));
                        }
                        jumped_to.insert(target.as_str());
                    }
                }
            }
        }
        for g in &self.guides {
            if g.intents.is_empty() && !jumped_to.contains(g.id.as_str()) {
                return Err(format!("guide {}: no intent opens it and no guide leads to it", file_of(&g.id)));
            }
        }
        // Every step must reach an end step: grow the set of (guide, step) that do until it
        // stops changing; a jump reaches an end when the target guide's start does.
        let mut done: HashSet<(&str, &str)> = HashSet::new();
        loop {
            let before = done.len();
            for g in &self.guides {
                for (sid, step) in g.steps.iter() {
                    let ends = step.kind == StepKind::End
                        || step.options.iter().any(|c| match (&c.next, &c.guide) {
                            (Some(n), _) => done.contains(&(g.id.as_str(), n.as_str())),
                            (None, Some(t)) => {
                                self.get(t).is_some_and(|t| done.contains(&(t.id.as_str(), t.start.as_str())))
                            }
                            _ => false,
                        });
                    if ends {
                        done.insert((g.id.as_str(), sid));
                    }
                }
            }
            if done.len() == before {
                break;
            }
        }
        for g in &self.guides {
            for (sid, _) in g.steps.iter() {
                if !done.contains(&(g.id.as_str(), sid)) {
                    return Err(format!("guide {}: step {sid:?} has no way to an end step", file_of(&g.id)));
                }
            }
        }
        Ok(())
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b))
}

fn check_text(file: &str, at: &str, text: &Text) -> Result<(), String> {
    for (lang, t) in text.all() {
        if t.trim().is_empty() {
            return Err(format!("guide {file}: {at} has no {lang} text"));
        }
        if let Some(slot) = slots::names(t).find(|s| !GUIDE_SLOTS.contains(s)) {
            return Err(format!("guide {file}: {at} uses slot {{{slot}}}, not a shop-settings slot"));
        }
    }
    Ok(())
}

/// Checks within one guide file.
fn check_guide(file: &str, g: &Guide) -> Result<(), String> {
    if !valid_id(&g.id) {
        return Err(format!("guide {file}: bad id {:?}", g.id));
    }
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    if let Some(stem) = stem.strip_suffix(".json") {
        if stem != g.id {
            return Err(format!("guide {file}: id {:?} does not match the file name", g.id));
        }
    }
    check_text(file, "the title", &g.title)?;
    let mut ids = HashSet::new();
    for (sid, _) in g.steps.iter() {
        if !valid_id(sid) {
            return Err(format!("guide {file}: bad step id {sid:?}"));
        }
        if !ids.insert(sid) {
            return Err(format!("guide {file}: step {sid:?} appears twice"));
        }
    }
    if g.step(&g.start).is_none() {
        return Err(format!("guide {file}: start step {:?} does not exist", g.start));
    }
    for (sid, step) in g.steps.iter() {
        check_text(file, &format!("step {sid:?}"), &step.text)?;
        if let Some(reply) = &step.reply {
            if !valid_id(reply) {
                return Err(format!("guide {file}: step {sid:?} has a bad reply id {reply:?}"));
            }
        }
        let n = step.options.len();
        let ok = match step.kind {
            StepKind::Ask => n >= 2,
            StepKind::Do => n == 1,
            StepKind::End => n == 0,
        };
        if !ok {
            return Err(format!(
                "guide {file}: step {sid:?} has {n} options; ask steps need two or more, do steps one, end steps none"
            ));
        }
        for (i, c) in step.options.iter().enumerate() {
            check_text(file, &format!("step {sid:?} option {i}"), &c.label)?;
            match (&c.next, &c.guide) {
                (Some(next), None) => {
                    if g.step(next).is_none() {
                        return Err(format!("guide {file}: step {sid:?} option {i} leads to unknown step {next:?}"));
                    }
                }
                (None, Some(_)) => {}
                _ => return Err(format!("guide {file}: step {sid:?} option {i} needs exactly one of next, guide")),
            }
        }
    }
    // Every step must be reachable from the start.
    let mut seen = HashSet::from([g.start.as_str()]);
    let mut todo = vec![g.start.as_str()];
    while let Some(sid) = todo.pop() {
        for c in g.step(sid).map(|s| s.options.as_slice()).unwrap_or_default() {
            if let Some(next) = c.next.as_deref() {
                if seen.insert(next) {
                    todo.push(next);
                }
            }
        }
    }
    if let Some((sid, _)) = g.steps.iter().find(|(sid, _)| !seen.contains(sid)) {
        return Err(format!("guide {file}: step {sid:?} cannot be reached from the start"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intent::Sentiment;
    use crate::reply::{select, Situation, Topic};
    use crate::shop::Shop;

    /// Slot values as the assistant builds them from the shop's settings.
    fn settings_values() -> Values {
        slots::from_settings(&Shop::demo().settings)
    }

    fn file(guide: &str) -> String {
        format!(
            r#"{{"id":"g","title":{t},"intents":["damaged"],"start":"a","steps":{{{guide}}}}}"#,
            t = r#"{"zh-Hans":"标题","zh-Hant":"標題","en":"Title"}"#
        )
    }

    fn step(kind: &str, options: &[&str]) -> String {
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

    /// Every path from every guide's start, clicking every option, ends at an end step when
    /// loops are cut (a loop like "ask for more photos" is walked once), and visits every step.
    #[test]
    fn every_flow_can_be_walked_to_an_end() {
        let guides = Guides::builtin();
        let mut visited = HashSet::new();
        for g in guides.all() {
            let mut ends = 0;
            let mut todo = vec![(guides.start(&g.id).unwrap(), Vec::<GuideState>::new())];
            while let Some((state, path)) = todo.pop() {
                let step = guides.step(&state).expect("every state names a step");
                visited.insert(state.clone());
                if step.kind == StepKind::End {
                    ends += 1;
                    continue;
                }
                for i in 0..step.options.len() {
                    let next = guides.choose(&state, i).unwrap();
                    if next != state && !path.contains(&next) {
                        let mut path = path.clone();
                        path.push(state.clone());
                        todo.push((next, path));
                    }
                }
            }
            assert!(ends >= 2, "{}: {ends} paths reach an end", g.id);
        }
        for g in guides.all() {
            for (sid, _) in g.steps.iter() {
                assert!(visited.contains(&GuideState { guide: g.id.clone(), step: sid.into() }), "{}/{sid}", g.id);
            }
        }
    }

    #[test]
    fn walks_damage_after_signing_past_the_window() {
        let guides = Guides::builtin();
        let pack = Pack::builtin("zh-Hans");
        let values = settings_values();
        let mut state = guides.start_for(Intent::Damaged).unwrap();
        state = guides.choose(&state, 1).unwrap(); // broken, found after signing
        assert_eq!(state, GuideState { guide: "damage-after-signing".into(), step: "photos".into() });
        state = guides.choose(&state, 0).unwrap(); // photos received
        let view = guides.view(&state, Lang::ZhHans, &pack, &values).unwrap();
        assert_eq!(view.options, ["3天内", "超过3天"]);
        assert!(view.reply.is_none());
        state = guides.choose(&state, 1).unwrap();
        let view = guides.view(&state, Lang::En, &pack, &values).unwrap();
        assert!(view.text.contains("at 3.5折 of") && view.text.contains("3 days"), "{}", view.text);
        let reply = view.reply.unwrap();
        assert!(reply.text.contains("3天") && reply.text.contains("3.5折"), "{}", reply.text);
        state = guides.choose(&state, 1).unwrap(); // declines the discounted purchase
        assert_eq!(guides.step(&state).unwrap().kind, StepKind::End);
        assert!(guides.choose(&state, 0).is_err(), "an end step has no options");
    }

    #[test]
    fn out_of_range_options_and_unknown_states_are_errors() {
        let guides = Guides::builtin();
        let start = guides.start_for(Intent::ReturnExchange).unwrap();
        let n = guides.step(&start).unwrap().options.len();
        let err = guides.choose(&start, n).unwrap_err();
        assert!(err.contains("return") && err.contains("reason"), "{err}");
        let lost = GuideState { guide: "return".into(), step: "nowhere".into() };
        assert!(guides.step(&lost).is_none());
        assert!(guides.choose(&lost, 0).is_err());
        assert!(guides.view(&lost, Lang::En, &Pack::builtin("zh-Hans"), &settings_values()).is_none());
    }

    #[test]
    fn bad_guides_are_rejected_naming_the_file_and_step() {
        let ok = file(&format!(r#""a":{},"b":{}"#, step("do", &[r#""next":"b""#]), step("end", &[])));
        assert!(Guides::from_json(&[("g.json", &ok)]).is_ok());

        let dangling = file(&format!(r#""a":{},"b":{}"#, step("do", &[r#""next":"c""#]), step("end", &[])));
        let err = Guides::from_json(&[("g.json", &dangling)]).unwrap_err();
        assert!(err.contains("g.json") && err.contains("\"a\"") && err.contains("\"c\""), "{err}");

        let unreachable = file(&format!(r#""a":{},"b":{}"#, step("end", &[]), step("end", &[])));
        let err = Guides::from_json(&[("g.json", &unreachable)]).unwrap_err();
        assert!(err.contains("g.json") && err.contains("\"b\"") && err.contains("reached"), "{err}");

        let endless =
            file(&format!(r#""a":{},"b":{}"#, step("do", &[r#""next":"b""#]), step("do", &[r#""next":"a""#])));
        let err = Guides::from_json(&[("g.json", &endless)]).unwrap_err();
        assert!(err.contains("g.json") && err.contains("no way to an end"), "{err}");

        let twice = file(&format!(r#""a":{},"a":{}"#, step("end", &[]), step("end", &[])));
        let err = Guides::from_json(&[("g.json", &twice)]).unwrap_err();
        assert!(err.contains("\"a\"") && err.contains("twice"), "{err}");

        let bad_start = ok.replace(r#""start":"a""#, r#""start":"z""#);
        assert!(Guides::from_json(&[("g.json", &bad_start)]).unwrap_err().contains("\"z\""));

        let one_option_ask = file(&format!(r#""a":{},"b":{}"#, step("ask", &[r#""next":"b""#]), step("end", &[])));
        assert!(Guides::from_json(&[("g.json", &one_option_ask)]).unwrap_err().contains("ask steps"));

        let bad_slot = ok.replace("\"Do\"", "\"Offer {coupon}\"");
        let err = Guides::from_json(&[("g.json", &bad_slot)]).unwrap_err();
        assert!(err.contains("coupon"), "{err}");

        let no_en = ok.replace(r#","en":"Title""#, "");
        assert!(Guides::from_json(&[("g.json", &no_en)]).unwrap_err().contains("g.json"));

        let wrong_name = Guides::from_json(&[("other.json", &ok)]).unwrap_err();
        assert!(wrong_name.contains("file name"), "{wrong_name}");

        let jump = file(&format!(r#""a":{}"#, step("ask", &[r#""guide":"h""#, r#""guide":"g""#])));
        let err = Guides::from_json(&[("g.json", &jump)]).unwrap_err();
        assert!(err.contains("unknown guide") && err.contains("\"h\""), "{err}");

        let both = file(&format!(r#""a":{},"b":{}"#, step("do", &[r#""next":"b","guide":"g""#]), step("end", &[])));
        assert!(Guides::from_json(&[("g.json", &both)]).unwrap_err().contains("exactly one"));

        let err =
            Guides::from_json(&[("g.json", &ok), ("g2.json", &ok.replace(r#""id":"g""#, r#""id":"g2""#))]).unwrap_err();
        assert!(err.contains("g2.json") && err.contains("damaged"), "{err}");
    }

    #[test]
    fn packs_and_guides_must_agree() {
        let t = r#"{"zh-Hans":"结束","zh-Hant":"結束","en":"End"}"#;
        let g = file(&format!(r#""a":{{"kind":"end","text":{t},"reply":"damaged.guide.g.a"}}"#));
        let guides = Guides::from_json(&[("g.json", &g)]).unwrap();
        let pack = |replies: &str| {
            Pack::from_json(&format!(r#"{{"lang":"zh-Hans","version":1,"replies":[{replies}]}}"#)).unwrap()
        };
        let used = r#"{"id":"damaged.guide.g.a","intent":"damaged","guide":"g","text":"亲,好的"}"#;
        assert_eq!(pack(used).check_guides(&guides), Ok(()));
        let err = pack("").check_guides(&guides).unwrap_err();
        assert!(err.contains("damaged.guide.g.a") && err.contains("\"a\""), "{err}");
        let err = pack(&used.replace(r#""guide":"g","#, "")).check_guides(&guides).unwrap_err();
        assert!(err.contains("not marked"), "{err}");
        let unused = r#"{"id":"damaged.guide.g.b","intent":"damaged","guide":"g","text":"亲,好的"}"#;
        let err = pack(&format!("{used},{unused}")).check_guides(&guides).unwrap_err();
        assert!(err.contains("damaged.guide.g.b") && err.contains("not used"), "{err}");
        let err = pack(&format!("{used},{}", unused.replace(r#""guide":"g""#, r#""guide":"h""#)))
            .check_guides(&guides)
            .unwrap_err();
        assert!(err.contains("unknown guide"), "{err}");
    }

    #[test]
    fn jumps_lead_to_the_start_of_another_guide() {
        let router = file(&format!(r#""a":{}"#, step("ask", &[r#""guide":"h""#, r#""guide":"h""#])));
        let target = file(&format!(r#""a":{}"#, step("end", &[])))
            .replace(r#""id":"g""#, r#""id":"h""#)
            .replace(r#"["damaged"]"#, "[]");
        let guides = Guides::from_json(&[("g.json", &router), ("h.json", &target)]).unwrap();
        let state = guides.choose(&guides.start_for(Intent::Damaged).unwrap(), 1).unwrap();
        assert_eq!(state, GuideState { guide: "h".into(), step: "a".into() });
        // A guide nothing opens is dead data.
        let err = Guides::from_json(&[("h.json", &target)]).unwrap_err();
        assert!(err.contains("h.json") && err.contains("no intent"), "{err}");
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
