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
///
/// ammonia matches elements and attributes by their local name, whatever their namespace: an
/// SVG name listed here is kept only inside `<svg>` because ammonia drops an element whose
/// namespace a browser would not give it where it stands (`check_expected_namespace`: HTML
/// switches to SVG only at `<svg>`, SVG to HTML only inside `foreignObject`, which is not
/// kept), and the few names both languages share are settled by `foreign_content` after
/// ammonia. MathML names likewise: HTML switches to MathML only at `<math>`, and MathML to
/// HTML (or SVG at `<svg>`) only inside a token element (`mi`, `mo`, `mn`, `ms`, `mtext`)
/// or an `annotation-xml` for HTML, which is not kept; what ammonia leaves inside a token
/// is removed by `math_text_only` after it (see [`MATHML_TEXT_ONLY`]).
pub mod policy {
    /// HTML elements kept. ammonia's default list plus what Hugo output and the article preview
    /// use (`input` for task lists, `article`/`header`/`section`/`nav`/`time` for the page),
    /// and `button`, which themes' tab bars and copy buttons draw: always `type="button"` (set
    /// by the builder) with no form attribute, so outside a form it does nothing but take
    /// focus and clicks for the page's own script.
    /// Never `script`, `style`, `iframe`, `object`, `embed`, `form`, `textarea` or `select`:
    /// `style` is what ammonia's mXSS advisories needed, and forms send data. MathML is kept
    /// only as [`MATHML_TAGS`], with text alone in its token elements ([`MATHML_TEXT_ONLY`]).
    /// `iframe` is added only by [`Options::embeds`](super::Options::embeds), and then only
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
        "button",
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

    /// Inline SVG: the drawing subset themes' icons use (Hextra, Blowfish, Docsy, FixIt and
    /// geekdoc draw callouts, cards and icons this way). Shapes, text, grouping, reuse,
    /// gradients, clipping and masks draw and load nothing. Not kept: `foreignObject` (HTML
    /// inside SVG: where namespace confusion starts), `script`, `style` (a stylesheet, with
    /// `@import`), `a` (links stay HTML links), `image` and `feImage` (they load URLs),
    /// `animate`, `animateMotion`, `animateTransform`, `set` (they can rewrite an `href` into
    /// `javascript:` after sanitizing), filters, `switch` and `view`.
    /// `title` is SVG's tooltip here; the HTML `<title>` of the same name is removed after
    /// ammonia (`foreign_content`), and an SVG `a` is unwrapped there, keeping its drawing.
    pub const SVG_TAGS: &[&str] = &[
        "circle",
        "clipPath",
        "defs",
        "desc",
        "ellipse",
        "g",
        "line",
        "linearGradient",
        "mask",
        "path",
        "pattern",
        "polygon",
        "polyline",
        "radialGradient",
        "rect",
        "stop",
        "svg",
        "symbol",
        "text",
        "title",
        "tspan",
        "use",
    ];

    /// Attributes kept on the elements of [`SVG_TAGS`]: geometry, presentation and the
    /// units of gradients, patterns, clips and masks. None holds script; those that can hold
    /// a CSS `url()` (`fill`, `stroke`, `clip-path`, `mask`) keep it only as a reference into
    /// the page (`url(#id)`, see `svg_value_is_local`), so nothing is fetched. `href` is
    /// kept only on [`SVG_FRAGMENT_HREF`]. `xmlns` and
    /// `xmlns:xlink` (local name `xlink`) are inert in HTML.
    pub const SVG_ATTRIBUTES: &[&str] = &[
        "clip-path",
        "clip-rule",
        "clipPathUnits",
        "color",
        "cx",
        "cy",
        "d",
        "display",
        "dominant-baseline",
        "dx",
        "dy",
        "fill",
        "fill-opacity",
        "fill-rule",
        "focusable",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "fr",
        "fx",
        "fy",
        "gradientTransform",
        "gradientUnits",
        "height",
        "mask",
        "maskContentUnits",
        "maskUnits",
        "offset",
        "opacity",
        "pathLength",
        "patternContentUnits",
        "patternTransform",
        "patternUnits",
        "points",
        "preserveAspectRatio",
        "r",
        "refX",
        "refY",
        "rotate",
        "rx",
        "ry",
        "shape-rendering",
        "spreadMethod",
        "stop-color",
        "stop-opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "textLength",
        "transform",
        "vector-effect",
        "version",
        "viewBox",
        "visibility",
        "width",
        "x",
        "x1",
        "x2",
        "xlink",
        "xmlns",
        "y",
        "y1",
        "y2",
    ];

    /// SVG elements whose `href` (and `xlink:href`, which ammonia sees by its local name
    /// `href`) is kept, as a fragment (`#id`) only: `use` draws a symbol of the page
    /// (geekdoc's `<use href="#gdoc_github">`), gradients and patterns inherit from another.
    /// A URL (`data:`, another document) could bring in markup from elsewhere.
    pub const SVG_FRAGMENT_HREF: &[&str] = &["use", "linearGradient", "radialGradient", "pattern"];

    /// MathML: the elements KaTeX 0.18.4's MathML builder writes (Hugo's `transform.ToMath`),
    /// and `ms` and `mlabeledtr` of the same kinds (a string token, a table row with a label).
    /// They lay out text and load nothing. Not kept: `annotation-xml` (an HTML integration
    /// point: with `encoding="text/html"` its content is read as HTML), `mglyph` (it loads
    /// its `src` as an image, and the HTML parser keeps it MathML inside a token element,
    /// where the DOMPurify bypasses start), `malignmark` (the parser's other special case),
    /// `maction` (it reacts to clicks and hovers where an engine implements it), and every
    /// Content MathML element. No MathML element keeps `href`, `xlink:href`, `src` or
    /// `altimg` (not listed: Firefox has followed `href` on any MathML element). ammonia keeps
    /// these names only below `<math>` (see the module's note), and [`MATHML_TEXT_ONLY`]
    /// settles what they may hold.
    pub const MATHML_TAGS: &[&str] = &[
        "annotation",
        "math",
        "menclose",
        "mfrac",
        "mi",
        "mlabeledtr",
        "mn",
        "mo",
        "mover",
        "mpadded",
        "mphantom",
        "mroot",
        "mrow",
        "ms",
        "mspace",
        "msqrt",
        "mstyle",
        "msub",
        "msubsup",
        "msup",
        "mtable",
        "mtd",
        "mtext",
        "mtr",
        "munder",
        "munderover",
        "semantics",
    ];

    /// MathML elements that hold text only: the token elements (`mi`, `mo`, `mn`, `ms`,
    /// `mtext`), where the HTML parser reads HTML again (text integration points), and
    /// `annotation`, where KaTeX writes the formula's TeX source as text. After ammonia, every
    /// element inside one of them is removed with its content (`math_text_only`); text
    /// directly inside stays. A token is where HTML could enter MathML (ammonia keeps HTML
    /// there, as the standard allows), so with this rule kept MathML holds no HTML at all.
    pub const MATHML_TEXT_ONLY: &[&str] = &["annotation", "mi", "mn", "mo", "ms", "mtext"];

