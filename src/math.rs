//! `transform.ToMath`: LaTeX to MathML with KaTeX, the code Hugo runs.
//!
//! Hugo renders math with KaTeX 0.18.4 and its mhchem extension (JavaScript it runs in
//! WebAssembly). The preview runs the same files (`vendor/katex/`): natively in QuickJS
//! (cargo feature `math`), and in the browser and Node as a JavaScript module that the
//! package loads the first time a page calls `transform.ToMath`. Both answer the same request,
//! a JSON object:
//!
//! ```json
//! {"expression": "x^2", "options": {"output": "mathml", "displayMode": false, …}}
//! ```
//!
//! with `{"html": "…", "warnings": […]}` or `{"error": "KaTeX parse error: …"}`; a module not
//! there yet answers nothing, and the formula shows as its TeX until the next render
//! ([`crate::modules`]). The package's bridge remembers answers (`js/core.js`), as the native
//! backend below does.

use serde_json::Value;

/// What KaTeX made of a formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The MathML, and what `strict: "warn"` reported (Hugo logs each as a warning).
    Html { html: String, warnings: Vec<String> },
    /// KaTeX's message (`KaTeX parse error: …`).
    Error(String),
    /// No KaTeX (yet).
    Unavailable,
}

/// KaTeX linked into this build, if any (cargo feature `math`, not in WebAssembly: there the
/// package gives its JavaScript module).
pub fn native_backend() -> Option<crate::modules::Backend> {
    #[cfg(all(feature = "math", not(target_arch = "wasm32")))]
    {
        Some(Box::new(|request: &str| Some(quickjs::answer(request))))
    }
    #[cfg(not(all(feature = "math", not(target_arch = "wasm32"))))]
    {
        None
    }
}

/// What KaTeX answered to a request, or [`Answer::Unavailable`] for no answer.
pub fn answer(json: Option<String>) -> Answer {
    json.map_or(Answer::Unavailable, |json| parse_answer(&json))
}

