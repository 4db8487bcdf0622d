//! Chroma's regex lexers, run as Chroma runs them.
//!
//! A lexer is a set of named states, each an ordered list of rules; at each position the first
//! rule of the current state whose pattern matches there wins, emits tokens and may push or pop
//! states (`regexp.go`'s `Iterator` in Chroma). Definitions are Chroma's XML (`data.rs`), plus the
//! few lexers Chroma writes in Go, restated in the same XML under `data/native/`. Patterns are
//! compiled lazily, per lexer, the first time a block in that language is coloured.

mod analyse;
mod rules;

use std::sync::{Arc, OnceLock};

use crate::token::{coalesce, Token, TokenType};
use rules::{Emitter, RegexLexer};

/// How deep lexers may nest (`using`, `usingself`, delegation): a fixed bound, so input never
/// controls recursion depth. Chroma has none; no real lexer comes close.
const MAX_NESTING: usize = 12;
/// How deep a lexer's state stack may grow before it is reset, as Chroma resets it on an
/// unmatched newline. Only a looping definition gets there.
const MAX_STACK: usize = 256;

/// Lexers Chroma writes in Go; their rules are restated in Chroma's XML format.
const NATIVE: &[(&str, &[&str], &[&str], &str)] = &[
    (
        "Go",
        &["go", "golang"],
        &["*.go"],
        include_str!("../../data/native/go.xml"),
    ),
    (
        "markdown",
        &["md", "mkd"],
        &["*.md", "*.mkd", "*.markdown"],
        include_str!("../../data/native/markdown.xml"),
    ),
];

/// Lexers that combine two others (Chroma's `DelegatingLexer`): (name, aliases, globs, root,
/// language). The language lexer runs first; what it marks `Other` is lexed by the root lexer.
#[allow(clippy::type_complexity)]
const DELEGATING: &[(&str, &[&str], &[&str], &str, &str)] = &[
    (
        "Go HTML Template",
        &["go-html-template"],
        &[],
        "HTML",
        "Go Template",
    ),
    (
        "PHTML",
        &["phtml"],
        &["*.phtml", "*.php", "*.php[345]", "*.inc"],
        "HTML",
        "PHTML inner",
    ),
];

enum Source {
    Xml(&'static str),
    /// Chroma's `Go Text Template`: the `Go Template` rules under another name.
    Renamed(&'static str),
    Delegating {
        root: &'static str,
        language: &'static str,
    },
    /// PHP's rules under a `php` state, entered from HTML-ish text (Chroma's phtml lexer).
    PhpInHtml,
}

struct Entry {
    name: &'static str,
    aliases: Vec<&'static str>,
    globs: Vec<&'static str>,
    priority: f32,
    source: Source,
    compiled: OnceLock<Result<Arc<RegexLexer>, String>>,
    analyser: analyse::Analyser,
}

/// Every lexer Hugo knows, by name, alias and file glob.
pub struct Registry {
    entries: Vec<Entry>,
}

/// The one registry; lexers inside compile on first use.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(Registry::new)
}

/// A lexer found in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexerId(usize);

impl Registry {
    fn new() -> Registry {
        let mut entries: Vec<Entry> = Vec::new();
        for data in crate::data::LEXERS {
            let priority = config_value(data.xml, "priority")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0.0);
            entries.push(Entry {
                name: data.name,
                aliases: data.aliases.to_vec(),
                globs: data.filenames.to_vec(),
                priority,
                source: Source::Xml(data.xml),
                compiled: OnceLock::new(),
                analyser: analyse::Analyser::for_xml(data.name, data.xml),
            });
        }
        for &(name, aliases, globs, xml) in NATIVE {
            entries.push(Entry {
                name,
                aliases: aliases.to_vec(),
                globs: globs.to_vec(),
                priority: 0.0,
                source: Source::Xml(xml),
                compiled: OnceLock::new(),
                analyser: if name == "Go" {
                    analyse::Analyser::Go
                } else {
                    analyse::Analyser::None
                },
            });
        }
        entries.push(Entry {
            name: "Go Text Template",
            aliases: vec!["go-text-template"],
            globs: vec![],
            priority: 0.0,
            source: Source::Renamed("Go Template"),
            compiled: OnceLock::new(),
            analyser: analyse::Analyser::None,
        });
        entries.push(Entry {
            name: "PHTML inner",
            aliases: vec![],
            globs: vec![],
            priority: -100.0,
            source: Source::PhpInHtml,
            compiled: OnceLock::new(),
            analyser: analyse::Analyser::None,
        });
        for &(name, aliases, globs, root, language) in DELEGATING {
            entries.push(Entry {
                name,
                aliases: aliases.to_vec(),
                globs: globs.to_vec(),
                priority: if name == "PHTML" { 2.0 } else { 0.0 },
                source: Source::Delegating { root, language },
                compiled: OnceLock::new(),
                // Chroma's delegating lexer asks its root (HTML), which has no analyser: the
                // PHP analyser Chroma sets on the inner lexer is never consulted.
                analyser: analyse::Analyser::None,
            });
        }
        Registry { entries }
    }

