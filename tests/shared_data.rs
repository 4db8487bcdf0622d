//! The shared data (the sample post and the corpora) lives in `../shared`, or wherever the
//! `SHARED` variable says, as in the Makefile: every test and example finds it through one
//! helper, `support::shared_dir`.

mod support;

use std::path::{Path, PathBuf};

#[test]
fn the_shared_variable_names_the_folder_relative_to_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        support::shared_dir_from(None),
        root.join("../shared"),
        "without SHARED the data should be beside the repository"
    );
    assert_eq!(
        support::shared_dir_from(Some("".into())),
        root.join("../shared"),
        "an empty SHARED should count as unset"
    );
    assert_eq!(
        support::shared_dir_from(Some("corpora/v2".into())),
        root.join("corpora/v2"),
        "a relative SHARED should be read from the repository, as make reads it"
    );
    assert_eq!(
        support::shared_dir_from(Some("/data/shared".into())),
        PathBuf::from("/data/shared"),
        "an absolute SHARED should be used as it is"
    );
}

#[test]
fn tests_and_examples_find_the_shared_data_only_through_the_helper() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The helper itself, and this test, which names what it looks for.
    let exempt = [
        root.join("tests/support/mod.rs"),
        root.join("tests/shared_data.rs"),
    ];
    let mut files = Vec::new();
    let mut folders = vec![root.join("tests"), root.join("examples")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !exempt.contains(&path) {
                files.push(path);
            }
        }
    }
    let mut bypasses = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let reads_variable = ["var(\"SHARED\")", "var_os(\"SHARED\")"]
                .iter()
                .any(|read| code.contains(read));
            if code.contains("../shared") || reads_variable {
                bypasses.push(format!("{}:{}: {code}", file.display(), number + 1));
            }
        }
    }
    assert!(
        bypasses.is_empty(),
        "these lines should use support::shared_dir() (which honours SHARED):\n{}",
        bypasses.join("\n")
    );
}

#[test]
fn package_tests_find_the_shared_data_only_through_their_helper() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bypasses = Vec::new();
    for entry in std::fs::read_dir(root.join("pkg-tests")).expect("pkg-tests") {
        let path = entry.expect("a folder entry").path();
        let is_module = path.extension().is_some_and(|e| e == "mjs");
        if !is_module || path.ends_with("support.mjs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a test module");
        for (number, line) in text.lines().enumerate() {
            if line.contains("process.env.SHARED") || line.contains("'../shared'") {
                bypasses.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        bypasses.is_empty(),
        "these lines should import `shared` from pkg-tests/support.mjs:\n{}",
        bypasses.join("\n")
    );
}
