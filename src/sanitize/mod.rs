//! Sanitize: the last stage, over every byte of output.
//!
//! In: HTML from any stage (Markdown, raw HTML when `unsafe` is on, built-in shortcodes, site
//! and inline templates, JavaScript shortcodes). Out: HTML that cannot run script in the page that shows it.
//!
//! The policy is the data in [`policy`]: one place to read what is kept. It starts from what
//! faithful Hugo output needs (heading ids, footnote and task-list markup, `figure`, `details`,
//! code classes, the TOC `nav`) and keeps nothing that can run script. Departures from
//! ammonia's defaults are explained next to each item.

mod chunks;
pub mod text;

use crate::limits::MAX_HTML_NESTING;
use crate::rules::text::{WordCounter, WordTally};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The sanitizer policy, as data.
pub mod policy {
    /// Elements kept. ammonia's default list plus what Hugo output and the article preview use
    /// (`input` for task lists, `article`/`header`/`section`/`nav`/`time` for the page).
    /// Never `script`, `style`, `iframe`, `object`, `embed`, `form`, `svg` or `math`: every
    /// recent ammonia advisory needs SVG, MathML or `style` in the allowed set. `iframe` is
    /// added only by [`Sanitizer::with_embeds`](super::Sanitizer::with_embeds), and then only
    /// for the players in [`IFRAME_SOURCES`].
    pub const TAGS: &[&str] = &[
        "a",
        "abbr",
        "acronym",
        "article",
        "aside",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "li",
        "main",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "wbr",
    ];

    /// Attributes kept on every element. `id` keeps heading anchors and footnote targets
    /// working (Hugo's own output depends on them); `class` carries Hugo's markup
    /// (`footnote-ref`, `language-go`, `highlight`); `role` carries the footnotes' ARIA roles.
    /// `title`, `lang` and `dir` are inert.
    /// `style` is filtered to [`STYLE_PROPERTIES`].
    pub const GENERIC_ATTRIBUTES: &[&str] =
        &["class", "dir", "id", "lang", "role", "style", "title"];

    /// Attributes kept on particular elements.
    pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
        // `rel` and `target` are kept as written (Hugo's `figure` writes both); ammonia's
        // default of forcing `rel="noopener noreferrer"` on every link is turned off so links
        // match Hugo's output. Browsers imply `noopener` for `target="_blank"`.
        ("a", &["href", "hreflang", "rel", "target"]),
        ("img", &["alt", "height", "src", "width", "loading"]),
        // Hugo's code blocks: `<pre tabindex="0">`, `<code data-lang="go">`.
        ("pre", &["tabindex"]),
        ("code", &["data-lang"]),
        // Task lists: `<input checked="" disabled="" type="checkbox">`; see `filter_attribute`.
        // and themes' CSS-only tabs and toggles: radio buttons in a group (`name`), each
        // with a `<label for>`. Without a form, an input sends nothing anywhere.
        ("input", &["checked", "disabled", "name", "type"]),
        ("label", &["for"]),
        ("ol", &["start", "reversed", "type"]),
        ("li", &["value"]),
        ("th", &["align", "colspan", "rowspan"]),
        ("td", &["align", "colspan", "rowspan"]),
        ("col", &["span"]),
        ("colgroup", &["span"]),
        ("details", &["open", "name"]),
        ("time", &["datetime"]),
        ("data", &["value"]),
        ("del", &["cite", "datetime"]),
        ("ins", &["cite", "datetime"]),
        ("q", &["cite"]),
        ("blockquote", &["cite"]),
    ];

    /// URL schemes allowed in `href` and `src`; relative URLs pass through. No `javascript:`
    /// or `vbscript:`. `data:` is in the list only because ammonia's list is global: the
    /// attribute filter keeps it on `img src` alone, and only for `data:image/…` (an image
    /// cannot run script; the `qr` shortcode draws its code as an SVG data URL).
    pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp", "data"];

    /// Embeds (only with [`Sanitizer::with_embeds`]): iframes whose `src` starts with one of
    /// these, i.e. the players Hugo's `youtube` and `vimeo` shortcodes point at. Any other
    /// iframe is removed with its content.
    pub const IFRAME_SOURCES: &[&str] = &[
        "https://www.youtube.com/embed/",
        "https://www.youtube-nocookie.com/embed/",
        "https://player.vimeo.com/video/",
    ];

    /// Attributes kept on an allowed iframe (those Hugo's video templates write). `style` is
    /// limited to [`EMBED_STYLES`].
    pub const IFRAME_ATTRIBUTES: &[&str] = &[
        "allow",
        "allowfullscreen",
        "loading",
        "mozallowfullscreen",
        "referrerpolicy",
        "src",
        "style",
        "title",
        "webkitallowfullscreen",
    ];

    /// The only `style` values kept on `div` and `iframe` (with embeds): Hugo's responsive
    /// video wrapper and player, written by its `youtube` and `vimeo` templates.
    pub const EMBED_STYLES: &[&str] = &[
        "position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;",
        "position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;",
    ];

    /// Inline style properties kept, on any element, with plain values only (see
    /// `filter_style`): what Markdown table alignment and Chroma's inline-style highlighting
    /// (colours, weights, the line layout, line-number tables) write. Nothing that positions
    /// an element over the page, and no value that can load anything.
    pub const STYLE_PROPERTIES: &[&str] = &[
        "-moz-tab-size",
        "-o-tab-size",
        "-webkit-text-size-adjust",
        "-webkit-user-select",
        "background-color",
        "border",
        "border-spacing",
        "color",
        "display",
        "font-style",
        "font-weight",
        "margin",
        "margin-right",
        "outline",
        "padding",
        "tab-size",
        "text-align",
        "text-decoration",
        "user-select",
        "vertical-align",
        "white-space",
        "width",
    ];
}

