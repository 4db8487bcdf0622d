//! Chroma's regex lexers, run as Chroma runs them.
//!
//! A lexer is a set of named states, each an ordered list of rules; at each position the first
//! rule of the current state whose pattern matches there wins, emits tokens and may push or pop
//! states (`regexp.go`'s `Iterator` in Chroma). Definitions are Chroma's XML (`data.rs`), plus the
//! few lexers Chroma writes in Go, restated in the same XML under `data/native/`. Patterns are
//! compiled lazily, per lexer, the first time a block in that language is coloured.

mod analyse;
mod raku;
mod rules;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::token::{coalesce, Token, TokenType};
use rules::{Emitter, Mutator, RegexLexer};

/// How deep lexers may nest (`using`, `usingself`, delegation): a fixed bound, so input never
/// controls recursion depth. Chroma has none; no real lexer comes close.
const MAX_NESTING: usize = 12;
/// How deep a lexer's state stack may grow before it is reset, as Chroma resets it on an
/// unmatched newline. Only a looping definition gets there.
const MAX_STACK: usize = 256;

/// A file of `data/native/`, as `build.rs` compacts it.
macro_rules! native {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/native/", $file))
    };
}

/// Chroma's Genshi rules, for both its lexers.
const GENSHI: &str = native!("genshi.xml");

/// Chroma's embedded XML lexers in the order Chroma registers them (their file names).
const ORDER: &str = native!("order.txt");

