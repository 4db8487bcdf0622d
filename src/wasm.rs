//! The JavaScript API of the npm package: the only module that names wasm-bindgen.
//!
//! Thin glue. Options come in as plain objects and are deserialized here (a bad one throws a
//! `TypeError` naming the field); the core renders; results go out as plain objects (maps as
//! objects, missing values as `null`, camelCase names). Byte spans become UTF-16 offsets
//! here, the unit of JavaScript strings, textareas and CodeMirror. Bad content never throws:
//! it comes back as diagnostics.
//!
//! A panic cannot be caught in `wasm32-unknown-unknown`: it aborts the instance. The panic
//! hook logs the message, leaves it where the JavaScript wrapper (`js/core.js`) finds it and
//! asks wasm-bindgen for a fresh instance on the next call; the wrapper turns the trap into
//! an error for that call and rebuilds its renderers, so an editor never dies.

use crate::diagnostic::{Diagnostic, LineIndex, Span, Utf16Index, Utf16Table};
use crate::options::{PageInput, RenderOptions};
use crate::shortcode::external::{ExternalCall, ExternalShortcodes};
use serde::Serialize;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// Where the panic hook leaves the last panic's message for the JavaScript wrapper.
const PANIC_GLOBAL: &str = "__hugoPreviewPanic";

/// JavaScript's `Date.now()`: milliseconds since the Unix epoch, for `now`.
pub(crate) fn date_now_millis() -> f64 {
    js_sys::Date::now()
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &JsValue::from_str(PANIC_GLOBAL),
            &JsValue::from_str(&info.to_string()),
        );
        wasm_bindgen::handler::schedule_reinit();
    }));
}

/// The package's version (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Bytes of WebAssembly memory in use (`memory.buffer.byteLength`), for leak checks.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// Asks for a fresh instance on the next call. The wrapper calls it after a trap that did
/// not go through the panic hook (a stack overflow, say).
#[wasm_bindgen(js_name = scheduleReset)]
pub fn schedule_reset() {
    wasm_bindgen::handler::schedule_reinit();
}

/// Panics, to prove that the wrapper survives a trap. Not part of the API.
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests(message: &str) {
    panic!("{message}");
}

/// Renders one content file. Throws a `TypeError` for bad options, never for bad content.
#[wasm_bindgen]
pub fn render(
    source: &str,
    options: Option<Ts<RenderOptions>>,
    #[wasm_bindgen(unchecked_param_type = "((request: string) => string | undefined) | null")]
    highlighter: Option<js_sys::Function>,
    #[wasm_bindgen(unchecked_param_type = "((request: string) => string | undefined) | null")]
    math: Option<js_sys::Function>,
    #[wasm_bindgen(unchecked_param_type = "((request: string) => string | undefined) | null")]
    qr: Option<js_sys::Function>,
) -> Result<Ts<RenderResult>, JsValue> {
    let options = read_options(options)?;
    let mut renderer = crate::Renderer::new(options);
    renderer.set_highlight_backend(module_bridge(highlighter));
    renderer.set_math_backend(module_bridge(math));
    renderer.set_qr_backend(module_bridge(qr));
    render_to_js(render_result(&renderer, source, None, None))
}

/// A module the package's JavaScript loads on demand (the highlighter, KaTeX, the QR encoder)
/// as the renderer's backend: the function answers a request, or gives `undefined` while the
/// module is not loaded yet. A function that throws counts as not loaded.
fn module_bridge(function: Option<js_sys::Function>) -> Option<crate::modules::Backend> {
    let function = function?;
    Some(Box::new(move |request: &str| {
        function
            .call1(&JsValue::NULL, &JsValue::from_str(request))
            .ok()
            .and_then(|answer| answer.as_string())
    }))
}

/// The outline of one content file: front matter, shortcode tree, headings, summary divider.
#[wasm_bindgen]
pub fn parse(source: &str, options: Option<Ts<RenderOptions>>) -> Result<Ts<ParseResult>, JsValue> {
    let options = read_options(options)?;
    let renderer = crate::Renderer::new(options);
    to_js(&parse_result(&renderer, source, None))
}