    /// Chroma's `LexerRegistry.Get`: exact name, alias, then both lowercased (a later
    /// registration wins, as in Chroma's maps), then `filename.<lang>` and `<lang>` as file names.
    pub fn get(&self, name: &str) -> Option<LexerId> {
        // Chroma keys both maps by the name as written and lowercased.
        let by_name = |n: &str| {
            self.entries
                .iter()
                .rposition(|e| e.name == n || e.name.to_lowercase() == n)
        };
        let by_alias = |n: &str| {
            self.entries
                .iter()
                .rposition(|e| e.aliases.iter().any(|a| *a == n || a.to_lowercase() == n))
        };
        let lower = name.to_lowercase();
        if let Some(i) = by_name(name)
            .or_else(|| by_alias(name))
            .or_else(|| by_name(&lower))
            .or_else(|| by_alias(&lower))
        {
            return Some(LexerId(i));
        }
        let mut candidates: Vec<usize> = Vec::new();
        candidates.extend(self.match_filename(&format!("filename.{name}")));
        candidates.extend(self.match_filename(name));
        self.best(candidates).map(LexerId)
    }

    /// Chroma's `Match`: the highest-priority lexer whose file globs match the base name.
    fn match_filename(&self, filename: &str) -> Option<usize> {
        let base = filename.rsplit('/').next().unwrap_or(filename);
        let matched: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                self.entries[i].globs.iter().any(|glob| {
                    glob_match(glob, base)
                        || IGNORED_SUFFIXES
                            .iter()
                            .any(|s| glob_match(&format!("{glob}{s}"), base))
                })
            })
            .collect();
        self.best(matched)
    }

    /// Chroma's `PrioritisedLexers` order: higher priority first, then by name.
    fn best(&self, mut candidates: Vec<usize>) -> Option<usize> {
        candidates.sort_by(|&a, &b| {
            let (a, b) = (&self.entries[a], &self.entries[b]);
            b.priority
                .partial_cmp(&a.priority)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.name.cmp(b.name))
        });
        candidates.first().copied()
    }

    /// Chroma's `Analyse`, for `guessSyntax`: the first lexer with the highest score above 0.
    /// (Chroma walks its lexers in registration order, XML files by file name; ties between
    /// lexers that score the same are rare and may pick another of them here.)
    pub fn analyse(&self, code: &str) -> Option<LexerId> {
        let mut best: Option<(usize, f32)> = None;
        for (i, entry) in self.entries.iter().enumerate() {
            let score = entry.analyser.score(code);
            if score > best.map_or(0.0, |(_, s)| s) {
                best = Some((i, score));
            }
        }
        best.map(|(i, _)| LexerId(i))
    }

    /// The lexer's display name (`Go`, `C++`).
    pub fn name(&self, id: LexerId) -> &'static str {
        self.entries[id.0].name
    }

    /// Chroma's `Tokenise(nil, code)`: the root state, CRLF made LF, not nested.
    pub fn tokenise(&self, id: LexerId, code: &str) -> Result<Vec<Token>, String> {
        let text = if code.contains('\r') {
            ensure_lf(code)
        } else {
            code.to_string()
        };
        let mut out = Vec::new();
        self.run(id, &text, "root", false, 0, &mut out)?;
        Ok(out)
    }

    fn compiled(&self, index: usize) -> Result<Arc<RegexLexer>, String> {
        let entry = &self.entries[index];
        entry
            .compiled
            .get_or_init(|| {
                let lexer = match entry.source {
                    Source::Xml(xml) => RegexLexer::from_xml(xml, None),
                    Source::Renamed(original) => {
                        let i = self
                            .get(original)
                            .ok_or_else(|| format!("no lexer {original}"))?
                            .0;
                        match self.entries[i].source {
                            Source::Xml(xml) => RegexLexer::from_xml(xml, None),
                            _ => Err(format!("{original} is not an XML lexer")),
                        }
                    }
                    Source::PhpInHtml => {
                        let i = self.get("PHP").ok_or("no PHP lexer")?.0;
                        match self.entries[i].source {
                            Source::Xml(xml) => RegexLexer::from_xml(xml, Some(rules::php_in_html)),
                            _ => Err("PHP is not an XML lexer".to_string()),
                        }
                    }
                    Source::Delegating { .. } => Err("delegating".to_string()),
                };
                lexer
                    .map(Arc::new)
                    .map_err(|e| format!("{}: {e}", entry.name))
            })
            .clone()
    }

    /// Runs lexer `index` over `text` from `state`, appending its tokens.
    fn run(
        &self,
        id: LexerId,
        text: &str,
        state: &str,
        nested: bool,
        depth: usize,
        out: &mut Vec<Token>,
    ) -> Result<(), String> {
        if depth > MAX_NESTING {
            out.push(Token {
                ty: TokenType::ERROR,
                value: text.to_string(),
            });
            return Ok(());
        }
        if let Source::Delegating { root, language } = self.entries[id.0].source {
            return self.delegate(root, language, text, state, nested, depth, out);
        }
        let lexer = self.compiled(id.0)?;
        if lexer.yaml_front_matter {
            if let Some((front, rest)) = split_front_matter(text) {
                if let Some(yaml) = self.get("YAML") {
                    self.run(yaml, front, state, nested, depth + 1, out)?;
                }
                return self.lex(&lexer, rest, state, nested, depth, out);
            }
        }
        self.lex(&lexer, text, state, nested, depth, out)
    }

    /// Chroma's `delegatingLexer.Tokenise`.
    #[allow(clippy::too_many_arguments)]
    fn delegate(
        &self,
        root: &str,
        language: &str,
        text: &str,
        state: &str,
        nested: bool,
        depth: usize,
        out: &mut Vec<Token>,
    ) -> Result<(), String> {
        let root = self.get(root).ok_or("no root lexer")?;
        let language = self.get(language).ok_or("no language lexer")?;
        let mut tokens = Vec::new();
        self.run(language, text, state, nested, depth + 1, &mut tokens)?;
        let tokens = coalesce(tokens);
        // Runs of non-Other tokens, with the offset (in the Other text) where each goes.
        let mut others = String::new();
        let mut insertions: Vec<(usize, Vec<Token>)> = Vec::new();
        let mut last_other = true;
        for token in tokens {
            if token.ty == TokenType::OTHER {
                others.push_str(&token.value);
                last_other = true;
            } else {
                if last_other {
                    insertions.push((others.len(), Vec::new()));
                }
                if let Some((_, run)) = insertions.last_mut() {
                    run.push(token);
                }
                last_other = false;
            }
        }
        if insertions.is_empty() {
            return self.run(root, text, state, nested, depth + 1, out);
        }
        let mut root_tokens = Vec::new();
        self.run(root, &others, state, nested, depth + 1, &mut root_tokens)?;
        let root_tokens = coalesce(root_tokens);
        let mut offset = 0; // into `others`
        let mut insertions = insertions.into_iter().peekable();
        for mut token in root_tokens {
            while let Some((at, _)) = insertions.peek() {
                if *at >= offset + token.value.len() {
                    break;
                }
                let (at, run) = insertions.next().unwrap_or_default();
                let split = at.saturating_sub(offset).min(token.value.len());
                if split > 0 {
                    let right = token.value.split_off(split);
                    offset += token.value.len();
                    out.push(Token {
                        ty: token.ty,
                        value: std::mem::replace(&mut token.value, right),
                    });
                }
                out.extend(run);
            }
            offset += token.value.len();
            out.push(token);
        }
        for (_, run) in insertions {
            out.extend(run);
        }
        Ok(())
    }

    /// The state machine (Chroma's `LexerState.Iterator`).
    fn lex(
        &self,
        lexer: &RegexLexer,
        text: &str,
        initial: &str,
        nested: bool,
        depth: usize,
        out: &mut Vec<Token>,
    ) -> Result<(), String> {
        let owned;
        let (text, end) = if !nested && lexer.ensure_nl && !text.ends_with('\n') {
            owned = format!("{text}\n");
            (owned.as_str(), owned.len() - 1)
        } else {
            (text, text.len())
        };
        let initial_id = lexer
            .state_id(initial)
            .ok_or_else(|| format!("unknown state {initial}"))?;
        let mut stack = vec![initial_id];
        let mut pos = 0;
        while pos < end {
            let Some(&current) = stack.last() else { break };
            let Some((rule, groups)) = lexer.match_at(current, text, pos) else {
                // Chroma (after Pygments): an unmatched newline resets the stack.
                if text.as_bytes()[pos] == b'\n' && current != initial_id {
                    stack.clear();
                    stack.push(initial_id);
                    continue;
                }
                let len = char_len(text, pos);
                out.push(Token {
                    ty: TokenType::ERROR,
                    value: text[pos..pos + len].to_string(),
                });
                pos += len;
                continue;
            };
            let (depth_before, top_before) = (stack.len(), current);
            pos = groups.end();
            if let Some(mutator) = &rule.mutator {
                mutator.apply(&mut stack, current);
            }
            if stack.len() > MAX_STACK {
                stack.clear();
                stack.push(initial_id);
            }
            if let Some(emitter) = &rule.emitter {
                self.emit(lexer, emitter, &groups.texts(text), depth, out)?;
            }
            let progressed = groups.is_nonempty()
                || stack.len() != depth_before
                || stack.last() != Some(&top_before);
            if !progressed {
                // A zero-width match that changed nothing would repeat forever (Chroma's later
                // versions do the same).
                let len = char_len(text, pos);
                if pos < text.len() {
                    out.push(Token {
                        ty: TokenType::ERROR,
                        value: text[pos..pos + len].to_string(),
                    });
                }
                pos += len;
            }
        }
        if pos < text.len() && stack.is_empty() {
            out.push(Token {
                ty: TokenType::ERROR,
                value: text[pos..].to_string(),
            });
        }
        Ok(())
    }

    fn emit(
        &self,
        lexer: &RegexLexer,
        emitter: &Emitter,
        groups: &[&str],
        depth: usize,
        out: &mut Vec<Token>,
    ) -> Result<(), String> {
        match emitter {
            Emitter::Token(ty) if *ty == TokenType::IGNORE => {}
            Emitter::Token(ty) => out.push(Token {
                ty: *ty,
                value: groups[0].to_string(),
            }),
            Emitter::ByGroups(emitters) => {
                if emitters.len() + 1 != groups.len() {
                    out.push(Token {
                        ty: TokenType::ERROR,
                        value: groups[0].to_string(),
                    });
                } else {
                    for (emitter, group) in emitters.iter().zip(&groups[1..]) {
                        if let Some(emitter) = emitter {
                            self.emit(lexer, emitter, &[group], depth, out)?;
                        }
                    }
                }
            }
            Emitter::UsingSelf(state) => {
                if depth >= MAX_NESTING || lexer.state_id(state).is_none() {
                    out.push(Token {
                        ty: TokenType::ERROR,
                        value: groups[0].to_string(),
                    });
                } else {
                    self.lex(lexer, groups[0], state, true, depth + 1, out)?;
                }
            }
            Emitter::Using { lexer: name, other } => match self.get(name) {
                Some(id) => {
                    let start = out.len();
                    self.run(id, groups[0], "root", true, depth + 1, out)?;
                    if let Some(to) = other {
                        for token in &mut out[start..] {
                            if token.ty == TokenType::OTHER {
                                token.ty = *to;
                            }
                        }
                    }
                }
                None => out.push(Token {
                    ty: TokenType::ERROR,
                    value: groups[0].to_string(),
                }),
            },
            Emitter::UsingByGroup {
                name_group,
                code_group,
                emitters,
            } => {
                if emitters.len() + 1 != groups.len() || *name_group >= groups.len() {
                    out.push(Token {
                        ty: TokenType::ERROR,
                        value: groups[0].to_string(),
                    });
                    return Ok(());
                }
                let sublexer = self.get(groups[*name_group]);
                for (i, group) in groups[1..].iter().enumerate() {
                    match sublexer {
                        Some(id) if i + 1 == *code_group => {
                            let text = if group.contains('\r') {
                                ensure_lf(group)
                            } else {
                                group.to_string()
                            };
                            self.run(id, &text, "root", false, depth + 1, out)?;
                        }
                        _ => {
                            if let Some(emitter) = &emitters[i] {
                                self.emit(lexer, emitter, &[group], depth, out)?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Chroma's `ignoredSuffixes`: backup and template suffixes that still select a lexer.
const IGNORED_SUFFIXES: &[&str] = &[
    "~",
    ".bak",
    ".old",
    ".orig",
    ".dpkg-dist",
    ".dpkg-old",
    ".ucf-dist",
    ".ucf-new",
    ".ucf-old",
    ".rpmnew",
    ".rpmorig",
    ".rpmsave",
    ".in",
];

/// Go's `filepath.Match` for the globs lexers use: `*`, `?` and `[…]` classes. Iterative.
fn glob_match(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    let (mut gi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if gi < g.len() {
            match g[gi] {
                '*' => {
                    star = Some((gi, ni));
                    gi += 1;
                    continue;
                }
                '?' => {
                    gi += 1;
                    ni += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = class_match(&g, gi, n[ni]) {
                        if matched {
                            gi = next;
                            ni += 1;
                            continue;
                        }
                    }
                }
                c if c == n[ni] => {
                    gi += 1;
                    ni += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sg, sn)) => {
                gi = sg + 1;
                ni = sn + 1;
                star = Some((sg, sn + 1));
            }
            None => return false,
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

/// Matches `c` against the class starting at `g[start] == '['`; returns (matched, index after).
fn class_match(g: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(g.get(i), Some('^' | '!'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < g.len() && (first || g[i] != ']') {
        first = false;
        let lo = g[i];
        if g.get(i + 1) == Some(&'-') && g.get(i + 2).is_some_and(|&hi| hi != ']') {
            if lo <= c && c <= g[i + 2] {
                matched = true;
            }
            i += 3;
        } else {
            if lo == c {
                matched = true;
            }
            i += 1;
        }
    }
    (i < g.len()).then_some((matched != negate, i + 1))
}

/// Chroma's `ensureLF`: `\r\n` and lone `\r` become `\n`.
fn ensure_lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn char_len(text: &str, pos: usize) -> usize {
    text[pos..].chars().next().map_or(1, char::len_utf8)
}

/// Chroma's Markdown lexer: a leading `---` YAML block is lexed as YAML.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    if !text.starts_with("---\n") && !text.starts_with("---\r\n") {
        return None;
    }
    let mut pos = text.find('\n')? + 1;
    while pos < text.len() {
        let next = text[pos..].find('\n')?;
        let line_end = pos + next;
        if text[pos..line_end].trim_end_matches('\r') == "---" {
            return Some((&text[..line_end + 1], &text[line_end + 1..]));
        }
        pos = line_end + 1;
    }
    None
}

fn config_value<'a>(xml: &'a str, key: &str) -> Option<&'a str> {
    let config = &xml[..xml.find("</config>")?];
    let start = config.find(&format!("<{key}>"))? + key.len() + 2;
    let end = config[start..].find('<')? + start;
    Some(&config[start..end])
}

#[cfg(test)]
mod tests;
