//! Reading guide files: parsing the JSON and checking each guide and the links between guides,
//! with errors that name the file and, where there is one, the step.

use super::{Guide, Guides, StepKind, Text, GUIDE_SLOTS};
use crate::intent::Intent;
use crate::reply::slots;
use std::collections::{HashMap, HashSet};

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
    use super::super::tests::{file, step};
    use super::*;
    use crate::reply::pack::Pack;

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
}