/// Goldmark's placeholder for omitted raw HTML. ammonia drops comments (they can carry
/// conditional-comment payloads), so this one fixed comment is carried through as a marker
/// and restored afterwards: it is our own text, never user markup.
const RAW_HTML_OMITTED: &str = "<!-- raw HTML omitted -->";
const RAW_HTML_OMITTED_MARKER: &str = "\u{E000}hugo-preview:raw-html-omitted\u{E001}";

/// `html` with every omitted-HTML comment that is a comment of its own (not text inside
/// another comment, a tag or a raw text element, where replacing it would change how the
/// rest is read) turned into the marker.
fn protect_omitted(html: &str) -> Cow<'_, str> {
    if memchr::memmem::find(html.as_bytes(), RAW_HTML_OMITTED.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let starts = chunks::comment_tokens(html, RAW_HTML_OMITTED);
    if starts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + starts.len() * 16);
    let mut from = 0;
    for start in starts {
        out.push_str(&html[from..start]);
        out.push_str(RAW_HTML_OMITTED_MARKER);
        from = start + RAW_HTML_OMITTED.len();
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Decides, for one attribute, whether to keep it and with which value. `embeds` is
/// [`Sanitizer::with_embeds`]'s switch.
fn filter_attribute<'v>(
    element: &str,
    attribute: &str,
    value: &'v str,
    embeds: bool,
) -> Option<Cow<'v, str>> {
    if url_scheme(value).as_deref() == Some("data")
        && !(element == "img" && attribute == "src")
        && is_url_attribute(attribute)
    {
        return None;
    }
    // A URL with control characters in it is never a real link; browsers skip some of them
    // when they read the scheme, so such a URL is dropped rather than trusted as relative.
    if is_url_attribute(attribute) && value.chars().any(|c| c.is_control()) {
        return None;
    }
    match (element, attribute) {
        (_, "data-source-line") => (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
            .then_some(Cow::Borrowed(value)),
        ("img", "src") if url_scheme(value).as_deref() == Some("data") => value
            .trim()
            .get(..11)
            .is_some_and(|p| p.eq_ignore_ascii_case("data:image/"))
            .then_some(Cow::Borrowed(value)),
        ("div" | "iframe", "style") if embeds && policy::EMBED_STYLES.contains(&value) => {
            Some(Cow::Borrowed(value))
        }
        (_, "style") => filter_style(value),
        // The player URL must be one of the allowlisted prefixes, written plainly: no
        // whitespace or control characters that a URL parser would skip.
        ("iframe", "src") => (embeds
            && policy::IFRAME_SOURCES.iter().any(|p| value.starts_with(p))
            && !value.bytes().any(|b| b <= b' ' || b == 0x7f))
        .then_some(Cow::Borrowed(value)),
        // Checkboxes (task lists, CSS-only toggles) and radio buttons (CSS-only tabs, as in
        // hugo-book and geekdoc), never a text field that could ask for a password; an input
        // left without a type becomes a checkbox (`type_inputs`).
        ("input", "type") => ["checkbox", "radio"]
            .into_iter()
            .find(|kind| value.trim().eq_ignore_ascii_case(kind))
            .map(Cow::Borrowed),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// An inline style with only the declarations of [`policy::STYLE_PROPERTIES`] whose values are
/// plain (letters, digits, `#`, `%`, `.`, `,`, `-`, spaces: no function such as `url()` or
/// `expression()`, no quote, no escape); unchanged when every declaration passes, `None` when
/// none does.
fn filter_style(value: &str) -> Option<Cow<'_, str>> {
    let allowed = |declaration: &str| {
        let Some((property, plain)) = declaration.split_once(':') else {
            return false;
        };
        let property = property.trim();
        policy::STYLE_PROPERTIES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(property))
            && !plain.trim().is_empty()
            && plain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b" #%.,-".contains(&b))
    };
    let declarations = || value.split(';').filter(|d| !d.trim().is_empty());
    // The usual case, every declaration allowed (the highlighter writes hundreds a page):
    // checked without copying anything.
    if declarations().next().is_some() && declarations().all(allowed) {
        return Some(Cow::Borrowed(value));
    }
    let kept: Vec<&str> = declarations().filter(|d| allowed(d)).collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(";")))
}

