//! The site configuration: what a Hugo site's `hugo.toml` / `hugo.yaml` / `hugo.json` says
//! that changes how one page renders.
//!
//! In: the text of the config file (format given or detected). Out: a [`SiteConfig`] with
//! the settings a preview uses (title, baseURL, params, privacy, highlighting defaults,
//! inline shortcodes, summary length, CJK word counting) and the `markup` settings applied
//! over [`RenderOptions`]. Keys are case-insensitive, as in Hugo. A broken config is a
//! diagnostic located in the config text (`file` set to the config's name); the page still
//! renders with Hugo's defaults.

use crate::diagnostic::{Diagnostic, LineIndex, Location, Span};
use crate::front_matter::{self, FrontMatterFormat};
use crate::options::{AutoIdType, RenderOptions};
use crate::rules::cast::{to_bool, to_int, to_string};
use serde::Serialize;
use serde_json::{Map, Value};

/// The settings of a site config that affect a page preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteConfig {
    pub title: Option<String>,
    /// `baseURL`, with a trailing `/` (`https://example.org/`); empty when not set.
    pub base_url: String,
    pub language_code: Option<String>,
    /// `params`, keys as written (Hugo matches them case-insensitively).
    pub params: Value,
    pub privacy: Privacy,
    pub services: Services,
    pub highlight: HighlightConfig,
    /// `security.enableInlineShortcodes` (legacy top-level `enableInlineShortcodes`).
    pub enable_inline_shortcodes: bool,
    /// `hasCJKLanguage`: count words of CJK text per character.
    pub has_cjk_language: bool,
    /// `summaryLength`, when set.
    pub summary_length: Option<usize>,
    /// More than one language is enabled in `languages` (`hugo.IsMultilingual`).
    pub multilingual: bool,
    /// Whether Hugo's embedded link and image render hooks apply where the site has none
    /// (`markup.goldmark.renderHooks.{link,image}.useEmbedded`: `fallback`, `always`, or
    /// `auto` on a multilingual single-host site), and whether they replace the site's own
    /// (`always`).
    pub embedded_link_hook: EmbeddedHook,
    pub embedded_image_hook: EmbeddedHook,
    /// The integer types `params` has in templates, after the config's format (TOML's are
    /// `int64`, YAML's `uint64`, JSON's numbers `float64`).
    #[serde(skip)]
    pub params_numbers: crate::template::NumberStyle,
    /// The time `now` gives (RFC 3339), from the `clock` render option: Hugo's `--clock`,
    /// which Hugo keeps in its config too (`Internal.Clock`). `None`: the system's clock.
    #[serde(skip)]
    pub clock: Option<String>,
    /// `security.funcs.getenv`: the patterns of the variable names `os.Getenv` may read
    /// (Hugo's default `^HUGO_`, `^CI$`; `none`: none).
    #[serde(skip)]
    pub getenv: Vec<String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: None,
            base_url: String::new(),
            language_code: None,
            params: Value::Object(Map::new()),
            privacy: Privacy::default(),
            services: Services::default(),
            highlight: HighlightConfig::default(),
            enable_inline_shortcodes: false,
            has_cjk_language: false,
            summary_length: None,
            multilingual: false,
            embedded_link_hook: EmbeddedHook::Never,
            embedded_image_hook: EmbeddedHook::Never,
            params_numbers: crate::template::NumberStyle::Int64,
            clock: None,
            getenv: vec!["^HUGO_".into(), "^CI$".into()],
        }
    }
}

/// When Hugo's embedded link or image render hook is used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EmbeddedHook {
    #[default]
    Never,
    /// Where the site has no hook of its own.
    Fallback,
    /// Even where the site has one.
    Always,
}

/// Hugo's `privacy` settings (`config/privacy`): the embedding shortcodes read them, and
/// templates through `.Site.Config.Privacy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Privacy {
    pub youtube: ServicePrivacy,
    pub vimeo: ServicePrivacy,
    /// `privacy.x`.
    pub x: ServicePrivacy,
    pub instagram: ServicePrivacy,
    pub disqus: ServicePrivacy,
    pub google_analytics: ServicePrivacy,
}

impl Default for Privacy {
    /// Everything off but Google Analytics' `respectDoNotTrack` (Hugo's `DecodeConfig`).
    fn default() -> Self {
        Privacy {
            youtube: ServicePrivacy::default(),
            vimeo: ServicePrivacy::default(),
            x: ServicePrivacy::default(),
            instagram: ServicePrivacy::default(),
            disqus: ServicePrivacy::default(),
            google_analytics: ServicePrivacy {
                respect_do_not_track: true,
                ..ServicePrivacy::default()
            },
        }
    }
}