    /// Attributes kept on every element of [`MATHML_TAGS`]: the presentation attributes KaTeX
    /// writes (sizes, spacing, variants, table lines and alignment, colours) and the few of
    /// the same kind MathML defines beside them (`movablelimits`, `symmetric`, `frame`,
    /// `framespacing`, `side`). None is a URL; their values pass the same check as SVG paint
    /// (`svg_value_is_local`), so no `url()` reaches outside the page and a colour is a name,
    /// `#hex` or a colour function.
    pub const MATHML_ATTRIBUTES: &[&str] = &[
        "accent",
        "accentunder",
        "columnalign",
        "columnlines",
        "columnspacing",
        "depth",
        "displaystyle",
        "fence",
        "frame",
        "framespacing",
        "height",
        "largeop",
        "linebreak",
        "linethickness",
        "lspace",
        "mathbackground",
        "mathcolor",
        "mathsize",
        "mathvariant",
        "maxsize",
        "minsize",
        "movablelimits",
        "notation",
        "rowlines",
        "rowspacing",
        "rspace",
        "scriptlevel",
        "separator",
        "side",
        "stretchy",
        "symmetric",
        "voffset",
        "width",
    ];

    /// Attributes kept on particular MathML elements, with the same value check: `display`
    /// (`block` or `inline`) and `xmlns` (inert in HTML) on `math`, and `encoding` (the
    /// annotation's format, `application/x-tex`) on `annotation`.
    pub const MATHML_TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
        ("annotation", &["encoding"]),
        ("math", &["display", "xmlns"]),
    ];

    /// Attributes kept on every element. `id` keeps heading anchors and footnote targets
    /// working (Hugo's own output depends on them); `class` carries Hugo's markup
    /// (`footnote-ref`, `language-go`, `highlight`). Accessibility and widgets: `role`
    /// (the footnotes' ARIA roles, themes' tab lists), `tabindex` (Hugo's `<pre tabindex="0">`,
    /// keyboard-reachable tabs), `hidden` (closed tab panels); `title`, `lang` and `dir` are
    /// inert. `style` is filtered to [`STYLE_PROPERTIES`]. None of these holds a URL or script.
    pub const GENERIC_ATTRIBUTES: &[&str] = &[
        "class", "dir", "hidden", "id", "lang", "role", "style", "tabindex", "title",
    ];

    /// Attribute name prefixes kept on every element: `aria-*` (its values are text or id
    /// references read by assistive technology; no browser runs or loads them).
    pub const GENERIC_ATTRIBUTE_PREFIXES: &[&str] = &["aria-"];

    /// The prefix kept on every element only with
    /// [`Options::data_attributes`](super::Options::data_attributes): the page that shows
    /// the preview may run scripts that act on `data-*` wherever it appears (Bootstrap's
    /// `data-target` XSS class), so content does not get to write them by default.
    pub const DATA_ATTRIBUTE_PREFIX: &str = "data-";

    /// Attributes kept on particular HTML elements.
    pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
        // `rel` and `target` are kept as written (Hugo's `figure` writes both); ammonia's
        // default of forcing `rel="noopener noreferrer"` on every link is turned off so links
        // match Hugo's output. Browsers imply `noopener` for `target="_blank"`.
        ("a", &["href", "hreflang", "rel", "target"]),
        // `decoding` (a hint: decode off the main thread) as themes write it.
        ("img", &["alt", "decoding", "height", "src", "width", "loading"]),
        // Hugo's code blocks: `<code data-lang="go">`, kept with data attributes off.
        ("code", &["data-lang"]),
        // Task lists: `<input checked="" disabled="" type="checkbox">`; see `filter_attribute`.
        // and themes' CSS-only tabs and toggles: radio buttons in a group (`name`), each
        // with a `<label for>`. Without a form, an input sends nothing anywhere.
        ("input", &["checked", "disabled", "name", "type"]),
        ("label", &["for"]),
        // `type` is always `button` (set by the builder, see `BUTTON_TYPE`); no `form`,
        // `formaction`, `name`, `value`, `popovertarget` or `commandfor` (which could act on
        // elements of the page that shows the preview).
        ("button", &["disabled"]),
        ("ol", &["start", "reversed", "type"]),
        ("li", &["value"]),
        ("th", &["align", "colspan", "rowspan"]),
        ("td", &["align", "colspan", "rowspan"]),
        ("col", &["span"]),
        ("colgroup", &["span"]),
        // Hugo's `details` shortcode; `open` keeps an expanded block expanded.
        ("details", &["open", "name"]),
        ("time", &["datetime"]),
        ("data", &["value"]),
        ("del", &["cite", "datetime"]),
        ("ins", &["cite", "datetime"]),
        ("q", &["cite"]),
        ("blockquote", &["cite"]),
    ];

    /// Every `<button>` gets `type="button"`, replacing whatever was written: a submit button
    /// could submit a form of the page that shows the preview (through an ancestor form).
    pub const BUTTON_TYPE: (&str, &str, &str) = ("button", "type", "button");

    /// URL schemes allowed in `href` and `src`; relative URLs pass through. No `javascript:`
    /// or `vbscript:`. `data:` and `blob:` are in the list only because ammonia's list is
    /// global: the attribute filter keeps them on `img src` alone, `data:` only for
    /// `data:image/…` (an image cannot run script; the `qr` shortcode draws its code as an
    /// SVG data URL; `blob:` is the page's own object URL, which an embedder gives for a
    /// site's images).
    pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp", "data", "blob"];

    /// Embeds (only with [`Options::embeds`](super::Options::embeds)): iframes whose `src`
    /// starts with one of these, i.e. the players Hugo's `youtube` and `vimeo` shortcodes
    /// point at. Any other iframe is removed with its content.
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

    /// Hugo's responsive video wrapper and player styles, written by its `youtube` and
    /// `vimeo` templates, kept exactly as written on `div` and `iframe` (with embeds; they
    /// position the player over its wrapper).
    pub const EMBED_STYLES: &[&str] = &[
        "position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;",
        "position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;",
    ];

    /// Inline style properties kept, on any element, with plain values only (see
    /// `filter_style`): colours, backgrounds (a colour: no image can pass the value check),
    /// fonts (a family is only used if the page loaded it: no `@font-face` gets through),
    /// text, spacing, borders (not `border-image`), sizes, display and visibility, flex and
    /// grid layout, position (not `fixed`: nothing is pinned over the page), overflow, list
    /// markers (the type, not `list-style-image`), cursor keywords, opacity, transforms, SVG
    /// paint, and what Chroma's inline-style highlighting writes. None of these loads or runs
    /// anything given a value without `url()`.
    pub const STYLE_PROPERTIES: &[&str] = &[
        "-moz-tab-size",
        "-o-tab-size",
        "-webkit-text-size-adjust",
        "-webkit-user-select",
        "align-content",
        "align-items",
        "align-self",
        "aspect-ratio",
        "background",
        "background-color",
        "border",
        "border-bottom",
        "border-bottom-color",
        "border-bottom-left-radius",
        "border-bottom-right-radius",
        "border-bottom-style",
        "border-bottom-width",
        "border-collapse",
        "border-color",
        "border-left",
        "border-left-color",
        "border-left-style",
        "border-left-width",
        "border-radius",
        "border-right",
        "border-right-color",
        "border-right-style",
        "border-right-width",
        "border-spacing",
        "border-style",
        "border-top",
        "border-top-color",
        "border-top-left-radius",
        "border-top-right-radius",
        "border-top-style",
        "border-top-width",
        "border-width",
        "bottom",
        "box-shadow",
        "box-sizing",
        "clear",
        "color",
        "column-gap",
        "cursor",
        "display",
        "fill",
        "fill-opacity",
        "flex",
        "flex-basis",
        "flex-direction",
        "flex-flow",
        "flex-grow",
        "flex-shrink",
        "flex-wrap",
        "float",
        "font",
        "font-family",
        "font-size",
        "font-style",
        "font-variant",
        "font-weight",
        "gap",
        "grid-area",
        "grid-auto-columns",
        "grid-auto-flow",
        "grid-auto-rows",
        "grid-column",
        "grid-column-end",
        "grid-column-start",
        "grid-row",
        "grid-row-end",
        "grid-row-start",
        "grid-template-columns",
        "grid-template-rows",
        "height",
        "justify-content",
        "justify-items",
        "justify-self",
        "left",
        "letter-spacing",
        "line-height",
        "list-style-type",
        "margin",
        "margin-bottom",
        "margin-left",
        "margin-right",
        "margin-top",
        "max-height",
        "max-width",
        "min-height",
        "min-width",
        "opacity",
        "order",
        "outline",
        "overflow",
        "overflow-wrap",
        "overflow-x",
        "overflow-y",
        "padding",
        "padding-bottom",
        "padding-left",
        "padding-right",
        "padding-top",
        "place-content",
        "place-items",
        "position",
        "right",
        "row-gap",
        "stroke",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "stroke-width",
        "tab-size",
        "text-align",
        "text-decoration",
        "text-decoration-color",
        "text-decoration-line",
        "text-decoration-style",
        "text-indent",
        "text-overflow",
        "text-shadow",
        "text-transform",
        "top",
        "transform",
        "transform-origin",
        "user-select",
        "vertical-align",
        "visibility",
        "white-space",
        "width",
        "word-break",
        "word-spacing",
        "word-wrap",
        "z-index",
    ];

    /// CSS functions a kept style value may call: colours, arithmetic, custom properties
    /// (`var()`: a custom property set inline passes the same value filter, so it holds
    /// nothing that could load or pin) and transforms. None loads anything. Any other function (`url`, `image-set`,
    /// `expression`, `element`, `paint`, gradients, which are images) drops the declaration.
    pub const STYLE_FUNCTIONS: &[&str] = &[
        "calc",
        "clamp",
        "fit-content",
        "hsl",
        "hsla",
        "hwb",
        "lab",
        "lch",
        "matrix",
        "matrix3d",
        "max",
        "min",
        "minmax",
        "oklab",
        "oklch",
        "perspective",
        "repeat",
        "rgb",
        "rgba",
        "rotate",
        "rotate3d",
        "rotatex",
        "rotatey",
        "rotatez",
        "scale",
        "scale3d",
        "scalex",
        "scaley",
        "skew",
        "skewx",
        "skewy",
        "translate",
        "translate3d",
        "translatex",
        "translatey",
        "var",
    ];
}

