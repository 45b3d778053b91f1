//! The draft check on any input: it never panics, every span lies inside the draft on character
//! boundaries (UTF-16), and a rewrite replaces exactly its span.
#![cfg(not(target_arch = "wasm32"))]

use kefu::check::{apply_rewrite, Checker};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Built once: the automaton over every term takes a while to build, not to run.
fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::builtin)
}

fn draft() -> impl Strategy<Value = String> {
    // Chat text with the tricky bits: CJK, full width, zero-width characters, emoji, digits.
    prop::collection::vec(prop_oneof![
        Just("微".to_string()), Just("信".to_string()), Just("加".to_string()), Just("\u{200B}".to_string()),
        Just("Ｖ".to_string()), Just("x".to_string()), Just("😀".to_string()), Just("1".to_string()), Just("3".to_string()),
        Just("8".to_string()), Just("最".to_string()), Just("好".to_string()), Just("“".to_string()), Just("”".to_string()),
        Just("不".to_string()), Just("保证".to_string()), Just("先生".to_string()), Just("地址".to_string()), any::<char>().prop_map(String::from),
    ], 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn spans_lie_inside_the_draft_and_rewrites_replace_only_them(text in draft()) {
        let checker = checker();
        let units: Vec<u16> = text.encode_utf16().collect();
        for f in checker.check(&text) {
            prop_assert!(f.start < f.end && f.end <= units.len(), "{f:?}");
            // On character boundaries: no half of a surrogate pair.
            prop_assert!(String::from_utf16(&units[f.start..f.end]).is_ok(), "{f:?}");
            let fixed = apply_rewrite(&text, &f);
            let before = String::from_utf16(&units[..f.start]).unwrap();
            let after = String::from_utf16(&units[f.end..]).unwrap();
            prop_assert_eq!(fixed, format!("{before}{}{after}", f.rewrite));
        }
    }
}