/// Hugo's `services` settings (`config/services`), for `.Site.Config.Services`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Services {
    /// `services.disqus.shortname`, else the top-level `disqusShortname`.
    pub disqus_shortname: String,
    /// `services.googleAnalytics.id`, else the top-level `googleAnalytics`.
    pub google_analytics_id: String,
    /// `services.instagram.disableInlineCSS` (Hugo no longer uses it).
    pub instagram_disable_inline_css: bool,
    /// `services.instagram.accessToken` (Hugo no longer uses it).
    pub instagram_access_token: String,
    /// `services.x.disableInlineCSS`.
    pub x_disable_inline_css: bool,
    /// `services.rss.limit`, else the top-level `rssLimit`, else -1 (no limit).
    pub rss_limit: i64,
}

impl Default for Services {
    fn default() -> Self {
        Services {
            disqus_shortname: String::new(),
            google_analytics_id: String::new(),
            instagram_disable_inline_css: false,
            instagram_access_token: String::new(),
            x_disable_inline_css: false,
            rss_limit: -1,
        }
    }
}

/// One service's privacy settings; each service reads the ones it knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrivacy {
    /// Render nothing.
    pub disable: bool,
    /// YouTube: use `www.youtube-nocookie.com`.
    pub privacy_enhanced: bool,
    /// Vimeo, X: ask the service not to track (`dnt=1`).
    #[serde(rename = "enableDNT")]
    pub enable_dnt: bool,
    /// Vimeo, X, Instagram: the simple variant.
    pub simple: bool,
    /// Google Analytics: respect the browser's Do Not Track.
    pub respect_do_not_track: bool,
}

/// `markup.highlight`: the defaults for code blocks and the `highlight` shortcode.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HighlightConfig {
    /// The table as configured, for the highlighter (which decodes it as Hugo does).
    pub table: serde_json::Map<String, serde_json::Value>,
}

/// The name config diagnostics carry in their `file` field when the caller gives none.
pub const DEFAULT_CONFIG_NAME: &str = "hugo.toml";

/// A parsed site config and the diagnostics found in it (located in the config text).
#[derive(Debug, Clone)]
pub struct ParsedConfig {
    pub config: SiteConfig,
    /// The whole config tree, keys as written.
    pub tree: Map<String, Value>,
    pub diagnostics: Vec<Diagnostic>,
    /// The format the text was read as (given or detected).
    pub format: FrontMatterFormat,
    /// The name its diagnostics carry in `file`.
    pub name: String,
}

impl ParsedConfig {
    /// A warning about the setting at the dotted `key` (`markup.goldmark.renderer.unsafe`),
    /// located where `text` (the config this was parsed from) writes that key.
    pub fn warning_at_key(&self, text: &str, key: &str, message: String) -> Diagnostic {
        let span = key_span(text, self.format, key).unwrap_or_default();
        let mut diagnostic = Diagnostic::warning(message, span);
        diagnostic.locate(&LineIndex::new(text));
        diagnostic.location = Location::Config(self.name.clone());
        diagnostic
    }
}

/// Which format a config text is in: JSON when it starts with `{`, else TOML when it parses
/// as TOML, else YAML.
pub fn detect_format(text: &str) -> FrontMatterFormat {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return FrontMatterFormat::Json;
    }
    if trimmed.starts_with("---") {
        return FrontMatterFormat::Yaml;
    }
    if front_matter::decode(FrontMatterFormat::Toml, text).is_ok() {
        return FrontMatterFormat::Toml;
    }
    if front_matter::decode(FrontMatterFormat::Yaml, text).is_ok() {
        return FrontMatterFormat::Yaml;
    }
    // Neither parses: report the error of the format it looks most like.
    let looks_like_yaml = trimmed
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .is_some_and(|l| {
            let key_colon = l.find(':');
            let key_equals = l.find('=');
            matches!((key_colon, key_equals), (Some(c), Some(e)) if c < e)
                || (key_colon.is_some() && key_equals.is_none())
                || l.trim_start().starts_with("- ")
        });
    if looks_like_yaml {
        FrontMatterFormat::Yaml
    } else {
        FrontMatterFormat::Toml
    }
}

