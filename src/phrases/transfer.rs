//! Import and export of quick phrases. CSV: three columns, group, code, text (a header row of
//! those names, in English or Chinese, is skipped; quoted fields may hold commas and line
//! breaks); JSON: `{"kefu_phrases": 1, "phrases": [{group, code, text, uses}]}`. An import is
//! taken whole or not at all: every error names its line and the reason.

use super::{problem, Phrase, MAX_PHRASES};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Why an import was refused: each bad line and its reason (the first ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub errors: Vec<(usize, String)>,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.errors.iter().map(|(line, why)| format!("line {line}: {why}")).collect();
        write!(f, "nothing imported: {}", lines.join("; "))
    }
}

impl std::error::Error for ImportError {}

/// Errors named at most (a file of garbage is not listed line by line).
const MAX_ERRORS: usize = 20;
const HEADERS: [&str; 6] = ["group", "分组", "分組", "code", "编码", "text"];

fn refuse(errors: Vec<(usize, String)>) -> ImportError {
    ImportError { errors: errors.into_iter().take(MAX_ERRORS).collect() }
}

/// Checks phrases read from lines (`line` of each): every problem, duplicate codes, the count.
fn checked(read: Vec<(usize, Phrase)>, mut errors: Vec<(usize, String)>) -> Result<Vec<Phrase>, ImportError> {
    let mut codes: HashMap<String, usize> = HashMap::new();
    for (line, p) in &read {
        if let Some(why) = problem(p) {
            errors.push((*line, why));
        } else if !p.code.is_empty() {
            if let Some(first) = codes.insert(p.code.to_lowercase(), *line) {
                errors.push((*line, format!("the code {:?} is also on line {first}", p.code)));
            }
        }
    }
    if read.len() > MAX_PHRASES {
        errors.push((read[MAX_PHRASES].0, format!("at most {MAX_PHRASES} phrases")));
    }
    if errors.is_empty() {
        Ok(read.into_iter().map(|(_, p)| p).collect())
    } else {
        crate::sort::by_key(&mut errors, |(line, _)| *line);
        Err(refuse(errors))
    }
}

/// Reads a CSV export (group, code, text).
pub fn import_csv(text: &str) -> Result<Vec<Phrase>, ImportError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let mut read = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(i + 1, |p| p.line() as usize);
                errors.push((line, format!("not CSV: {e}")));
                break;
            }
        };
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let fields: Vec<&str> = record.iter().map(str::trim).collect();
        if i == 0 && fields.first().is_some_and(|f| HEADERS.contains(&f.to_lowercase().as_str())) {
            continue;
        }
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if fields.len() != 3 {
            errors.push((line, format!("{} columns; a phrase is group, code, text", fields.len())));
            continue;
        }
        read.push((line, Phrase { group: fields[0].into(), code: fields[1].trim_start_matches('/').into(), text: record[2].trim().into(), uses: 0 }));
    }
    checked(read, errors)
}

/// Writes the library as CSV with a header row (group, code, text).
pub fn export_csv(phrases: &[Phrase]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = writer.write_record(["group", "code", "text"]);
    for p in phrases {
        let _ = writer.write_record([&p.group, &p.code, &p.text]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[derive(Serialize, Deserialize)]
struct File {
    kefu_phrases: u32,
    phrases: Vec<Phrase>,
}

/// Reads the JSON file (`kefu_phrases` 1).
pub fn import_json(text: &str) -> Result<Vec<Phrase>, ImportError> {
    let file: File = serde_json::from_str(text).map_err(|e| refuse(vec![(e.line(), format!("not a phrases file: {e}"))]))?;
    if file.kefu_phrases != 1 {
        return Err(refuse(vec![(1, format!("kefu_phrases must be 1, the format version (got {})", file.kefu_phrases))]));
    }
    // Each phrase's line in the text: where its object starts, counted by the file's own layout.
    let starts = phrase_lines(text);
    let read = file.phrases.into_iter().enumerate().map(|(i, p)| (starts.get(i).copied().unwrap_or(1), p)).collect();
    checked(read, Vec::new())
}

/// The line where each object of the `phrases` list starts (a light scan of the JSON text).
fn phrase_lines(text: &str) -> Vec<usize> {
    let Some(list) = text.find("\"phrases\"") else { return Vec::new() };
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut line) = (0i32, false, false, 1 + text[..list].matches('\n').count());
    for c in text[list..].chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                if c == '{' && depth == 1 {
                    out.push(line);
                }
                depth += 1;
            }
            ']' | '}' => {
                depth -= 1;
                if depth <= 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    out
}

/// Writes the library as the JSON file.
pub fn export_json(phrases: &[Phrase]) -> String {
    serde_json::to_string_pretty(&File { kefu_phrases: 1, phrases: phrases.to_vec() }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbench_export_is_read_header_quotes_and_all() {
        let csv = "分组,编码,内容\n售后,tk,退款到账一般1-3个工作日\n发货,/fh,\"亲，今天下单\n明天发货哦\"\n问候,,您好\n";
        let phrases = import_csv(csv).unwrap();
        assert_eq!(phrases.len(), 3);
        assert_eq!(phrases[1].code, "fh", "the slash of a code is dropped");
        assert_eq!(phrases[1].text, "亲，今天下单\n明天发货哦", "a quoted line break stays");
        assert_eq!(import_csv(&export_csv(&phrases)).unwrap(), phrases, "export imports back");
        assert_eq!(import_json(&export_json(&phrases)).unwrap(), phrases);
    }

    #[test]
    fn one_bad_line_refuses_the_whole_file_and_names_the_line() {
        let csv = "售后,tk,退款到账\n发货,fh\n问候,,您好\n";
        let err = import_csv(csv).unwrap_err();
        assert_eq!(err.errors.len(), 1);
        assert_eq!(err.errors[0].0, 2, "{err}");
        assert!(err.to_string().contains("line 2"), "{err}");
        let dup = import_csv("a,x,一\nb,x,二\n").unwrap_err();
        assert_eq!(dup.errors[0].0, 2);
        let empty = import_csv("a,x,一\nb,y,   \n").unwrap_err();
        assert_eq!(empty.errors[0], (2, "the phrase is empty".to_string()));
        let long = format!("a,x,{}\n", "字".repeat(501));
        assert!(import_csv(&long).is_err());
        let bad_code = import_csv("a,x y,一\n").unwrap_err();
        assert!(bad_code.errors[0].1.contains("code"));
    }

    #[test]
    fn a_json_error_names_the_phrase_line() {
        let text = "{\n  \"kefu_phrases\": 1,\n  \"phrases\": [\n    {\"text\": \"好\"},\n    {\"text\": \"\"}\n  ]\n}";
        let err = import_json(text).unwrap_err();
        assert_eq!(err.errors, vec![(5, "the phrase is empty".to_string())]);
        assert!(import_json("{\"kefu_phrases\": 2, \"phrases\": []}").is_err());
        assert!(import_json("nonsense").is_err());
    }
}
