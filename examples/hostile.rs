//! The hostile-input benchmark (`make bench-hostile`): each pattern of the corpus and of ours
//! (written by scripts/hostile_inputs.py) rendered at about 10 KB, 100 KB and 1 MB, best of a
//! few runs, release build. Growth must stay linear: 10× the input, at most about 12× the
//! time. Prints a table and the patterns that grow faster; times are figures, not a test.
//!
//!     cargo run --release --example hostile -- INPUTS.json

use hugo_preview::{RenderOptions, Renderer};
use std::time::{Duration, Instant};

fn main() {
    let path = std::env::args().nth(1).expect("usage: hostile INPUTS.json");
    let text = std::fs::read_to_string(&path).expect("the inputs file is readable");
    let patterns: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    // HOSTILE_ONLY=text runs the patterns whose name contains it.
    let only = std::env::var("HOSTILE_ONLY").unwrap_or_default();
    if "ours: the same heavy call on every line".contains(only.as_str()) {
        same_heavy_call_on_every_line();
    }
    let mut flagged = Vec::new();
    println!(
        "{:<58} {:>12} {:>12} {:>12} {:>7} {:>7}",
        "pattern", "10 KB", "100 KB", "1 MB", "×10", "×100"
    );
    for pattern in patterns.as_array().expect("an array") {
        let name = pattern["name"].as_str().unwrap_or("?");
        if !name.contains(only.as_str()) {
            continue;
        }
        let options = options_for(&pattern["options"]);
        let mut times = Vec::new();
        let mut labels = Vec::new();
        for (label, input) in pattern["inputs"].as_object().expect("inputs") {
            let input = input.as_str().unwrap_or("");
            times.push(best_time(&options, input));
            labels.push(label.clone());
        }
        let cell = |i: usize| times.get(i).map_or(String::new(), |t| format_time(*t));
        if times.len() == 3 {
            let r1 = ratio(times[1], times[0]);
            let r2 = ratio(times[2], times[1]);
            let mark = if r1 > 12.0 || r2 > 12.0 { " <-" } else { "" };
            println!(
                "{:<58} {:>12} {:>12} {:>12} {:>7.1} {:>7.1}{mark}",
                truncate(name),
                cell(0),
                cell(1),
                cell(2),
                r1,
                r2
            );
            if !mark.is_empty() {
                flagged.push(name.to_owned());
            }
        } else {
            println!(
                "{:<58} {:>12} ({})",
                truncate(name),
                cell(0),
                labels.first().map_or("", |l| l.as_str())
            );
        }
    }
    println!();
    if flagged.is_empty() {
        println!("every scaled pattern grows linearly (10x input, at most 12x time)");
    } else {
        println!("growing faster than linear: {}", flagged.join("; "));
    }
}

/// Issue 20's recipe: a 7 MB output bomb called on 300 lines, all calls the same, so that
/// after the first every call could come from the renderer's cache. The page's template
/// budget must stop it however the calls repeat: timed for a new renderer's first render and
/// for a keystroke on the same renderer, with the process's peak memory (run first, so the
/// peak is this case's).
fn same_heavy_call_on_every_line() {
    let mut options = RenderOptions::default();
    options.shortcodes.insert(
        "big".into(),
        "{{ range seq 7 }}{{ strings.Repeat 1000000 \"a\" }}{{ end }}".into(),
    );
    let text = format!("---\n---\n{}", "{{< big >}}\n".repeat(300));
    let renderer = Renderer::new(options);
    let t = Instant::now();
    let first = renderer.render(&text);
    let first_time = t.elapsed();
    let t = Instant::now();
    let keystroke = renderer.render(&format!("{text}x"));
    let keystroke_time = t.elapsed();
    let stopped = keystroke
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("budget") || d.message.contains("exceeds"))
        .count();
    println!(
        "ours: the same heavy call on every line (300 calls of a 7 MB bomb, {} B): first render \
         {}, keystroke {}, {} KB of content, {stopped} calls stopped by the page budget, peak \
         memory {}",
        text.len(),
        format_time(first_time),
        format_time(keystroke_time),
        first.content_html.len() / 1024,
        peak_memory()
    );
    println!();
}

/// The process's peak resident memory, from Linux's /proc (where there is no /proc: unknown).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{} MB", kb / 1024))
        })
        .unwrap_or_else(|| "unknown".into())
}

fn options_for(spec: &serde_json::Value) -> RenderOptions {
    let mut options = RenderOptions::default();
    if spec["goldmark"].is_object() {
        options.markup.goldmark =
            serde_json::from_value(spec["goldmark"].clone()).expect("goldmark options");
    }
    options.markup.goldmark.unsafe_html = spec["unsafe"].as_bool().unwrap_or(false);
    for (key, field) in [
        ("shortcodes", &mut options.shortcodes),
        ("partials", &mut options.partials),
    ] {
        if let Some(map) = spec[key].as_object() {
            for (name, source) in map {
                field.insert(name.clone(), source.as_str().unwrap_or("").to_owned());
            }
        }
    }
    options
}

/// The best of three to five runs (three for slow inputs), so a noisy machine shows less:
/// one run of a 1 MB input was too easily the one a neighbour slowed down. Each run is a new
/// `Renderer`'s first render (not timed: building it), so nothing comes from its caches: the
/// same text again would mostly be looked up, not rendered.
fn best_time(options: &RenderOptions, input: &str) -> Duration {
    let mut best = Duration::MAX;
    let started = Instant::now();
    for run in 0..5 {
        let renderer = Renderer::new(options.clone());
        let t = Instant::now();
        let out = renderer.render(input);
        std::hint::black_box(&out);
        best = best.min(t.elapsed());
        if run >= 2 && started.elapsed() > Duration::from_millis(1500) {
            break;
        }
    }
    best
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-6)
}

fn format_time(t: Duration) -> String {
    format!("{:.2} ms", t.as_secs_f64() * 1000.0)
}

fn truncate(name: &str) -> String {
    name.chars().take(58).collect()
}