/// Attributes that hold a URL in the elements the policy allows.
fn is_url_attribute(attribute: &str) -> bool {
    matches!(attribute, "href" | "src" | "cite" | "xlink:href")
}

/// The scheme a browser would read from a URL attribute, lower-cased: leading and trailing
/// spaces and control characters are ignored and tabs and newlines inside are skipped, as the
/// URL parser does (so `da&#10;ta:` is still `data:`).
fn url_scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// The sanitizer, built once from the policy and reused for every render.
///
/// It cleans HTML in pieces (cut where [`chunks::boundaries`] allows, so the result is the
/// same as cleaning the whole) and remembers each piece's result, so that while someone
/// types only the block they change goes through ammonia again. What it remembers is what
/// the current and the previous render used ([`Sanitizer::start_render`]), never more than
/// [`CACHE_MAX_BYTES`] a generation.
pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
    embeds: bool,
    cache: std::sync::Mutex<PieceCache>,
}

/// Most bytes (pieces and their results) one generation of the cache holds; past it the
/// generation is closed early. An 8 MB document (the input limit) still fits.
pub const CACHE_MAX_BYTES: usize = 32 * 1024 * 1024;

/// Pieces of HTML and what ammonia made of them: those used since the render began, and
/// those of the render before (moved over when used again, dropped at the next render).
#[derive(Default)]
struct PieceCache {
    current: HashMap<Box<str>, Cleaned>,
    previous: HashMap<Box<str>, Cleaned>,
    current_bytes: usize,
}

/// What one piece cleans to, and what it adds to the word count.
struct Cleaned {
    html: Box<str>,
    words: WordTally,
}

impl PieceCache {
    /// The current generation becomes the previous one. The tables are swapped and cleared,
    /// not dropped and rebuilt, so that rendering the same document again and again settles
    /// into the same allocations (the module's memory stays flat).
    fn rotate(&mut self) {
        std::mem::swap(&mut self.previous, &mut self.current);
        self.current.clear();
        self.current_bytes = 0;
    }

    /// Appends to `out` what `piece` cleans to, remembered or made by `clean`, and counts
    /// its words. (Looks the piece up as few times as it can: hashing long pieces is a good
    /// part of the cost.)
    fn clean_into(
        &mut self,
        out: &mut String,
        words: &mut WordCounter,
        piece: &str,
        clean: impl FnOnce(&str) -> String,
    ) {
        // While typing, most pieces were used by the render before.
        let entry = match self.previous.remove_entry(piece) {
            Some(entry) => entry,
            None => {
                if let Some(cleaned) = self.current.get(piece) {
                    out.push_str(&cleaned.html);
                    words.add(&cleaned.words);
                    return;
                }
                let html = clean(piece);
                let tally = WordTally::of(&html);
                let cleaned = Cleaned {
                    html: html.into_boxed_str(),
                    words: tally,
                };
                (piece.into(), cleaned)
            }
        };
        out.push_str(&entry.1.html);
        words.add(&entry.1.words);
        if self.current_bytes > CACHE_MAX_BYTES {
            self.rotate();
        }
        self.current_bytes += entry.0.len() + entry.1.html.len();
        self.current.insert(entry.0, entry.1);
    }
}

impl Default for Sanitizer {
    fn default() -> Self {
        Sanitizer::new()
    }
}

impl Sanitizer {
    /// The policy without embeds: no iframe survives.
    pub fn new() -> Sanitizer {
        Sanitizer::with_embeds(false)
    }

    /// The policy, plus (when `embeds` is true) iframes from [`policy::IFRAME_SOURCES`] with
    /// [`policy::IFRAME_ATTRIBUTES`] and Hugo's wrapper styles on `div`/`iframe`.
    pub fn with_embeds(embeds: bool) -> Sanitizer {
        Sanitizer::with_policy(embeds, false)
    }