/// A renderer kept across keystrokes: options, the site config and the shortcode templates
/// are prepared once, and again only when one of them changes.
#[wasm_bindgen(js_name = Renderer)]
pub struct JsRenderer {
    options: RenderOptions,
    shortcodes: Rc<JsShortcodes>,
    inner: crate::Renderer,
}

#[wasm_bindgen(js_class = Renderer)]
impl JsRenderer {
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<RenderOptions>>) -> Result<JsRenderer, JsValue> {
        let options = read_options(options)?;
        let shortcodes = Rc::new(JsShortcodes::default());
        let inner = build_renderer(&options, &shortcodes);
        Ok(JsRenderer {
            options,
            shortcodes,
            inner,
        })
    }

    /// Sets what colours code: a function from a request to an answer, `undefined` while the
    /// highlighter is loading (the package's wrapper gives its bridge); `null` for none.
    #[wasm_bindgen(js_name = setHighlighter)]
    pub fn set_highlighter(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "((request: string) => string | undefined) | null")]
        function: Option<js_sys::Function>,
    ) {
        self.inner.set_highlight_backend(module_bridge(function));
    }

    /// Sets what renders `transform.ToMath`: a function from a request to an answer,
    /// `undefined` while KaTeX is loading (the package's wrapper gives its bridge); `null` for
    /// none.
    #[wasm_bindgen(js_name = setMath)]
    pub fn set_math(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "((request: string) => string | undefined) | null")]
        function: Option<js_sys::Function>,
    ) {
        self.inner.set_math_backend(module_bridge(function));
    }

    /// Sets what encodes the `qr` shortcode's codes: a function from a request to an answer,
    /// `undefined` while the module is loading (the package's wrapper gives its bridge); `null`
    /// for none.
    #[wasm_bindgen(js_name = setQr)]
    pub fn set_qr(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "((request: string) => string | undefined) | null")]
        function: Option<js_sys::Function>,
    ) {
        self.inner.set_qr_backend(module_bridge(function));
    }

    /// Renders `source` with this renderer's options, templates and functions; `page` says
    /// where the file is in the site (`{ path: "posts/a.md" }`; default: the options' `path`).
    /// Switching pages keeps the compiled templates.
    pub fn render(
        &self,
        source: &str,
        page: Option<Ts<PageInput>>,
    ) -> Result<Ts<RenderResult>, JsValue> {
        let page = read_page(page)?;
        render_to_js(render_result(
            &self.inner,
            source,
            page.as_ref(),
            Some(&self.shortcodes),
        ))
    }

    /// The outline of `source` (`page` as for `render`).
    pub fn parse(
        &self,
        source: &str,
        page: Option<Ts<PageInput>>,
    ) -> Result<Ts<ParseResult>, JsValue> {
        let page = read_page(page)?;
        self.shortcodes.set_source(Some(source));
        let result = parse_result(&self.inner, source, page.as_ref());
        self.shortcodes.set_source(None);
        to_js(&result)
    }

    /// Sets the site template of shortcode `name` (`layouts/shortcodes/NAME.html`); it
    /// replaces the built-in of that name. Compiled now, once.
    #[wasm_bindgen(js_name = setShortcode)]
    pub fn set_shortcode(&mut self, name: &str, template: &str) {
        self.options
            .shortcodes
            .insert(name.to_owned(), template.to_owned());
        self.rebuild();
    }

    /// Replaces every site shortcode template (name → template source).
    #[wasm_bindgen(js_name = setShortcodes)]
    pub fn set_shortcodes(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] templates: JsValue,
    ) -> Result<(), JsValue> {
        self.options.shortcodes = read_field(templates, "shortcodes")?;
        self.rebuild();
        Ok(())
    }

    /// Adds or replaces a file of the site given as `files` (`layouts/_shortcodes/x.html`,
    /// `hugo.toml`, `data/authors.yaml`, `themes/NAME/…`): what depends on it is read again,
    /// and only templates whose text changed are compiled again.
    #[wasm_bindgen(js_name = setFile)]
    pub fn set_file(&mut self, path: &str, text: &str) {
        self.options
            .files
            .insert(path.to_owned(), text.to_owned());
        self.rebuild();
    }

    /// Removes a file of the site given as `files`; `false` when there was none.
    #[wasm_bindgen(js_name = deleteFile)]
    pub fn delete_file(&mut self, path: &str) -> bool {
        let removed = self.options.files.remove(path).is_some();
        if removed {
            self.rebuild();
        }
        removed
    }

    /// Sets partial `name` (`layouts/partials/NAME`), for templates that call it.
    #[wasm_bindgen(js_name = setPartial)]
    pub fn set_partial(&mut self, name: &str, source: &str) {
        self.options
            .partials
            .insert(name.to_owned(), source.to_owned());
        self.rebuild();
    }

    /// Sets the site config (the text of `hugo.toml`, `hugo.yaml` or `hugo.json`); `null`
    /// removes it. Problems in it come back as diagnostics with `file` set.
    #[wasm_bindgen(js_name = setSiteConfig)]
    pub fn set_site_config(&mut self, text: Option<String>) {
        self.options.site_config = text;
        self.options.site_config_format = None;
        self.rebuild();
    }

    /// Registers a JavaScript shortcode: `fn(call)` gets `{ name, params, isNamedParams,
    /// inner, ordinal, position, page }` and returns HTML, which is sanitized like everything
    /// else. What it throws becomes an error diagnostic. Like a site template, it replaces a
    /// built-in of the same name. `inner: true` makes a call without `/}}` need a closing
    /// tag, as `.Inner` does in a template.
    #[wasm_bindgen(js_name = registerShortcode)]
    pub fn register_shortcode(
        &mut self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "(call: ShortcodeCall) => string")]
        function: js_sys::Function,
        #[wasm_bindgen(unchecked_param_type = "RegisterOptions")] options: Option<JsValue>,
    ) -> Result<(), JsValue> {
        let options: RegisterOptions = match options {
            Some(value) if !value.is_undefined() && !value.is_null() => {
                read_field(value, "registerShortcode options")?
            }
            _ => RegisterOptions::default(),
        };
        self.shortcodes
            .functions
            .borrow_mut()
            .insert(name.to_owned(), (function, options.inner));
        self.rebuild();
        Ok(())
    }

    /// Removes a JavaScript shortcode; the template or built-in of that name applies again.
    #[wasm_bindgen(js_name = unregisterShortcode)]
    pub fn unregister_shortcode(&mut self, name: &str) -> bool {
        let removed = self
            .shortcodes
            .functions
            .borrow_mut()
            .remove(name)
            .is_some();
        if removed {
            self.rebuild();
        }
        removed
    }
}