/// Parses a site config. `format` `None` detects it ([`detect_format`]); `name` is used in
/// diagnostics (`hugo.toml`, `hugo.yaml` or `hugo.json` after the format when `None`).
pub fn parse(text: &str, format: Option<FrontMatterFormat>, name: Option<&str>) -> ParsedConfig {
    let format = format.unwrap_or_else(|| detect_format(text));
    let name = name.unwrap_or(match format {
        FrontMatterFormat::Yaml => "hugo.yaml",
        FrontMatterFormat::Json => "hugo.json",
        _ => DEFAULT_CONFIG_NAME,
    });
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let mut parsed = ParsedConfig {
        config: SiteConfig::default(),
        tree: Map::new(),
        diagnostics: Vec::new(),
        format,
        name: name.to_owned(),
    };
    if text.len() > crate::limits::MAX_FRONT_MATTER_BYTES {
        parsed.diagnostics.push(config_diagnostic(
            text,
            name,
            format!(
                "site config is {} bytes, more than the {} bytes a preview decodes; it is ignored",
                text.len(),
                crate::limits::MAX_FRONT_MATTER_BYTES
            ),
            Span::new(0, 0),
        ));
        return parsed;
    }
    match front_matter::decode(format, body) {
        Ok(tree) => {
            let mut problems = Vec::new();
            parsed.config = SiteConfig::from_tree(&tree, &mut |key, message| {
                problems.push((key.to_owned(), message));
            });
            parsed.config.params_numbers = front_matter::number_style(format);
            for (key, message) in problems {
                let span = key_span(text, format, &key).unwrap_or_default();
                parsed
                    .diagnostics
                    .push(config_diagnostic(text, name, message, span));
            }
            parsed.tree = tree;
        }
        Err(error) => parsed.diagnostics.push(config_diagnostic(
            text,
            name,
            error.message,
            error.span.shifted(bom),
        )),
    }
    parsed
}

/// Where `text` writes the dotted, case-insensitive `key` (its last part, quotes excluded),
/// or the deepest part of it that is written: a setting that arrives through a YAML alias is
/// placed at the key that holds the alias. `None` when not even the first part is found (or
/// the text does not parse). Only called when there is something to report, so the second
/// parse costs nothing on a good config.
pub fn key_span(text: &str, format: FrontMatterFormat, key: &str) -> Option<Span> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let parts: Vec<&str> = key.split('.').collect();
    let span = match format {
        FrontMatterFormat::Toml => toml_key_span(body, &parts),
        // JSON is YAML (1.2): one walk over the parser's events serves both.
        FrontMatterFormat::Yaml | FrontMatterFormat::Json => yaml_key_span(body, &parts),
        FrontMatterFormat::Org => None,
    }?;
    let written = &body[span.start..span.end];
    let quoted = written.len() >= 2
        && (written.starts_with('"') && written.ends_with('"')
            || written.starts_with('\'') && written.ends_with('\''));
    let span = if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    };
    Some(span.shifted(bom))
}

/// The TOML key, from the parser's spans (a table header's key where a `[table]` defines it).
fn toml_key_span(text: &str, parts: &[&str]) -> Option<Span> {
    let document = toml::de::DeTable::parse(text).ok()?;
    let mut table = document.get_ref();
    let mut found = None;
    for part in parts {
        let Some((key, value)) = table
            .iter()
            .find(|(key, _)| key.get_ref().eq_ignore_ascii_case(part))
        else {
            break;
        };
        found = Some(Span::new(key.span().start, key.span().end));
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ => break,
        }
    }
    found
}