/// What Chroma's `lexers/*.go` register, in the order Go runs them (file by file): new lexers,
/// whose rules are restated in Chroma's XML under `data/native/`, and wrappers that replace an
/// embedded XML lexer of the same name in place (Chroma's `Register`).
fn go_registrations() -> Vec<Entry> {
    let native =
        |name, aliases: &[&'static str], globs: &[&'static str], mimes: &[&'static str], xml| {
            Entry::new(name, aliases, globs, mimes, Source::Xml(xml))
        };
    let delegating = |name,
                      aliases: &[&'static str],
                      globs: &[&'static str],
                      mimes: &[&'static str],
                      root,
                      language| {
        // A delegating lexer's analyser is its root's (HTML and YAML have none).
        Entry::new(
            name,
            aliases,
            globs,
            mimes,
            Source::Delegating { root, language },
        )
    };
    let mut http = native("HTTP", &["http"], &[], &[], native!("http.xml"));
    http.post = Post::HttpBody;
    let mut phtml = delegating(
        "PHTML",
        &["phtml"],
        &["*.phtml", "*.php", "*.php[345]", "*.inc"],
        &[
            "application/x-php",
            "application/x-httpd-php",
            "application/x-httpd-php3",
            "application/x-httpd-php4",
            "application/x-httpd-php5",
            "text/x-php",
        ],
        "HTML",
        "PHTML inner",
    );
    phtml.priority = 2.0;
    let mut go = native(
        "Go",
        &["go", "golang"],
        &["*.go"],
        &["text/x-gosrc"],
        native!("go.xml"),
    );
    go.analyser = analyse::Analyser::Go;
    let mut typoscript = native(
        "TypoScript",
        &["typoscript"],
        &["*.ts"],
        &["text/x-typoscript"],
        native!("typoscript.xml"),
    );
    typoscript.priority = 0.1;
    vec![
        native(
            "Caddyfile",
            &["caddyfile", "caddy"],
            &["Caddyfile*"],
            &[],
            native!("caddyfile.xml"),
        ),
        native(
            "Caddyfile Directives",
            &["caddyfile-directives", "caddyfile-d", "caddy-d"],
            &[],
            &[],
            native!("caddyfile-directives.xml"),
        ),
        Entry::remapping("Common Lisp", native!("common-lisp-remap.xml")),
        Entry::remapping("EmacsLisp", native!("emacslisp-remap.xml")),
        delegating(
            "ERB",
            &["erb", "html+erb", "html+ruby", "rhtml"],
            &["*.erb", "*.html.erb", "*.xml.erb", "*.rhtml"],
            &["application/x-ruby-templating"],
            "HTML",
            "ERB inner",
        ),
        native(
            "Gemtext",
            &["gemtext", "gmi", "gmni", "gemini"],
            &["*.gmi", "*.gmni", "*.gemini"],
            &["text/gemini"],
            native!("gemtext.xml"),
        ),
        native(
            "Genshi Text",
            &["genshitext"],
            &[],
            &["application/x-genshi-text", "text/x-genshi"],
            native!("genshi-text.xml"),
        ),
        native(
            "Genshi HTML",
            &["html+genshi", "html+kid"],
            &[],
            &["text/html+genshi"],
            GENSHI,
        ),
        native(
            "Genshi",
            &["genshi", "kid", "xml+genshi", "xml+kid"],
            &["*.kid"],
            &["application/x-genshi", "application/x-kid"],
            GENSHI,
        ),
        go,
        delegating(
            "Go HTML Template",
            &["go-html-template"],
            &[],
            &[],
            "HTML",
            "Go Template",
        ),
        Entry::new(
            "Go Text Template",
            &["go-text-template"],
            &[],
            &[],
            Source::Renamed("Go Template"),
        ),
        native(
            "Haxe",
            &["hx", "haxe", "hxsl"],
            &["*.hx", "*.hxsl"],
            &["text/haxe", "text/x-haxe", "text/x-hx"],
            native!("haxe.xml"),
        ),
        http,
        native(
            "markdown",
            &["md", "mkd"],
            &["*.md", "*.mkd", "*.markdown"],
            &["text/x-markdown"],
            native!("markdown.xml"),
        ),
        native(
            "Markless",
            &["mess"],
            &["*.mess", "*.markless"],
            &["text/x-markless"],
            native!("markless.xml"),
        ),
        phtml,
        native(
            "Raku",
            &["perl6", "pl6", "raku"],
            &[
                "*.pl",
                "*.pm",
                "*.nqp",
                "*.p6",
                "*.6pl",
                "*.p6l",
                "*.pl6",
                "*.6pm",
                "*.p6m",
                "*.pm6",
                "*.t",
                "*.raku",
                "*.rakumod",
                "*.rakutest",
                "*.rakudoc",
            ],
            &[
                "text/x-perl6",
                "application/x-perl6",
                "text/x-raku",
                "application/x-raku",
            ],
            native!("raku.xml"),
        ),
        native(
            "reStructuredText",
            &["rst", "rest", "restructuredtext"],
            &["*.rst", "*.rest"],
            &["text/x-rst", "text/prs.fallenstein.rst"],
            native!("rst.xml"),
        ),
        delegating(
            "Svelte",
            &["svelte"],
            &["*.svelte"],
            &["application/x-svelte"],
            "HTML",
            "Svelte inner",
        ),
        typoscript,
        delegating(
            "YAML+Jinja",
            &["yaml+jinja", "salt", "sls", "ansible"],
            &["*.sls"],
            &["text/x-yaml+jinja", "text/x-sls"],
            "YAML",
            "Django/Jinja",
        ),
    ]
}

/// An embedded lexer's XML, for a lexer that Chroma builds from it again.
fn embedded(name: &str) -> &'static str {
    crate::data::LEXERS
        .iter()
        .find(|d| d.name == name)
        .map_or("", |d| d.xml)
}

/// Lexers that exist only inside a delegating lexer above (Chroma builds them unregistered).
fn inner_lexers() -> Vec<Entry> {
    let inner = |name, source| Entry {
        priority: -100.0,
        ..Entry::new(name, &[], &[], &[], source)
    };
    vec![
        inner("PHTML inner", Source::PhpInHtml),
        inner("ERB inner", Source::Xml(embedded("ERB"))),
        inner("Svelte inner", Source::Xml(native!("svelte.xml"))),
    ]
}

enum Source {
    Xml(&'static str),
    /// Chroma's `Go Text Template`: the `Go Template` rules under another name.
    Renamed(&'static str),
    /// Chroma's `DelegatingLexer`: the language lexer runs first; what it marks `Other` is lexed
    /// by the root lexer.
    Delegating {
        root: &'static str,
        language: &'static str,
    },
    /// PHP's rules under a `php` state, entered from HTML-ish text (Chroma's phtml lexer).
    PhpInHtml,
}

/// What Chroma's Go wrappers do to a lexer's tokens after it has run.
enum Post {
    None,
    /// `TypeRemappingLexer`: `data/native/*-remap.xml`, parsed on first use.
    Remap(&'static str, OnceLock<Remap>),
    /// `httpBodyContentTypeLexer`: the body is lexed by the lexer of its `Content-Type`.
    HttpBody,
}

/// Token type → text → new type (`""`: any text).
type Remap = HashMap<TokenType, HashMap<String, TokenType>>;

struct Entry {
    name: &'static str,
    aliases: Vec<&'static str>,
    globs: Vec<&'static str>,
    mimes: Vec<&'static str>,
    priority: f32,
    source: Source,
    post: Post,
    compiled: OnceLock<Result<Arc<RegexLexer>, String>>,
    analyser: analyse::Analyser,
}

impl Entry {
    fn new(
        name: &'static str,
        aliases: &[&'static str],
        globs: &[&'static str],
        mimes: &[&'static str],
        source: Source,
    ) -> Entry {
        Entry {
            name,
            aliases: aliases.to_vec(),
            globs: globs.to_vec(),
            mimes: mimes.to_vec(),
            priority: 0.0,
            source,
            post: Post::None,
            compiled: OnceLock::new(),
            analyser: analyse::Analyser::None,
        }
    }

    /// An embedded XML lexer as Chroma reads it: config, analyser and rules.
    fn from_data(data: &crate::data::LexerData) -> Entry {
        let priority = config_value(data.xml, "priority")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0.0);
        Entry {
            priority,
            analyser: analyse::Analyser::for_xml(data.name, data.xml),
            ..Entry::new(
                data.name,
                data.aliases,
                data.filenames,
                &config_values(data.xml, "mime_type"),
                Source::Xml(data.xml),
            )
        }
    }

    /// A `TypeRemappingLexer` around the embedded lexer `name`: only its `post` is used, on
    /// the embedded lexer's entry (`Registry::new`).
    fn remapping(name: &'static str, remap: &'static str) -> Entry {
        Entry {
            post: Post::Remap(remap, OnceLock::new()),
            ..Entry::new(name, &[], &[], &[], Source::Renamed(""))
        }
    }
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
    /// Chroma's `GlobalLexerRegistry`: the embedded XML lexers by file name, then what
    /// `lexers/*.go` register; a lexer registered under a name already taken replaces that
    /// lexer in place. (The order decides ties in `Analyse`.)
    fn new() -> Registry {
        let order: Vec<&str> = ORDER.lines().collect();
        let mut entries: Vec<Entry> = crate::data::LEXERS.iter().map(Entry::from_data).collect();
        entries.sort_by_key(|e| {
            order
                .iter()
                .position(|n| *n == e.name)
                .unwrap_or(usize::MAX)
        });
        for entry in go_registrations() {
            match entries.iter().position(|e| e.name == entry.name) {
                // A remapping lexer keeps the embedded lexer's config, analyser and rules.
                Some(i) if matches!(entry.post, Post::Remap(..)) => entries[i].post = entry.post,
                Some(i) => entries[i] = entry,
                None => entries.push(entry),
            }
        }
        entries.extend(inner_lexers());
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

    /// Chroma's `PrioritisedLexers` order: higher priority first (an unset priority, 0, counts
    /// as 1); equal priorities keep registry order (Go's sort is an insertion sort for the few
    /// candidates there are).
    fn best(&self, mut candidates: Vec<usize>) -> Option<usize> {
        let priority = |i: usize| {
            let p = self.entries[i].priority;
            if p == 0.0 {
                1.0
            } else {
                p
            }
        };
        candidates.sort_by(|&a, &b| {
            priority(b)
                .partial_cmp(&priority(a))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        candidates.first().copied()
    }

    /// Chroma's `MatchMimeType`: the highest-priority lexer that lists the MIME type.
    fn match_mime_type(&self, mime: &str) -> Option<usize> {
        let matched = (0..self.entries.len())
            .filter(|&i| self.entries[i].mimes.contains(&mime))
            .collect();
        self.best(matched)
    }

    /// Chroma's `Analyse`, for `guessSyntax`: in registry order, the first lexer with the
    /// highest score above 0.
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
        let start = out.len();
        match split_front_matter(text).filter(|_| lexer.yaml_front_matter) {
            Some((front, rest)) => {
                if let Some(yaml) = self.get("YAML") {
                    self.run(yaml, front, state, nested, depth + 1, out)?;
                }
                self.lex(
                    &lexer,
                    rest,
                    state,
                    nested,
                    depth,
                    out,
                    &mut Default::default(),
                )?;
            }
            None => self.lex(
                &lexer,
                text,
                state,
                nested,
                depth,
                out,
                &mut Default::default(),
            )?,
        }
        match &self.entries[id.0].post {
            Post::None => {}
            Post::Remap(xml, table) => {
                remap(table.get_or_init(|| parse_remap(xml)), &mut out[start..])
            }
            Post::HttpBody => {
                let tokens = out.split_off(start);
                self.http_body(tokens, depth, out)?;
            }
        }
        Ok(())
    }

    /// Chroma's `httpBodyContentTyper`: the value of a `Content-Type` header picks the lexer of
    /// the body (by MIME type, else `type/suffix` for `type/x+suffix`); with no such lexer the
    /// body is plain text, with no header it stays `Generic`.
    fn http_body(
        &self,
        tokens: Vec<Token>,
        depth: usize,
        out: &mut Vec<Token>,
    ) -> Result<(), String> {
        let mut content_type = String::new();
        let mut is_content_type = false;
        for mut token in tokens {
            if token.ty == TokenType::NAME && token.value.to_lowercase() == "content-type" {
                is_content_type = true;
            } else if token.ty == TokenType::LITERAL && is_content_type {
                is_content_type = false;
                content_type = token.value.trim().to_string();
                if let Some(pos) = content_type.find(';').filter(|&p| p > 0) {
                    content_type = content_type[..pos].trim().to_string();
                }
            } else if token.ty == TokenType::GENERIC && !content_type.is_empty() {
                let mut lexer = self.match_mime_type(&content_type);
                if lexer.is_none() && content_type.contains('+') {
                    let slash = content_type.find('/').map_or(0, |s| s + 1);
                    let plus = content_type.rfind('+').map_or(0, |p| p + 1);
                    let fallback = format!("{}{}", &content_type[..slash], &content_type[plus..]);
                    lexer = self.match_mime_type(&fallback);
                }
                match lexer {
                    None => token.ty = TokenType::TEXT,
                    Some(i) => {
                        let text = ensure_lf(&token.value);
                        self.run(LexerId(i), &text, "root", false, depth + 1, out)?;
                        continue;
                    }
                }
            }
            out.push(token);
        }
        Ok(())
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

    /// The state machine (Chroma's `LexerState.Iterator`). `shared`: what passes over the same
    /// text with this lexer share (Raku's replaced rules).
    #[allow(clippy::too_many_arguments)]
    fn lex(
        &self,
        lexer: &RegexLexer,
        text: &str,
        initial: &str,
        nested: bool,
        depth: usize,
        out: &mut Vec<Token>,
        shared: &mut raku::Shared,
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
        // Stacks kept by Haxe's `#if` (Chroma keeps them in the lexer state).
        let mut saved: Vec<Vec<usize>> = Vec::new();
        // Raku's stacks of replaced rules.
        let mut context = raku::Context::default();
        let mut scratch = rules::GuardScratch::default();
        let mut pos = 0;
        while pos < end {
            let Some(&current) = stack.last() else { break };
            let Some((rule, groups)) =
                lexer.match_at(current, text, pos, &mut scratch, &shared.overrides)
            else {
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
            let (depth_before, top_before, start) = (stack.len(), current, pos);
            pos = groups.end();
            // Raku's emitters and mutators read groups by name, and change them.
            let mut named = rule
                .needs_names()
                .then(|| raku::Named::new(rule.regex.as_deref(), &groups, text));
            let mut whole: Option<String> = None;
            match &rule.mutator {
                Some(Mutator::HaxePreProc { expr, error }) => {
                    let directive = groups.texts(text).get(2).copied().unwrap_or("");
                    haxe_pre_proc(directive, (*expr, *error), &mut saved, &mut stack);
                }
                Some(mutator) => {
                    let mut raku = RakuStep {
                        lexer,
                        text,
                        pos: &mut pos,
                        named: named.as_mut(),
                        whole: &mut whole,
                        shared,
                        context: &mut context,
                    };
                    mutate(mutator, &mut stack, current, &mut raku);
                }
                None => {}
            }
            if stack.len() > MAX_STACK {
                stack.clear();
                stack.push(initial_id);
            }
            if let Some(emitter) = &rule.emitter {
                let groups = match &whole {
                    Some(whole) => vec![whole.as_str()],
                    None => groups.texts(text),
                };
                self.emit(lexer, emitter, &groups, depth, out, shared, named.as_ref())?;
            }
            let progressed =
                pos > start || stack.len() != depth_before || stack.last() != Some(&top_before);
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

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        lexer: &RegexLexer,
        emitter: &Emitter,
        groups: &[&str],
        depth: usize,
        out: &mut Vec<Token>,
        shared: &mut raku::Shared,
        named: Option<&raku::Named>,
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
                            self.emit(lexer, emitter, &[group], depth, out, shared, named)?;
                        }
                    }
                }
            }
            Emitter::UsingSelf(state) => {
                self.lex_again(lexer, groups[0], state, depth, out, shared)?
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
                code_last,
                emitters,
            } => {
                if emitters.len() + 1 != groups.len()
                    || *name_group >= groups.len()
                    || *code_last >= groups.len()
                {
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
                            let code = groups[*code_group..=*code_last].concat();
                            self.run(id, &ensure_lf(&code), "root", false, depth + 1, out)?;
                        }
                        Some(_) if i + 1 > *code_group && i < *code_last => {}
                        _ => {
                            if let Some(emitter) = &emitters[i] {
                                self.emit(lexer, emitter, &[group], depth, out, shared, named)?;
                            }
                        }
                    }
                }
            }
            Emitter::ByGroupNames(emitters) => {
                let Some(named) = named else {
                    return self.emit_error(groups, out);
                };
                if named.order.is_empty() {
                    return match emitters.iter().find(|(name, _)| name == "0") {
                        Some((_, Some(emitter))) => {
                            self.emit(lexer, emitter, groups, depth, out, shared, Some(named))
                        }
                        Some((_, None)) => Ok(()),
                        None => self.emit_error(groups, out),
                    };
                }
                for key in &named.order {
                    let group = named.get(key);
                    match emitters.iter().find(|(name, _)| name == key) {
                        Some((_, Some(emitter))) => {
                            self.emit(lexer, emitter, &[group], depth, out, shared, Some(named))?
                        }
                        Some((_, None)) => {}
                        None => self.emit_error(&[group], out)?,
                    }
                }
            }
            Emitter::ColonPair(key_type) => {
                let Some(named) = named else {
                    return self.emit_error(groups, out);
                };
                let punctuation = raku::ty("Punctuation");
                push(out, punctuation, named.get("colon"));
                let key = named.get("key");
                if key_type.name() == "NameAttribute" {
                    push(out, *key_type, key);
                } else {
                    let digits = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
                    let state = if digits { "common" } else { "Q" };
                    self.lex_again(lexer, key, state, depth, out, shared)?;
                }
                let opening = named.get("opening_delimiters");
                push(out, punctuation, opening);
                let state = match opening {
                    "(" | "{" | "[" => Some("root"),
                    "<<" | "«" => Some("ww"),
                    "<" => Some("Q"),
                    _ => None,
                };
                if let Some(state) = state {
                    self.lex_again(lexer, named.get("value"), state, depth, out, shared)?;
                }
                push(out, punctuation, named.get("closing_delimiters"));
            }
            Emitter::RakuQuote => {
                let Some(named) = named else {
                    return self.emit_error(groups, out);
                };
                let (keyword, adverbs) = (named.get("keyword"), named.get("adverbs"));
                push(out, raku::ty("Keyword"), keyword);
                push(out, raku::ty("LiteralStringAffix"), adverbs);
                push(out, TokenType::TEXT, named.get("ws"));
                let punctuation = raku::ty("Punctuation");
                push(out, punctuation, named.get("opening_delimiters"));
                let state = raku::quote_state(keyword, adverbs);
                self.lex_again(lexer, named.get("value"), state, depth, out, shared)?;
                push(out, punctuation, named.get("closing_delimiters"));
            }
            Emitter::PodConfig => {
                let config = groups.first().copied().unwrap_or("");
                self.lex_again(lexer, config, "colon-pair-attribute", depth, out, shared)?;
            }
            Emitter::PodCode => {
                let Some(named) = named else {
                    return self.emit_error(groups, out);
                };
                let (comment, keyword) = (raku::ty("Comment"), raku::ty("Keyword"));
                push(out, comment, named.get("ws"));
                push(out, keyword, named.get("keyword"));
                push(out, keyword, named.get("ws2"));
                push(out, keyword, named.get("name"));
                let config = named.get("config");
                self.lex_again(lexer, config, "colon-pair-attribute", depth, out, shared)?;
                let value = named.get("value");
                match self.get(raku::pod_language(config)) {
                    Some(id) => self.run(id, &ensure_lf(value), "root", false, depth + 1, out)?,
                    None => push(out, raku::ty("LiteralStringDoc"), value),
                }
                push(out, comment, named.get("ws3"));
                push(out, keyword, named.get("end_keyword"));
                push(out, keyword, named.get("ws4"));
                push(out, keyword, named.get("name"));
            }
        }
        Ok(())
    }

    /// `text` lexed again by this lexer from `state` (Chroma's `usingself` and nested
    /// `Tokenise`), within [`MAX_NESTING`]: deeper (Raku's `:a(:a(:a(…)))`), or from a state the
    /// lexer lacks, it is an error token.
    fn lex_again(
        &self,
        lexer: &RegexLexer,
        text: &str,
        state: &str,
        depth: usize,
        out: &mut Vec<Token>,
        shared: &mut raku::Shared,
    ) -> Result<(), String> {
        if depth >= MAX_NESTING || lexer.state_id(state).is_none() {
            push(out, TokenType::ERROR, text);
            return Ok(());
        }
        self.lex(lexer, text, state, true, depth + 1, out, shared)
    }

    fn emit_error(&self, groups: &[&str], out: &mut Vec<Token>) -> Result<(), String> {
        push(out, TokenType::ERROR, groups.first().copied().unwrap_or(""));
        Ok(())
    }
}

fn push(out: &mut Vec<Token>, ty: TokenType, value: &str) {
    if !value.is_empty() {
        out.push(Token {
            ty,
            value: value.to_string(),
        });
    }
}

/// What Raku's mutators reach besides the stack.
struct RakuStep<'a, 'n> {
    lexer: &'a RegexLexer,
    text: &'a str,
    pos: &'a mut usize,
    named: Option<&'n mut raku::Named>,
    whole: &'a mut Option<String>,
    shared: &'a mut raku::Shared,
    context: &'a mut raku::Context,
}

/// Applies a rule's mutator (Chroma's `Mutators` run in order).
fn mutate(mutator: &Mutator, stack: &mut Vec<usize>, current: usize, raku: &mut RakuStep) {
    match mutator {
        Mutator::Many(all) => {
            for mutator in all {
                mutate(mutator, stack, current, raku);
            }
        }
        Mutator::FindBrackets(kind) => {
            let Some(named) = raku.named.as_deref_mut() else {
                return;
            };
            let found = raku::find_brackets(
                *kind,
                raku.lexer,
                raku.text,
                *raku.pos,
                named,
                stack,
                raku.shared,
                raku.context,
            );
            *raku.pos = found.pos;
            if found.whole.is_some() {
                *raku.whole = found.whole;
            }
        }
        Mutator::ReplaceRule(config) => {
            raku::replace_rule(config, stack, raku.shared, raku.context)
        }
        Mutator::PopRule { state, bottom } => {
            raku::pop_rule(*state, *bottom, stack, raku.shared, raku.context)
        }
        other => other.apply(stack, current),
    }
}

/// Chroma's `haxePreProcMutator`: `#if` keeps the stack, `#else`/`#elseif` go back to it,
/// `#end` forgets it; `#if`/`#elseif` then lex a condition, `#error` a message.
fn haxe_pre_proc(
    directive: &str,
    (expr, error): (usize, usize),
    saved: &mut Vec<Vec<usize>>,
    stack: &mut Vec<usize>,
) {
    match directive {
        "if" if saved.len() < MAX_STACK => saved.push(stack.clone()),
        "else" | "elseif" => {
            if let Some(kept) = saved.last() {
                stack.clone_from(kept);
            }
        }
        "end" => {
            saved.pop();
        }
        _ => {}
    }
    match directive {
        "if" | "elseif" => stack.push(expr),
        "error" => stack.push(error),
        _ => {}
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

/// Chroma's `TypeRemappingLexer`: a token of a mapped type whose text is listed takes the new
/// type (an empty word maps any text).
fn remap(table: &Remap, tokens: &mut [Token]) {
    for token in tokens {
        if let Some(words) = table.get(&token.ty) {
            if let Some(&to) = words.get(&token.value).or_else(|| words.get("")) {
                token.ty = to;
            }
        }
    }
}

/// `<remap><map from to>word …</map>…</remap>`; for a word in several maps the last wins.
fn parse_remap(xml: &str) -> Remap {
    let mut table = Remap::new();
    let Ok(root) = crate::xml::parse(xml) else {
        return table;
    };
    for map in root.children_named("map") {
        let (Some(from), Some(to)) = (
            map.attr("from").and_then(TokenType::from_name),
            map.attr("to").and_then(TokenType::from_name),
        ) else {
            continue;
        };
        let words = table.entry(from).or_default();
        for word in map.text.split_whitespace() {
            words.insert(word.to_string(), to);
        }
    }
    table
}

/// Chroma's `ensureLF`: `\r\n` and lone `\r` become `\n`.
fn ensure_lf(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
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

/// Every `<key>` value of the lexer's `<config>` (its MIME types).
fn config_values<'a>(xml: &'a str, key: &str) -> Vec<&'a str> {
    let Some(end) = xml.find("</config>") else {
        return Vec::new();
    };
    let open = format!("<{key}>");
    let mut config = &xml[..end];
    let mut out = Vec::new();
    while let Some(at) = config.find(&open) {
        config = &config[at + open.len()..];
        let Some(close) = config.find('<') else { break };
        out.push(&config[..close]);
        config = &config[close..];
    }
    out
}

fn config_value<'a>(xml: &'a str, key: &str) -> Option<&'a str> {
    let config = &xml[..xml.find("</config>")?];
    let start = config.find(&format!("<{key}>"))? + key.len() + 2;
    let end = config[start..].find('<')? + start;
    Some(&config[start..end])
}

#[cfg(test)]
mod tests;
