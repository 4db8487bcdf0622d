//! Helpers shared by the integration tests: where the shared data lives, snapshots, a
//! render's error messages.
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The sample post and the test corpora: `../shared` beside the repository (CI lays it
/// there), or the folder the `SHARED` variable names, as in the Makefile.
pub fn shared_dir() -> PathBuf {
    shared_dir_from(std::env::var_os("SHARED"))
}

/// The shared folder for a value of `SHARED`: relative to the repository (where `make`
/// runs), unset or empty for `../shared`.
pub fn shared_dir_from(value: Option<OsString>) -> PathBuf {
    let value = value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "../shared".into());
    Path::new(env!("CARGO_MANIFEST_DIR")).join(value)
}

pub fn read_shared(relative: &str) -> String {
    let path = shared_dir().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("shared data {} should be readable: {e}", path.display()))
}

/// The canonical sample post.
pub fn sample_post() -> String {
    read_shared("samples/facebook-down.md")
}

/// The sample site in `www/sample-site/`: its `hugo.toml` and shortcode templates, as
/// render options.
pub fn sample_site_options() -> hugo_preview::RenderOptions {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/sample-site");
    let mut options = hugo_preview::RenderOptions {
        site_config: Some(
            std::fs::read_to_string(site.join("hugo.toml")).expect("sample hugo.toml"),
        ),
        path: Some("techmagus/lessons-learned-facebook-down.md".into()),
        ..Default::default()
    };
    let shortcodes = site.join("layouts/shortcodes");
    for entry in std::fs::read_dir(&shortcodes).expect("sample shortcodes folder") {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("template file name")
            .to_owned();
        let text = std::fs::read_to_string(&path).expect("template text");
        options.shortcodes.insert(name, text);
    }
    options
}

/// Compares `actual` with the snapshot file `tests/snapshots/NAME`. With
/// `UPDATE_SNAPSHOTS=1` the file is (re)written instead, so a reviewed change is one command.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("snapshot should be writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "snapshot {} is missing: run `UPDATE_SNAPSHOTS=1 cargo test` and review it",
            path.display()
        )
    });
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "output should match snapshot {} (first difference at line {}):\nexpected: {:?}\nactual:   {:?}\nRun `UPDATE_SNAPSHOTS=1 cargo test` to accept a reviewed change.",
            path.display(),
            first_difference + 1,
            expected.lines().nth(first_difference),
            actual.lines().nth(first_difference),
        );
    }
}

/// The messages of a render's error diagnostics, in order.
pub fn errors(rendered: &hugo_preview::Rendered) -> Vec<&str> {
    rendered
        .diagnostics
        .iter()
        .filter(|d| d.severity == hugo_preview::Severity::Error)
        .map(|d| d.message.as_str())
        .collect()
}

/// The text of an HTML fragment: tags removed, the entities Hugo's code output uses decoded.
#[allow(dead_code)]
pub fn text_content(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
