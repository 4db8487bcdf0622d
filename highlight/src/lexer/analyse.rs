//! Chroma's content analysers, for Hugo's `guessSyntax`: each lexer that has one scores the
//! code between 0 and 1, and the first lexer with the highest score above 0 wins
//! (`LexerRegistry.Analyse`). Most are in the lexers' XML (`<analyse first="…"><regex
//! pattern="…" score="…"/></analyse>`); a few Chroma writes in Go, restated here.

use std::sync::OnceLock;

use fancy_regex::Regex;

use crate::xml;

/// How one lexer scores code.
pub enum Analyser {
    None,
    /// The XML form: regexes and their scores; with `first`, the first that matches decides.
    Xml {
        config: &'static str,
        compiled: OnceLock<(bool, Vec<(Regex, f32)>)>,
    },
    /// Chroma's Go analyser of the Go lexer.
    Go,
    /// Chroma's MySQL analyser (`lexers/mysql.go`): names quoted `like this` against
    /// [like this].
    MySql(OnceLock<Option<(Regex, Regex)>>),
    /// Chroma's DNS zone analyser (`lexers/dns.go`).
    Dns(OnceLock<Option<Regex>>),
    /// Chroma's Zed analyser (`lexers/zed.go`).
    Zed,
}

impl Analyser {
    /// The analyser of an XML lexer, from its `<config>`; Chroma's Go-written ones by name.
    pub fn for_xml(name: &str, xml: &'static str) -> Analyser {
        match name {
            // Chroma's ERB analyser is set on the lexer inside its delegating lexer, which asks
            // its root (HTML) instead: it never runs, so none here.
            "ERB" => return Analyser::None,
            "MySQL" => return Analyser::MySql(OnceLock::new()),
            "dns" => return Analyser::Dns(OnceLock::new()),
            "Zed" => return Analyser::Zed,
            _ => {}
        }
        let (Some(start), Some(end)) = (xml.find("<config>"), xml.find("</config>")) else {
            return Analyser::None;
        };
        let config = &xml[start..end + "</config>".len()];
        match config.find("<analyse") {
            Some(_) => Analyser::Xml {
                config,
                compiled: OnceLock::new(),
            },
            None => Analyser::None,
        }
    }

    /// The score of `text` (Chroma's `AnalyseText`).
    pub fn score(&self, text: &str) -> f32 {
        match self {
            Analyser::None => 0.0,
            Analyser::Go if text.contains("fmt.") && text.contains("package ") => 0.5,
            Analyser::Go if text.contains("package ") => 0.1,
            Analyser::Go => 0.0,
            Analyser::MySql(res) => {
                let res = res.get_or_init(|| {
                    Some((
                        Regex::new(r"`[a-zA-Z_][a-zA-Z0-9_]*`").ok()?,
                        Regex::new(r"\[[a-zA-Z_][a-zA-Z0-9_]*\]").ok()?,
                    ))
                });
                let Some((backtick, bracket)) = res else {
                    return 0.0;
                };
                let count = |re: &Regex| re.find_iter(text).filter(|m| m.is_ok()).count();
                let (backticks, brackets) = (count(backtick), count(bracket));
                if backticks + brackets >= 1 && backticks >= 2 * brackets {
                    0.5
                } else if backticks > brackets {
                    0.2
                } else if backticks > 0 {
                    0.1
                } else {
                    0.0
                }
            }
            Analyser::Dns(re) => {
                let re = re.get_or_init(|| Regex::new(r"(?m)^@\s+IN\s+SOA\s+").ok());
                if re
                    .as_ref()
                    .is_some_and(|re| re.is_match(text).unwrap_or(false))
                {
                    1.0
                } else {
                    0.0
                }
            }
            Analyser::Zed => {
                let has = |w: &str| text.contains(w);
                if has("definition ") && has("relation ") && has("permission ") {
                    0.9
                } else if has("definition ") || has("relation ") {
                    0.5
                } else if has("permission ") {
                    0.25
                } else {
                    0.0
                }
            }
            Analyser::Xml { config, compiled } => {
                let (first, regexes) = compiled.get_or_init(|| parse(config));
                let mut score = 0.0f32;
                for (re, weight) in regexes {
                    if re.is_match(text).unwrap_or(false) {
                        if *first {
                            return weight.min(1.0);
                        }
                        score += weight;
                    }
                }
                score.min(1.0)
            }
        }
    }
}

/// `<analyse first="…">` and its `<regex pattern score>` children, compiled (case-insensitive
/// when the lexer is); a pattern fancy-regex refuses scores nothing.
fn parse(config: &str) -> (bool, Vec<(Regex, f32)>) {
    let Ok(root) = xml::parse(config) else {
        return (false, Vec::new());
    };
    let insensitive = root
        .child("case_insensitive")
        .is_some_and(|e| e.text.trim() == "true");
    let Some(analyse) = root.child("analyse") else {
        return (false, Vec::new());
    };
    let first = analyse.attr("first") == Some("true");
    let regexes = analyse
        .children_named("regex")
        .filter_map(|r| {
            let pattern = super::rules::translate(r.attr("pattern")?);
            let pattern = if insensitive {
                format!("(?i){pattern}")
            } else {
                pattern
            };
            let score = r.attr("score")?.parse().ok()?;
            Some((Regex::new(&pattern).ok()?, score))
        })
        .collect();
    (first, regexes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_analyser_pattern_compiles() {
        for data in crate::data::LEXERS {
            let Analyser::Xml { config, .. } = Analyser::for_xml(data.name, data.xml) else {
                continue;
            };
            let (_, compiled) = parse(config);
            assert_eq!(
                compiled.len(),
                config.matches("<regex ").count(),
                "{}: every analyser pattern should compile",
                data.name
            );
        }
    }
}
