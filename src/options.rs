//! Options: what a caller can set, as plain data with Hugo's defaults.
//!
//! Every struct is `#[serde(default, deny_unknown_fields, rename_all = "camelCase")]` so the
//! same shape can come from JavaScript or a JSON file, and any field left out keeps Hugo's
//! default. An unknown field is an error (a misspelt option would otherwise be ignored
//! without a word).

use crate::diagnostic::Location;
use crate::front_matter::FrontMatterFormat;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything that changes how a content file is rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct RenderOptions {
    /// The site as its files: path in the project (`hugo.toml`, `layouts/_shortcodes/x.html`,
    /// `themes/book/layouts/…`, `i18n/en.toml`, `data/authors.yaml`, `content/posts/a.md`)
    /// → text, `/`-separated. Read as Hugo reads a project: the config (merged with its
    /// themes'), the project's layouts over the themes', translations, data, the pages. The
    /// fields below, when set, are used over what the files give.
    pub files: BTreeMap<String, String>,
    /// The site's binary files (images beside a post, in `assets/`): path in the project →
    /// where the page shows them and their size. A preview reads no bytes of them: `.Width`
    /// and `.Height` come from here, and `.RelPermalink` is `url` (a URL the embedder serves,
    /// or a `blob:` URL), else the one Hugo would publish the file at.
    pub binary_files: BTreeMap<String, BinaryFile>,
    /// Hugo's `markup` settings (`markup.goldmark`, `markup.tableOfContents`).
    pub markup: MarkupOptions,
    /// Words in an automatic summary (`summaryLength`, default 70).
    pub summary_length: usize,
    /// The site config, as the text of `hugo.toml`, `hugo.yaml` or `hugo.json`: params,
    /// title, baseURL, privacy and the `markup` settings (which override `markup` above).
    pub site_config: Option<String>,
    /// The format of `site_config`; detected when left out.
    pub site_config_format: Option<FrontMatterFormat>,
    /// The site's shortcode templates, name → template source, as in
    /// `layouts/shortcodes/NAME.html` (nested names with `/`). A name here replaces the
    /// built-in of the same name.
    pub shortcodes: BTreeMap<String, String>,
    /// Partials the shortcode templates call, name → source, as in `layouts/partials/`.
    pub partials: BTreeMap<String, String>,
    /// Translations for `T`/`i18n`: id → text, or a table with `one`/`other` for plurals, as
    /// in the site's `i18n/LANG.toml`.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "Record<string, string | Record<string, string>>")
    )]
    pub i18n: BTreeMap<String, serde_json::Value>,
    /// Known pages for `ref`/`relref`: content path (`posts/other.md`) → permalink below the
    /// site's root (`/posts/other/`; a `baseURL` with a path, `https://example.org/docs/`, adds
    /// `/docs` to `RelPermalink` and `relref` as Hugo does).
    pub pages: BTreeMap<String, String>,
    /// The content file's path in the site (`posts/my-post.md`), for `.Position` and for
    /// resolving relative `ref`s: the default for renders that give no [`PageInput`].
    pub path: Option<String>,
    /// Allow iframes from the embed allowlist (YouTube, Vimeo). Off by default: a preview
    /// calls no third party unless asked; videos show as static cards.
    pub embeds: bool,
    /// Block elements of the content carry `data-source-line` (their first line in the
    /// file), so an editor can keep the preview scrolled to the same place as the source.
    pub source_lines: bool,
    /// Keep `data-*` attributes on any element (Hugo's own `data-lang` on code, and
    /// `data-source-line` with the source lines option, are kept regardless). Off by
    /// default: the page that shows the preview may run scripts that act on `data-*`
    /// attributes wherever they appear (Bootstrap's `data-target`/`data-bs-toggle`, htmx's
    /// `data-hx-get` …), so content could drive them: Bootstrap's `data-target` XSS
    /// (CVE-2018-14042) is that class. Turn it on only if the page that shows the preview
    /// runs no such script.
    pub allow_data_attributes: bool,
    /// The time `now` gives, RFC 3339 (`2021-11-06T22:30:00+09:00`), as Hugo's `--clock`
    /// sets it: for output that does not change from one render to the next. Left out, the
    /// system's clock (in a browser, JavaScript's `Date.now()`). Either way `now` is in UTC.
    pub clock: Option<String>,
}

