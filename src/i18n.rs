//! A site's translation files (`i18n/LANG.toml`, `.yaml`, `.yml`, `.json`) as the
//! [`RenderOptions::i18n`](crate::RenderOptions::i18n) table that `T` / `i18n` read.
//!
//! The formats go-i18n (which Hugo uses) accepts:
//! * flat: `hello = "Hello"`;
//! * tables with plural forms: `[apples]` `one = "…"` `other = "…"` (and `zero`, `two`,
//!   `few`, `many`; `description` and `hash` are ignored), or `translation = …` (a string or
//!   the plural forms);
//! * nested tables without such keys: ids joined with `.` (`[nav] home = "…"` is `nav.home`);
//! * the older list form: `- id: hello` `translation: Hello` (YAML, JSON; in TOML an array of
//!   tables, `[[i18n]]` `id = "hello"` `translation = "Hello"`).

use crate::front_matter::FrontMatterFormat;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Keys that make a table one message rather than a group of messages.
const PLURAL_FORMS: &[&str] = &["zero", "one", "two", "few", "many", "other"];
const RESERVED: &[&str] = &[
    "id",
    "description",
    "hash",
    "leftdelim",
    "rightdelim",
    "translation",
    "zero",
    "one",
    "two",
    "few",
    "many",
    "other",
];

/// Why a translation file could not be read: where (1-based line and column, when known)
/// and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct I18nError {
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl From<String> for I18nError {
    fn from(message: String) -> I18nError {
        I18nError {
            position: None,
            message,
        }
    }
}

impl From<&str> for I18nError {
    fn from(message: &str) -> I18nError {
        I18nError::from(message.to_owned())
    }
}

/// The languages whose translation file a site uses, in Hugo's order: the locale
/// (`languageCode`, lower-cased), the language (`defaultContentLanguage`, else `en`), the
/// locale's language, then `en`. `config` is the site config's text, if any.
pub fn site_languages(config: Option<&str>, format: Option<FrontMatterFormat>) -> Vec<String> {
    let parsed = config.map(|text| crate::site::parse(text, format, None));
    languages_of(parsed.as_ref().map(|parsed| &parsed.tree))
}

/// [`site_languages`] of a decoded config tree.
pub(crate) fn languages_of(
    config: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Vec<String> {
    let mut languages = Vec::new();
    if let Some(tree) = config {
        let get = |key: &str| {
            tree.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| v.as_str())
                .map(str::to_lowercase)
                .filter(|v| !v.is_empty())
        };
        let code = get("languageCode");
        languages.extend(code.clone());
        languages.extend(get("defaultContentLanguage"));
        languages.extend(code.and_then(|c| c.split(['-', '_']).next().map(str::to_owned)));
    }
    languages.push("en".into());
    languages.dedup();
    languages
}

/// Which of `file_names` (the files of an `i18n/` folder) holds the translations for the
/// first of `languages` that has one: `LANG.toml`, `.yaml`, `.yml` or `.json`, the name
/// matched without regard to case; of several for one language, the first in byte order.
pub fn translation_file<'a>(file_names: &[&'a str], languages: &[String]) -> Option<&'a str> {
    let mut files: Vec<&str> = file_names
        .iter()
        .copied()
        .filter(|name| crate::layouts::file_format(name).is_some())
        .collect();
    crate::sorted::sort_by(&mut files, Ord::cmp);
    languages.iter().find_map(|language| {
        files.iter().copied().find(|name| {
            name.rsplit_once('.')
                .is_some_and(|(stem, _)| stem.eq_ignore_ascii_case(language))
        })
    })
}

/// Decodes one translation file: id → the text, or a map of plural forms.
pub fn parse(text: &str, format: FrontMatterFormat) -> Result<BTreeMap<String, Value>, I18nError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tree = match format {
        FrontMatterFormat::Json => serde_json::from_str::<Value>(text).map_err(|e| I18nError {
            position: Some((e.line(), e.column())),
            message: e.to_string(),
        })?,
        FrontMatterFormat::Yaml if starts_with_list(text) => {
            // The list form: decoded as the value of one key.
            let indented: String = text.lines().map(|l| format!("  {l}\n")).collect();
            let wrapped = crate::front_matter::decode(
                FrontMatterFormat::Yaml,
                &format!("messages:\n{indented}"),
            )
            .map_err(|e| I18nError::from(e.message))?;
            wrapped.get("messages").cloned().unwrap_or(Value::Null)
        }
        other => {
            Value::Object(crate::front_matter::decode(other, text).map_err(|e| located(text, e))?)
        }
    };
    let mut out = BTreeMap::new();
    match &tree {
        Value::Array(items) => add_list(items, &mut out)?,
        Value::Object(map) => add_map(map, "", &mut out)?,
        Value::Null => {}
        _ => return Err("expected a table of translations".into()),
    }
    Ok(out)
}

/// A decoder's error with its line and column.
fn located(text: &str, error: crate::front_matter::DecodeError) -> I18nError {
    let mut start = error.span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    I18nError {
        position: Some((line, column)),
        message: error.message,
    }
}

fn starts_with_list(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l.starts_with("- ") || l == "-")
}