/// The YAML (or JSON) key, from a walk over `saphyr-parser`'s events that keeps the path of
/// mapping keys it is in; the first document only, as Hugo reads it.
fn yaml_key_span(text: &str, parts: &[&str]) -> Option<Span> {
    use saphyr_parser::{Event, Parser};
    /// A collection the walk is in: for a mapping, whether the next node is a key, and
    /// whether the key whose value is being read is the path's part at this depth.
    struct Level {
        mapping: bool,
        expect_key: bool,
        on_path: bool,
    }
    let mut stack: Vec<Level> = Vec::new();
    // The deepest key of the path found so far: how many parts, and where.
    let mut best: Option<(usize, saphyr_parser::Span)> = None;
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        match event {
            Event::DocumentEnd => break,
            Event::Scalar(value, ..) => {
                let Some(level) = stack.last_mut() else {
                    continue;
                };
                if level.mapping && level.expect_key {
                    level.expect_key = false;
                    let at = stack.len() - 1;
                    let matched = stack[..at].iter().all(|l| l.on_path)
                        && parts.get(at).is_some_and(|p| value.eq_ignore_ascii_case(p));
                    stack[at].on_path = matched;
                    if matched && !best.is_some_and(|(depth, _)| depth > at) {
                        best = Some((at + 1, span));
                    }
                } else {
                    level.expect_key = level.mapping;
                }
            }
            Event::Alias(_) => {
                if let Some(level) = stack.last_mut() {
                    level.expect_key = level.mapping && !level.expect_key;
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                stack.push(Level {
                    mapping: matches!(event, Event::MappingStart(..)),
                    expect_key: true,
                    on_path: false,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                if let Some(level) = stack.last_mut() {
                    level.expect_key = level.mapping;
                }
            }
            _ => {}
        }
        if best.is_some_and(|(depth, _)| depth == parts.len()) {
            break;
        }
    }
    let (_, span) = best?;
    let byte = |char_index: usize| {
        text.char_indices()
            .nth(char_index)
            .map_or(text.len(), |(i, _)| i)
    };
    Some(Span::new(byte(span.start.index()), byte(span.end.index())))
}

fn config_diagnostic(text: &str, name: &str, message: String, span: Span) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(message, span);
    diagnostic.locate(&LineIndex::new(text));
    diagnostic.location = Location::Config(name.to_owned());
    diagnostic
}

/// Hugo's settings from the Pygments days (`highlight.ApplyLegacyConfig`), each used where
/// `markup.highlight` leaves its setting at Hugo's default: `pygmentsStyle`,
/// `pygmentsUseClasses`, `pygmentsCodeFences`, `pygmentsCodefencesGuessSyntax`.
fn apply_legacy_highlight(tree: &Map<String, Value>, table: &mut Map<String, Value>) {
    let at_default = |table: &Map<String, Value>, key: &str, default: &Value| {
        get(table, key).map_or(true, |value| value == default)
    };
    let set = |table: &mut Map<String, Value>, key: &str, value: Value| {
        let existing = table.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned();
        table.insert(existing.unwrap_or_else(|| key.to_owned()), value);
    };
    if let Some(style) = get(tree, "pygmentsStyle").and_then(to_string) {
        if !style.is_empty() && at_default(table, "style", &Value::from("monokai")) {
            set(table, "style", Value::from(style));
        }
    }
    if let Some(classes) = get(tree, "pygmentsUseClasses").and_then(to_bool) {
        if at_default(table, "noClasses", &Value::Bool(true)) {
            set(table, "noClasses", Value::Bool(!classes));
        }
    }
    if let Some(fences) = get(tree, "pygmentsCodeFences").and_then(to_bool) {
        if at_default(table, "codeFences", &Value::Bool(true)) {
            set(table, "codeFences", Value::Bool(fences));
        }
    }
    if let Some(guess) = get(tree, "pygmentsCodefencesGuessSyntax").and_then(to_bool) {
        if at_default(table, "guessSyntax", &Value::Bool(false)) {
            set(table, "guessSyntax", Value::Bool(guess));
        }
    }
}

/// Case-insensitive lookup, as Hugo reads config keys.
fn get<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// A dotted path, case-insensitive at every level.
fn get_path<'v>(map: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    let mut parts = path.split('.');
    let mut value = get(map, parts.next()?)?;
    for part in parts {
        value = get(value.as_object()?, part)?;
    }
    Some(value)
}

