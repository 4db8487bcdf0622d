//! `highlight LANG ["OPTIONS"]`: Hugo's `highlight` function over the trimmed inner content.
//!
//! We have no Chroma, so no colours: without options the output is the same as a fenced code
//! block's; with line numbers or highlighted lines it is Chroma's class-based structure
//! (`formatters/html`): every line `<span class="line"><span class="cl">…</span></span>`,
//! highlighted lines `line hl`, inline numbers `ln`, table numbers `lnt` in a `lntable`.
//! Hugo's defaults come from `markup.highlight`; the options override them
//! (`markup/highlight/config.go`, keys case-insensitive).

use super::position;
use crate::highlight::{Answer, Kind, Options, Request};
use crate::markdown::render::is_known_language;
use crate::shortcode::call::{go_string, Call, Env, Report};
use crate::site::HighlightConfig;

/// The settings that change the HTML structure.
#[derive(Debug, Clone, PartialEq)]
struct Settings {
    line_nos: bool,
    in_table: bool,
    line_no_start: i64,
    anchor_line_nos: bool,
    line_anchors: String,
    hl_lines: String,
    inline: bool,
}

impl Settings {
    fn from_config(config: &HighlightConfig) -> Settings {
        Settings {
            line_nos: config.line_nos,
            in_table: config.line_numbers_in_table,
            line_no_start: config.line_no_start,
            anchor_line_nos: config.anchor_line_nos,
            line_anchors: config.line_anchors.clone(),
            hl_lines: config.hl_lines.clone(),
            inline: false,
        }
    }

    /// Applies `key=value,key=value` (Hugo's `parseHighlightOptions`). Options that only
    /// change colours (`style`, `noClasses`, `tabWidth`, `guessSyntax`) are accepted and
    /// ignored.
    fn apply(&mut self, options: &str) -> Result<(), String> {
        for option in options.split(',') {
            let option = option.trim();
            if option.is_empty() {
                continue;
            }
            let Some((key, value)) = option.split_once('=') else {
                return Err(format!("invalid Highlight option: {option}"));
            };
            let (key, value) = (key.trim().to_lowercase(), value.trim());
            let boolean = || value.eq_ignore_ascii_case("true");
            match key.as_str() {
                "linenos" => match value.to_lowercase().as_str() {
                    "table" => (self.line_nos, self.in_table) = (true, true),
                    "inline" => (self.line_nos, self.in_table) = (true, false),
                    "true" => self.line_nos = true,
                    _ => self.line_nos = false,
                },
                "hl_lines" => self.hl_lines = value.to_owned(),
                "linenostart" => {
                    self.line_no_start = value
                        .parse()
                        .map_err(|_| format!("invalid Highlight option: {option}"))?
                }
                "anchorlinenos" => self.anchor_line_nos = boolean(),
                "lineanchors" => self.line_anchors = value.to_owned(),
                "hl_inline" => self.inline = boolean(),
                "linenumbersintable" => self.in_table = boolean(),
                _ => {}
            }
        }
        Ok(())
    }
}

/// `hl_lines` (`"2-4 6"`) as 1-based positions in the block (Hugo's `hlLinesToRanges`
/// before it adds `lineNoStart`).
fn highlighted_ranges(spec: &str) -> Result<Vec<(i64, i64)>, String> {
    let mut ranges = Vec::new();
    for field in spec.split([' ', ',']).filter(|f| !f.is_empty()) {
        let parse = |n: &str| {
            n.trim()
                .parse::<i64>()
                .map_err(|_| format!("invalid hl_lines value: {spec}"))
        };
        let range = match field.split_once('-') {
            Some((first, last)) => (parse(first)?, parse(last)?),
            None => (parse(field)?, parse(field)?),
        };
        ranges.push(range);
    }
    Ok(ranges)
}

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
        Answer::Html(html) => return html,
        Answer::Error(message) => {
            report.error(format!("{message}. See {}", position(call, env)));
            return String::new();
        }
        // Uncoloured until the highlighter is there.
        Answer::Unavailable => {}
    }
    match highlight_code(code, &lang, &options, &env.site.highlight) {
        Ok(html) => html,
        Err(message) => {
            report.error(format!("{message}. See {}", position(call, env)));
            String::new()
        }
    }
}

/// Hugo's `transform.Highlight`: `code` in `lang` with the site's `markup.highlight`
/// defaults and `options` (`key=value,…`) over them. What the highlight shortcode and the
/// `highlight` template function both produce.
pub fn highlight_code(
    code: &str,
    lang: &str,
    options: &str,
    config: &HighlightConfig,
) -> Result<String, String> {
    let mut settings = Settings::from_config(config);
    settings.apply(options)?;
    let ranges = highlighted_ranges(&settings.hl_lines)?;
    Ok(render(code, lang, &settings, &ranges))
}