    /// [`Sanitizer::with_embeds`], plus (when `source_lines` is true) `data-source-line` with
    /// a decimal number on any element.
    pub fn with_policy(embeds: bool, source_lines: bool) -> Sanitizer {
        let mut tags: HashSet<&'static str> = policy::TAGS.iter().copied().collect();
        let mut tag_attributes: HashMap<&'static str, HashSet<&'static str>> =
            policy::TAG_ATTRIBUTES
                .iter()
                .map(|&(tag, attributes)| (tag, attributes.iter().copied().collect()))
                .collect();
        if embeds {
            tags.insert("iframe");
            tag_attributes.insert(
                "iframe",
                policy::IFRAME_ATTRIBUTES.iter().copied().collect(),
            );
        }
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .generic_attributes(
                policy::GENERIC_ATTRIBUTES
                    .iter()
                    .copied()
                    .chain(source_lines.then_some("data-source-line"))
                    .collect(),
            )
            .tag_attributes(tag_attributes)
            // `data-*` attributes are inert without the page's scripts (the preview runs none of
            // the site's); themes and Hugo's code blocks write them (`data-lang`, `data-x`).
            .generic_attribute_prefixes(["data-"].into_iter().collect())
            .url_schemes(policy::URL_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            // Elements whose content must go with them, not be unwrapped into text.
            .clean_content_tags(["script", "style"].into_iter().collect::<HashSet<_>>())
            .attribute_filter(move |element: &str, attribute: &str, value: &str| {
                filter_attribute(element, attribute, value, embeds)
                    .map(|kept| Cow::Owned(kept.into_owned()))
            });
        Sanitizer {
            builder,
            embeds,
            cache: Default::default(),
        }
    }

    /// Begins a new generation of the piece cache: what the render before this one used
    /// stays available, anything older is dropped. [`crate::Renderer`] calls it per render.
    pub fn start_render(&self) {
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .rotate();
    }

    /// Sanitizes `html`. Nesting deeper than [`MAX_HTML_NESTING`] within a piece (a top-level
    /// block, see [`chunks`]) is flattened first.
    pub fn clean(&self, html: &str) -> String {
        self.clean_counting_words(html).0
    }

    /// [`Sanitizer::clean`], and Hugo's `.WordCount` of the result (without a CJK language;
    /// [`crate::markdown::count_words`] of it), counted per piece and remembered with it.
    pub fn clean_counting_words(&self, html: &str) -> (String, usize) {
        if html.is_empty() {
            return (String::new(), 0);
        }
        let mut cleaned = String::with_capacity(html.len() + html.len() / 8);
        let mut words = WordCounter::default();
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut start = 0;
        for end in chunks::boundaries(html).into_iter().chain([html.len()]) {
            let piece = &html[start..end];
            cache.clean_into(&mut cleaned, &mut words, piece, |piece| {
                self.clean_piece(piece)
            });
            start = end;
        }
        (cleaned, words.words())
    }

    /// Cleans one piece: its nesting bounded, the omitted-HTML comment protected, ammonia,
    /// then the passes over ammonia's output. Those passes are local to an element (an
    /// iframe, an input, the marker), and ammonia's output of a piece holds its elements
    /// whole, so they can run per piece, and what the cache keeps is final.
    fn clean_piece(&self, piece: &str) -> String {
        let bounded = bound_nesting(piece, MAX_HTML_NESTING);
        self.finish(self.builder.clean(&protect_omitted(&bounded)).to_string())
    }

    /// A heading's plain text, as a reader sees it: the `textContent` of the heading
    /// `<hN>title_html</hN>` once sanitized (white space collapsed, see [`text`]). The
    /// heading is cleaned as the content's heading is, so what the policy removes (a
    /// script's text, an element's tags) is not in it, and what a reader sees as text
    /// (`&lt;b&gt;` shows `<b>`) is.
    pub fn heading_text(&self, level: u8, title_html: &str) -> String {
        // Text without markup, references, or the characters the HTML parser changes (NUL,
        // carriage return) is what the parser would give: no need to build a tree for it.
        if !title_html.contains(['<', '&', '\0', '\r']) {
            return text::collapse_white_space(title_html);
        }
        let level = level.clamp(1, 6);
        text::first_element_text(&self.clean(&format!("<h{level}>{title_html}</h{level}>")))
    }

    /// [`Sanitizer::clean`] with one call of ammonia over everything, without the cache: what
    /// cleaning in pieces must equal (the tests compare them). Nesting is bounded per piece,
    /// as [`Sanitizer::clean`] bounds it.
    #[doc(hidden)]
    #[cfg(feature = "internals")]
    pub fn clean_whole(&self, html: &str) -> String {
        if html.is_empty() {
            return String::new();
        }
        let mut bounded = String::with_capacity(html.len());
        let mut start = 0;
        for end in chunks::boundaries(html).into_iter().chain([html.len()]) {
            bounded.push_str(&bound_nesting(&html[start..end], MAX_HTML_NESTING));
            start = end;
        }
        self.finish(self.builder.clean(&protect_omitted(&bounded)).to_string())
    }

    /// The passes over ammonia's serialization, and the omitted-HTML comment restored.
    fn finish(&self, cleaned: String) -> String {
        let mut cleaned = cleaned;
        if self.embeds {
            if let Cow::Owned(kept) = keep_sourced_iframes(&cleaned) {
                cleaned = kept;
            }
        }
        if let Cow::Owned(typed) = type_inputs(&cleaned) {
            cleaned = typed;
        }
        if cleaned.contains(RAW_HTML_OMITTED_MARKER) {
            cleaned.replace(RAW_HTML_OMITTED_MARKER, RAW_HTML_OMITTED)
        } else {
            cleaned
        }
    }
}

/// Removes every iframe without a `src` (the filter dropped any src off the allowlist) and
/// the content of the others (an iframe's content is raw text no browser shows; dropping it
/// leaves nothing to reinterpret). Runs over ammonia's serialization, so tag names are lower
/// case and attribute values are quoted.
fn keep_sourced_iframes(html: &str) -> Cow<'_, str> {
    const CLOSE: &str = "</iframe>";
    if !html.contains("<iframe") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut i) = (0, 0);
    while let Some(found) = html.get(i..).and_then(|rest| rest.find("<iframe")) {
        let at = i + found;
        let tag = match scan_tag(html, at) {
            Some(tag) if tag.name == "iframe" && matches!(tag.kind, TagKind::Start) => tag,
            _ => {
                i = at + 1;
                continue;
            }
        };
        let element_end = find_ascii_case_insensitive(html, tag.end, CLOSE)
            .map_or(html.len(), |close| close + CLOSE.len());
        out.push_str(&html[copied..at]);
        if attribute_names(&html[at..tag.end]).any(|name| name.eq_ignore_ascii_case("src")) {
            out.push_str(&html[at..tag.end]);
            out.push_str(CLOSE);
        }
        copied = element_end;
        i = element_end;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Gives every `<input>` without a `type` (the filter dropped it, or it was never written)
/// `type="checkbox"`: an untyped input is a text field, which could ask for a password.
/// Runs over ammonia's serialization, like [`keep_sourced_iframes`].
fn type_inputs(html: &str) -> Cow<'_, str> {
    if !html.contains("<input") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 32);
    let (mut copied, mut i) = (0, 0);
    while let Some(found) = html.get(i..).and_then(|rest| rest.find("<input")) {
        let at = i + found;
        i = at + 1;
        let Some(tag) = scan_tag(html, at) else {
            continue;
        };
        if tag.name != "input" || !matches!(tag.kind, TagKind::Start) {
            continue;
        }
        let source = &html[at..tag.end];
        if attribute_names(source).any(|name| name.eq_ignore_ascii_case("type")) {
            continue;
        }
        let close = if source.ends_with("/>") { 2 } else { 1 };
        out.push_str(&html[copied..tag.end - close]);
        out.push_str(" type=\"checkbox\"");
        copied = tag.end - close;
        i = tag.end;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The attribute names of one start tag (`<name a="1" b>`), skipping quoted values.
fn attribute_names(tag: &str) -> impl Iterator<Item = &str> {
    let bytes = tag.as_bytes();
    let name_end = bytes
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        .unwrap_or(bytes.len());
    let mut i = name_end;
    std::iter::from_fn(move || loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return None;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = &tag[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
        if !name.is_empty() {
            return Some(name);
        }
    })
}

/// Elements that never have content or an end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is text up to their end tag, so tags inside them are not tags.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// How far down the open-element stack an end tag looks for its start tag. Bounds the work per
/// tag so that thousands of stray end tags stay linear.
const END_TAG_SEARCH_DEPTH: usize = 32;

/// Drops start and end tags nested deeper than `max_depth`, keeping their content, so that the
/// HTML parser inside ammonia never sees deep trees (its cost grows with the square of the
/// depth). This is a conservative tag scanner, not a parser: it only needs to keep the depth
/// html5ever will build below the limit, and ammonia re-parses the result anyway.
pub fn bound_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    // Fast path: a document cannot be deeper than its number of tags.
    if memchr::memchr_iter(b'<', html.as_bytes())
        .nth(max_depth)
        .is_none()
    {
        return Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    // (element name as written, whether its tags were kept)
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut kept_depth = 0usize;
    let mut copied_to = 0;
    let mut i = 0;
    while let Some(found) = memchr_lt(bytes, i) {
        i = found;
        let Some(tag) = scan_tag(html, i) else {
            i += 1;
            continue;
        };
        let tag_end = tag.end;
        match tag.kind {
            TagKind::Start => {
                let name = tag.name;
                let is = |list: &[&str]| list.iter().any(|n| n.eq_ignore_ascii_case(name));
                if is(VOID_ELEMENTS) {
                    i = tag_end;
                    continue;
                }
                // Elements that close an open sibling of the same kind (`<li><li>`), so that
                // long lists without end tags do not count as deep.
                if let Some((top, kept)) = open.last() {
                    if implicitly_closes(top, name) {
                        if *kept {
                            kept_depth -= 1;
                        }
                        open.pop();
                    }
                }
                let keep = kept_depth < max_depth;
                if keep {
                    kept_depth += 1;
                } else {
                    out.push_str(&html[copied_to..i]);
                    copied_to = tag_end;
                }
                if is(RAW_TEXT_ELEMENTS) {
                    // Skip to the end tag; nothing inside is a tag. An unclosed one runs to
                    // the end of the input, as in a browser.
                    let close = format!("</{name}");
                    let rest_end = find_ascii_case_insensitive(html, tag_end, &close);
                    i = rest_end.unwrap_or(html.len());
                    open.push((name, keep));
                    continue;
                }
                open.push((name, keep));
            }
            TagKind::End => {
                let name = tag.name;
                let search_from = open.len().saturating_sub(END_TAG_SEARCH_DEPTH);
                if let Some(position) = open[search_from..]
                    .iter()
                    .rposition(|(open_name, _)| open_name.eq_ignore_ascii_case(name))
                    .map(|p| p + search_from)
                {
                    let was_kept = open[position].1;
                    for (_, kept) in open.drain(position..) {
                        if kept {
                            kept_depth -= 1;
                        }
                    }
                    if !was_kept {
                        out.push_str(&html[copied_to..i]);
                        copied_to = tag_end;
                    }
                }
            }
            TagKind::Other => {}
        }
        i = tag_end;
    }
    if copied_to == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied_to..]);
    Cow::Owned(out)
}

