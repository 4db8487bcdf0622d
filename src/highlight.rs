//! Colouring code as Hugo does (Chroma, `markup.highlight`).
//!
//! The highlighter is not part of this crate: it is the `hugo-preview-highlight` crate,
//! linked in natively (cargo feature `highlight`) and, in the browser, a second WebAssembly
//! module that the package's JavaScript loads when a page first has code to colour. Both
//! answer the same request, a JSON object:
//!
//! ```json
//! {"code": "…", "lang": "go", "kind": "fence" | "shortcode" | "function",
//!  "options": "linenos=table" | {"linenos": "table"} | null, "config": {…markup.highlight…}}
//! ```
//!
//! with `{"html": "…"}` or `{"error": "…"}`; a highlighter that is not there yet answers
//! nothing, and the block renders uncoloured (and is asked again next render). Answers are
//! kept between renders (two generations), so a keystroke outside code colours nothing again.

use std::cell::RefCell;

use serde_json::{Map, Value};

use crate::cache::Generations;
use crate::limits::MAX_HIGHLIGHT_CACHE_BYTES;
use crate::modules::Module;

/// Where the code comes from: Hugo wraps each differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A fenced code block; `options` is what follows the language (`{linenos=table}`).
    Fence,
    /// `transform.HighlightCodeBlock` in a code block hook: as a fence, but the code is the
    /// hook's `.Inner` as it is (no final line break added, as in Hugo).
    CodeBlock,
    /// The `highlight` shortcode; `options` its second argument.
    Shortcode,
    /// The `highlight` (`transform.Highlight`) template function.
    Function,
    /// Not a block: whether there is a lexer for `lang` (`transform.CanHighlight`), answered
    /// `true` or `false` as the HTML.
    Lexer,
}

/// A block to colour.
pub struct Request<'a> {
    pub code: &'a str,
    pub lang: &'a str,
    pub kind: Kind,
    pub options: Options<'a>,
    /// A fence's place among the page's fenced blocks (Hugo's line anchors `hl-N`).
    pub ordinal: usize,
}

pub enum Options<'a> {
    None,
    /// The shortcode's or function's `key=value,…` string.
    Text(&'a str),
    /// A fence's parsed attributes, or the function's map form, as a JSON object
    /// (`rules::escape::push_json_string` writes its keys and strings).
    Json(String),
}

/// What the highlighter made of a block.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Html(String),
    /// Hugo's message for options it refuses.
    Error(String),
    /// No highlighter (yet): render the block uncoloured.
    Unavailable,
}

/// Request JSON → answer JSON; `None` while the highlighter is not there (the backend of every
/// module the renderer may wait for, [`crate::modules`]).
pub use crate::modules::Backend;

/// The site's highlighter with what it already coloured.
pub struct Highlighter {
    /// The site's `markup.highlight` table as configured (Hugo's keys), as JSON.
    config: String,
    /// `markup.highlight.codeFences` (default true).
    fences: bool,
    /// The backend, and whether blocks waited for it (as KaTeX's and the QR encoder's).
    module: Module,
    answers: RefCell<Generations<String, Answer>>,
}