impl SiteConfig {
    /// Reads the settings from a decoded config tree. `warn` receives the dotted key and a
    /// message for each setting of the wrong type (the default is kept).
    pub fn from_tree(tree: &Map<String, Value>, warn: &mut dyn FnMut(&str, String)) -> SiteConfig {
        let mut config = SiteConfig::default();
        let bool_at = |path: &str, target: &mut bool, warn: &mut dyn FnMut(&str, String)| {
            if let Some(value) = get_path(tree, path) {
                match to_bool(value) {
                    Some(b) => *target = b,
                    None => warn(
                        path,
                        format!("config: {path} should be a boolean, got {value}"),
                    ),
                }
            }
        };
        config.title = get(tree, "title").and_then(to_string);
        if let Some(base) = get(tree, "baseURL").and_then(to_string) {
            config.base_url = if base.is_empty() || base.ends_with('/') {
                base
            } else {
                format!("{base}/")
            };
        }
        config.language_code = get(tree, "languageCode").and_then(to_string);
        // Hugo builds one site per language that is neither `disabled` nor listed in
        // `disableLanguages`.
        let disabled: Vec<String> = get(tree, "disableLanguages")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(to_string).map(|l| l.to_lowercase()).collect())
            .unwrap_or_default();
        if let Some(Value::Object(languages)) = get(tree, "languages") {
            let enabled = languages
                .iter()
                .filter(|(name, _)| !disabled.contains(&name.to_lowercase()))
                .filter(|(_, language)| {
                    !language
                        .as_object()
                        .and_then(|l| get(l, "disabled"))
                        .and_then(to_bool)
                        .unwrap_or(false)
                })
                .count();
            config.multilingual = enabled > 1;
        }
        // `useEmbedded`: `auto` is `fallback` on a multilingual site whose languages share a
        // host (none has its own baseURL) and that does not duplicate resource files
        // (`allconfig.go`); else `never`.
        let multihost = matches!(get(tree, "languages"), Some(Value::Object(languages))
            if languages.values().any(|l| l.as_object().and_then(|l| get(l, "baseURL")).is_some()));
        let duplicates = get_path(tree, "markup.goldmark.duplicateResourceFiles")
            .and_then(to_bool)
            .unwrap_or(false);
        let embedded = |kind: &str| {
            let key = format!("markup.goldmark.renderHooks.{kind}.useEmbedded");
            match get_path(tree, &key)
                .and_then(to_string)
                .unwrap_or_else(|| "auto".into())
                .to_ascii_lowercase()
                .as_str()
            {
                "always" => EmbeddedHook::Always,
                "fallback" => EmbeddedHook::Fallback,
                "auto" if config.multilingual && !multihost && !duplicates => {
                    EmbeddedHook::Fallback
                }
                _ => EmbeddedHook::Never,
            }
        };
        config.embedded_link_hook = embedded("link");
        config.embedded_image_hook = embedded("image");
        if let Some(params) = get(tree, "params") {
            if params.is_object() {
                config.params = params.clone();
            } else {
                warn("params", "config: params should be a table".into());
            }
        }
        let privacy = &mut config.privacy;
        for (service, target) in [
            ("youtube", &mut privacy.youtube),
            ("vimeo", &mut privacy.vimeo),
            ("instagram", &mut privacy.instagram),
            ("disqus", &mut privacy.disqus),
            ("googleAnalytics", &mut privacy.google_analytics),
            // Hugo 0.168 reads no `privacy.twitter` (checked: it leaves `X` at its defaults).
            ("x", &mut privacy.x),
        ] {
            read_service(tree, service, target, warn);
        }
        read_services(tree, &mut config.services, warn);
        // Read by the highlighter, which decodes it as Hugo does (`crate::highlight`).
        if let Some(Value::Object(table)) = get_path(tree, "markup.highlight") {
            config.highlight.table = table.clone();
        }
        apply_legacy_highlight(tree, &mut config.highlight.table);
        if let Some(list) = get_path(tree, "security.funcs.getenv") {
            // Hugo's whitelist: one pattern or a list of them.
            config.getenv = match list {
                Value::Array(list) => list.iter().filter_map(to_string).collect(),
                one => to_string(one).into_iter().collect(),
            };
        }
        bool_at(
            "enableInlineShortcodes",
            &mut config.enable_inline_shortcodes,
            warn,
        );
        bool_at(
            "security.enableInlineShortcodes",
            &mut config.enable_inline_shortcodes,
            warn,
        );
        bool_at("hasCJKLanguage", &mut config.has_cjk_language, warn);
        if let Some(value) = get(tree, "summaryLength") {
            match to_int(value) {
                Some(n) if n >= 0 => config.summary_length = Some(n as usize),
                _ => warn(
                    "summaryLength",
                    format!("config: summaryLength should be a number, got {value}"),
                ),
            }
        }
        config
    }

    /// Hugo's `.Site.Params` lookup (case-insensitive, dotted paths).
    pub fn param(&self, path: &str) -> Option<&Value> {
        get_path(self.params.as_object()?, path)
    }
}

/// `services`, decoded as Hugo's `mapstructure.WeakDecode` does (keys in any case, numbers
/// and booleans from strings), with the top-level settings Hugo still reads when a service
/// leaves them empty.
fn read_services(
    tree: &Map<String, Value>,
    services: &mut Services,
    warn: &mut dyn FnMut(&str, String),
) {
    for (path, target) in [
        ("services.disqus.shortname", &mut services.disqus_shortname),
        ("services.googleAnalytics.id", &mut services.google_analytics_id),
        ("services.instagram.accessToken", &mut services.instagram_access_token),
    ] {
        if let Some(value) = get_path(tree, path) {
            match to_string(value) {
                Some(text) => *target = text,
                None => warn(path, format!("config: {path} should be a string, got {value}")),
            }
        }
    }
    for (path, target) in [
        (
            "services.instagram.disableInlineCSS",
            &mut services.instagram_disable_inline_css,
        ),
        ("services.x.disableInlineCSS", &mut services.x_disable_inline_css),
    ] {
        if let Some(value) = get_path(tree, path) {
            match to_bool(value) {
                Some(b) => *target = b,
                None => warn(path, format!("config: {path} should be a boolean, got {value}")),
            }
        }
    }
    let mut limit = 0;
    for path in ["services.rss.limit", "rssLimit"] {
        if limit != 0 {
            break;
        }
        if let Some(value) = get_path(tree, path) {
            match to_int(value) {
                Some(n) => limit = n,
                None => warn(path, format!("config: {path} should be a number, got {value}")),
            }
        }
    }
    services.rss_limit = if limit == 0 { -1 } else { limit };
    for (top, target) in [
        ("disqusShortname", &mut services.disqus_shortname),
        ("googleAnalytics", &mut services.google_analytics_id),
    ] {
        if target.is_empty() {
            if let Some(text) = get(tree, top).and_then(to_string) {
                *target = text;
            }
        }
    }
}

