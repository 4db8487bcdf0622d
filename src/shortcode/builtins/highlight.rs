//! `highlight LANG ["OPTIONS"]`: Hugo's `highlight` function over the trimmed inner content,
//! by the highlighter ([`crate::highlight`]); uncoloured while there is none.

use super::position;
use crate::highlight::{uncoloured, Answer, Kind, Options, Request};
use crate::shortcode::call::{go_string, Call, Env, Report};

/// `highlight` (both versions' `_shortcodes/highlight.html`).
pub fn highlight(call: &Call, env: &Env, report: &mut Report) -> String {
    let lang = call.get_index(0).map(|v| go_string(&v)).unwrap_or_default();
    let options = call.get_index(1).map(|v| go_string(&v)).unwrap_or_default();
    // Hugo's template: `highlight (trim .InnerDeindent "\n\r") …`.
    let inner = call.inner_deindent();
    let code = inner.trim_matches(['\n', '\r']);
    let request = Request {
        code,
        lang: &lang,
        kind: Kind::Shortcode,
        options: Options::Text(&options),
        ordinal: 0,
    };
    match env.highlighter.highlight(&request) {
        Answer::Html(html) => html,
        Answer::Error(message) => {
            report.error(format!("{message}. See {}", position(call, env)));
            String::new()
        }
        Answer::Unavailable => uncoloured(code, &lang),
    }
}
