//! Facts found in a buyer's message (height, weight, size, phone) are OFFERED to the agent for
//! one-click saving, never saved silently. Phone and address are personal data: `accept` writes
//! them only with the agent's confirmation, and suggestions show them masked.

use super::{BuyerNotes, NotesError, HEIGHT_CM, MAX_PHONE_CHARS, MAX_SIZE_CHARS, WEIGHT_KG};
use crate::intent::EntityKind;
use crate::text::{Entity, EntityValue};
use serde::{Deserialize, Serialize};

/// Which fact of `Facts` a suggestion fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactField {
    Height,
    Weight,
    Size,
    Phone,
    Address,
}

impl FactField {
    pub fn id(self) -> &'static str {
        match self {
            FactField::Height => "height",
            FactField::Weight => "weight",
            FactField::Size => "size",
            FactField::Phone => "phone",
            FactField::Address => "address",
        }
    }

    /// Personal data: saving needs the agent's confirmation.
    pub fn is_personal(self) -> bool {
        matches!(self, FactField::Phone | FactField::Address)
    }
}

/// A fact with its value: height in cm, weight in kg, the rest as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum Fact {
    Height(f64),
    Weight(f64),
    Size(String),
    Phone(String),
    Address(String),
}

impl Fact {
    pub fn field(&self) -> FactField {
        match self {
            Fact::Height(_) => FactField::Height,
            Fact::Weight(_) => FactField::Weight,
            Fact::Size(_) => FactField::Size,
            Fact::Phone(_) => FactField::Phone,
            Fact::Address(_) => FactField::Address,
        }
    }

    /// The value in a suggestion id: `170`, `57.5`, `XL`, `13812345678`.
    fn canonical(&self) -> String {
        match self {
            Fact::Height(x) | Fact::Weight(x) => number_text(*x),
            Fact::Size(s) | Fact::Phone(s) | Fact::Address(s) => s.clone(),
        }
    }

    /// The value for the panel: `170 cm`, `57.5 kg`, `XL`; personal data masked (`138****5678`).
    pub fn display(&self) -> String {
        match self {
            Fact::Height(x) => format!("{} cm", number_text(*x)),
            Fact::Weight(x) => format!("{} kg", number_text(*x)),
            Fact::Size(s) => s.clone(),
            Fact::Phone(s) => mask_phone(s),
            Fact::Address(s) => mask_address(s),
        }
    }

    /// What the notes hold for this fact's field now.
    fn held(field: FactField, notes: &BuyerNotes) -> Option<Fact> {
        let f = &notes.facts;
        match field {
            FactField::Height => f.height_cm.map(Fact::Height),
            FactField::Weight => f.weight_kg.map(Fact::Weight),
            FactField::Size => f.size.clone().map(Fact::Size),
            FactField::Phone => f.phone.clone().map(Fact::Phone),
            FactField::Address => f.address.clone().map(Fact::Address),
        }
    }

