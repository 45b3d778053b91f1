//! The draft check against its regression sets (tests/data/check/): legitimate agent replies full
//! of the tricky words (最近, 第一时间, 100%棉, QQ糖, 微信支付 in a refusal, quoting the buyer, order
//! numbers…) where no block or warn may fire, and violating drafts (plain and evasive) that must
//! each fire with their category.

use kefu::check::{Category, Checker, Severity};
use serde::Deserialize;

#[derive(Deserialize)]
struct Legit {
    text: String,
}

#[derive(Deserialize)]
struct Violation {
    text: String,
    category: Category,
    evasion: bool,
}

fn lines<T: for<'de> Deserialize<'de>>(file: &str) -> Vec<T> {
    let path = format!("{}/tests/data/check/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}: {e}: {l}"))).collect()
}

#[test]
fn no_block_or_warn_on_legitimate_replies() {
    let checker = Checker::builtin();
    let legit: Vec<Legit> = lines("legit.jsonl");
    assert!(legit.len() >= 300, "{} legitimate replies", legit.len());
    let wrong: Vec<String> = legit
        .iter()
        .filter_map(|l| {
            let bad: Vec<String> = checker.check(&l.text).into_iter().filter(|f| f.severity >= Severity::Warn).map(|f| format!("{} {:?}", f.rule, l.text.encode_utf16().skip(f.start).take(f.end - f.start).collect::<Vec<_>>().iter().map(|&u| char::from_u32(u as u32).unwrap_or('?')).collect::<String>())).collect();
            (!bad.is_empty()).then(|| format!("{} ← {}", l.text, bad.join(", ")))
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {} legitimate replies flagged:\n{}", wrong.len(), legit.len(), wrong.join("\n"));
}

#[test]
fn every_violation_fires_with_its_category() {
    let checker = Checker::builtin();
    let violations: Vec<Violation> = lines("violations.jsonl");
    assert!(violations.len() >= 200, "{} violations", violations.len());
    assert!(violations.iter().filter(|v| v.evasion).count() >= 50, "evasion variants");
    let missed: Vec<String> = violations
        .iter()
        .filter(|v| !checker.check(&v.text).iter().any(|f| f.category == v.category))
        .map(|v| format!("{:?} {}{} ← {:?}", v.category, v.text, if v.evasion { " (evasion)" } else { "" }, checker.check(&v.text).iter().map(|f| f.category).collect::<Vec<_>>()))
        .collect();
    assert!(missed.is_empty(), "{} of {} violations missed:\n{}", missed.len(), violations.len(), missed.join("\n"));
}

#[test]
fn every_reply_of_our_packs_passes_the_check() {
    // What the panel suggests must pass what it checks the agent's drafts for (asking for a
    // review is fine; a reward for one is not).
    let checker = Checker::builtin();
    let mut checked = 0;
    for pack in ["zh-Hans", "zh-Hant"] {
        let path = format!("{}/data/packs/{pack}.json", env!("CARGO_MANIFEST_DIR"));
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for reply in value["replies"].as_array().unwrap() {
            let text = reply["text"].as_str().unwrap();
            checked += 1;
            let bad: Vec<_> = checker.check(text).into_iter().filter(|f| f.severity >= Severity::Warn).map(|f| f.rule).collect();
            assert!(bad.is_empty(), "{pack} {}: {text} ← {bad:?}", reply["id"]);
        }
    }
    assert!(checked > 500, "{checked} replies");
}