/// A binary file of the site (an image): where a page shows it, and its size when known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BinaryFile {
    /// `.RelPermalink` and `.Permalink`; Hugo's published path when left out.
    pub url: Option<String>,
    /// Pixels, for `.Width` and for the sizes `.Resize`, `.Fit`, `.Fill` give.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// What belongs to one content file of the site besides its text. Unlike [`RenderOptions`]
/// (the site's), it may change from one render to the next at no cost: a renderer keeps its
/// compiled templates when an editor switches files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PageInput {
    /// The content file's path in the site (`posts/my-post.md`): `.Page.File`, `.Position`,
    /// the page's permalink, and relative `ref`s.
    pub path: Option<String>,
}

impl RenderOptions {
    /// The text of the site file a diagnostic's [`Location`] names (the site config, a
    /// template); `None` for the content file, which the caller has.
    pub fn file_text(&self, location: &Location) -> Option<&str> {
        match location {
            Location::Content => None,
            Location::Config(_) => self.site_config.as_deref(),
            Location::Shortcode(name) => self.shortcodes.get(name).map(String::as_str),
            Location::Partial(name) => self.partials.get(name).map(String::as_str),
            Location::File(path) => self.files.get(path).map(String::as_str),
        }
    }
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            files: BTreeMap::new(),
            binary_files: BTreeMap::new(),
            markup: MarkupOptions::default(),
            summary_length: 70,
            site_config: None,
            site_config_format: None,
            shortcodes: BTreeMap::new(),
            partials: BTreeMap::new(),
            i18n: BTreeMap::new(),
            pages: BTreeMap::new(),
            path: None,
            embeds: false,
            source_lines: false,
            allow_data_attributes: false,
            clock: None,
        }
    }
}

/// Hugo's `markup` configuration, with Hugo's defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MarkupOptions {
    pub goldmark: GoldmarkOptions,
    pub table_of_contents: TocOptions,
}

/// `markup.goldmark`: the Markdown dialect. Defaults are Hugo's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GoldmarkOptions {
    /// `renderer.unsafe`: keep raw HTML (it is still sanitized). Off: `<!-- raw HTML omitted -->`.
    #[serde(rename = "unsafe")]
    pub unsafe_html: bool,
    /// `renderer.hardWraps`: soft line breaks become `<br>`.
    pub hard_wraps: bool,
    /// `extensions.typographer`: smart quotes, dashes and ellipses as HTML entities.
    pub typographer: bool,
    /// `extensions.linkify`: bare URLs and `www.` addresses become links.
    pub linkify: bool,
    /// `extensions.linkifyProtocol`: the scheme given to `www.` links.
    pub linkify_protocol: String,
    /// `extensions.table`.
    pub table: bool,
    /// `extensions.strikethrough`.
    pub strikethrough: bool,
    /// `extensions.taskList`.
    pub task_list: bool,
    /// `extensions.definitionList`.
    pub definition_list: bool,
    /// `extensions.footnote`.
    pub footnote: bool,
    /// `parser.autoHeadingID`.
    #[serde(rename = "autoHeadingID", alias = "autoHeadingId")]
    pub auto_heading_id: bool,
    /// `parser.autoIDType` (`autoHeadingIDType` before Hugo 0.144).
    #[serde(
        rename = "autoIDType",
        alias = "autoIdType",
        alias = "autoHeadingIDType",
        alias = "autoHeadingIdType"
    )]
    pub auto_id_type: AutoIdType,
    /// `parser.attribute.title`: `## Heading {#id .class}`.
    pub attribute_title: bool,
    /// `parser.attribute.block`: a line `{.class #id}` right after a block gives it these
    /// attributes. Off by default, as in Hugo.
    pub attribute_block: bool,
    /// The site config's top-level `enableEmoji`: `:heart:` in text becomes the emoji, as
    /// character references (Hugo adds goldmark's emoji extension).
    pub enable_emoji: bool,
    /// `extensions.passthrough`: text between these delimiters (math) is left as written, or
    /// given to the site's `render-passthrough` hook. Off by default, as in Hugo.
    pub passthrough: PassthroughOptions,
    /// `extensions.extras`: `++ins++`, `==mark==`, `~sub~`, `^sup^`, `~~del~~`. Each off by
    /// default, as in Hugo.
    pub extras: ExtrasOptions,
    /// `extensions.cjk`. Off by default, as in Hugo.
    pub cjk: CjkOptions,
}