    /// The same fact, give or take rounding, case and separators.
    fn same(&self, other: &Fact) -> bool {
        match (self, other) {
            (Fact::Height(a), Fact::Height(b)) | (Fact::Weight(a), Fact::Weight(b)) => tenth(*a) == tenth(*b),
            (Fact::Size(a), Fact::Size(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
            (Fact::Phone(a), Fact::Phone(b)) => digits(a) == digits(b),
            (Fact::Address(a), Fact::Address(b)) => a.trim() == b.trim(),
            _ => false,
        }
    }

    fn write(self, notes: &mut BuyerNotes) {
        let f = &mut notes.facts;
        match self {
            Fact::Height(x) => f.height_cm = Some(x),
            Fact::Weight(x) => f.weight_kg = Some(x),
            Fact::Size(s) => f.size = Some(s),
            Fact::Phone(s) => f.phone = Some(s),
            Fact::Address(s) => f.address = Some(s),
        }
    }

    /// The fact an entity states, if it is one notes keep and its value is plausible.
    fn from_entity(e: &Entity) -> Option<Fact> {
        let fact = match (e.kind, &e.value) {
            (EntityKind::Height, EntityValue::Number(x)) => Fact::Height(tenth(*x)),
            (EntityKind::Weight, EntityValue::Number(x)) => Fact::Weight(tenth(*x)),
            // 均码 (one size) describes the item, not the buyer.
            (EntityKind::Size, EntityValue::Text(s)) if s.trim() != "均码" => Fact::Size(s.trim().to_string()),
            (EntityKind::Phone, EntityValue::Text(s)) => Fact::Phone(s.trim().to_string()),
            _ => return None,
        };
        fact.plausible().then_some(fact)
    }

    fn plausible(&self) -> bool {
        match self {
            Fact::Height(x) => HEIGHT_CM.contains(x),
            Fact::Weight(x) => WEIGHT_KG.contains(x),
            Fact::Size(s) => !s.is_empty() && s.chars().count() <= MAX_SIZE_CHARS,
            Fact::Phone(s) => digits(s).len() >= 5 && s.chars().count() <= MAX_PHONE_CHARS,
            Fact::Address(s) => !s.trim().is_empty(),
        }
    }
}

impl NoteSuggestion {
    /// The notes already hold this fact (saved since it was suggested).
    pub fn is_held_by(&self, notes: &BuyerNotes) -> bool {
        Fact::held(self.field, notes).is_some_and(|held| held.same(&self.fact))
    }
}

/// A fact the panel offers to save with one click.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteSuggestion {
    /// Stable: `height:170`, `weight:57.5`, `size:XL`, `phone:13812345678`.
    pub id: String,
    pub field: FactField,
    /// For display: `170 cm`, `57.5 kg`, `XL`, `138****5678` (personal data masked).
    pub value: String,
    /// What the notes hold now, for display (masked the same way), when it differs.
    pub current: Option<String>,
    /// Phone or address: the panel must ask the agent to confirm before `accept`.
    pub personal: bool,
    /// What `accept` writes.
    pub fact: Fact,
}

/// Height, weight, size and phone facts in `entities` that differ from what `notes` hold, in
/// message order, each once. Nothing is written.
pub fn suggestions(entities: &[Entity], notes: &BuyerNotes) -> Vec<NoteSuggestion> {
    let mut out: Vec<NoteSuggestion> = Vec::new();
    for fact in entities.iter().filter_map(Fact::from_entity) {
        let field = fact.field();
        let held = Fact::held(field, notes);
        if held.as_ref().is_some_and(|h| h.same(&fact)) {
            continue;
        }
        let id = format!("{}:{}", field.id(), fact.canonical());
        if out.iter().any(|s| s.id == id) {
            continue;
        }
        out.push(NoteSuggestion {
            id,
            field,
            value: fact.display(),
            current: held.map(|h| h.display()),
            personal: field.is_personal(),
            fact,
        });
    }
    out
}

/// Saves a suggestion the agent clicked into `notes` (the caller saves the notes and stamps
/// `updated_at`). A personal fact without `confirmed_personal` is refused and nothing changes;
/// so is a value outside the schema's limits.
pub fn accept(notes: &mut BuyerNotes, suggestion: &NoteSuggestion, confirmed_personal: bool) -> Result<(), NotesError> {
    let field = suggestion.fact.field();
    // Personal-ness comes from the fact itself, whatever the flag says.
    if (field.is_personal() || suggestion.personal) && !confirmed_personal {
        return Err(NotesError::NeedsConfirmation { field });
    }
    let mut probe = BuyerNotes::new();
    suggestion.fact.clone().write(&mut probe);
    probe.problems()?;
    suggestion.fact.clone().write(notes);
    Ok(())
}

fn tenth(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn mask_phone(s: &str) -> String {
    let d: Vec<char> = digits(s).chars().collect();
    match d.len() {
        n if n >= 8 => format!("{}{}{}", d[..3].iter().collect::<String>(), "*".repeat(n - 7), d[n - 4..].iter().collect::<String>()),
        n if n >= 3 => format!("{}{}", "*".repeat(n - 2), d[n - 2..].iter().collect::<String>()),
        n => "*".repeat(n),
    }
}

fn mask_address(s: &str) -> String {
    let head: String = s.chars().take(6).collect();
    if s.chars().count() > 6 {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::extract;

    fn ids(s: &[NoteSuggestion]) -> Vec<&str> {
        s.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn facts_in_a_message_are_offered_not_saved() {
        let notes = BuyerNotes::new();
        let before = notes.clone();
        let got = suggestions(&extract("我身高170体重115斤穿XL还是2XL, 电话13812345678, 要2件, 少20行吗"), &notes);
        assert_eq!(ids(&got), ["height:170", "weight:57.5", "size:XL", "size:2XL", "phone:13812345678"]);
        assert_eq!(notes, before);
        let h = &got[0];
        assert_eq!((h.field, h.value.as_str(), h.personal, h.current.as_ref()), (FactField::Height, "170 cm", false, None));
        assert_eq!(h.fact, Fact::Height(170.0));
        assert_eq!((got[1].value.as_str(), got[1].fact.clone()), ("57.5 kg", Fact::Weight(57.5)));
        let phone = &got[4];
        assert_eq!((phone.field, phone.personal), (FactField::Phone, true));
        assert_eq!(phone.value, "138****5678", "personal data is masked for display");
    }

    #[test]
    fn nothing_is_offered_when_the_notes_already_hold_it() {
        let mut notes = BuyerNotes::new();
        notes.facts.height_cm = Some(170.0);
        notes.facts.weight_kg = Some(55.0);
        notes.facts.size = Some("xl".into());
        notes.facts.phone = Some("138-1234-5678".into());
        let entities = extract("一米七, 110斤, XL码, 电话 138 1234 5678");
        assert!(suggestions(&entities, &notes).is_empty(), "{:?}", suggestions(&entities, &notes));
    }

    #[test]
    fn a_different_value_is_offered_with_what_the_notes_hold() {
        let mut notes = BuyerNotes::new();
        notes.facts.height_cm = Some(165.0);
        notes.facts.phone = Some("13900001111".into());
        let got = suggestions(&extract("身高168, 手机13812345678"), &notes);
        assert_eq!(ids(&got), ["height:168", "phone:13812345678"]);
        assert_eq!(got[0].current.as_deref(), Some("165 cm"));
        assert_eq!(got[1].current.as_deref(), Some("139****1111"));
    }

    #[test]
    fn repeats_and_implausible_or_other_entities_are_not_offered() {
        let got = suggestions(&extract("170cm 170cm 均码吗 2斤半 少20 订单号 123456789012345678 明天"), &BuyerNotes::new());
        assert_eq!(ids(&got), ["height:170"]);
        assert!(suggestions(&[], &BuyerNotes::new()).is_empty());
    }

    #[test]
    fn accepting_a_plain_fact_writes_only_that_fact() {
        let mut notes = BuyerNotes::new();
        notes.text = "老客户".into();
        let s = suggestions(&extract("身高170"), &notes).remove(0);
        accept(&mut notes, &s, false).unwrap();
        assert_eq!(notes.facts.height_cm, Some(170.0));
        assert_eq!(notes.text, "老客户");
        assert!(suggestions(&extract("身高170"), &notes).is_empty());
    }

    #[test]
    fn personal_facts_need_the_agents_confirmation() {
        let mut notes = BuyerNotes::new();
        let s = suggestions(&extract("电话13812345678"), &notes).remove(0);
        assert_eq!(accept(&mut notes, &s, false), Err(NotesError::NeedsConfirmation { field: FactField::Phone }));
        assert_eq!(notes, BuyerNotes::new(), "a refused accept changes nothing");
        // The flag from the panel is not trusted: the fact itself says it is personal.
        let forged = NoteSuggestion { personal: false, ..s.clone() };
        assert!(accept(&mut notes, &forged, false).is_err());
        let address = NoteSuggestion {
            id: "address:x".into(),
            field: FactField::Address,
            value: "x".into(),
            current: None,
            personal: false,
            fact: Fact::Address("上海市浦东新区xx路1号".into()),
        };
        assert!(matches!(accept(&mut notes, &address, false), Err(NotesError::NeedsConfirmation { field: FactField::Address })));
        assert_eq!(notes.facts.phone, None);
        accept(&mut notes, &s, true).unwrap();
        assert_eq!(notes.facts.phone.as_deref(), Some("13812345678"));
        accept(&mut notes, &address, true).unwrap();
        assert_eq!(notes.facts.address.as_deref(), Some("上海市浦东新区xx路1号"));
        assert_eq!(address.fact.display(), "上海市浦东新…");
    }

    #[test]
    fn values_outside_the_limits_are_refused() {
        let mut notes = BuyerNotes::new();
        let bad = NoteSuggestion {
            id: "height:1700".into(),
            field: FactField::Height,
            value: "1700 cm".into(),
            current: None,
            personal: false,
            fact: Fact::Height(1700.0),
        };
        let err = accept(&mut notes, &bad, false).unwrap_err();
        assert!(matches!(&err, NotesError::Invalid { field, .. } if field == "facts.height_cm"), "{err:?}");
        assert_eq!(notes.facts.height_cm, None);
    }

    #[test]
    fn suggestions_serialise_for_the_panel_and_come_back() {
        let s = suggestions(&extract("身高170"), &BuyerNotes::new()).remove(0);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json, serde_json::json!({
            "id": "height:170", "field": "height", "value": "170 cm", "current": null, "personal": false,
            "fact": {"field": "height", "value": 170.0}
        }));
        assert_eq!(serde_json::from_value::<NoteSuggestion>(json).unwrap(), s);
    }
}