impl Highlighter {
    /// `config`: the site's `markup.highlight` table (empty for Hugo's defaults).
    pub fn new(config: Map<String, Value>, backend: Option<Backend>) -> Highlighter {
        let fences = config
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("codeFences"));
        let fences = !matches!(fences, Some((_, Value::Bool(false))));
        Highlighter {
            config: Value::Object(config).to_string(),
            fences,
            module: Module::new(backend),
            answers: RefCell::new(Generations::new(
                MAX_HIGHLIGHT_CACHE_BYTES,
                |key, answer| {
                    key.len()
                        + match answer {
                            Answer::Html(s) | Answer::Error(s) => s.len(),
                            Answer::Unavailable => 0,
                        }
                },
            )),
        }
    }

    /// Takes the backend out (a rebuilt renderer keeps its bridge to the highlighter).
    pub fn take_backend(&mut self) -> Option<Backend> {
        self.module.take_backend()
    }

    /// Replaces the highlighter (the package gives its JavaScript bridge); answers kept so far
    /// are forgotten.
    pub fn set_backend(&mut self, backend: Option<Backend>) {
        self.module.set_backend(backend);
        self.answers.borrow_mut().clear();
    }

    /// Colours a fenced block for the Markdown stage: `None` leaves it uncoloured. (With
    /// `codeFences = false` ([`Highlighter::colours_fences`]) the stage does not ask.)
    /// `attributes` are the fence's attributes as a JSON object (`{"linenos":"table"}`);
    /// `ordinal` its place among the page's fenced blocks, from 0.
    pub fn fence(
        &self,
        code: &str,
        lang: &str,
        attributes: impl FnOnce() -> String,
        ordinal: usize,
    ) -> Option<Result<String, String>> {
        match self.highlight(&Request {
            code,
            lang,
            kind: Kind::Fence,
            options: Options::Json(attributes()),
            ordinal,
        }) {
            Answer::Html(html) => Some(Ok(html)),
            Answer::Error(message) => Some(Err(message)),
            Answer::Unavailable => None,
        }
    }

    /// The highlighter linked into this build, if any (cargo feature `highlight`).
    pub fn native_backend() -> Option<Backend> {
        #[cfg(feature = "highlight")]
        {
            Some(Box::new(|request: &str| {
                Some(hugo_preview_highlight::answer(request))
            }))
        }
        #[cfg(not(feature = "highlight"))]
        {
            None
        }
    }

    /// `transform.CanHighlight LANG`: whether Chroma has a lexer for LANG; `None` while the
    /// highlighter is not there.
    pub fn can_highlight(&self, lang: &str) -> Option<bool> {
        let request = Request {
            code: "",
            lang,
            kind: Kind::Lexer,
            options: Options::None,
            ordinal: 0,
        };
        match self.highlight(&request) {
            Answer::Html(answer) => Some(answer == "true"),
            Answer::Error(_) | Answer::Unavailable => None,
        }
    }

    /// A new render: answers not used since the one before are let go.
    pub fn start_render(&self) {
        self.answers.borrow_mut().rotate();
        self.module.start_render();
    }

    /// Whether a block of this render waits for the highlighter.
    pub fn pending(&self) -> bool {
        self.module.pending()
    }

    /// A count of the blocks left uncoloured because the highlighter was still loading: a
    /// template call whose run changed it has output that is not to be remembered.
    pub fn waits(&self) -> usize {
        self.module.waits()
    }

    /// Whether fenced code blocks are coloured (`markup.highlight.codeFences`, default true).
    pub fn colours_fences(&self) -> bool {
        self.fences
    }

    pub fn highlight(&self, request: &Request) -> Answer {
        if !self.module.available() {
            return Answer::Unavailable;
        }
        let kind = match request.kind {
            Kind::Fence => "fence",
            Kind::CodeBlock => "codeblock",
            Kind::Shortcode => "shortcode",
            Kind::Function => "function",
            Kind::Lexer => "lexer",
        };
        // The request without the site's config, which is the same for every block of this
        // highlighter: the key its answer is kept under. The config is added on a miss.
        let mut key = String::with_capacity(request.code.len() + 96);
        key.push_str("{\"code\":");
        crate::rules::escape::push_json_string(&mut key, request.code);
        key.push_str(",\"lang\":");
        crate::rules::escape::push_json_string(&mut key, request.lang);
        key.push_str(",\"kind\":\"");
        key.push_str(kind);
        key.push_str("\",\"options\":");
        match &request.options {
            Options::None => key.push_str("null"),
            Options::Text(text) => crate::rules::escape::push_json_string(&mut key, text),
            Options::Json(json) => key.push_str(json),
        }
        key.push_str(",\"ordinal\":");
        key.push_str(&request.ordinal.to_string());
        if let Some(answer) = self.answers.borrow_mut().get(key.as_str()) {
            return answer;
        }
        let request = format!("{key},\"config\":{}}}", self.config);
        // Not there yet: the render waits (the module counts it), nothing is kept.
        let Some(json) = self.module.ask(&request) else {
            return Answer::Unavailable;
        };
        let answer = parse_answer(&json);
        self.answers.borrow_mut().insert(key, answer.clone());
        answer
    }
}

/// A block as Hugo writes it without colours (Chroma's structure is the highlighter's):
/// what the preview shows until the highlighter is there, or with highlighting off.
pub fn uncoloured(code: &str, lang: &str) -> String {
    let mut out = String::with_capacity(code.len() + 96);
    if lang.is_empty() {
        out.push_str("<pre tabindex=\"0\"><code>");
    } else {
        out.push_str("<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-");
        crate::rules::escape::push_html(&mut out, lang);
        out.push_str("\" data-lang=\"");
        crate::rules::escape::push_html(&mut out, lang);
        out.push_str("\">");
    }
    crate::rules::escape::push_html(&mut out, code);
    out.push_str(if lang.is_empty() {
        "</code></pre>"
    } else {
        "</code></pre></div>"
    });
    out
}