fn read_service(
    tree: &Map<String, Value>,
    service: &str,
    target: &mut ServicePrivacy,
    warn: &mut dyn FnMut(&str, String),
) {
    let Some(Value::Object(settings)) = get_path(tree, &format!("privacy.{service}")) else {
        return;
    };
    for (key, field) in [
        ("disable", &mut target.disable),
        ("privacyEnhanced", &mut target.privacy_enhanced),
        ("enableDNT", &mut target.enable_dnt),
        ("simple", &mut target.simple),
        ("respectDoNotTrack", &mut target.respect_do_not_track),
    ] {
        if let Some(value) = get(settings, key) {
            match to_bool(value) {
                Some(b) => *field = b,
                None => {
                    let path = format!("privacy.{service}.{key}");
                    warn(
                        &path,
                        format!("config: {path} should be a boolean, got {value}"),
                    )
                }
            }
        }
    }
}

/// Applies a config's `markup` and `summaryLength` settings over `options` (the config wins
/// for every setting it contains). Hugo's nesting is flattened into [`RenderOptions`]:
/// `markup.goldmark.renderer.unsafe` → `markup.goldmark.unsafe`, and so on. `warn` receives
/// the dotted key and a message for each setting it cannot use.
pub fn apply_to_options(
    tree: &Map<String, Value>,
    config: &SiteConfig,
    options: &mut RenderOptions,
    warn: &mut dyn FnMut(&str, String),
) {
    if let Some(n) = config.summary_length {
        options.summary_length = n;
    }
    let goldmark = &mut options.markup.goldmark;
    let extras = &mut goldmark.extras;
    let cjk = &mut goldmark.cjk;
    let bools: [(&str, &mut bool); 20] = [
        // Top-level in Hugo, but it switches on a goldmark extension.
        ("enableEmoji", &mut goldmark.enable_emoji),
        ("markup.goldmark.renderer.unsafe", &mut goldmark.unsafe_html),
        (
            "markup.goldmark.renderer.hardWraps",
            &mut goldmark.hard_wraps,
        ),
        ("markup.goldmark.extensions.linkify", &mut goldmark.linkify),
        ("markup.goldmark.extensions.table", &mut goldmark.table),
        (
            "markup.goldmark.extensions.strikethrough",
            &mut goldmark.strikethrough,
        ),
        (
            "markup.goldmark.extensions.taskList",
            &mut goldmark.task_list,
        ),
        (
            "markup.goldmark.extensions.definitionList",
            &mut goldmark.definition_list,
        ),
        (
            "markup.goldmark.parser.autoHeadingID",
            &mut goldmark.auto_heading_id,
        ),
        (
            "markup.goldmark.parser.attribute.title",
            &mut goldmark.attribute_title,
        ),
        (
            "markup.goldmark.parser.attribute.block",
            &mut goldmark.attribute_block,
        ),
        (
            "markup.tableOfContents.ordered",
            &mut options.markup.table_of_contents.ordered,
        ),
        (
            "markup.goldmark.extensions.extras.delete.enable",
            &mut extras.delete,
        ),
        (
            "markup.goldmark.extensions.extras.insert.enable",
            &mut extras.insert,
        ),
        (
            "markup.goldmark.extensions.extras.mark.enable",
            &mut extras.mark,
        ),
        (
            "markup.goldmark.extensions.extras.subscript.enable",
            &mut extras.subscript,
        ),
        (
            "markup.goldmark.extensions.extras.superscript.enable",
            &mut extras.superscript,
        ),
        ("markup.goldmark.extensions.cjk.enable", &mut cjk.enable),
        (
            "markup.goldmark.extensions.cjk.eastAsianLineBreaks",
            &mut cjk.east_asian_line_breaks,
        ),
        (
            "markup.goldmark.extensions.cjk.escapedSpace",
            &mut cjk.escaped_space,
        ),
    ];
    for (path, target) in bools {
        if let Some(value) = get_path(tree, path) {
            match to_bool(value) {
                Some(b) => *target = b,
                None => warn(
                    path,
                    format!("config: {path} should be a boolean, got {value}"),
                ),
            }
        }
    }
    if options.markup.goldmark.enable_emoji && !crate::rules::emoji::AVAILABLE {
        warn(
            "enableEmoji",
            format!("config: enableEmoji: {}", crate::rules::emoji::UNAVAILABLE),
        );
    }
    let goldmark = &mut options.markup.goldmark;
    if let Some(Value::String(style)) = get_path(
        tree,
        "markup.goldmark.extensions.cjk.eastAsianLineBreaksStyle",
    ) {
        goldmark.cjk.east_asian_line_breaks_style = style.clone();
    }
    // `extensions.typographer` is a boolean in old configs and a table with `disable` now.
    match get_path(tree, "markup.goldmark.extensions.typographer") {
        Some(Value::Object(table)) => {
            if let Some(disable) = get(table, "disable").and_then(to_bool) {
                goldmark.typographer = !disable;
            }
        }
        Some(value) => {
            if let Some(b) = to_bool(value) {
                goldmark.typographer = b;
            }
        }
        None => {}
    }
    // `extensions.footnote` is a boolean in Hugo 0.111 and a table with `enable` now.
    match get_path(tree, "markup.goldmark.extensions.footnote") {
        Some(Value::Object(table)) => {
            if let Some(enable) = get(table, "enable").and_then(to_bool) {
                goldmark.footnote = enable;
            }
        }
        Some(value) => {
            if let Some(b) = to_bool(value) {
                goldmark.footnote = b;
            }
        }
        None => {}
    }
    if let Some(Value::Object(passthrough)) =
        get_path(tree, "markup.goldmark.extensions.passthrough")
    {
        let config = &mut goldmark.passthrough;
        if let Some(enable) = get(passthrough, "enable").and_then(to_bool) {
            config.enable = enable;
        }
        // Pairs of strings; anything else is a warning and the default stays.
        let pairs = |kind: &str| -> Option<Result<Vec<[String; 2]>, ()>> {
            let list = get_path(passthrough, &format!("delimiters.{kind}"))?;
            let list = list.as_array().ok_or(());
            Some(list.and_then(|list| {
                list.iter()
                    .map(|pair| match pair.as_array().map(Vec::as_slice) {
                        Some([Value::String(open), Value::String(close)]) => {
                            Ok([open.clone(), close.clone()])
                        }
                        _ => Err(()),
                    })
                    .collect()
            }))
        };
        for (kind, target) in [
            ("block", &mut config.delimiters.block),
            ("inline", &mut config.delimiters.inline),
        ] {
            match pairs(kind) {
                Some(Ok(list)) => *target = list,
                Some(Err(())) => {
                    let key = format!("markup.goldmark.extensions.passthrough.delimiters.{kind}");
                    warn(&key, format!("config: {key} should be a list of [open, close] pairs"));
                }
                None => {}
            }
        }
    }
    if let Some(protocol) =
        get_path(tree, "markup.goldmark.extensions.linkifyProtocol").and_then(to_string)
    {
        goldmark.linkify_protocol = protocol;
    }
    let id_type_key = ["autoIDType", "autoHeadingIDType"]
        .map(|key| format!("markup.goldmark.parser.{key}"))
        .into_iter()
        .find(|key| get_path(tree, key).is_some());
    let id_type = id_type_key
        .as_deref()
        .and_then(|key| get_path(tree, key))
        .and_then(to_string);
    if let (Some(id_type), Some(key)) = (id_type, &id_type_key) {
        goldmark.auto_id_type = match id_type.as_str() {
            "github" => AutoIdType::Github,
            "github-ascii" => AutoIdType::GithubAscii,
            "blackfriday" => AutoIdType::Blackfriday,
            other => {
                warn(key, format!("config: {key}: unknown type {other:?}"));
                goldmark.auto_id_type
            }
        };
    }
    let toc = &mut options.markup.table_of_contents;
    if let Some(n) = get_path(tree, "markup.tableOfContents.startLevel").and_then(to_int) {
        toc.start_level = n as i32;
    }
    if let Some(n) = get_path(tree, "markup.tableOfContents.endLevel").and_then(to_int) {
        toc.end_level = n as i32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_privacy_and_services_as_hugo_decodes_them() {
        // What Hugo 0.168 gave for the same config (`{{ site.Config }}`).
        let text = r#"
disqusShortname = "top"
googleAnalytics = "G-TOP"
rssLimit = 5
[privacy.YouTube]
privacyEnhanced = true
disable = "true"
[privacy.googleanalytics]
respectDoNotTrack = false
[privacy.twitter]
enableDNT = true
[services.googleAnalytics]
ID = "G-1"
[services.x]
disableInlineCSS = true
"#;
        let parsed = parse(text, None, None);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let (privacy, services) = (&parsed.config.privacy, &parsed.config.services);
        assert!(privacy.youtube.privacy_enhanced && privacy.youtube.disable);
        assert!(!privacy.google_analytics.respect_do_not_track);
        assert!(!privacy.x.enable_dnt, "privacy.twitter is not read");
        assert_eq!(services.disqus_shortname, "top", "the top-level key fills an empty one");
        assert_eq!(services.google_analytics_id, "G-1", "the service's own key wins");
        assert_eq!(services.rss_limit, 5);
        assert!(services.x_disable_inline_css);
        let defaults = SiteConfig::default();
        assert!(defaults.privacy.google_analytics.respect_do_not_track);
        assert_eq!(defaults.services.rss_limit, -1);
    }

    #[test]
    fn reads_hugo_toml() {
        let text = r#"
baseURL = "https://example.org"
title = "My site"
[params]
  Author = "Ann"
  [params.nested]
  key = 2
[privacy.youtube]
  privacyEnhanced = true
[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.extensions.typographer]
  disable = true
[markup.tableOfContents]
  endLevel = 4
"#;
        let parsed = parse(text, None, None);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let config = &parsed.config;
        assert_eq!(config.base_url, "https://example.org/");
        assert_eq!(config.title.as_deref(), Some("My site"));
        assert_eq!(config.param("author"), Some(&Value::from("Ann")));
        assert_eq!(config.param("Nested.Key"), Some(&Value::from(2)));
        assert!(config.privacy.youtube.privacy_enhanced);
        let mut options = RenderOptions::default();
        apply_to_options(&parsed.tree, config, &mut options, &mut |_, _| {});
        assert!(options.markup.goldmark.unsafe_html);
        assert!(!options.markup.goldmark.typographer);
        assert_eq!(options.markup.table_of_contents.end_level, 4);
    }

    #[test]
    fn reads_the_extras_and_cjk_options_as_hugo_names_them() {
        let text = r#"
[markup.goldmark.extensions.extras.mark]
  enable = true
[markup.goldmark.extensions.extras]
  superScript.enable = true
[markup.goldmark.extensions.cjk]
  enable = true
  eastAsianLineBreaks = true
  eastAsianLineBreaksStyle = "css3draft"
  escapedSpace = true
"#;
        let parsed = parse(text, None, None);
        let mut options = RenderOptions::default();
        apply_to_options(&parsed.tree, &parsed.config, &mut options, &mut |_, _| {});
        let goldmark = &options.markup.goldmark;
        assert!(goldmark.extras.mark && goldmark.extras.superscript);
        assert!(!goldmark.extras.insert && !goldmark.extras.subscript && !goldmark.extras.delete);
        assert!(goldmark.cjk.enable && goldmark.cjk.east_asian_line_breaks);
        assert!(goldmark.cjk.escaped_space);
        assert_eq!(goldmark.cjk.east_asian_line_breaks_style, "css3draft");
    }

    #[test]
    fn detects_yaml_and_json() {
        assert_eq!(
            detect_format("title: x\nparams:\n  a: 1\n"),
            FrontMatterFormat::Yaml
        );
        assert_eq!(detect_format("{\"title\": \"x\"}"), FrontMatterFormat::Json);
        assert_eq!(detect_format("title = 'x'"), FrontMatterFormat::Toml);
        let parsed = parse("title: x\nparams:\n  a: 1\n", None, Some("hugo.yaml"));
        assert_eq!(parsed.config.param("a"), Some(&Value::from(1)));
    }

    #[test]
    fn params_get_the_integer_types_of_the_configs_format() {
        use crate::template::NumberStyle;
        let style = |text: &str| parse(text, None, None).config.params_numbers;
        assert_eq!(style("[params]\nn = 7\n"), NumberStyle::Int64);
        assert_eq!(style("params:\n  n: 7\n"), NumberStyle::Yaml);
        assert_eq!(style("{\"params\": {\"n\": 7}}"), NumberStyle::Float);
    }

    #[test]
    fn key_span_finds_the_last_written_part_of_a_key() {
        fn at<'t>(text: &'t str, format: FrontMatterFormat, key: &str) -> Option<&'t str> {
            key_span(text, format, key).map(|s| &text[s.start..s.end])
        }
        let toml = "\u{feff}[Privacy]\n\"youTube\" = { disable = 1 }\n";
        assert_eq!(
            at(toml, FrontMatterFormat::Toml, "privacy.youtube.disable"),
            Some("disable"),
            "inline tables, quoted keys and a byte order mark should not move the span"
        );
        assert_eq!(
            at(toml, FrontMatterFormat::Toml, "privacy.youtube"),
            Some("youTube"),
            "a quoted key's span should leave out its quotes"
        );
        let yaml = "base: &b\n  disable: x\nprivacy:\n  vimeo: *b\n";
        assert_eq!(
            at(yaml, FrontMatterFormat::Yaml, "privacy.vimeo.disable"),
            Some("vimeo"),
            "a setting behind an alias should be placed at the key holding the alias"
        );
        assert_eq!(at(yaml, FrontMatterFormat::Yaml, "markup.x"), None);
        assert_eq!(
            at("- a\n- b\n", FrontMatterFormat::Yaml, "a"),
            None,
            "items of a list are not keys"
        );
    }

    #[test]
    fn a_broken_config_is_a_located_diagnostic() {
        let parsed = parse(
            "title = \"x\"\nbaseURL = \n",
            Some(FrontMatterFormat::Toml),
            None,
        );
        assert_eq!(parsed.diagnostics.len(), 1);
        let d = &parsed.diagnostics[0];
        assert_eq!(d.location, Location::Config("hugo.toml".into()));
        assert_eq!(d.line, 2);
        assert!(
            d.message.starts_with("unmarshal failed: toml:"),
            "{}",
            d.message
        );
    }
}
