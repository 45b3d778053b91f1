//! Shop settings (`settings.json`): names, time zone, bargaining levers, after-sale thresholds.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The shop's name as buyers see it.
    pub shop: String,
    /// The agent's nickname.
    pub agent: String,
    /// `Asia/Shanghai`-style name or `UTC+08:00`.
    pub timezone: String,
    /// The reply pack language: `zh-Hans` or `zh-Hant`.
    pub language: String,
    pub bargain: BargainSettings,
    pub after_sale: AfterSaleSettings,
    /// Minutes after an item question with no order before the panel suggests a follow-up.
    pub follow_up_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BargainSettings {
    /// The small gift agents may offer, if any.
    pub gift: Option<String>,
    pub max_gift_value: f64,
    /// Whether agents may offer to ask the manager for a one-time price.
    pub manager_approval: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AfterSaleSettings {
    pub resend_window_days: u32,
    pub compensation_min: f64,
    pub compensation_max: f64,
    pub late_discount_rate: f64,
    pub unchecked_negotiate_max: f64,
    /// Where buyers apply for after-sale help.
    pub channel: String,
}