impl JsRenderer {
    /// The options changed: templates whose text is unchanged are kept, not compiled again.
    fn rebuild(&mut self) {
        self.inner.reconfigure(self.options.clone());
        self.inner.set_external_shortcodes(external_shortcodes(&self.shortcodes));
    }
}

fn external_shortcodes(
    shortcodes: &Rc<JsShortcodes>,
) -> Option<Box<dyn crate::shortcode::external::ExternalShortcodes>> {
    if shortcodes.functions.borrow().is_empty() {
        return None;
    }
    Some(Box::new(SharedShortcodes(shortcodes.clone())))
}

fn build_renderer(options: &RenderOptions, shortcodes: &Rc<JsShortcodes>) -> crate::Renderer {
    let mut renderer = crate::Renderer::new(options.clone());
    renderer.set_external_shortcodes(external_shortcodes(shortcodes));
    renderer
}

#[wasm_bindgen(typescript_custom_section)]
const SHORTCODE_CALL: &str = r#"
/** What a JavaScript shortcode receives (`Renderer.registerShortcode`): the core's `ExternalCall`. */
export type ShortcodeCall = ExternalCall;
"#;

/// Options of `registerShortcode`.
#[derive(Debug, Default, serde::Deserialize, Tsify)]
#[serde(default, deny_unknown_fields)]
pub struct RegisterOptions {
    /// The function reads `inner`: a call without `/}}` needs a closing tag (default false).
    pub inner: bool,
}

/// The JavaScript functions of one renderer, and the source being rendered (for UTF-16
/// positions).
#[derive(Default)]
struct JsShortcodes {
    functions: RefCell<BTreeMap<String, (js_sys::Function, bool)>>,
    source: RefCell<Option<(String, OnceCell<Utf16Table>)>>,
}