fn parse_answer(json: &str) -> Answer {
    let value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    match (value.get("html"), value.get("error")) {
        (Some(Value::String(html)), _) => Answer::Html {
            html: html.clone(),
            warnings: value
                .get("warnings")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(|w| w.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        },
        (_, Some(Value::String(error))) => Answer::Error(error.clone()),
        _ => Answer::Error(format!("KaTeX gave no answer: {json}")),
    }
}

/// The script both builds run: the two UMD files inside a function whose parameters hide the
/// names they would otherwise define or resolve (`vendor/katex/README.md`), then `answer`.
/// `scripts/build-pkg.sh` writes the same text, with an `export`, as the package's module.
#[cfg(any(test, all(feature = "math", not(target_arch = "wasm32"))))]
pub(crate) fn script() -> String {
    format!(
        "var katex = (function (self, exports, module, define, require) {{\n{}\n;\n{}\n;\nreturn self.katex;\n}})({{}});\n{}",
        include_str!("../vendor/katex/katex.min.js"),
        include_str!("../vendor/katex/mhchem.min.js"),
        include_str!("../vendor/katex/katex.js"),
    )
}

/// KaTeX in QuickJS, one engine per thread, made on the first formula (about 40 ms).
#[cfg(all(feature = "math", not(target_arch = "wasm32")))]
mod quickjs {
    use rquickjs::{Context, Function, Runtime};
    use std::cell::{Cell, OnceCell, RefCell};
    use std::collections::HashMap;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    /// A formula that takes longer is stopped (KaTeX bounds macro expansion itself; this
    /// is for anything it does not foresee).
    const TIME_LIMIT: Duration = Duration::from_secs(10);
    const MEMORY_LIMIT: usize = 256 << 20;
    const STACK_LIMIT: usize = 4 << 20;

    struct Engine {
        context: Context,
        deadline: Rc<Cell<Option<Instant>>>,
        // Dropped after the context.
        _runtime: Runtime,
    }

    /// Answers remembered, at most this many bytes of requests and answers (then forgotten
    /// all at once: a render asks again for what it needs). The package's bridge keeps the
    /// same amount (`js/core.js`).
    const CACHE_BYTES: usize = 4 << 20;

    thread_local! {
        static ENGINE: OnceCell<Result<Engine, String>> = const { OnceCell::new() };
        static ANSWERS: RefCell<(HashMap<String, String>, usize)> = RefCell::default();
    }

    fn start() -> Result<Engine, String> {
        let runtime = Runtime::new().map_err(|e| e.to_string())?;
        runtime.set_memory_limit(MEMORY_LIMIT);
        runtime.set_max_stack_size(STACK_LIMIT);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let watched = deadline.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || {
            watched.get().is_some_and(|at| Instant::now() > at)
        })));
        let context = Context::full(&runtime).map_err(|e| e.to_string())?;
        context.with(|ctx| {
            ctx.eval::<(), _>(super::script())
                .map_err(|e| format!("KaTeX could not be started: {e}"))
        })?;
        Ok(Engine {
            context,
            deadline,
            _runtime: runtime,
        })
    }

    pub(super) fn answer(request: &str) -> String {
        if let Some(hit) = ANSWERS.with(|answers| answers.borrow().0.get(request).cloned()) {
            return hit;
        }
        let answer = run(request);
        ANSWERS.with(|answers| {
            let (map, bytes) = &mut *answers.borrow_mut();
            *bytes += request.len() + answer.len();
            if *bytes > CACHE_BYTES {
                map.clear();
                *bytes = request.len() + answer.len();
            }
            map.insert(request.to_owned(), answer.clone());
        });
        answer
    }

    fn run(request: &str) -> String {
        ENGINE.with(|cell| match cell.get_or_init(start) {
            Err(message) => serde_json::json!({ "error": message }).to_string(),
            Ok(engine) => {
                engine.deadline.set(Some(Instant::now() + TIME_LIMIT));
                let result = engine.context.with(|ctx| {
                    let answer: Function = ctx.globals().get("answer")?;
                    answer.call::<_, String>((request,))
                });
                engine.deadline.set(None);
                result.unwrap_or_else(|error| {
                    let message = match error {
                        rquickjs::Error::Exception => {
                            format!("KaTeX stopped (longer than {} s, or out of memory)", TIME_LIMIT.as_secs())
                        }
                        other => format!("KaTeX failed: {other}"),
                    };
                    serde_json::json!({ "error": message }).to_string()
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_and_garbage_are_answers() {
        assert!(matches!(answer(Some("not json".into())), Answer::Error(_)));
        assert_eq!(
            answer(Some(r#"{"error":"KaTeX parse error: x"}"#.into())),
            Answer::Error("KaTeX parse error: x".into())
        );
        assert_eq!(
            answer(Some(r#"{"html":"<math></math>","warnings":["w"]}"#.into())),
            Answer::Html {
                html: "<math></math>".into(),
                warnings: vec!["w".into()]
            }
        );
        assert_eq!(answer(None), Answer::Unavailable);
    }

    #[test]
    fn the_script_defines_katex_only_inside_its_function() {
        let script = script();
        assert!(script.starts_with(
            "var katex = (function (self, exports, module, define, require) {"
        ));
        assert!(script.contains("function answer(request)"));
    }

    #[cfg(all(feature = "math", not(target_arch = "wasm32")))]
    #[test]
    fn quickjs_renders_as_hugo() {
        let render = |expression: &str| {
            let request = serde_json::json!({"expression": expression, "options": null});
            answer(native_backend().unwrap()(&request.to_string()))
        };
        // Hugo 0.168's output for the same call.
        assert_eq!(
            render(r"x^2 + \frac{a}{b}"),
            Answer::Html {
                html: r#"<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow><annotation encoding="application/x-tex">x^2 + \frac{a}{b}</annotation></semantics></math></span>"#.into(),
                warnings: vec![],
            }
        );
        assert_eq!(
            render(r"\frac{"),
            Answer::Error(
                "KaTeX parse error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{".into()
            )
        );
    }
}
