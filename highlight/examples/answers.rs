//! Answers highlighting requests as the npm package's highlighter module does, for the agreement
//! check with Hugo (tests/highlight/agreement.py): a JSON array of requests on stdin (the
//! protocol of `answer`) → a JSON array of answers on stdout.

use std::io::Read;

use serde_json::Value;

fn main() {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .expect("readable stdin");
    let requests: Vec<Value> = serde_json::from_str(&input).expect("a JSON array of requests");
    let answers: Vec<Value> = requests
        .iter()
        .map(|request| {
            serde_json::from_str(&hugo_preview_highlight::answer(&request.to_string()))
                .expect("answers are JSON")
        })
        .collect();
    println!("{}", Value::Array(answers));
}
