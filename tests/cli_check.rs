//! `kefu check` as a shop or developer runs it: drafts on stdin, one JSON line per draft, and
//! the shop's own words from a file in the options page's format.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn check(args: &[&str], drafts: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kefu"))
        .arg("check")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kefu runs");
    // A refused run may end before it reads: a closed pipe is its answer, not a failure here.
    let _ = child.stdin.take().expect("stdin").write_all(drafts.as_bytes());
    child.wait_with_output().expect("kefu ends")
}

fn data(file: &str) -> String {
    format!("{}/tests/data/check/{file}", env!("CARGO_MANIFEST_DIR"))
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON value per line")).collect()
}

#[test]
fn one_line_of_findings_per_draft_and_the_shops_words_from_a_file() {
    let drafts = "亲 进我们拍拍群领券\n这款比隔壁家的厚\n好的亲 今天发货\n";
    let plain = check(&[], drafts);
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    let plain = lines(&plain);
    assert_eq!(plain.len(), 3);
    assert!(plain.iter().all(|f| f.as_array().is_some_and(Vec::is_empty)), "no shipped rule knows these words: {plain:?}");

    let own = check(&["--words", &data("shop-words.json")], drafts);
    assert!(own.status.success(), "{}", String::from_utf8_lossy(&own.stderr));
    let own = lines(&own);
    assert_eq!(own.len(), 3);
    let first = &own[0][0];
    assert_eq!((first["rule"].as_str(), first["severity"].as_str(), first["start"].as_u64(), first["end"].as_u64()), (Some("shop:拍拍群"), Some("block"), Some(5), Some(8)));
    assert_eq!((own[1][0]["rule"].as_str(), own[1][0]["rewrite"].as_str()), (Some("shop:隔壁家"), Some("其他店铺")));
    assert_eq!(own[2], serde_json::json!([]));
}

#[test]
fn a_bad_words_file_is_refused_with_the_word_and_the_reason() {
    let out = check(&["--words", &data("bad-words.json")], "随便写点\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing checked with half the words");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("word 2") && err.contains("loud"), "{err}");

    let missing = check(&["--words", &data("no-such-file.json")], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.json"));
}
