//! `hugo gen chromastyles --style=NAME` output (Hugo 0.168.0, in `tests/fixtures/css/`) against
//! `style::hugo_chromastyles`.

use std::fs;

#[test]
fn matches_hugo_gen_chromastyles() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/css");
    let mut checked = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let expected = fs::read_to_string(&path).unwrap();
        let header = format!("/* Generated using: hugo gen chromastyles --style={name} */\n\n");
        let expected = expected.strip_prefix(&header).expect("fixture header");
        let got = hugo_preview_highlight::style::hugo_chromastyles(&name).unwrap();
        assert_eq!(got, expected, "style {name}");
        checked += 1;
    }
    assert!(checked >= 18);
    assert!(hugo_preview_highlight::style::hugo_chromastyles("nosuchstyle").is_none());
}