impl JsShortcodes {
    /// Keeps the text being rendered while a JavaScript shortcode may be called; its UTF-16
    /// table is made when one is (most renders call none: the table's scan of the text was a
    /// tenth of a keystroke's time).
    fn set_source(&self, source: Option<&str>) {
        let source = source.filter(|_| !self.functions.borrow().is_empty());
        *self.source.borrow_mut() = source.map(|s| (s.to_owned(), OnceCell::new()));
    }
}

struct SharedShortcodes(Rc<JsShortcodes>);

impl ExternalShortcodes for SharedShortcodes {
    fn lookup(&self, name: &str) -> Option<bool> {
        self.0.functions.borrow().get(name).map(|(_, inner)| *inner)
    }

    fn call(&self, call: &ExternalCall<'_>) -> Result<String, String> {
        let function = match self.0.functions.borrow().get(call.name) {
            Some((function, _)) => function.clone(),
            None => return Err("not registered".into()),
        };
        let mut call = call.clone();
        if let Some((source, table)) = self.0.source.borrow().as_ref() {
            // Position in UTF-16, as everything else the package gives.
            let table = table.get_or_init(|| Utf16Table::new(source));
            let offset = call.position.offset.min(source.len());
            let line_start = source
                .get(..offset)
                .and_then(|before| before.rfind('\n'))
                .map_or(0, |i| i + 1);
            call.position.offset = table.utf16(source, offset);
            call.position.column = call.position.offset - table.utf16(source, line_start) + 1;
        }
        let argument = call
            .serialize(&serializer())
            .map_err(|e| format!("could not pass the call to JavaScript: {e}"))?;
        match function.call1(&JsValue::NULL, &argument) {
            Ok(value) => match value.as_string() {
                Some(html) => Ok(html),
                None if value.is_undefined() || value.is_null() => Ok(String::new()),
                None => Err(format!(
                    "the JavaScript function returned {}, not a string",
                    type_name(&value)
                )),
            },
            Err(error) => Err(format!(
                "the JavaScript function threw: {}",
                describe(&error)
            )),
        }
    }
}

fn type_name(value: &JsValue) -> String {
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "a value".into())
}

/// An exception as text: an `Error`'s message, else the value converted to a string.
fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    js_sys::JSON::stringify(error)
        .ok()
        .and_then(|s| s.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "a value".into())
}

/// What `render` returns: the core's [`crate::Rendered`], its positions in UTF-16.
pub type RenderResult = crate::Rendered;

#[wasm_bindgen(typescript_custom_section)]
const RENDER_RESULT: &str = r#"
/** What `render` returns (the core's `Rendered`; positions in UTF-16 code units). */
export type RenderResult = Rendered;
"#;

/// What `parse` returns: the core's [`crate::Parsed`], its positions in UTF-16.
pub type ParseResult = crate::Parsed;

#[wasm_bindgen(typescript_custom_section)]
const PARSE_RESULT: &str = r#"
/** What `parse` returns (the core's `Parsed`; positions in UTF-16 code units). */
export type ParseResult = Parsed;
/** One shortcode call in the outline (the core's `OutlineNode`). */
export type ShortcodeNode = OutlineNode;
"#;

/// Turns spans of one text into what JavaScript counts.
struct Locator<'a> {
    lines: LineIndex<'a>,
    utf16: Utf16Index<'a>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Locator<'a> {
        Locator {
            lines: LineIndex::new(text),
            utf16: Utf16Index::new(text),
        }
    }

    /// The 1-based UTF-16 column of a byte offset on 1-based `line`.
    fn column(&self, line: usize, offset: usize) -> usize {
        self.utf16.utf16(offset) - self.utf16.utf16(self.lines.line_start(line)) + 1
    }
}

/// Every diagnostic's span and columns in UTF-16 code units, counted in the text of the file
/// its location names: the package's one conversion of diagnostic positions. A file whose
/// text the renderer does not have keeps its lines and character columns, and no offsets.
fn diagnostics_to_utf16(
    mut diagnostics: Vec<Diagnostic>,
    source: &str,
    options: &RenderOptions,
) -> Vec<Diagnostic> {
    let content = Locator::new(source);
    let mut others: BTreeMap<String, Option<Locator>> = BTreeMap::new();
    for d in &mut diagnostics {
        let locator = match d.location.file_name() {
            None => Some(&content),
            Some(name) => others
                .entry(name)
                .or_insert_with(|| options.file_text(&d.location).map(Locator::new))
                .as_ref(),
        };
        let Some(locator) = locator else {
            d.span = Span::default();
            continue;
        };
        let (start, end) = (d.span.start, d.span.end);
        d.column = locator.column(d.line, start);
        d.end_column = locator.column(d.end_line, end);
        d.span = Span::new(locator.utf16.utf16(start), locator.utf16.utf16(end));
    }
    diagnostics
}