/// Whether a start tag `new` closes an open `open` of its kind (`<li>` an `<li>`, `<dd>` a
/// `<dt>`, …). Names in any case.
fn implicitly_closes(open: &str, new: &str) -> bool {
    const KINDS: &[(&str, u8)] = &[
        ("li", 0),
        ("p", 1),
        ("dt", 2),
        ("dd", 2),
        ("tr", 3),
        ("td", 4),
        ("th", 4),
        ("option", 5),
    ];
    let kind = |name: &str| {
        KINDS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|&(_, kind)| kind)
    };
    kind(open).is_some_and(|k| kind(new) == Some(k))
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'<', bytes.get(from..)?).map(|p| p + from)
}

fn find_ascii_case_insensitive(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

enum TagKind {
    Start,
    End,
    /// Comments, doctypes, processing instructions.
    Other,
}

struct Tag<'a> {
    kind: TagKind,
    name: &'a str,
    /// Byte offset just past the tag's `>`.
    end: usize,
}

/// Reads the tag starting at `html[at] == '<'`, if it is one.
fn scan_tag(html: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let rest = &bytes[at + 1..];
    if rest.starts_with(b"!--") {
        let end = html[at + 4..]
            .find("-->")
            .map_or(html.len(), |p| at + 4 + p + 3);
        return Some(Tag {
            kind: TagKind::Other,
            name: "",
            end,
        });
    }
    if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
        let end = html[at..].find('>').map_or(html.len(), |p| at + p + 1);
        return Some(Tag {
            kind: TagKind::Other,
            name: "",
            end,
        });
    }
    let (kind, name_start) = if rest.first() == Some(&b'/') {
        (TagKind::End, at + 2)
    } else {
        (TagKind::Start, at + 1)
    };
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = &html[name_start..name_start + name_len];
    // Find the closing `>`, skipping quoted attribute values.
    let mut quote = None;
    let mut j = name_start + name_len;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                return Some(Tag {
                    kind,
                    name,
                    end: j + 1,
                })
            }
            None => {}
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_text_without_markup_takes_the_short_path_to_the_same_text() {
        let sanitizer = Sanitizer::new();
        for title in [
            "Plain",
            "  spaced \t out\n over lines  ",
            "日本 😀 title",
            "a\u{a0}b\u{c}c",
            "\u{1}control\u{7f}",
            "quotes \" and ' and > alone",
            "",
        ] {
            let through_ammonia =
                text::first_element_text(&sanitizer.clean(&format!("<h2>{title}</h2>")));
            assert_eq!(
                sanitizer.heading_text(2, title),
                through_ammonia,
                "{title:?} should read the same without building a tree"
            );
        }
    }

    #[test]
    fn heading_text_is_the_sanitized_headings_text() {
        let sanitizer = Sanitizer::new();
        assert_eq!(
            sanitizer.heading_text(
                3,
                "A <em>b</em> <img src=x onerror=alert(1)><script>alert(2)</script> &amp;lt;c&amp;gt; &lt;d&gt;"
            ),
            "A b &lt;c&gt; <d>"
        );
        assert_eq!(
            sanitizer.heading_text(2, "a</h2><p>after the heading</p>"),
            "a",
            "what closes the heading early is not its text"
        );
        assert_eq!(sanitizer.heading_text(0, "<b>clamped</b>"), "clamped");
    }

    #[test]
    fn urls_with_control_characters_are_dropped() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean("<a href=\"\u{1}java\u{3}script:alert(1)\">x</a>"),
            "<a>x</a>"
        );
        assert_eq!(
            s.clean("<a href=\"java&#9;script:alert(1)\">x</a>"),
            "<a>x</a>"
        );
        assert_eq!(
            s.clean("<a href=\"/ok?q=1\">x</a>"),
            "<a href=\"/ok?q=1\">x</a>"
        );
    }

    #[test]
    fn keeps_hugo_footnote_markup() {
        let html = r##"<p>a<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>"##;
        assert_eq!(Sanitizer::new().clean(html), html);
    }

    #[test]
    /// A regression from the property test: the omitted-HTML text inside another comment
    /// was replaced, which ended that comment's `-->` early in the whole but not in pieces.
    fn the_omitted_html_comment_is_kept_only_where_it_is_a_comment_of_its_own() {
        let sanitizer = Sanitizer::with_policy(true, false);
        let html = "<!--<!-- raw HTML omitted --><b x='>'></b><p>";
        let whole = sanitizer.clean_whole(html);
        assert_eq!(whole, "<b></b><p></p>");
        assert_eq!(sanitizer.clean(html), whole);
        assert_eq!(sanitizer.clean(html), whole, "from the cache");
    }

    #[test]
    fn restores_the_raw_html_omitted_comment_and_drops_other_comments() {
        let html = "<p>a<!-- raw HTML omitted -->b<!-- other --></p>";
        assert_eq!(
            Sanitizer::new().clean(html),
            "<p>a<!-- raw HTML omitted -->b</p>"
        );
    }

    #[test]
    fn removes_script_and_event_handlers() {
        let html =
            r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a></p>"#;
        assert_eq!(Sanitizer::new().clean(html), "<p>a<a>b</a></p>");
    }

    #[test]
    fn keeps_data_attributes() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean(r#"<div data-x="y" data-json="{&quot;a&quot;:1}" onclick="z">a</div>"#),
            r#"<div data-x="y" data-json="{&quot;a&quot;:1}">a</div>"#
        );
    }

    #[test]
    fn style_values_cannot_load_or_run_anything() {
        let s = Sanitizer::new();
        for style in [
            "background-color:url(https://evil.example/x)",
            "color:expression(alert(1))",
            "color:red\\3b position:fixed",
            "color:/**/red",
            "color:\"red\"",
            "position:fixed;top:0",
            "background-image:none",
            "behavior:url(x.htc)",
        ] {
            let html = format!("<span style='{style}'>x</span>");
            assert_eq!(s.clean(&html), "<span>x</span>", "{style}");
        }
        assert_eq!(
            s.clean("<span style=\"color:#f92672;position:fixed;font-weight:bold\">x</span>"),
            "<span style=\"color:#f92672;font-weight:bold\">x</span>"
        );
        assert_eq!(
            s.clean("<pre tabindex=\"0\" style=\"color:#f8f8f2;background-color:#272822;-moz-tab-size:4;-o-tab-size:4;tab-size:4;\"><code><span style=\"display:flex;\">x</span></code></pre>"),
            "<pre tabindex=\"0\" style=\"color:#f8f8f2;background-color:#272822;-moz-tab-size:4;-o-tab-size:4;tab-size:4;\"><code><span style=\"display:flex;\">x</span></code></pre>"
        );
    }

    #[test]
    fn keeps_plain_styles_and_drops_the_rest() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean(r#"<table><tbody><tr><td style="text-align:right">1</td><td style="color:red">2</td><td style="position:fixed">3</td></tr></tbody></table>"#),
            r#"<table><tbody><tr><td style="text-align:right">1</td><td style="color:red">2</td><td>3</td></tr></tbody></table>"#
        );
    }

    #[test]
    fn keeps_checkboxes_and_radio_buttons_but_no_text_fields() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean(r#"<input checked="" disabled="" type="checkbox">"#),
            r#"<input checked="" disabled="" type="checkbox">"#
        );
        assert_eq!(
            s.clean(r#"<input type="password">"#),
            r#"<input type="checkbox">"#
        );
        assert_eq!(s.clean("<input>"), r#"<input type="checkbox">"#);
        assert_eq!(
            s.clean(r#"<p title="<input"><input name="x" value="secret"/></p>"#),
            r#"<p title="&lt;input"><input name="x" type="checkbox"></p>"#
        );
        assert_eq!(
            s.clean(r#"<input type=" TEXT ">"#),
            r#"<input type="checkbox">"#
        );
    }

    #[test]
    fn keeps_css_only_tabs_radio_buttons_and_labels() {
        let s = Sanitizer::new();
        let tabs = r#"<input checked="checked" class="toggle" id="t-0" name="t" type="radio"> <label for="t-0">macOS</label>"#;
        assert_eq!(s.clean(tabs), tabs);
    }

    #[test]
    fn flattens_nesting_beyond_the_limit_keeping_text() {
        let depth = 5_000;
        let html = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let bounded = bound_nesting(&html, 100);
        assert_eq!(bounded.matches("<div>").count(), 100);
        assert_eq!(bounded.matches("</div>").count(), 100);
        assert!(bounded.contains('x'));
    }

    #[test]
    fn the_sanitizer_bounds_nesting_per_top_level_block() {
        let deep = |depth: usize| format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
        // Blocks side by side each stay under the limit: nothing is flattened.
        let siblings = deep(MAX_HTML_NESTING - 8).repeat(3);
        assert_eq!(Sanitizer::new().clean(&siblings), siblings);
        // One block deeper than the limit keeps MAX_HTML_NESTING of its elements.
        let cleaned = Sanitizer::new().clean(&deep(MAX_HTML_NESTING * 3));
        assert_eq!(cleaned.matches("<div>").count(), MAX_HTML_NESTING);
        assert_eq!(cleaned.matches("</div>").count(), MAX_HTML_NESTING);
    }

    #[test]
    fn lists_without_end_tags_do_not_count_as_deep() {
        let html = format!("<ul>{}</ul>", "<li>item".repeat(1_000));
        assert_eq!(bound_nesting(&html, 10), html);
    }

    #[test]
    fn tags_inside_raw_text_elements_are_not_counted() {
        let html = format!(
            "<script>{}</script>{}",
            "<div>".repeat(500),
            "<p>x</p>".repeat(200)
        );
        assert_eq!(bound_nesting(&html, 10), html);
    }

    const YOUTUBE: &str = r#"<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"><iframe allow="autoplay; fullscreen" loading="eager" referrerpolicy="strict-origin-when-cross-origin" src="https://www.youtube.com/embed/x?autoplay=0&amp;mute=0" style="position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;" title="YouTube video"></iframe></div>"#;

    #[test]
    fn keeps_hugos_video_embed_when_embeds_are_allowed() {
        assert_eq!(Sanitizer::with_embeds(true).clean(YOUTUBE), YOUTUBE);
        let vimeo = r#"<div class="v"><iframe src="https://player.vimeo.com/video/1?dnt=0" allow="fullscreen" webkitallowfullscreen="" mozallowfullscreen="" allowfullscreen=""></iframe></div>"#;
        assert_eq!(Sanitizer::with_embeds(true).clean(vimeo), vimeo);
    }

    #[test]
    fn removes_every_iframe_without_embeds() {
        assert_eq!(
            Sanitizer::new().clean(YOUTUBE),
            "<div></div>",
            "no iframe and no wrapper style"
        );
    }

    #[test]
    fn removes_iframes_from_unlisted_hosts() {
        let s = Sanitizer::with_embeds(true);
        for src in [
            "https://evil.example/embed/x",
            "https://www.youtube.com.evil.example/embed/x",
            "//www.youtube.com/embed/x",
            "http://www.youtube.com/embed/x",
            " https://www.youtube.com/embed/x",
        ] {
            let html = format!(r#"<p>a<iframe src="{src}">inner <b>text</b></iframe>b</p>"#);
            assert_eq!(s.clean(&html), "<p>ab</p>", "{src}");
        }
        assert_eq!(
            s.clean("<iframe></iframe>x"),
            "x",
            "an iframe without src goes"
        );
    }

    #[test]
    fn removes_script_urls_from_allowed_iframes() {
        let s = Sanitizer::with_embeds(true);
        let html = r#"<iframe src="javascript:alert(1)//https://www.youtube.com/embed/"></iframe>"#;
        assert_eq!(s.clean(html), "");
        let html = r#"<iframe srcdoc="<script>alert(1)</script>" src="https://www.youtube.com/embed/x" onload="alert(1)">t</iframe>"#;
        assert_eq!(
            s.clean(html),
            r#"<iframe src="https://www.youtube.com/embed/x"></iframe>"#
        );
    }

    #[test]
    fn keeps_only_hugos_embed_styles() {
        let s = Sanitizer::with_embeds(true);
        assert_eq!(
            s.clean(r#"<div style="position: fixed; top: 0">x</div>"#),
            "<div>x</div>"
        );
        assert_eq!(
            s.clean(r#"<p style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;">x</p>"#),
            "<p>x</p>"
        );
    }

    #[test]
    fn removes_data_urls_except_images() {
        let s = Sanitizer::with_embeds(true);
        for href in [
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html,x",
            "da\nta:text/html,x",
            " data:image/png;base64,AA",
        ] {
            let html = format!(r#"<a href="{href}">x</a>"#);
            assert_eq!(s.clean(&html), "<a>x</a>", "{href:?}");
        }
        let html =
            r#"<iframe src="data:text/html,x"></iframe><blockquote cite="data:x">q</blockquote>"#;
        assert_eq!(s.clean(html), "<blockquote>q</blockquote>");
    }

    #[test]
    fn keeps_data_image_urls_on_images() {
        let svg =
            r#"<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="132" height="132">"#;
        assert_eq!(Sanitizer::new().clean(svg), svg);
        let png = r#"<img src="data:image/png;base64,iVBORw0KGgo=">"#;
        assert_eq!(Sanitizer::new().clean(png), png);
        assert_eq!(
            Sanitizer::new().clean(r#"<img src="data:text/html;base64,PHNjcmlwdD4=">"#),
            "<img>"
        );
    }
}