fn parse_answer(json: &str) -> Answer {
    let value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    match (value.get("html"), value.get("error")) {
        (Some(Value::String(html)), _) => Answer::Html(html.clone()),
        (_, Some(Value::String(error))) => Answer::Error(error.clone()),
        _ => Answer::Error(format!("the highlighter gave no answer: {json}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::cell::Cell;
    use std::rc::Rc;

    fn counting() -> (Rc<Cell<usize>>, Backend) {
        let calls = Rc::new(Cell::new(0));
        let seen = calls.clone();
        let backend: Backend = Box::new(move |request: &str| {
            seen.set(seen.get() + 1);
            let request: Value = serde_json::from_str(request).unwrap();
            Some(
                json!({ "html": format!("<b>{}</b>", request["code"].as_str().unwrap()) })
                    .to_string(),
            )
        });
        (calls, backend)
    }

    fn fence(code: &str) -> Request<'_> {
        Request {
            code,
            lang: "go",
            kind: Kind::Fence,
            options: Options::None,
            ordinal: 0,
        }
    }

    #[test]
    fn answers_are_kept_between_renders() {
        let (calls, backend) = counting();
        let highlighter = Highlighter::new(Map::new(), Some(backend));
        highlighter.start_render();
        assert_eq!(
            highlighter.highlight(&fence("a")),
            Answer::Html("<b>a</b>".into())
        );
        highlighter.start_render();
        assert_eq!(
            highlighter.highlight(&fence("a")),
            Answer::Html("<b>a</b>".into())
        );
        assert_eq!(calls.get(), 1);
        // Not used in the render after: let go.
        highlighter.start_render();
        highlighter.start_render();
        highlighter.highlight(&fence("a"));
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn a_missing_highlighter_is_asked_again() {
        let ready = Rc::new(Cell::new(false));
        let flag = ready.clone();
        let backend: Backend =
            Box::new(move |_: &str| flag.get().then(|| json!({"html": "x"}).to_string()));
        let highlighter = Highlighter::new(Map::new(), Some(backend));
        highlighter.start_render();
        assert_eq!(highlighter.highlight(&fence("a")), Answer::Unavailable);
        assert!(highlighter.pending());
        ready.set(true);
        highlighter.start_render();
        assert!(!highlighter.pending());
        assert_eq!(highlighter.highlight(&fence("a")), Answer::Html("x".into()));
    }

    #[test]
    fn errors_and_garbage_are_answers() {
        let backend: Backend = Box::new(|_: &str| Some("not json".into()));
        let highlighter = Highlighter::new(Map::new(), Some(backend));
        assert!(matches!(
            highlighter.highlight(&fence("a")),
            Answer::Error(_)
        ));
        let backend: Backend = Box::new(|_: &str| Some(r#"{"error":"bad"}"#.into()));
        let highlighter = Highlighter::new(Map::new(), Some(backend));
        assert_eq!(
            highlighter.highlight(&fence("a")),
            Answer::Error("bad".into())
        );
    }

    #[test]
    fn requests_are_json_with_every_field() {
        let seen = Rc::new(RefCell::new(String::new()));
        let copy = seen.clone();
        let backend: Backend = Box::new(move |request: &str| {
            *copy.borrow_mut() = request.to_owned();
            Some(json!({"html": ""}).to_string())
        });
        let mut config = Map::new();
        config.insert("style".into(), Value::String("dracula".into()));
        let highlighter = Highlighter::new(config, Some(backend));
        highlighter.highlight(&Request {
            code: "a \"q\" \\ \u{1}\n",
            lang: "go",
            kind: Kind::Shortcode,
            options: Options::Text("linenos=table"),
            ordinal: 3,
        });
        let request: Value = serde_json::from_str(&seen.borrow()).unwrap();
        assert_eq!(
            request,
            json!({"code": "a \"q\" \\ \u{1}\n", "lang": "go", "kind": "shortcode",
                   "options": "linenos=table", "config": {"style": "dracula"}, "ordinal": 3})
        );
    }

    #[test]
    fn code_fences_setting() {
        let mut config = Map::new();
        assert!(Highlighter::new(config.clone(), None).colours_fences());
        config.insert("codefences".into(), Value::Bool(false));
        assert!(!Highlighter::new(config, None).colours_fences());
    }
}