/// `markup.goldmark.extensions.extras` (Hugo's `hugo-goldmark-extensions/extras`): each
/// field is the `enable` of its table (`extras.mark.enable = true`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ExtrasOptions {
    pub delete: bool,
    pub insert: bool,
    pub mark: bool,
    pub subscript: bool,
    pub superscript: bool,
}

/// `markup.goldmark.extensions.cjk` (goldmark `extension/cjk.go`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CjkOptions {
    pub enable: bool,
    /// A soft line break between East Asian wide characters is dropped.
    pub east_asian_line_breaks: bool,
    /// `simple`, or `css3draft` (CSS Text 3's segment break rules); Hugo reads any other
    /// value as `simple`.
    pub east_asian_line_breaks_style: String,
    /// A backslash-escaped space (`\ `) is not written.
    pub escaped_space: bool,
}

impl Default for CjkOptions {
    fn default() -> Self {
        CjkOptions {
            enable: false,
            east_asian_line_breaks: false,
            east_asian_line_breaks_style: "simple".to_string(),
            escaped_space: false,
        }
    }
}

/// `markup.goldmark.extensions.passthrough`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PassthroughOptions {
    pub enable: bool,
    pub delimiters: PassthroughDelimiters,
}

/// Opening and closing delimiter pairs. Hugo's defaults: block `\[ \]` and `$$ $$`, inline
/// `\( \)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PassthroughDelimiters {
    pub block: Vec<[String; 2]>,
    pub inline: Vec<[String; 2]>,
}

impl Default for PassthroughDelimiters {
    fn default() -> Self {
        let pair = |open: &str, close: &str| [open.to_owned(), close.to_owned()];
        PassthroughDelimiters {
            block: vec![pair("\\[", "\\]"), pair("$$", "$$")],
            inline: vec![pair("\\(", "\\)")],
        }
    }
}

impl Default for GoldmarkOptions {
    fn default() -> Self {
        GoldmarkOptions {
            unsafe_html: false,
            hard_wraps: false,
            typographer: true,
            linkify: true,
            linkify_protocol: "https".to_string(),
            table: true,
            strikethrough: true,
            task_list: true,
            definition_list: true,
            footnote: true,
            auto_heading_id: true,
            auto_id_type: AutoIdType::Github,
            attribute_title: true,
            attribute_block: false,
            enable_emoji: false,
            passthrough: PassthroughOptions::default(),
            extras: ExtrasOptions::default(),
            cjk: CjkOptions::default(),
        }
    }
}

pub use crate::rules::anchor::AutoIdType;

/// `markup.tableOfContents`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TocOptions {
    pub start_level: i32,
    /// `-1` means no limit.
    pub end_level: i32,
    pub ordered: bool,
}

impl Default for TocOptions {
    fn default() -> Self {
        TocOptions {
            start_level: 2,
            end_level: 3,
            ordered: false,
        }
    }
}