// Goldmark's placeholder for omitted raw HTML. ammonia drops comments (they can carry
// conditional-comment payloads), so this one fixed comment is carried through as a marker and
// restored afterwards: it is our own text, never user markup.
use crate::rules::RAW_HTML_OMITTED;
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
/// [`Options::embeds`].
fn filter_attribute<'v>(
    element: &str,
    attribute: &str,
    value: &'v str,
    embeds: bool,
) -> Option<Cow<'v, str>> {
    // `data:` and `blob:` (the page's own objects: an embedder's images of a site given as
    // files) load only as an image's source, never as a link or a frame.
    if matches!(url_scheme(value).as_deref(), Some("data" | "blob"))
        && !(element == "img" && attribute == "src")
        && is_url_attribute(attribute)
    {
        return None;
    }
    // A URL with control characters in it is never a real link; browsers skip some of them
    // when they read the scheme, so such a URL is never trusted as relative.
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
        // The builder sets it; nothing else is a button's type.
        ("button", "type") => (value == policy::BUTTON_TYPE.2).then_some(Cow::Borrowed(value)),
        // SVG references into the page only: `#id`, nothing a URL parser would read as a
        // scheme or another document.
        (_, "href") if policy::SVG_FRAGMENT_HREF.contains(&element) => {
            is_fragment(value).then_some(Cow::Borrowed(value))
        }
        // SVG paint and geometry: a `url()` only as a reference into the page.
        (_, "fill" | "stroke" | "clip-path" | "mask") if policy::SVG_TAGS.contains(&element) => {
            svg_value_is_local(value).then_some(Cow::Borrowed(value))
        }
        // MathML presentation (lengths, keywords, colours): the same check as SVG paint, so
        // a value holds no `url()` to anything outside the page, no escape and no quote.
        _ if is_mathml_attribute(element, attribute) => {
            svg_value_is_local(value).then_some(Cow::Borrowed(value))
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Whether `attribute` is one of the policy's MathML attributes of `element` (the generic
/// ones, such as `class` and `style`, are not: they have their own rules).
fn is_mathml_attribute(element: &str, attribute: &str) -> bool {
    policy::MATHML_TAGS.contains(&element)
        && (policy::MATHML_ATTRIBUTES.contains(&attribute)
            || policy::MATHML_TAG_ATTRIBUTES
                .iter()
                .any(|&(tag, attributes)| tag == element && attributes.contains(&attribute)))
}

/// `#` and an id of plain characters (no space, quote, `(`, `:` or `\`).
fn is_fragment(value: &str) -> bool {
    value.strip_prefix('#').is_some_and(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b) || b >= 0x80)
    })
}

/// A presentation attribute's value (a colour, `none`, `url(#id)` and a fallback) that can
/// reference nothing outside the page: every `url(` is `url(#id)`, and nothing is escaped.
fn svg_value_is_local(value: &str) -> bool {
    if value.contains(['\\', '"', '\'']) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('(') {
        let function = rest[..at]
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        let inside = &rest[at + 1..];
        let Some(close) = inside.find(')') else {
            return false;
        };
        let argument = inside[..close].trim();
        let local = function == "url" && is_fragment(argument);
        let colour = matches!(function, "rgb" | "rgba" | "hsl" | "hsla")
            && argument
                .bytes()
                .all(|b| b" .,%/-".contains(&b) || b.is_ascii_alphanumeric());
        if !(local || colour) {
            return false;
        }
        rest = &inside[close + 1..];
    }
    true
}

