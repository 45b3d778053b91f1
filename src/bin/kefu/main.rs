//! The developer command line:
//!   kefu classify                 buyer turns on stdin, one JSON object per line out
//!   kefu eval FILE.jsonl [--context] [--json | --mistakes] [--floor ACC]  the classifier scored on labelled turns
//!   kefu model                    the embedded model's size (JSON)
//!   kefu overlap DEV.jsonl TRAIN.jsonl…  training turns that repeat a dev turn
//!   kefu advise --shop DIR        a conversation on stdin, the panel's advice per buyer line
//!   kefu check [--words FILE]     drafts on stdin, one JSON line of findings per draft

mod advise;
mod check;
mod classify;
mod eval;
mod overlap;

use kefu::intent::eval::Reading;
use std::io;
use std::process::ExitCode;

const USAGE: &str = "usage:
  kefu classify < turns.txt            one buyer turn per line in, one JSON object per line out
                                       (intent, confidence, confident, sentiment, buyer_type, entities)
  kefu eval FILE.jsonl [--context] [--json | --mistakes] [--floor ACC]
                                       score the classifier on labelled turns, each read alone
                                       or, with --context, after the agent's message before it
                                       (agent_before, scored against intent_in_context); with
                                       --mistakes, list the turns it got wrong; with
                                       --floor (0..1), fail when accuracy is below it
  kefu model                           the embedded model's size: {\"bytes\",\"features\",\"weights\"}
  kefu overlap DEV.jsonl TRAIN.jsonl…
                                       training turns that repeat a dev turn (or most of one)
  kefu advise --shop DIR < chat.jsonl  advice for each buyer line of one conversation
                                       (lines {\"from\":\"buyer\"|\"agent\",\"text\":…,\"at\":unix_ms});
                                       DIR holds catalog.json, promotions.json, settings.json
  kefu check [--words FILE] < drafts.txt
                                       one agent draft per line in; per draft one JSON line out: its
                                       findings [{category, severity, start, end (UTF-16), rule,
                                       source, rewrite, evasion}], [] when clean; --words adds a
                                       shop's own words ({\"kefu_words\": 1, \"words\": [{word,
                                       category, severity, replacement}]}, as the options page keeps them)";

/// Why a command that reads the user's files stopped.
pub enum Failure {
    /// Bad input (a shop file, a words file, a conversation line): the message says which and why.
    Input(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// The exit of such a command: bad input is the user's to fix (status 2, printed as is).
fn outcome(command: &str, result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("kefu {command}: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => failed(e.into()),
    }
}

/// The exit of any other failure; a closed stdout (kefu piped into `head`) is a normal end.
fn failed(e: Box<dyn std::error::Error>) -> ExitCode {
    if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
        return ExitCode::SUCCESS;
    }
    eprintln!("kefu: {e}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let result: Result<(), Box<dyn std::error::Error>> = match args.first().map(String::as_str) {
        Some("classify") => classify::run().map_err(Into::into),
        Some("check") => return outcome("check", check::run(flag("--words").as_deref())),
        Some("eval") if args.len() > 1 => match flag("--floor").map(|f| f.parse::<f64>()) {
            Some(Err(_)) => Err(USAGE.into()),
            floor => {
                let reading = if args.iter().any(|a| a == "--context") { Reading::InContext } else { Reading::Alone };
                eval::run(&args[1], reading, args.iter().any(|a| a == "--json"), args.iter().any(|a| a == "--mistakes"), floor.and_then(Result::ok)).map_err(Into::into)
            }
        },
        Some("model") => {
            let m = kefu::intent::trained_model();
            let weights = m.intent.len() + m.buyer_type.len() + m.sentiment.len();
            println!("{}", serde_json::json!({ "bytes": kefu::intent::MODEL_BYTES.len(), "features": m.features(), "weights": weights }));
            Ok(())
        }
        Some("overlap") if args.len() > 2 => overlap::run(&args[1], &args[2..]).map_err(Into::into),
        Some("advise") => match flag("--shop") {
            Some(dir) => return outcome("advise", advise::run(&dir)),
            None => Err(USAGE.into()),
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    result.map_or_else(failed, |()| ExitCode::SUCCESS)
}