fn render_result(
    renderer: &crate::Renderer,
    source: &str,
    page: Option<&PageInput>,
    shortcodes: Option<&Rc<JsShortcodes>>,
) -> RenderResult {
    let shortcodes = shortcodes.filter(|s| !s.functions.borrow().is_empty());
    if let Some(shortcodes) = shortcodes {
        shortcodes.set_source(Some(source));
    }
    let out = match page {
        Some(page) => renderer.render_page(source, page),
        None => renderer.render(source),
    };
    if let Some(shortcodes) = shortcodes {
        shortcodes.set_source(None);
    }
    RenderResult {
        diagnostics: diagnostics_to_utf16(out.diagnostics, source, renderer.options()),
        ..out
    }
}

/// `result` as a JavaScript object. The page HTML holds the content HTML: the content is
/// sent once and the page joined around it in JavaScript (a string concatenation there,
/// instead of decoding the same UTF-8 twice).
fn render_to_js(mut result: RenderResult) -> Result<Ts<RenderResult>, JsValue> {
    let around = crate::page::around_content(&result.page_html, &result.content_html)
        .map(|(before, after)| (before.to_owned(), after.to_owned()));
    if around.is_some() {
        result.page_html = String::new();
    }
    let object = to_js(&result)?;
    if let Some((before, after)) = around {
        let value = object.js_value();
        let content = js_sys::Reflect::get(&value, &"contentHtml".into())?;
        let page = js_sys::JsString::from(before)
            .concat(&content)
            .concat(&js_sys::JsString::from(after).into());
        js_sys::Reflect::set(&value, &"pageHtml".into(), &page)?;
    }
    Ok(object)
}

fn parse_result(renderer: &crate::Renderer, source: &str, page: Option<&PageInput>) -> ParseResult {
    let mut parsed = match page {
        Some(page) => renderer.parse_page(source, page),
        None => renderer.parse(source),
    };
    let utf16 = Utf16Index::new(source);
    let in_utf16 = |span: Span| Span::new(utf16.utf16(span.start), utf16.utf16(span.end));
    let ranges = parsed.front_matter_range.iter_mut();
    for range in ranges.chain(parsed.summary_divider.iter_mut()) {
        range.span = in_utf16(range.span);
    }
    for heading in &mut parsed.headings {
        heading.span = in_utf16(heading.span);
    }
    let mut nodes: Vec<&mut crate::OutlineNode> = parsed.shortcodes.iter_mut().collect();
    while let Some(node) = nodes.pop() {
        node.span = in_utf16(node.span);
        nodes.extend(node.children.iter_mut());
    }
    parsed.diagnostics = diagnostics_to_utf16(parsed.diagnostics, source, renderer.options());
    parsed
}

/// JavaScript's view of Rust values: plain objects, never `Map`s; `None` as `null`.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

fn to_js<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, JsValue> {
    value
        .serialize(&serializer())
        .map(Ts::new_unchecked)
        .map_err(|e| js_sys::Error::new(&format!("hugo-preview: {e}")).into())
}

fn read_options(options: Option<Ts<RenderOptions>>) -> Result<RenderOptions, JsValue> {
    match options {
        Some(options) => {
            let value: JsValue = options.into();
            if value.is_undefined() || value.is_null() {
                Ok(RenderOptions::default())
            } else {
                read_field(value, "options")
            }
        }
        None => Ok(RenderOptions::default()),
    }
}

/// The page a `Renderer.render` or `parse` names; `None` when it names none.
fn read_page(page: Option<Ts<PageInput>>) -> Result<Option<PageInput>, JsValue> {
    match page {
        Some(page) => {
            let value: JsValue = page.into();
            if value.is_undefined() || value.is_null() {
                Ok(None)
            } else {
                read_field(value, "page").map(Some)
            }
        }
        None => Ok(None),
    }
}