/// An inline style with only the declarations of [`policy::STYLE_PROPERTIES`] and custom
/// properties (`--cols: 3`, which themes set for their own CSS to read) whose values are
/// plain (see `style_value_is_plain`); unchanged when every declaration passes, `None` when
/// none does.
fn filter_style(value: &str) -> Option<Cow<'_, str>> {
    let allowed = |declaration: &str| {
        let Some((property, plain)) = declaration.split_once(':') else {
            return false;
        };
        let property = property.trim();
        (is_custom_property(property)
            || policy::STYLE_PROPERTIES
                .iter()
                .any(|p| p.eq_ignore_ascii_case(property)))
            && style_value_is_plain(property, plain)
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

/// A custom property's name: `--` and at least one letter, digit, `-` or `_` (no escapes).
fn is_custom_property(property: &str) -> bool {
    property.strip_prefix("--").is_some_and(|name| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// Whether a declaration's value can neither load nor run anything, nor pin an element over
/// the page: letters, digits, spaces, `# % . , - + * / ! ( ) _` and quotes only (no `\`, so
/// no escape; no `:`, `@`, `;`, `{`, `<`), every string closed within the declaration (so
/// the browser splits declarations where we do; a string itself loads nothing: `font-family:
/// 'Open Sans'`), no comment (`/*`), every function one of [`policy::STYLE_FUNCTIONS`] (so no
/// `url(`, `image-set(`, `expression(`, wherever it stands, even in a string), no `behavior`,
/// and `position` never `fixed`; nor a custom property, which the site's CSS may read into
/// `position` through `var()`.
fn style_value_is_plain(property: &str, value: &str) -> bool {
    let value = value.trim();
    if value.is_empty()
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" \t\n#%.,-+*/!()_\"'".contains(&b))
        || value.contains("/*")
    {
        return false;
    }
    let mut quote = None;
    for b in value.bytes() {
        match quote {
            Some(q) if b == q => quote = None,
            None if b == b'"' || b == b'\'' => quote = Some(b),
            _ => {}
        }
    }
    if quote.is_some() {
        return false;
    }
    let contains = |needle: &str| {
        value
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    let may_position = property.eq_ignore_ascii_case("position") || property.starts_with("--");
    if contains("behavior") || (may_position && contains("fixed")) {
        return false;
    }
    let mut depth = 0usize;
    for (at, b) in value.bytes().enumerate() {
        match b {
            b'(' => {
                let start = value[..at]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .map_or(0, |p| p + 1);
                let function = &value[start..at];
                if !policy::STYLE_FUNCTIONS
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(function))
                {
                    return false;
                }
                depth += 1;
            }
            b')' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
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
    /// A `Renderer` is used by one thread at a time (it is not `Send`): a `RefCell` is enough.
    cache: std::cell::RefCell<PieceCache>,
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

/// The switches a caller sets on the policy (from [`crate::RenderOptions`]). All off: no
/// iframe, no `data-*` attribute but Hugo's `data-lang`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Iframes from [`policy::IFRAME_SOURCES`] with [`policy::IFRAME_ATTRIBUTES`], and Hugo's
    /// wrapper styles on `div`/`iframe` ([`crate::RenderOptions::embeds`]).
    pub embeds: bool,
    /// `data-source-line` with a decimal number on any element
    /// ([`crate::RenderOptions::source_lines`]).
    pub source_lines: bool,
    /// Every `data-*` attribute ([`crate::RenderOptions::allow_data_attributes`]).
    pub data_attributes: bool,
}

impl Sanitizer {
    /// The policy with every switch off: no iframe survives.
    pub fn new() -> Sanitizer {
        Sanitizer::with_options(Options::default())
    }

    /// The policy, plus (when `embeds` is true) the embeds of [`Options::embeds`] (tests).
    #[cfg(any(test, feature = "internals"))]
    pub fn with_embeds(embeds: bool) -> Sanitizer {
        Sanitizer::with_options(Options {
            embeds,
            ..Options::default()
        })
    }

    /// The policy with the caller's switches.
    pub fn with_options(options: Options) -> Sanitizer {
        let embeds = options.embeds;
        let mut tags: HashSet<&'static str> = policy::TAGS
            .iter()
            .chain(policy::SVG_TAGS)
            .chain(policy::MATHML_TAGS)
            .copied()
            .collect();
        let mut tag_attributes: HashMap<&'static str, HashSet<&'static str>> =
            policy::TAG_ATTRIBUTES
                .iter()
                .map(|&(tag, attributes)| (tag, attributes.iter().copied().collect()))
                .collect();
        for &tag in policy::SVG_TAGS {
            let attributes = tag_attributes.entry(tag).or_default();
            attributes.extend(policy::SVG_ATTRIBUTES);
            if policy::SVG_FRAGMENT_HREF.contains(&tag) {
                attributes.insert("href");
            }
        }
        for &tag in policy::MATHML_TAGS {
            tag_attributes
                .entry(tag)
                .or_default()
                .extend(policy::MATHML_ATTRIBUTES);
        }
        for &(tag, attributes) in policy::MATHML_TAG_ATTRIBUTES {
            tag_attributes.entry(tag).or_default().extend(attributes);
        }
        if embeds {
            tags.insert("iframe");
            tag_attributes.insert(
                "iframe",
                policy::IFRAME_ATTRIBUTES.iter().copied().collect(),
            );
        }
        let (button, button_type, button_value) = policy::BUTTON_TYPE;
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .generic_attributes(
                policy::GENERIC_ATTRIBUTES
                    .iter()
                    .copied()
                    .chain(options.source_lines.then_some("data-source-line"))
                    .collect(),
            )
            .tag_attributes(tag_attributes)
            .set_tag_attribute_value(button, button_type, button_value)
            .generic_attribute_prefixes(
                policy::GENERIC_ATTRIBUTE_PREFIXES
                    .iter()
                    .copied()
                    .chain(
                        options
                            .data_attributes
                            .then_some(policy::DATA_ATTRIBUTE_PREFIX),
                    )
                    .collect(),
            )
            .url_schemes(policy::URL_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            // Elements whose content must go with them, not be unwrapped into text (in HTML
            // and in SVG: an SVG `<style>` is a stylesheet too).
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
        self.cache.borrow_mut().rotate();
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
        let mut cache = self.cache.borrow_mut();
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
        if let Cow::Owned(settled) = foreign_content(&cleaned) {
            cleaned = settled;
        }
        if let Cow::Owned(text_only) = math_text_only(&cleaned) {
            cleaned = text_only;
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

/// Settles the element names HTML and SVG share, which ammonia's lists (by local name) cannot
/// tell apart: an HTML `<title>` (outside `<svg>`; it would retitle the page that shows the
/// preview) is removed with its text, and an SVG `<a>` (a link; the policy keeps links in
/// HTML only) is unwrapped, keeping its drawing. Runs over ammonia's serialization, where
/// inside `<svg>` every element is SVG (ammonia removed HTML there: no `foreignObject` is
/// kept) and has an end tag, and text and attribute values hide no tag (`scan_tag` skips
/// quoted values, and text has `<` escaped).
fn foreign_content(html: &str) -> Cow<'_, str> {
    let may_change = html.contains("<title") || (html.contains("<svg") && html.contains("<a"));
    if !may_change {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    // Elements open inside the outermost `<svg>` (itself included), and the depths at which
    // an unwrapped `<a>` was opened.
    let mut svg_depth = 0usize;
    let mut unwrapped: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(at) = memchr_lt(html.as_bytes(), i) {
        let Some(tag) = scan_tag(html, at) else {
            i = at + 1;
            continue;
        };
        i = tag.end;
        match tag.kind {
            TagKind::Start if svg_depth == 0 => {
                if tag.name == "svg" {
                    svg_depth = 1;
                } else if tag.name == "title" {
                    const CLOSE: &str = "</title>";
                    let end = html[tag.end..]
                        .find(CLOSE)
                        .map_or(html.len(), |p| tag.end + p + CLOSE.len());
                    out.push_str(&html[copied..at]);
                    copied = end;
                    i = end;
                }
            }
            TagKind::Start => {
                svg_depth += 1;
                if tag.name == "a" {
                    unwrapped.push(svg_depth);
                    out.push_str(&html[copied..at]);
                    copied = tag.end;
                }
            }
            TagKind::End if svg_depth > 0 => {
                if unwrapped.last() == Some(&svg_depth) {
                    unwrapped.pop();
                    out.push_str(&html[copied..at]);
                    copied = tag.end;
                }
                svg_depth -= 1;
            }
            _ => {}
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Removes every element inside a MathML element of [`policy::MATHML_TEXT_ONLY`], with its
/// content, keeping the text directly inside: `<math><mi><b>x</b>y</mi></math>` becomes
/// `<math><mi>y</mi></math>`.
///
/// Why this is enough, layer by layer. The browser parses the final string again, and a
/// token element (`mi`, `mo`, `mn`, `ms`, `mtext`) is a text integration point: a start tag
/// there (but `mglyph`, `malignmark`) is read as HTML, which is how the known MathML mXSS
/// vectors (`<math><mtext><table><mglyph><style>…`) make the browser's tree differ from the
/// sanitizer's. ammonia parses as a browser does (html5ever) and then removes, with its
/// content, any element whose namespace a browser would not give it where it stands
/// (`check_expected_namespace`): inside `<math>` a MathML element holds only MathML, but a
/// token may hold HTML elements, and an `<svg>`. `annotation-xml` (where HTML may also
/// enter) is not kept, and its content is checked against the element it is unwrapped
/// into, so an HTML element that ammonia keeps inside `<math>` always sits in a subtree
/// whose root is a child of a token. This pass removes those subtrees, and any element in
/// an `annotation`. What is left inside `<math>` is MathML elements from the policy's list
/// and escaped text: none of their names is one of the HTML start tags that leave foreign
/// content, none is an HTML table element (nothing is fostered out of or into a table),
/// and a token that holds only text gives the parser nothing to read as HTML. So the
/// browser builds from the final string the tree this pass leaves, with no HTML element
/// inside `<math>`.
///
/// Runs over ammonia's serialization (after `keep_sourced_iframes`, so no raw text is left
/// whose `<` is not escaped). There every non-void element has an end tag, names are as the
/// serializer writes them, text and attribute values hide no tag (`scan_tag` skips quoted
/// values), and a name of [`policy::MATHML_TEXT_ONLY`] is always a MathML element (ammonia
/// removes those names in HTML and SVG). A removed child ends at the end tag that balances
/// its start tags of the same name, or at its start tag if it is void (an HTML void
/// element; no other namespace has void elements in the output); when no end tag balances,
/// the rest of the piece is removed, which keeps nothing it should not. One scan, each byte
/// read once: linear, no recursion.
fn math_text_only(html: &str) -> Cow<'_, str> {
    // Outside `<math>` ammonia keeps no MathML element.
    if !html.contains("<math") {
        return Cow::Borrowed(html);
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut removed = false;
    // The text-only element open, if any: the scan is directly inside it.
    let mut text_only: Option<&str> = None;
    let mut i = 0;
    while let Some(at) = memchr_lt(bytes, i) {
        let Some(tag) = scan_tag(html, at) else {
            i = at + 1;
            continue;
        };
        i = tag.end;
        match (text_only, &tag.kind) {
            (None, TagKind::Start) if policy::MATHML_TEXT_ONLY.contains(&tag.name) => {
                text_only = Some(tag.name);
            }
            (None, _) => {}
            (Some(name), TagKind::End) if tag.name == name => text_only = None,
            // A child element (or anything else that is not text) inside a text-only
            // element: removed, with its content.
            (Some(_), kind) => {
                let end = match kind {
                    TagKind::Start if !VOID_ELEMENTS.contains(&tag.name) => {
                        balancing_end(html, tag.end, tag.name)
                    }
                    _ => tag.end,
                };
                out.push_str(&html[copied..at]);
                copied = end;
                removed = true;
                i = end;
            }
        }
    }
    if !removed {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Just past the end tag of the element named `name` whose start tag ends at `from`: the
/// first `</name>` that balances the `<name>` start tags met on the way (so an element of
/// the same name inside it does not end it early), or the end of `html` if none does.
/// Counts only tags of that name, so void elements and other names inside cannot miscount.
fn balancing_end(html: &str, from: usize, name: &str) -> usize {
    let mut open = 1usize;
    let mut i = from;
    while let Some(at) = memchr_lt(html.as_bytes(), i) {
        let Some(tag) = scan_tag(html, at) else {
            i = at + 1;
            continue;
        };
        i = tag.end;
        if tag.name != name {
            continue;
        }
        match tag.kind {
            TagKind::Start => open += 1,
            TagKind::End => {
                open -= 1;
                if open == 0 {
                    return tag.end;
                }
            }
            TagKind::Other => {}
        }
    }
    html.len()
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
        let sanitizer = Sanitizer::with_embeds(true);
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
    fn drops_data_attributes_by_default_but_keeps_hugos_data_lang() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean(r##"<div data-target="#x" data-bs-toggle="modal" onclick="z">a</div>"##),
            "<div>a</div>",
            "a page's own scripts could act on data-* attributes"
        );
        assert_eq!(
            s.clean(r#"<pre tabindex="0"><code class="language-go" data-lang="go">x</code></pre>"#),
            r#"<pre tabindex="0"><code class="language-go" data-lang="go">x</code></pre>"#
        );
    }

    #[test]
    fn keeps_data_attributes_when_allowed() {
        let s = Sanitizer::with_options(Options {
            data_attributes: true,
            ..Options::default()
        });
        assert_eq!(
            s.clean(r#"<div data-x="y" data-json="{&quot;a&quot;:1}" onclick="z">a</div>"#),
            r#"<div data-x="y" data-json="{&quot;a&quot;:1}">a</div>"#
        );
    }

    #[test]
    fn keeps_aria_roles_tabindex_and_hidden_everywhere() {
        let s = Sanitizer::new();
        let tabs = r#"<div role="tablist" aria-label="Tabs"><span role="tab" aria-selected="true" aria-controls="p" tabindex="0" lang="en" dir="ltr" title="T">a</span></div><div id="p" role="tabpanel" hidden="">b</div>"#;
        assert_eq!(s.clean(tabs), tabs);
        assert_eq!(
            s.clean(r#"<p aria-label="&quot;><script>alert(1)</script>">x</p>"#),
            r#"<p aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</p>"#,
            "an ARIA value is text: escaped as an attribute value, never markup"
        );
    }

    #[test]
    fn buttons_are_always_type_button_without_form_attributes() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean(r#"<button type="submit" form="f" formaction="/x" name="n" value="v" popovertarget="p" commandfor="d" command="show-modal" onclick="x()" aria-pressed="true" disabled>b</button>"#),
            r#"<button aria-pressed="true" disabled="" type="button">b</button>"#
        );
        assert_eq!(
            s.clean("<button>c</button>"),
            r#"<button type="button">c</button>"#
        );
        assert_eq!(
            s.clean("<form action=/x><button>d</button></form>"),
            r#"<button type="button">d</button>"#
        );
    }

    #[test]
    fn details_keep_open() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean(
                r#"<details open="" name="g" ontoggle="alert(1)"><summary>s</summary>d</details>"#
            ),
            r#"<details open="" name="g"><summary>s</summary>d</details>"#
        );
    }

    const GEEKDOC_ICON: &str = r##"<svg class="gdoc-icon gdoc_github" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" aria-hidden="true" focusable="false"><title>GitHub</title><use href="#gdoc_github" xlink:href="#gdoc_github"></use></svg>"##;

    #[test]
    fn keeps_inline_svg_icons_with_their_case_sensitive_names() {
        let s = Sanitizer::new();
        assert_eq!(s.clean(GEEKDOC_ICON), GEEKDOC_ICON);
        let drawing = r##"<svg width="24" height="24" viewBox="0 0 24 24" preserveAspectRatio="xMidYMid meet" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="#fff" stop-opacity="0.5"></stop></linearGradient><clipPath id="c"><rect width="10" height="10" rx="2"></rect></clipPath><symbol id="s" viewBox="0 0 1 1"><circle cx="1" cy="1" r="1"></circle></symbol></defs><g transform="translate(1 1)" clip-path="url(#c)" opacity="0.9"><path d="M0 0L10 10" fill="url(#g)" fill-rule="evenodd" clip-rule="evenodd"></path><polyline points="1,2 3,4"></polyline><polygon points="1,2 3,4 5,6"></polygon><line x1="0" y1="0" x2="1" y2="1"></line><ellipse cx="1" cy="1" rx="1" ry="2"></ellipse><text x="1" y="2" text-anchor="middle"><tspan dx="1">t</tspan></text></g><use href="#s"></use></svg>"##;
        assert_eq!(s.clean(drawing), drawing);
        assert_eq!(
            s.clean(r#"<svg VIEWBOX="0 0 1 1" preserveaspectratio="none"><lineargradient></lineargradient></svg>"#),
            r#"<svg viewBox="0 0 1 1" preserveAspectRatio="none"><linearGradient></linearGradient></svg>"#,
            "the HTML parser gives SVG names their case, and the serialization keeps it"
        );
    }

    #[test]
    fn svg_references_stay_inside_the_page() {
        let s = Sanitizer::new();
        for href in [
            "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x",
            "https://evil.example/sprite.svg#x",
            "javascript:alert(1)",
            "/sprite.svg#x",
            "#x\" onload=\"y",
            "# x",
        ] {
            let html =
                format!(r#"<svg><use href='{href}'></use><use xlink:href='{href}'></use></svg>"#);
            assert_eq!(
                s.clean(&html),
                "<svg><use></use><use></use></svg>",
                "{href}"
            );
        }
        for paint in [
            "url(https://evil.example/x.svg#p)",
            "url('#p')",
            "url(/x#p)",
            "url(#p) url(//evil.example/x)",
            "u\\rl(x)",
            "expression(alert(1))",
        ] {
            let html = format!(
                r#"<svg><rect fill="{paint}" stroke="{paint}" mask="{paint}" clip-path="{paint}"></rect></svg>"#
            );
            assert_eq!(s.clean(&html), "<svg><rect></rect></svg>", "{paint}");
        }
        assert_eq!(
            s.clean(r#"<svg><rect fill="url(#p) red" stroke="rgb(0, 0, 0)"></rect></svg>"#),
            r#"<svg><rect fill="url(#p) red" stroke="rgb(0, 0, 0)"></rect></svg>"#
        );
    }

    #[test]
    fn removes_svg_elements_that_link_load_animate_or_hold_html() {
        let s = Sanitizer::new();
        for (html, cleaned) in [
            (
                r#"<svg><a href="javascript:alert(1)"><text>x</text></a></svg>"#,
                "<svg><text>x</text></svg>",
            ),
            (
                r#"<svg><a xlink:href="https://example.com/"><rect width="1"></rect></a></svg>"#,
                r#"<svg><rect width="1"></rect></svg>"#,
            ),
            (
                r#"<svg><animate attributeName="href" values="javascript:alert(1)"></animate><set attributeName="href" to="javascript:alert(1)"></set><animateTransform></animateTransform><animateMotion></animateMotion></svg>"#,
                "<svg></svg>",
            ),
            (
                r#"<svg><image href="https://evil.example/x.png"></image><feImage href="x"></feImage><filter><feGaussianBlur></feGaussianBlur></filter></svg>"#,
                "<svg></svg>",
            ),
            (
                r#"<svg><foreignObject><img src="x" onerror="alert(1)"><p>t</p></foreignObject></svg>"#,
                "<svg></svg>",
            ),
            (
                r#"<svg><style>@import "https://evil.example/x.css";</style><script>alert(1)</script></svg>"#,
                "<svg></svg>",
            ),
            (
                r#"<svg onload="alert(1)"><rect onclick="alert(1)" onmouseover="x"></rect></svg>"#,
                "<svg><rect></rect></svg>",
            ),
            (
                "<svg><desc><b>html</b>text</desc></svg>",
                "<svg><desc>text</desc></svg>",
            ),
        ] {
            assert_eq!(s.clean(html), cleaned, "{html}");
        }
    }

    #[test]
    fn svg_only_names_are_removed_outside_svg() {
        let s = Sanitizer::new();
        assert_eq!(
            s.clean("<title>retitled</title><p>x<path d=\"M0\"></path><use href=\"#a\"></use></p>"),
            "<p>x</p>",
            "an HTML <title> would retitle the page; HTML <path> and <use> are not drawings"
        );
        assert_eq!(
            s.clean("<p>a</p><svg><title>t &lt;/title&gt;</title></svg><title>x</title>"),
            "<p>a</p><svg><title>t &lt;/title&gt;</title></svg>"
        );
    }

    #[test]
    fn namespace_confusion_cannot_turn_text_into_markup() {
        // Each re-parses as the sanitizer parsed it: whatever could be read as a tag when the
        // browser parses the output again is escaped text or gone.
        let s = Sanitizer::new();
        for html in [
            "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
            "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
            "<math><mi><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mi></math>",
            "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">",
            "<svg><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></noscript></svg>",
            "<noscript><svg><p title=\"</noscript><img src=x onerror=alert(1)>\"></p></svg></noscript>",
            "<svg><table><td><style><img src=x onerror=alert(1)></style></td></table></svg>",
            "<form><math><mtext></form><form><mglyph><svg><mtext><style><path id=\"</style><img onerror=alert(1) src>\">",
            "<svg><title><style><img src=x onerror=alert(1)></style></title></svg>",
            "<svg><desc><svg><style>x</style></svg></desc></svg>",
            "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
            "<svg><title><![CDATA[</title><img src=x onerror=alert(1)>]]></title></svg>",
            "<math><mi><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mi></math>",
            "<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=alert(1)>",
            "<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title=\"</style><img src onerror=alert(1)>\"></style></h1>",
            "<math><mtext><table><tr><td><mglyph><style><img src=x onerror=alert(1)>",
            "<math><mi><svg><foreignObject><p><style><img src=x onerror=alert(1)>",
            "<table><math><mi><tr><td>x</td></tr></mi></math></table>",
            "<math><semantics><annotation><mtext><b>x</b></mtext></annotation></semantics></math>",
        ] {
            let once = s.clean(html);
            let mut at = 0;
            while let Some(lt) = memchr_lt(once.as_bytes(), at) {
                at = lt + 1;
                if let Some(tag) = scan_tag(&once, lt) {
                    let source = &once[lt..tag.end];
                    assert!(
                        !attribute_names(source).any(|a| a.starts_with("on")),
                        "{html} -> {once}"
                    );
                    at = tag.end;
                }
            }
            assert!(!once.contains("<style"), "{html} -> {once}");
            assert!(!once.contains("<script"), "{html} -> {once}");
            assert_eq!(s.clean(&once), once, "{html}: cleaning again changes nothing");
            assert_no_html_inside_math(&once, html);
        }
    }

    /// What Hugo's `transform.ToMath` writes (KaTeX 0.18.4, `output: "mathml"`): `\ce{H2O}`,
    /// an aligned environment, fences, a line break, a binomial, a matrix, `\text{…}`,
    /// `\color{red}{x}`, and a mix of roots, fractions, limits, accents, braces, boxes,
    /// strikes, a colour box and a phantom.
    const KATEX_OUTPUTS: &[&str] = &[
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi mathvariant="normal">H</mi><msub><mpadded width="0px"><mphantom><mi>X</mi></mphantom></mpadded><mpadded height="0px"><mn>2</mn></mpadded></msub><mi mathvariant="normal">O</mi></mrow><annotation encoding="application/x-tex">\ce{H2O}</annotation></semantics></math></span>"#,
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mtable rowspacing="0.25em" columnalign="right left" columnspacing="0em"><mtr><mtd><mstyle scriptlevel="0" displaystyle="true"><mi>a</mi></mstyle></mtd><mtd><mstyle scriptlevel="0" displaystyle="true"><mrow><mrow></mrow><mo>=</mo><mi>b</mi></mrow></mstyle></mtd></mtr><mtr><mtd><mstyle scriptlevel="0" displaystyle="true"><mi>c</mi></mstyle></mtd><mtd><mstyle scriptlevel="0" displaystyle="true"><mrow><mrow></mrow><mo>=</mo><mi>d</mi></mrow></mstyle></mtd></mtr></mtable><annotation encoding="application/x-tex">\begin{aligned}a&amp;=b\\c&amp;=d\end{aligned}</annotation></semantics></math></span>"#,
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mo stretchy="false">(</mo><mi>a</mi><mo stretchy="false">)</mo> <mspace linebreak="newline"></mspace> <mrow><mo fence="true">(</mo><mfrac linethickness="0px"><mi>n</mi><mi>k</mi></mfrac><mo fence="true">)</mo></mrow></mrow><annotation encoding="application/x-tex">(a) \\ \binom{n}{k}</annotation></semantics></math></span>"#,
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mo fence="true">(</mo><mtable rowspacing="0.16em" columnalign="center center" columnspacing="1em"><mtr><mtd><mstyle scriptlevel="0" displaystyle="false"><mi>a</mi></mstyle></mtd><mtd><mstyle scriptlevel="0" displaystyle="false"><mi>b</mi></mstyle></mtd></mtr><mtr><mtd><mstyle scriptlevel="0" displaystyle="false"><mi>c</mi></mstyle></mtd><mtd><mstyle scriptlevel="0" displaystyle="false"><mi>d</mi></mstyle></mtd></mtr></mtable><mo fence="true">)</mo></mrow><annotation encoding="application/x-tex">\begin{pmatrix}a&amp;b\\c&amp;d\end{pmatrix}</annotation></semantics></math></span>"#,
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mtext>if </mtext><mi>x</mi><mo>&lt;</mo><mn>1</mn></mrow><annotation encoding="application/x-tex">\text{if } x&lt;1</annotation></semantics></math></span>"#,
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mstyle mathcolor="red"><mi>x</mi></mstyle></mrow><annotation encoding="application/x-tex">\color{red}{x}</annotation></semantics></math></span>"#,
        r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mroot><mi>x</mi><mn>3</mn></mroot><mo>+</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>0</mn></mrow><mi>n</mi></munderover><mover accent="true"><mi>x</mi><mo>^</mo></mover><munder><munder><mi>a</mi><mo stretchy="true">⏟</mo></munder><mi>b</mi></munder><menclose notation="box"><mstyle scriptlevel="0" displaystyle="false"><mi>y</mi></mstyle></menclose><menclose notation="updiagonalstrike"><mi>z</mi></menclose><mpadded width="+6pt" height="+6pt" lspace="3pt" voffset="3pt" style="border: 0.04em solid red" mathbackground="blue"><mtext>w</mtext></mpadded><mphantom><mi>q</mi></mphantom><msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup><msqrt><mi mathvariant="bold-italic">v</mi></msqrt><mo fence="true" stretchy="true" minsize="1.2em" maxsize="1.2em">(</mo><mo stretchy="false" lspace="0em" rspace="0em">!</mo></mrow><annotation encoding="application/x-tex">\sqrt[3]{x}+\frac{1}{2}\sum_{i=0}^n \hat{x}\underbrace{a}_{b}\boxed{y}\cancel{z}\fcolorbox{red}{blue}{w}\phantom{q}x_1^2\sqrt{\bm{v}}\bigl(\mathclose{!}</annotation></semantics></math></span>"#,
        r#"<math display="block"><mtable width="100%" columnlines="solid" rowlines="solid"><mlabeledtr><mtd width="50%"></mtd><mtd><ms>s</ms></mtd></mlabeledtr></mtable></math>"#,
    ];

    #[test]
    fn keeps_katex_mathml_byte_for_byte() {
        let s = Sanitizer::new();
        for html in KATEX_OUTPUTS {
            assert_eq!(s.clean(html), *html);
        }
    }

    #[test]
    fn mathml_tokens_and_annotations_hold_text_only() {
        let s = Sanitizer::new();
        for (html, cleaned) in [
            ("<math><mi><b>x</b>y</mi></math>", "<math><mi>y</mi></math>"),
            (
                "<math><mo>a<br>b<img src=x>c<svg><rect></rect></svg>d</mo></math>",
                "<math><mo>abcd</mo></math>",
            ),
            (
                "<math><mtext><span><span>deep</span><math><mi>x</mi></math></span>after</mtext><mn>1</mn></math>",
                "<math><mtext>after</mtext><mn>1</mn></math>",
            ),
            (
                "<math><ms><mi>m</mi>s</ms><annotation encoding=\"application/x-tex\"><mi>x</mi>\\x</annotation></math>",
                "<math><ms>s</ms><annotation encoding=\"application/x-tex\">\\x</annotation></math>",
            ),
            // KaTeX writes `\overset{!}{=}` as MathML inside an `mo`; an HTML parser (a
            // browser's as well) reads that as HTML elements named `mover`, which ammonia
            // already removes. Only the token's own text is kept.
            (
                "<math><mo><mover><mo><mo>=</mo></mo><mo>!</mo></mover></mo></math>",
                "<math><mo></mo></math>",
            ),
            (
                "<p>a <math><mi>x</mi></math> <b>b</b></p>",
                "<p>a <math><mi>x</mi></math> <b>b</b></p>",
            ),
        ] {
            assert_eq!(s.clean(html), cleaned, "{html}");
        }
    }

    #[test]
    fn removes_mathml_outside_the_list_and_every_url() {
        let s = Sanitizer::new();
        for (html, cleaned) in [
            (
                "<math><annotation-xml encoding=\"text/html\"><b>h</b><svg></svg></annotation-xml><mi>x</mi></math>",
                "<math><mi>x</mi></math>",
            ),
            (
                "<math><mrow><mglyph src=\"https://evil.example/x.png\" alt=\"g\"></mglyph><malignmark></malignmark></mrow></math>",
                "<math><mrow></mrow></math>",
            ),
            (
                "<math><maction actiontype=\"toggle\"><mi>a</mi><mi>b</mi></maction></math>",
                "<math><mi>a</mi><mi>b</mi></math>",
            ),
            (
                "<math href=\"javascript:alert(1)\"><mrow xlink:href=\"https://e.example\"><mi href=\"https://e.example\" src=\"x\" altimg=\"x.png\">z</mi></mrow></math>",
                "<math><mrow><mi>z</mi></mrow></math>",
            ),
            (
                "<math><mstyle mathcolor=\"url(https://evil.example/x)\" mathbackground=\"#f00\" onclick=\"alert(1)\"><mi mathvariant='x\"' style=\"background:url(x)\">a</mi></mstyle></math>",
                "<math><mstyle mathbackground=\"#f00\"><mi>a</mi></mstyle></math>",
            ),
            (
                "<math><apply><plus></plus><ci>x</ci></apply><merror><mi>e</mi></merror></math>",
                "<math>x<mi>e</mi></math>",
            ),
            (
                "<p><mi>outside</mi><mrow>math</mrow></p>",
                "<p></p>",
            ),
        ] {
            assert_eq!(s.clean(html), cleaned, "{html}");
        }
    }

    /// Every element between `<math>` and its end tag in `cleaned` (ammonia's serialization,
    /// as the sanitizer returns it) is a MathML element of the policy, and none is inside a
    /// text-only one: so when a browser parses `cleaned`, no HTML start tag is read inside
    /// `<math>`.
    fn assert_no_html_inside_math(cleaned: &str, input: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut at = 0;
        while let Some(lt) = memchr_lt(cleaned.as_bytes(), at) {
            at = lt + 1;
            let Some(tag) = scan_tag(cleaned, lt) else {
                continue;
            };
            at = tag.end;
            match tag.kind {
                TagKind::Start if tag.name == "math" || !stack.is_empty() => {
                    assert!(
                        policy::MATHML_TAGS.contains(&tag.name),
                        "<{}> inside <math>: {input} -> {cleaned}",
                        tag.name
                    );
                    assert!(
                        !stack
                            .last()
                            .is_some_and(|open| policy::MATHML_TEXT_ONLY.contains(open)),
                        "<{}> inside a text-only element: {input} -> {cleaned}",
                        tag.name
                    );
                    stack.push(tag.name);
                }
                TagKind::End if !stack.is_empty() => {
                    assert_eq!(stack.pop(), Some(tag.name), "{input} -> {cleaned}");
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "{input} -> {cleaned}");
    }

    #[test]
    fn style_values_cannot_load_or_run_anything() {
        let s = Sanitizer::new();
        for style in [
            "background-color:url(https://evil.example/x)",
            "color:expression(alert(1))",
            "color:red\\3b position:fixed",
            "color:/**/red",
            "color:'red\\'",
            "font-family:'a(b)'",
            "position:fixed",
            "position: FIXED !important",
            "-moz-binding:url(x.xml#xss)",
            "background:image-set(\"x.png\" 1x)",
            "list-style-image:none",
            "border-image:none",
            "font-family:\"a",
            "font-family:'a\"'b",
            "background-image:none",
            "behavior:url(x.htc)",
            "--bg:url(https://evil.example/x)",
            "--bg: image-set(\"x.png\" 1x)",
            "--pin: fixed",
            "--x:expression(alert(1))",
            "--:1",
            "--a\\62 :1",
            "-- a:1",
        ] {
            let html = format!("<span style='{style}'>x</span>");
            assert_eq!(s.clean(&html), "<span>x</span>", "{style}");
        }
        assert_eq!(
            s.clean("<span style=\"color:red;@import x;c\\olor:red\">x</span>"),
            "<span style=\"color:red\">x</span>"
        );
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
    fn keeps_the_styles_themes_write() {
        let s = Sanitizer::new();
        for style in [
            "display: none;",
            "display:flex;flex-direction:column;gap:0.5rem;justify-content:space-between",
            "grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr))",
            "position: absolute; top: 0; right: 0; z-index: 1",
            "position: sticky",
            "background: #fff; color: rgb(0 0 0 / 50%); opacity: .8",
            "transform: translate(-50%, -50%) rotate(45deg)",
            "width: calc(100% - 2rem); max-width: var(--w)",
            "font: italic bold 12px/30px Georgia, serif",
            "font-family: 'Open Sans', 'Segoe UI', sans-serif",
            "border-left: 4px solid hsl(200, 50%, 50%); border-radius: 4px",
            "list-style-type: none; cursor: pointer; overflow-x: auto",
            "fill: currentColor; stroke-width: 2",
            // Hextra's cards and FixIt's code blocks set their own CSS's variables.
            "--hextra-cards-grid-cols: 3;",
            "--fi-max-shown-lines:10;--fi-line-digit:1;--fi-line-start:1;",
            "--gap: calc(1rem + 2px); --Name_2: 'a b'",
        ] {
            let html = format!("<div style=\"{style}\">x</div>");
            assert_eq!(s.clean(&html), html, "{style}");
        }
    }

    #[test]
    fn keeps_the_image_attributes_themes_write() {
        let s = Sanitizer::new();
        let img = r#"<img alt="a" decoding="async" height="4" loading="lazy" src="/a.png" width="6">"#;
        assert_eq!(s.clean(img), img);
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
            r#"<div style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"></div>"#,
            "no iframe; the wrapper's style is plain layout"
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
    fn embed_styles_pass_the_same_style_filter_as_any_other() {
        let s = Sanitizer::with_embeds(true);
        assert_eq!(
            s.clean(r#"<div style="position: fixed; top: 0">x</div>"#),
            r#"<div style=" top: 0">x</div>"#,
            "nothing is pinned over the page"
        );
        assert_eq!(
            s.clean(r#"<iframe src="https://www.youtube.com/embed/x" style="position: fixed; top: 0; left: 0; width: 100%; height: 100%; border:0;"></iframe>"#),
            r#"<iframe src="https://www.youtube.com/embed/x" style=" top: 0; left: 0; width: 100%; height: 100%; border:0"></iframe>"#,
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
