//! Rendering speed on a real post: `cargo run --release --example bench [-- FILE]`.
//!
//! Renders `../shared/samples/facebook-down.md` (relative to the crate root), then the same
//! front matter followed by ten copies of its body, with one reused `Renderer` as the editor
//! does on every keystroke, with the sample site of `www/sample-site` (its `hugo.toml` and
//! its `image` and `reflangtitle` shortcode templates), so that the site templates run. Prints figures only: timings vary too much between machines to
//! assert on, and the ten-copies / one-copy ratio is the number to watch (about 10× means
//! rendering grows linearly with the text).

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
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/facebook-down.md")
        });
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("bench: cannot read {}: {e}", path.display());
            std::process::exit(2);
        }
    };
    let (front_matter, body) = split_front_matter(&source);
    let ten_copies = format!("{front_matter}{}", body.repeat(10));

    let options = sample_site_options();
    let renderer = Renderer::new(options.clone());
    println!("input: {}", path.display());
    println!(
        "site: www/sample-site ({} shortcode templates: {})",
        options.shortcodes.len(),
        options
            .shortcodes
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    let errors = renderer
        .render(&source)
        .diagnostics
        .iter()
        .filter(|d| d.severity == hugo_preview::diagnostic::Severity::Error)
        .count();
    println!("error diagnostics on the sample: {errors}");
    println!(
        "{:<12} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "case", "bytes", "min ms", "p50 ms", "p95 ms", "MB/s p50", "runs"
    );
    let one = measure(&renderer, "one copy", &source);
    let ten = measure(&renderer, "ten copies", &ten_copies);
    println!(
        "ratio ten/one (p50): {:.2}x  (min: {:.2}x; 10x is linear)",
        ten.p50 / one.p50,
        ten.min / one.min
    );
}

/// The sample site's config and shortcode templates, as the demo editor loads them.
fn sample_site_options() -> RenderOptions {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/sample-site");
    let mut options = RenderOptions {
        site_config: std::fs::read_to_string(site.join("hugo.toml")).ok(),
        path: Some("techmagus/lessons-learned-facebook-down.md".into()),
        ..RenderOptions::default()
    };
    let shortcodes = site.join("layouts/shortcodes");
    for entry in std::fs::read_dir(&shortcodes)
        .into_iter()
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
    min: f64,
    p50: f64,
}

fn measure(renderer: &Renderer, name: &str, source: &str) -> Figures {
    for _ in 0..WARM_UP {
        black_box(renderer.render(black_box(source)));
    }
    let mut times_ms = Vec::new();
    let started = Instant::now();
    while times_ms.len() < MIN_ITERATIONS || started.elapsed() < MIN_TIME {
        let start = Instant::now();
        black_box(renderer.render(black_box(source)));
        times_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times_ms.sort_by(f64::total_cmp);
    let percentile = |p: f64| times_ms[((times_ms.len() - 1) as f64 * p).round() as usize];
    let (min, p50, p95) = (times_ms[0], percentile(0.50), percentile(0.95));
    let megabytes = source.len() as f64 / 1_000_000.0;
    println!(
        "{name:<12} {:>10} {min:>9.3} {p50:>9.3} {p95:>9.3} {:>9.1} {:>7}",
        source.len(),
        megabytes / (p50 / 1000.0),
        times_ms.len()
    );
    Figures { min, p50 }
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
