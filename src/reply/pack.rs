//! Reply packs (`data/packs/<lang>.json`, format in `docs/data-formats.md`): replies with their
//! intent, optional buyer type and bargaining stage, conditions and slotted text.

use super::guide::Guides;
use crate::intent::{BuyerType, Intent, Sentiment};
use serde::{Deserialize, Serialize};

/// The bargaining stages a reply can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BargainStage {
    First,
    Insist,
    Closing,
    Exit,
}

impl BargainStage {
    /// The stage for a bargaining round (1-based): first answer, buyer insists, closing push,
    /// then a graceful exit however long the buyer goes on.
    pub fn for_round(round: u32) -> BargainStage {
        match round {
            0 | 1 => BargainStage::First,
            2 => BargainStage::Insist,
            3 => BargainStage::Closing,
            _ => BargainStage::Exit,
        }
    }
}

/// What a reply is for: a buyer intent, or the follow-up the panel raises on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Intent(Intent),
    FollowUp,
}

impl Serialize for Topic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Topic::Intent(i) => i.serialize(s),
            Topic::FollowUp => s.serialize_str("_follow_up"),
        }
    }
}

impl<'de> Deserialize<'de> for Topic {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        if id == "_follow_up" {
            return Ok(Topic::FollowUp);
        }
        Intent::from_id(&id)
            .map(Topic::Intent)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown intent {id:?}")))
    }
}

/// Conditions that must all hold for a reply to be offered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Vec<Sentiment>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_coupon: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_threshold: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_gift: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_event: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_item: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_approval: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returning: Option<bool>,
    /// The buyer ordered in this conversation (a farewell that asks for a review).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub id: String,
    pub intent: Topic,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_type: Option<BuyerType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<BargainStage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    /// The after-sale guide (`data/guides/<id>.json`) this reply belongs to: it is offered by that
    /// guide's step, never by intent selection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub lang: String,
    pub version: u32,
    pub replies: Vec<Reply>,
}

impl Pack {
    /// Parses and checks a pack: unique ids, known slots, buyer types and stages only on
    /// bargaining replies, no conditions on guide replies. Errors name the reply.
    pub fn from_json(json: &str) -> Result<Pack, String> {
        let pack: Pack = serde_json::from_str(json).map_err(|e| format!("reply pack: {e}"))?;
        let mut ids = std::collections::HashSet::new();
        for r in &pack.replies {
            if !ids.insert(r.id.as_str()) {
                return Err(format!("reply pack: id {:?} appears twice", r.id));
            }
            if (r.buyer_type.is_some() || r.stage.is_some()) && r.intent != Topic::Intent(Intent::Bargain) {
                return Err(format!("reply pack: {:?} has a buyer type or stage but is not a bargain reply", r.id));
            }
            if let Err(slot) = super::slots::check(&r.text) {
                return Err(format!("reply pack: {:?} uses unknown slot {{{slot}}}", r.id));
            }
            if let Some(guide) = &r.guide {
                if guide.is_empty() {
                    return Err(format!("reply pack: {:?} has an empty guide id", r.id));
                }
                if r.buyer_type.is_some() || r.stage.is_some() || r.when.is_some() {
                    return Err(format!("reply pack: {:?} is a guide reply: no buyer type, stage or conditions", r.id));
                }
            }
        }
        Ok(pack)
    }

    /// Checks the pack against the guides, both ways: every reply a guide step names is in the
    /// pack and marked with that guide, and every reply marked with a guide is named by one of
    /// that guide's steps. Errors name the pack's language, the reply and the guide.
    pub fn check_guides(&self, guides: &Guides) -> Result<(), String> {
        for r in &self.replies {
            let Some(id) = &r.guide else { continue };
            let guide = guides
                .get(id)
                .ok_or_else(|| format!("reply pack {}: {:?} belongs to unknown guide {id:?}", self.lang, r.id))?;
            if !guide.steps.iter().any(|(_, s)| s.reply.as_ref() == Some(&r.id)) {
                return Err(format!("reply pack {}: {:?} is not used by guide {id:?}", self.lang, r.id));
            }
        }
        for g in guides.all() {
            for (step, s) in g.steps.iter() {
                let Some(id) = &s.reply else { continue };
                match self.replies.iter().find(|r| &r.id == id) {
                    None => {
                        return Err(format!(
                            "reply pack {}: no reply {id:?} for guide {:?} step {step:?}",
                            self.lang, g.id
                        ))
                    }
                    Some(r) if r.guide.as_ref() != Some(&g.id) => {
                        return Err(format!(
                            "reply pack {}: {id:?} is used by guide {:?} but not marked with it",
                            self.lang, g.id
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }

    /// The default pack for a language tag (`zh-Hant`, else Simplified).
    pub fn builtin(lang: &str) -> Pack {
        let json = if lang.eq_ignore_ascii_case("zh-Hant") {
            include_str!("../../data/packs/zh-Hant.json")
        } else {
            include_str!("../../data/packs/zh-Hans.json")
        };
        Pack::from_json(json).expect("shipped packs are valid")
    }
}
