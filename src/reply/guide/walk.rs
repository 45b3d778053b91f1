//! Running a guide for a conversation: where it starts, the current step, the state after the
//! agent picks an option (a next step or a jump to another guide's start), and the step as the
//! panel shows it.

use super::{GuideState, Guides, Step, StepView, Text};
use crate::i18n::Lang;
use crate::intent::Intent;
use crate::reply::pack::Pack;
use crate::reply::select::FilledReply;
use crate::reply::slots::{self, Values};

impl Guides {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::{file, settings_values, step};
    use super::super::StepKind;
    use super::*;
    use std::collections::HashSet;

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
}