/// Deserializes `value`; an error is a `TypeError` that names the offending field
/// (``hugo-preview: invalid option `markup.goldmark.unsafe`: invalid type …``). The value goes
/// through a JSON tree first: serde-wasm-bindgen reads only the fields a struct knows, so an
/// unknown (misspelt) field would otherwise pass without a word. `null` and `undefined`
/// fields count as left out.
fn read_field<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let type_error = |message: String| -> JsValue { js_sys::TypeError::new(&message).into() };
    let tree = |value: JsValue| -> Result<serde_json::Value, JsValue> {
        let mut tree: serde_json::Value = serde_wasm_bindgen::from_value(value)
            .map_err(|e| type_error(format!("hugo-preview: invalid {what}: {e}")))?;
        drop_nulls(&mut tree);
        Ok(tree)
    };
    let error_of = |trial| deserialize_tree::<T>(trial).err().map(|e| e.to_string());
    deserialize_tree(tree(value.clone())?).map_err(|error| {
        let message = error.to_string();
        // The tree again (it was consumed), to find where the error is.
        let path = tree(value)
            .map(|tree| culprit(&tree, &message, &error_of))
            .unwrap_or_default();
        let message = match (path.as_str(), what) {
            ("", _) => format!("hugo-preview: invalid {what}: {message}"),
            (_, "options") => format!("hugo-preview: invalid option `{path}`: {message}"),
            _ => format!("hugo-preview: invalid {what} `{path}`: {message}"),
        };
        type_error(message)
    })
}

/// `T` from a JSON tree: one copy of its deserializer for [`read_field`] and [`culprit`].
#[inline(never)]
fn deserialize_tree<T: serde::de::DeserializeOwned>(
    tree: serde_json::Value,
) -> Result<T, serde_json::Error> {
    serde_json::from_value(tree)
}

/// Children of an object or array tried a level by [`culprit`]: past them, the path stops
/// at their parent (each one tried costs a copy and a deserialization of the tree).
const MAX_CULPRIT_TRIALS: usize = 64;

/// Where in `tree` the error `message` comes from (`markup.goldmark.unsafe`, `list[0]`),
/// found a level at a time as the member without which the error is no longer the same;
/// empty when that is the top level. Only run for an error.
fn culprit(
    tree: &serde_json::Value,
    message: &str,
    error_of: &dyn Fn(serde_json::Value) -> Option<String>,
) -> String {
    use serde_json::Value;
    let mut steps: Vec<Result<String, usize>> = Vec::new();
    let mut path = String::new();
    loop {
        let mut node = tree;
        for step in &steps {
            node = match (node, step) {
                (Value::Object(map), Ok(key)) => &map[key.as_str()],
                (Value::Array(items), Err(index)) => &items[*index],
                _ => return path,
            };
        }
        let children: Vec<Result<String, usize>> = match node {
            Value::Object(map) => map.keys().cloned().map(Ok).collect(),
            Value::Array(items) => (0..items.len()).map(Err).collect(),
            _ => return path,
        };
        let culprit = children.into_iter().take(MAX_CULPRIT_TRIALS).find(|child| {
            let mut trial = tree.clone();
            let mut node = &mut trial;
            for step in &steps {
                node = match (node, step) {
                    (Value::Object(map), Ok(key)) => &mut map[key.as_str()],
                    (Value::Array(items), Err(index)) => &mut items[*index],
                    _ => return false,
                };
            }
            match (node, child) {
                (Value::Object(map), Ok(key)) => drop(map.shift_remove(key.as_str())),
                (Value::Array(items), Err(index)) => drop(items.remove(*index)),
                _ => return false,
            }
            error_of(trial).as_deref() != Some(message)
        });
        match culprit {
            Some(Ok(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
                steps.push(Ok(key));
            }
            Some(Err(index)) => {
                path.push_str(&format!("[{index}]"));
                steps.push(Err(index));
            }
            None => return path,
        }
    }
}

/// Removes the `null` members of every object, iteratively (options can be deep).
fn drop_nulls(tree: &mut serde_json::Value) {
    let mut stack = vec![tree];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                stack.extend(map.values_mut());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}
