//! `scripts/fuzz.sh` (`make fuzz`, `make fuzz-smoke`), run in a scratch copy of the layout it
//! needs, with a stand-in `cargo fuzz` that finds a crash where it is told to: a finding left
//! by an earlier run must not fail a new one, and a new finding must land in the regression
//! folder.
#![allow(clippy::disallowed_methods)] // tests may sort (the rule is the core .wasm's size)
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch tree with the script, a regression folder, the shared files it seeds from, and
/// stand-ins for `cargo` and `cargo-fuzz` on the PATH.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root =
            std::env::temp_dir().join(format!("hugo-preview-fuzz-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [
            "scripts",
            "tests/fixtures/fuzz-regressions",
            "shared/samples",
            "shared/corpus",
            "bin",
        ] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::fs::copy(repo.join("scripts/fuzz.sh"), root.join("scripts/fuzz.sh")).unwrap();
        std::fs::write(root.join("shared/samples/facebook-down.md"), "# Sample\n").unwrap();
        std::fs::write(root.join("shared/corpus/crash-regressions.json"), "[]").unwrap();
        std::fs::write(root.join("shared/corpus/hugo-shortcode-vectors.json"), "[]").unwrap();
        // `cargo fuzz run --fuzz-dir fuzz TARGET -- …`: logs the target, and leaves a crash
        // input for the target named in CRASH_TARGET, as libFuzzer does.
        let cargo = r#"#!/bin/sh
[ "$1" = fuzz ] || exit 3
if [ "$2" = run ]; then
  echo "$5" >> fuzz-runs.log
  if [ "$5" = "$CRASH_TARGET" ]; then
    mkdir -p "fuzz/artifacts/$5" && printf 'boom' > "fuzz/artifacts/$5/crash-0123"
  fi
fi
"#;
        for (name, text) in [("cargo", cargo), ("cargo-fuzz", "#!/bin/sh\nexit 3\n")] {
            let path = root.join("bin").join(name);
            std::fs::write(&path, text).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Scratch(root)
    }

    fn run(&self, crash_target: &str) -> Output {
        let path = format!(
            "{}:{}",
            self.0.join("bin").display(),
            std::env::var("PATH").unwrap()
        );
        Command::new("bash")
            .arg(self.0.join("scripts/fuzz.sh"))
            .arg("1")
            .env("PATH", path)
            .env("SHARED", self.0.join("shared"))
            .env("CRASH_TARGET", crash_target)
            .output()
            .expect("bash runs the script")
    }

    fn regressions(&self) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(self.0.join("tests/fixtures/fuzz-regressions"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_finding_left_by_an_earlier_run_does_not_fail_the_next() {
    let scratch = Scratch::new("leftover");
    let old = scratch.0.join("fuzz/artifacts/render");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("crash-fixed-long-ago"), "old").unwrap();
    let output = scratch.run("none");
    assert!(
        output.status.success(),
        "a run that finds nothing should pass, whatever earlier runs left: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !old.join("crash-fixed-long-ago").exists(),
        "each run should start with no artifacts"
    );
    assert!(
        scratch.regressions().is_empty(),
        "nothing new should be kept"
    );
}

#[test]
fn a_new_finding_is_kept_in_the_regression_folder_and_fails_the_run() {
    let scratch = Scratch::new("finding");
    let output = scratch.run("template");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "a crash should fail the run");
    assert_eq!(
        scratch.regressions(),
        ["template-crash-0123"],
        "the input should be kept, named by its target"
    );
    let kept = scratch
        .0
        .join("tests/fixtures/fuzz-regressions/template-crash-0123");
    assert_eq!(std::fs::read_to_string(kept).unwrap(), "boom");
    assert!(
        stderr.contains("kept as tests/fixtures/fuzz-regressions/template-crash-0123"),
        "the message should say where the input went: {stderr}"
    );
    let runs = std::fs::read_to_string(scratch.0.join("fuzz-runs.log")).unwrap();
    assert_eq!(
        runs.lines().collect::<Vec<_>>(),
        ["render", "shortcode_lexer", "template", "front_matter"],
        "the other targets should still run"
    );
    // The next run seeds the template target with the finding, and a run that finds
    // nothing new passes again.
    let output = scratch.run("none");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(scratch
        .0
        .join("fuzz/corpus/template/template-crash-0123")
        .exists());
    assert!(!scratch
        .0
        .join("fuzz/corpus/render/template-crash-0123")
        .exists());
}
