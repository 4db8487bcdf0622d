//! Options: what a caller can set, as plain data with Hugo's defaults.
//!
//! Every struct is `#[serde(default, rename_all = "camelCase")]` so the same shape can come
//! from JavaScript or a JSON file, and any field left out keeps Hugo's default.

use serde::{Deserialize, Serialize};

/// Everything that changes how a content file is rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RenderOptions {
    /// Hugo's `markup` settings (`markup.goldmark`, `markup.tableOfContents`).
    pub markup: MarkupOptions,
    /// Words in an automatic summary (`summaryLength`, default 70).
    pub summary_length: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            markup: MarkupOptions::default(),
            summary_length: 70,
        }
    }
}

/// Hugo's `markup` configuration, with Hugo's defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MarkupOptions {
    pub goldmark: GoldmarkOptions,
    pub table_of_contents: TocOptions,
}

/// `markup.goldmark`: the Markdown dialect. Defaults are Hugo's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
    pub auto_heading_id: bool,
    /// `parser.autoIDType` (`autoHeadingIDType` before Hugo 0.144).
    #[serde(
        alias = "autoHeadingIDType",
        alias = "autoHeadingIdType",
        alias = "autoIDType"
    )]
    pub auto_id_type: AutoIdType,
    /// `parser.attribute.title`: `## Heading {#id .class}`.
    pub attribute_title: bool,
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
        }
    }
}

/// How heading ids are made from heading text (`parser.autoIDType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AutoIdType {
    /// Hugo's default: lower-cased letters, digits and `_`; spaces and `-` become `-`.
    #[default]
    #[serde(rename = "github")]
    Github,
    /// Like `github`, with accents removed and other non-ASCII dropped.
    #[serde(rename = "github-ascii")]
    GithubAscii,
    /// The legacy Blackfriday rules.
    #[serde(rename = "blackfriday")]
    Blackfriday,
}

/// `markup.tableOfContents`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
