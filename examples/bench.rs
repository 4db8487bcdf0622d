//! Native rendering speed (`make bench-native`; the browser comparison is `make bench`).
//!
//! Renders the sample post (`samples/facebook-down.md` in `../shared` or `$SHARED`), the same front
//! matter followed by ten copies of its body, and `bench/documents/shortcode-heavy.md`, with
//! the sample site of `www/sample-site` plus the templates of `bench/site`, so that the site
//! templates run. Three ways: typing (one more character per render, one reused `Renderer`,
//! as the editor does), unchanged (the same text again) and cold (a new `Renderer`, nothing
//! cached). Prints figures only: timings vary too much between machines to assert on; the
//! ten-copies / one-copy ratio is the number to watch (about 10x means linear).
//!
//!     cargo run --release --example bench [-- FILE]
#![allow(clippy::disallowed_methods)] // not in the .wasm (the rule is its size)

// The tests' helpers, for where the shared data is (`SHARED`, as in the Makefile).
#[path = "../tests/support/mod.rs"]
mod support;

use hugo_preview::{RenderOptions, Renderer};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Untimed renders first, so that caches, the allocator and lazy statics settle.
const WARM_UP: usize = 5;
/// Timed renders: at least this many, and at least for `MIN_TIME`, for a stable p95.
const MIN_ITERATIONS: usize = 30;
const MIN_TIME: Duration = Duration::from_secs(2);

fn main() {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| support::shared_dir().join("samples/facebook-down.md"));
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("bench: cannot read {}: {e}", path.display());
            std::process::exit(2);
        }
    };
    let (front_matter, body) = split_front_matter(&source);
    let ten_copies = format!("{front_matter}{}", body.repeat(10));
    let heavy_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/documents/shortcode-heavy.md");
    let heavy = std::fs::read_to_string(&heavy_path).unwrap_or_default();

    let options = sample_site_options();
    let renderer = Renderer::new(options.clone());
    println!("input: {}", path.display());
    println!(
        "site: www/sample-site and bench/site ({} shortcode templates: {})",
        options.shortcodes.len(),
        options
            .shortcodes
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (name, text) in [("sample", &source), ("shortcode-heavy", &heavy)] {
        let errors = renderer
            .render(text)
            .diagnostics
            .iter()
            .filter(|d| d.severity == hugo_preview::diagnostic::Severity::Error)
            .count();
        println!("error diagnostics on {name}: {errors}");
    }
    println!(
        "typing: one more character per render (what an editor sends); unchanged: the same text \
         again; cold: the first render of a new Renderer (nothing cached)"
    );
    println!(
        "{:<28} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "case", "bytes", "min ms", "p50 ms", "p95 ms", "MB/s p50", "runs"
    );
    let mut p50 = Vec::new();
    for (name, text) in [
        ("one copy", &source),
        ("ten copies", &ten_copies),
        ("shortcode-heavy", &heavy),
    ] {
        let typed = keystrokes(text, 64);
        let mut i = 0;
        let typing = measure(&format!("{name}, typing"), text.len(), || {
            i += 1;
            let text = &typed[i % typed.len()];
            let start = Instant::now();
            black_box(renderer.render(black_box(text)));
            start.elapsed()
        });
        measure(&format!("{name}, unchanged"), text.len(), || {
            let start = Instant::now();
            black_box(renderer.render(black_box(text)));
            start.elapsed()
        });
        measure(&format!("{name}, cold"), text.len(), || {
            let fresh = Renderer::new(options.clone());
            let start = Instant::now();
            black_box(fresh.render(black_box(text)));
            start.elapsed()
        });
        p50.push(typing.p50);
    }
    println!(
        "ratio ten/one (typing, p50): {:.2}x  (10x is linear)",
        p50[1] / p50[0]
    );
}

/// The document with one more character each time, typed at the end of a paragraph near
/// the middle (as bench/page.js does for the browser benchmark).
fn keystrokes(source: &str, count: usize) -> Vec<String> {
    let middle = source.len() / 2;
    let at = source
        .get(middle..)
        .and_then(|rest| rest.find("\n\n"))
        .map_or(source.len(), |p| middle + p);
    let letters = "the quick brown fox jumps over the lazy dog ";
    let mut typed = String::new();
    (0..count)
        .map(|i| {
            typed.push(letters.as_bytes()[i % letters.len()] as char);
            format!("{} {typed}{}", &source[..at], &source[at..])
        })
        .collect()
}

/// The sample site's config and shortcode templates, as the demo editor loads them.
fn sample_site_options() -> RenderOptions {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample-site");
    let mut options = RenderOptions {
        site_config: std::fs::read_to_string(site.join("hugo.toml")).ok(),
        path: Some("techmagus/lessons-learned-facebook-down.md".into()),
        ..RenderOptions::default()
    };
    let bench_site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/site");
    let folders = [site, bench_site].map(|root| root.join("layouts/shortcodes"));
    for entry in folders
        .iter()
        .flat_map(std::fs::read_dir)
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let (Some(name), Ok(text)) = (
            path.file_stem().and_then(|s| s.to_str()),
            std::fs::read_to_string(&path),
        ) else {
            continue;
        };
        options.shortcodes.insert(name.to_owned(), text);
    }
    options
}

struct Figures {
    p50: f64,
}

fn measure(name: &str, bytes: usize, mut render: impl FnMut() -> Duration) -> Figures {
    // BENCH_ONLY=text measures only the cases whose name contains it (for profiling).
    if !name.contains(std::env::var("BENCH_ONLY").unwrap_or_default().as_str()) {
        return Figures { p50: f64::NAN };
    }
    for _ in 0..WARM_UP {
        render();
    }
    let mut times_ms = Vec::new();
    let started = Instant::now();
    while times_ms.len() < MIN_ITERATIONS || started.elapsed() < MIN_TIME {
        times_ms.push(render().as_secs_f64() * 1000.0);
    }
    times_ms.sort_by(f64::total_cmp);
    let percentile = |p: f64| times_ms[((times_ms.len() - 1) as f64 * p).round() as usize];
    let (min, p50, p95) = (times_ms[0], percentile(0.50), percentile(0.95));
    let megabytes = bytes as f64 / 1_000_000.0;
    println!(
        "{name:<28} {bytes:>10} {min:>9.3} {p50:>9.3} {p95:>9.3} {:>9.1} {:>7}",
        megabytes / (p50 / 1000.0),
        times_ms.len()
    );
    Figures { p50 }
}

/// Splits off a `+++` or `---` front matter block (delimiters included) so the body can be
/// repeated after a single one. A file without one is all body.
fn split_front_matter(source: &str) -> (&str, &str) {
    for delimiter in ["+++", "---"] {
        if source.lines().next().map(str::trim_end) != Some(delimiter) {
            continue;
        }
        let mut offset = 0;
        for (index, line) in source.split_inclusive('\n').enumerate() {
            offset += line.len();
            if index > 0 && line.trim_end() == delimiter {
                return source.split_at(offset);
            }
        }
    }
    ("", source)
}
