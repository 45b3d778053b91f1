//! Slots in reply text (`{shop}`, `{item}`…): the known names, and filling them. A reply with a
//! slot that has no value is not offered: raw `{…}` never reaches a buyer.

use std::collections::BTreeMap;

pub const KNOWN: &[&str] = &[
    "shop", "agent", "item", "price", "coupon", "threshold", "discount", "gap", "gift", "promo", "days",
    "comp_min", "comp_max", "channel", "late_rate", "negotiate_max",
];

/// Slot values for one moment of one conversation.
pub type Values = BTreeMap<&'static str, String>;

/// The slots every reply can count on: the shop's settings.
pub fn from_settings(s: &crate::shop::Settings) -> Values {
    let mut v = Values::new();
    v.insert("shop", s.shop.clone());
    v.insert("agent", s.agent.clone());
    v.insert("days", s.after_sale.resend_window_days.to_string());
    v.insert("comp_min", yuan(s.after_sale.compensation_min));
    v.insert("comp_max", yuan(s.after_sale.compensation_max));
    v.insert("channel", s.after_sale.channel.clone());
    v.insert("late_rate", zhe(s.after_sale.late_discount_rate));
    v.insert("negotiate_max", yuan(s.after_sale.unchecked_negotiate_max));
    // The small-gift lever exists only if the shop names a gift and allows one some value.
    if let Some(gift) = s.bargain.gift.as_ref().filter(|_| s.bargain.max_gift_value > 0.0) {
        v.insert("gift", gift.clone());
    }
    v
}

/// Ok if every `{name}` in `text` is a known slot; otherwise the first unknown name.
pub fn check(text: &str) -> Result<(), String> {
    for name in names(text) {
        if !KNOWN.contains(&name) {
            return Err(name.to_string());
        }
    }
    Ok(())
}

/// The slot names used in `text`, in order.
pub fn names(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// `text` with every slot filled, or `None` when a value is missing.
pub fn fill(text: &str, values: &Values) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let value = values.get(&rest[open + 1..close])?;
        out.push_str(value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Money as agents write it: no decimals when whole, else two (23, 23.50).
pub fn yuan(amount: f64) -> String {
    if (amount - amount.round()).abs() < 0.005 {
        format!("{}", amount.round() as i64)
    } else {
        format!("{amount:.2}")
    }
}

/// A discount as Chinese shops write it: 0.35 of list price is 3.5折, 0.8 is 8折.
pub fn zhe(rate: f64) -> String {
    let tenths = format!("{:.2}", rate * 10.0);
    format!("{}折", tenths.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_slots_and_refuses_missing_ones() {
        let mut v = Values::new();
        v.insert("shop", "澜庭卫浴".into());
        assert_eq!(fill("欢迎光临{shop}~", &v).as_deref(), Some("欢迎光临澜庭卫浴~"));
        assert_eq!(fill("{coupon}可用", &v), None);
        assert_eq!(fill("没有槽位", &v).as_deref(), Some("没有槽位"));
        assert_eq!(fill("坏的{shop", &v), None);
    }

    #[test]
    fn checks_slot_names() {
        assert!(check("{shop}{gap}").is_ok());
        assert_eq!(check("{buyer_phone}"), Err("buyer_phone".into()));
    }

    #[test]
    fn the_gift_lever_follows_the_settings() {
        let mut s = crate::shop::Shop::demo().settings;
        assert!(from_settings(&s).contains_key("gift"));
        s.bargain.max_gift_value = 0.0;
        assert!(!from_settings(&s).contains_key("gift"), "no gift when the shop allows none");
        s.bargain.max_gift_value = 30.0;
        s.bargain.gift = None;
        assert!(!from_settings(&s).contains_key("gift"));
    }

    #[test]
    fn formats_yuan_and_zhe() {
        assert_eq!(yuan(23.0), "23");
        assert_eq!(yuan(23.5), "23.50");
        assert_eq!(zhe(0.35), "3.5折");
        assert_eq!(zhe(0.8), "8折");
        assert_eq!(zhe(0.88), "8.8折");
    }
}