fn render(code: &str, lang: &str, settings: &Settings, ranges: &[(i64, i64)]) -> String {
    let mut out = String::new();
    if settings.inline {
        out.push_str("<code class=\"code-inline language-");
        push_go_escaped(&mut out, lang);
        out.push_str("\">");
        push_go_escaped(&mut out, code);
        out.push_str("</code>");
        return out;
    }
    let known = !lang.is_empty() && is_known_language(&lang.to_lowercase());
    let chroma = known && (settings.line_nos || !ranges.is_empty());
    if !chroma {
        // Hugo writes the `highlight` div only when Chroma has a lexer for the language.
        if known {
            out.push_str("<div class=\"highlight\">");
        }
        push_pre_start(&mut out, lang, "");
        push_go_escaped(&mut out, code);
        out.push_str("</code></pre>");
        if known {
            out.push_str("</div>");
        }
        return out;
    }

    // Chroma's lexers add a final newline but never emit it (`newlineAdded` in
    // `regexp.go`): every line keeps its own newline except the last.
    let mut lines: Vec<&str> = code.split_inclusive('\n').collect();
    if lines.is_empty() {
        lines.push("");
    }
    let start = settings.line_no_start;
    let last = start.saturating_add(lines.len() as i64).saturating_sub(1);
    let digits = last.to_string().len();
    let highlighted = |index: usize| {
        let position = index as i64 + 1;
        ranges
            .iter()
            .any(|&(first, last)| first <= position && position <= last)
    };
    let prefix = if settings.line_anchors.is_empty() {
        String::new()
    } else {
        format!("{}-", settings.line_anchors)
    };
    let number = |out: &mut String, class: &str, line: i64, newline: bool| {
        out.push_str("<span class=\"");
        out.push_str(class);
        out.push('"');
        let title = format!("{line:>digits$}");
        if settings.anchor_line_nos {
            let id = format!("{prefix}{line}");
            out.push_str(" id=\"");
            push_go_escaped(out, &id);
            out.push_str("\"><a class=\"lnlinks\" href=\"#");
            push_go_escaped(out, &id);
            out.push_str("\">");
            out.push_str(&title);
            out.push_str("</a>");
        } else {
            out.push('>');
            out.push_str(&title);
        }
        if newline {
            out.push('\n');
        }
        out.push_str("</span>");
    };
    let table = settings.line_nos && settings.in_table;

    out.push_str("<div class=\"highlight\">");
    if table {
        out.push_str("<div class=\"chroma\">\n<table class=\"lntable\"><tr><td class=\"lntd\">\n");
        push_pre_start(&mut out, "", " class=\"chroma\"");
        for index in 0..lines.len() {
            let line = start.saturating_add(index as i64);
            if highlighted(index) {
                out.push_str("<span class=\"hl\">");
                number(&mut out, "lnt", line, true);
                out.push_str("</span>");
            } else {
                number(&mut out, "lnt", line, true);
            }
        }
        out.push_str("</code></pre></td>\n<td class=\"lntd\">\n");
    }
    push_pre_start(&mut out, lang, " class=\"chroma\"");
    for (index, text) in lines.iter().enumerate() {
        let line = start.saturating_add(index as i64);
        out.push_str(if highlighted(index) {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        if settings.line_nos && !table {
            number(&mut out, "ln", line, false);
        }
        out.push_str("<span class=\"cl\">");
        push_go_escaped(&mut out, text);
        out.push_str("</span></span>");
    }
    out.push_str("</code></pre>");
    if table {
        out.push_str("</td></tr></table>\n</div>\n");
    }
    out.push_str("</div>");
    out
}

/// Hugo's `WritePreStart`: `<pre tabindex="0"ATTR><code class="language-L" data-lang="L">`.
fn push_pre_start(out: &mut String, lang: &str, attributes: &str) {
    out.push_str("<pre tabindex=\"0\"");
    out.push_str(attributes);
    out.push_str("><code");
    if !lang.is_empty() {
        out.push_str(" class=\"language-");
        push_go_escaped(out, lang);
        out.push_str("\" data-lang=\"");
        push_go_escaped(out, lang);
        out.push('"');
    }
    out.push('>');
}

/// Go's `html.EscapeString`: `& ' < > "`.
fn push_go_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_highlighted_line_ranges() {
        assert_eq!(highlighted_ranges("2-4 6"), Ok(vec![(2, 4), (6, 6)]));
        assert_eq!(highlighted_ranges(""), Ok(vec![]));
        assert!(highlighted_ranges("x").is_err());
    }

    #[test]
    fn options_are_case_insensitive() {
        let mut settings = Settings::from_config(&HighlightConfig::default());
        settings
            .apply("linenos=inline, lineNoStart=42, ANCHORLINENOS=true")
            .unwrap();
        assert!(settings.line_nos && !settings.in_table && settings.anchor_line_nos);
        assert_eq!(settings.line_no_start, 42);
    }
}