fn add_map(
    map: &Map<String, Value>,
    prefix: &str,
    out: &mut BTreeMap<String, Value>,
) -> Result<(), String> {
    for (key, value) in map {
        let id = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(table) if is_message(table) => {
                out.insert(id.clone(), message(&id, table)?);
            }
            Value::Object(table) => add_map(table, &id, out)?,
            // `[[i18n]]` tables in TOML: the list form under any key.
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                add_list(items, out)?
            }
            Value::String(_) => {
                out.insert(id, value.clone());
            }
            Value::Number(n) => {
                out.insert(id, Value::String(n.to_string()));
            }
            Value::Bool(b) => {
                out.insert(id, Value::String(b.to_string()));
            }
            _ => return Err(format!("translation {id:?}: expected a string or a table")),
        }
    }
    Ok(())
}

fn add_list(items: &[Value], out: &mut BTreeMap<String, Value>) -> Result<(), String> {
    for (i, item) in items.iter().enumerate() {
        let Some(table) = item.as_object() else {
            return Err(format!(
                "translation #{}: expected a table with an id",
                i + 1
            ));
        };
        let Some(id) = get(table, "id").and_then(Value::as_str) else {
            return Err(format!("translation #{}: no id", i + 1));
        };
        out.insert(id.to_owned(), message(id, table)?);
    }
    Ok(())
}

fn is_message(table: &Map<String, Value>) -> bool {
    table
        .keys()
        .any(|k| RESERVED.contains(&k.to_ascii_lowercase().as_str()))
}

fn get<'v>(table: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    table
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// One message: its plural forms (a map), or its text alone when it has only `other`.
fn message(id: &str, table: &Map<String, Value>) -> Result<Value, String> {
    if let Some(translation) = get(table, "translation") {
        return match translation {
            Value::String(_) => Ok(translation.clone()),
            Value::Object(forms) => message(id, forms),
            _ => Err(format!(
                "translation {id:?}: expected a string or plural forms"
            )),
        };
    }
    let mut forms = Map::new();
    for form in PLURAL_FORMS {
        match get(table, form) {
            Some(Value::String(s)) => {
                forms.insert((*form).to_owned(), Value::String(s.clone()));
            }
            Some(Value::Null) | None => {}
            Some(_) => return Err(format!("translation {id:?}: {form} is not a string")),
        }
    }
    if forms.len() == 1 {
        if let Some(other) = forms.get("other") {
            return Ok(other.clone());
        }
    }
    Ok(Value::Object(forms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_translation_file_in_hugos_language_order() {
        let config = "languageCode = \"pt-BR\"\ndefaultContentLanguage = \"de\"\n";
        let languages = site_languages(Some(config), Some(FrontMatterFormat::Toml));
        assert_eq!(languages, ["pt-br", "de", "pt", "en"]);
        assert_eq!(site_languages(None, None), ["en"]);
        let files = ["en.toml", "PT.yaml", "notes.txt", "de.json"];
        assert_eq!(translation_file(&files, &languages), Some("de.json"));
        assert_eq!(
            translation_file(&["en.toml", "pt.yml"], &languages),
            Some("pt.yml")
        );
        assert_eq!(translation_file(&["fr.toml"], &languages), None);
    }
    use serde_json::json;

    fn toml(text: &str) -> BTreeMap<String, Value> {
        parse(text, FrontMatterFormat::Toml).unwrap()
    }

    #[test]
    fn reads_flat_tables_nested_and_list_forms() {
        let t = toml("hello = \"Hi\"\n[apples]\none = \"one apple\"\nother = \"{{ .Count }} apples\"\n[nav]\nhome = \"Home\"\n[bye]\nother = \"Bye\"\n");
        assert_eq!(t["hello"], json!("Hi"));
        assert_eq!(
            t["apples"],
            json!({"one": "one apple", "other": "{{ .Count }} apples"})
        );
        assert_eq!(t["nav.home"], json!("Home"));
        assert_eq!(t["bye"], json!("Bye"));
        let t = toml("[[i18n]]\nid = \"hello\"\ntranslation = \"Hallo\"\n");
        assert_eq!(t["hello"], json!("Hallo"));
        let y = parse("- id: hello\n  translation: Salut\n- id: n\n  translation:\n    one: un\n    other: plusieurs\n", FrontMatterFormat::Yaml).unwrap();
        assert_eq!(y["hello"], json!("Salut"));
        assert_eq!(y["n"], json!({"one": "un", "other": "plusieurs"}));
        let j = parse(
            "{\"hello\": \"Hola\", \"x\": {\"other\": \"X\", \"description\": \"d\"}}",
            FrontMatterFormat::Json,
        )
        .unwrap();
        assert_eq!(j["hello"], json!("Hola"));
        assert_eq!(j["x"], json!("X"));
    }

    #[test]
    fn reports_what_is_wrong() {
        assert!(parse("hello = ", FrontMatterFormat::Toml).is_err());
        assert!(parse("[1, 2]", FrontMatterFormat::Json).is_err());
        assert!(parse("- id: 3\n", FrontMatterFormat::Yaml).is_err());
    }
}
