//! Checks of reply text against the playbook's five ineffective patterns (denying the need,
//! jargon, no way forward, arguing about who is right, rough tone) and its red lines. Used on
//! the shipped and imported reply packs; the same checks can read an agent's own draft.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    DeniesTheNeed,
    Jargon,
    NoWayForward,
    Arguing,
    RoughTone,
    /// "Already the lowest price" as the whole answer.
    BareLowestPrice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub pattern: Pattern,
    /// The words that triggered it.
    pub words: String,
}

/// Phrases that show each pattern (Simplified; the text is normalised before matching).
const PHRASES: &[(Pattern, &[&str])] = &[
    (Pattern::DeniesTheNeed, &["不能退", "不能换", "不给退", "不给换", "不支持", "不可能", "没这个服务", "做不到"]),
    (Pattern::Jargon, &["sku", "gmv", "dsr", "uv", "pv", "工单流转", "逆向物流", "售后sop", "揽收异常"]),
    (Pattern::Arguing, &["是您自己", "是你自己", "不是我们的问题", "跟我们没关系", "与我们无关", "您没看清", "你没看", "我们没错", "怪不得我们"]),
    (Pattern::RoughTone, &["爱买不买", "自己看", "自己查", "随便你", "不知道", "你听不懂", "说了多少遍", "烦不烦", "别问了"]),
];

/// Words that offer a way forward; a refusal without any of them leaves the buyer stuck.
const WAY_FORWARD: &[&str] = &["可以", "帮您", "为您", "给您", "建议", "马上", "安排", "处理", "或者", "申请", "联系", "试试", "方案"];
const REFUSALS: &[&str] = &["不行", "没办法", "不可以", "不能"];

/// Findings in one text (Simplified or Traditional).
pub fn check(text: &str) -> Vec<Finding> {
    let t = crate::text::normalize(text).text;
    let mut out = Vec::new();
    for (pattern, phrases) in PHRASES {
        if let Some(p) = phrases.iter().find(|p| t.contains(*p)) {
            out.push(Finding { pattern: *pattern, words: p.to_string() });
        }
    }
    if let Some(r) = REFUSALS.iter().find(|r| t.contains(*r)) {
        if !WAY_FORWARD.iter().any(|w| t.contains(w)) {
            out.push(Finding { pattern: Pattern::NoWayForward, words: r.to_string() });
        }
    }
    if (t.contains("最低价") || t.contains("已经是最低")) && !WAY_FORWARD.iter().any(|w| t.contains(w)) {
        out.push(Finding { pattern: Pattern::BareLowestPrice, words: "最低价".into() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ineffective_patterns_are_found() {
        let found = |t: &str| check(t).into_iter().map(|f| f.pattern).collect::<Vec<_>>();
        assert_eq!(found("这个不能退"), [Pattern::DeniesTheNeed, Pattern::NoWayForward]);
        assert_eq!(found("是您自己没验货"), [Pattern::Arguing]);
        assert_eq!(found("自己看详情页"), [Pattern::RoughTone]);
        assert_eq!(found("已经是最低价了"), [Pattern::BareLowestPrice]);
        assert_eq!(found("亲,这个SKU缺货"), [Pattern::Jargon]);
        assert_eq!(found("不行哦"), [Pattern::NoWayForward]);
        // Traditional text is read the same way.
        assert_eq!(found("是您自己沒看清楚"), [Pattern::Arguing]);
    }

    #[test]
    fn helpful_replies_pass() {
        for ok in ["亲,价格已经很实在了,现在领券还能再省20哦", "亲别急,我马上帮您查物流", "这款暂时不能加急,可以帮您备注优先发货"] {
            assert!(check(ok).is_empty(), "{ok}: {:?}", check(ok));
        }
    }
}
