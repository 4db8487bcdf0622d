//! What Chroma's Raku lexer (`lexers/raku.go`) does in Go while it lexes, restated.
//!
//! Its rules are data like any lexer's (`data/native/raku.xml`, from
//! `scripts/restate-chroma-go.py`), but three kinds of step are Go functions:
//!
//! - `findBrackets` (a mutator): from the end of the match, finds the closing bracket of the
//!   opening one (Unicode's mirrored pairs, nesting, a backslash escaping one, `:to` heredocs,
//!   `=begin`/`=end` pod blocks), then either takes the text up to it into the match (its
//!   `value` and `closing_delimiters` groups, or the whole match) or makes a rule that will
//!   match the closing bracket;
//! - `replaceRule` and `popRule` (mutators): a rule made while lexing replaces a state's first
//!   rule (a placeholder `\A\z` in `root` and `regex`) or last rule; each replacement is pushed
//!   on a stack kept per lexing pass, and `popRule` brings the one before back. Chroma writes the
//!   new rule into the lexer's rule table, which every pass over the same text shares (the
//!   nested passes of `usingself`, `colonPair` and `quote` included): so does [`Shared`]. (Chroma
//!   keeps the table between code blocks too, so a block left inside a bracket there changes
//!   how Hugo colours the next Raku block of the build; here every block starts afresh.)
//! - emitters that lex named groups again (`colonPair`, `quote`, `podConfig`, `podCode`),
//!   written in `lexer/mod.rs` next to the other emitters, reading [`Named`].
//!
//! Positions are bytes here where Chroma counts runes; the searches are the same.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use fancy_regex::Regex;

use super::rules::{self, Emitter, Groups, Mutator, Overrides, RegexLexer, Rule};
use crate::token::TokenType;

/// A token type by Chroma's name.
pub fn ty(name: &str) -> TokenType {
    TokenType::from_name(name).unwrap_or(TokenType::ERROR)
}

/// What `findBrackets` was asked to find (raku.go's `RakuToken`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BracketKind {
    Quote,
    NameAttribute,
    Pod,
    PodFormatter,
    PodDeclaration,
    MultilineComment,
    MatchRegex,
    SubstitutionRegex,
}

impl BracketKind {
    pub fn from_name(name: &str) -> Option<BracketKind> {
        Some(match name {
            "quote" => BracketKind::Quote,
            "name-attribute" => BracketKind::NameAttribute,
            "pod" => BracketKind::Pod,
            "pod-formatter" => BracketKind::PodFormatter,
            "pod-declaration" => BracketKind::PodDeclaration,
            "multiline-comment" => BracketKind::MultilineComment,
            "match-regex" => BracketKind::MatchRegex,
            "substitution-regex" => BracketKind::SubstitutionRegex,
            _ => return None,
        })
    }
}

/// raku.go's `ruleReplacingConfig`: the rule to make, where it goes, and what else to do.
#[derive(Clone, Debug, Default)]
pub struct ReplaceConfig {
    pub state: usize,
    /// The rule matches this text (unescaped by a backslash), repeated `delimiter_count` times
    /// when that is above 1; empty: `pattern` instead.
    pub delimiter: String,
    pub pattern: Option<String>,
    pub emitter: Option<Emitter>,
    pub delimiter_count: usize,
    /// `appendMutator: popRule(…)`: the rule whose replacement goes when this one matches.
    pub append_pop: Option<Arc<ReplaceConfig>>,
    /// `bottomRule`: the state's last rule, else its first.
    pub bottom: bool,
    /// Brought back by `popRule`: not pushed again.
    pub pop: bool,
    pub pop_state: bool,
    pub push_state: bool,
}

/// What the passes over one text share: the replaced rules (Chroma's rule table) and the
/// patterns compiled for them.
#[derive(Default)]
pub struct Shared {
    pub overrides: Overrides,
    regexes: HashMap<String, Option<Arc<Regex>>>,
}

/// What one pass keeps (Chroma's `MutatorContext`): the stacks of replacements, per state and
/// position.
#[derive(Default)]
pub struct Context {
    stacks: HashMap<(usize, bool), Vec<Arc<ReplaceConfig>>>,
    /// Per delimiter (or pod end pattern): the last search for it, from where, and where it
    /// was first found (`None`: nowhere after). Chroma searches the rest of the text again for
    /// every bracket it counts, quadratic on deeply nested or unclosed brackets; the first
    /// find after a position is also the first after any position up to it.
    searches: HashMap<String, (usize, Option<(usize, usize)>)>,
}

impl Context {
    /// The first place at or after `from` where `search` (which finds the first match at or
    /// after a position) matches, remembered per `key`.
    fn find_from(
        &mut self,
        key: &str,
        from: usize,
        search: impl FnOnce(usize) -> Option<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        if let Some(&(searched, found)) = self.searches.get(key) {
            if searched <= from && found.map_or(true, |(at, _)| from <= at) {
                return found;
            }
        }
        let found = search(from);
        self.searches.insert(key.to_string(), (from, found));
        found
    }
}

/// A match's groups as Chroma's emitters and mutators see them: by name, in .NET's numbering
/// (unnamed groups first, as `1`, `2`…, then each name once), and changed by `findBrackets`.
pub struct Named {
    /// The groups' keys in .NET's order (group 0 left out).
    pub order: Vec<String>,
    values: HashMap<String, String>,
    /// Group 0.
    pub whole: String,
}

impl Named {
    pub fn new(regex: Option<&Regex>, groups: &Groups, text: &str) -> Named {
        let ranges = groups.ranges();
        let group = |i: usize| {
            ranges
                .get(i)
                .copied()
                .flatten()
                .map_or("", |(s, e)| &text[s..e])
        };
        let mut order = Vec::new();
        let mut values = HashMap::new();
        let mut names = Vec::new();
        if let Some(regex) = regex {
            let mut unnamed = 0;
            for (i, name) in regex.capture_names().enumerate().skip(1) {
                match name {
                    None => {
                        unnamed += 1;
                        order.push(unnamed.to_string());
                        values.insert(unnamed.to_string(), group(i).to_string());
                    }
                    Some(name) => names.push((name.to_string(), i)),
                }
            }
        }
        for (name, i) in names {
            // A name used twice is one group in .NET, holding the capture that took part.
            if !values.contains_key(&name) {
                order.push(name.clone());
                values.insert(name.clone(), String::new());
            }
            if ranges.get(i).copied().flatten().is_some() {
                values.insert(name, group(i).to_string());
            }
        }
        Named {
            order,
            values,
            whole: group(0).to_string(),
        }
    }

    /// A group's text; "" for a group the pattern does not have.
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    fn set(&mut self, name: &str, value: String) {
        self.values.insert(name.to_string(), value);
    }
}

/// raku.go's `brackets`: Unicode's mirrored pairs, opening → closing.
fn brackets() -> &'static HashMap<char, char> {
    static BRACKETS: OnceLock<HashMap<char, char>> = OnceLock::new();
    BRACKETS.get_or_init(|| {
        include_str!(concat!(env!("OUT_DIR"), "/native/raku-brackets.txt"))
            .lines()
            .filter_map(|line| {
                let mut chars = line.chars();
                Some((chars.next()?, chars.next()?))
            })
            .collect()
    })
}

/// `text[start..end]`, both kept inside the text and on character boundaries (where Chroma
/// would slice past the end and panic).
fn slice(text: &str, start: usize, end: usize) -> &str {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end));
    if start >= end {
        ""
    } else {
        &text[start..end]
    }
}

/// raku.go's `indexAt`: where `needle` is next found from `from`, skipping one a single
/// backslash escapes (`\\` before it does not; the backslashes looked at are those after
/// `from`).
fn index_at(text: &str, needle: &str, from: usize, context: &mut Context) -> Option<usize> {
    let mut from = from;
    loop {
        if needle.is_empty() || from > text.len() || !text.is_char_boundary(from) {
            return None;
        }
        let (at, _) = context.find_from(needle, from, |from| {
            text[from..]
                .find(needle)
                .map(|at| (from + at, from + at + needle.len()))
        })?;
        let escaped = match &text.as_bytes()[from..at] {
            [.., a, b'\\'] => *a != b'\\',
            [b'\\'] => true,
            _ => false,
        };
        if !escaped {
            return Some(at);
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
}

/// raku.go's `regexp2.Escape` of a delimiter.
fn escape(text: &str) -> String {
    fancy_regex::escape(text).into_owned()
}

impl Shared {
    /// A rule's pattern compiled as raku.go's `makeRule` compiles it: without the lexer's
    /// flags. `None`: it does not compile (Chroma would panic).
    fn regex(&mut self, pattern: &str) -> Option<Arc<Regex>> {
        self.regexes
            .entry(pattern.to_string())
            .or_insert_with(|| rules::compile(pattern, "").ok().map(Arc::new))
            .clone()
    }
}

/// raku.go's `replaceRule`.
pub fn replace_rule(
    config: &Arc<ReplaceConfig>,
    stack: &mut Vec<usize>,
    shared: &mut Shared,
    context: &mut Context,
) {
    let key = (config.state, config.bottom);
    let replaced = context.stacks.entry(key).or_default();
    if replaced.is_empty() {
        // The state's own rule, the placeholder `\A\z`, is what the last `popRule` restores.
        replaced.push(Arc::new(ReplaceConfig {
            pattern: Some(r"\A\z".into()),
            state: config.state,
            bottom: config.bottom,
            ..Default::default()
        }));
    }
    let mut mutators = Vec::new();
    if !config.bottom {
        mutators.push(Mutator::Pop(1));
        mutators.push(Mutator::PopRule {
            state: config.state,
            bottom: false,
        });
    }
    if let Some(other) = &config.append_pop {
        mutators.push(Mutator::PopRule {
            state: other.state,
            bottom: other.bottom,
        });
    }
    let pattern = if config.delimiter.is_empty() {
        config.pattern.clone().unwrap_or_default()
    } else {
        let delimiter = config.delimiter.repeat(config.delimiter_count.max(1));
        format!(r"(?<!(?<!\\)\\){}", escape(&delimiter))
    };
    if let Some(regex) = shared.regex(&pattern) {
        let rule = Rule {
            regex: Some(regex),
            emitter: config.emitter.clone(),
            mutator: (!mutators.is_empty()).then_some(Mutator::Many(mutators)),
            guard: None,
            until: None,
        };
        shared.overrides.insert(key, Arc::new(rule));
    }
    if config.pop_state {
        stack.pop();
    }
    if config.push_state {
        stack.push(config.state);
    }
    if !config.pop {
        context.stacks.entry(key).or_default().push(config.clone());
    }
}

/// raku.go's `popRule`: the replacement before the last comes back.
pub fn pop_rule(
    state: usize,
    bottom: bool,
    stack: &mut Vec<usize>,
    shared: &mut Shared,
    context: &mut Context,
) {
    let Some(replaced) = context.stacks.get_mut(&(state, bottom)) else {
        return;
    };
    if replaced.pop().is_none() {
        return;
    }
    // Chroma indexes the stack's last entry without looking: an empty one panics there.
    let Some(last) = replaced.last() else { return };
    let last = Arc::new(ReplaceConfig {
        push_state: false,
        pop_state: false,
        pop: true,
        ..(**last).clone()
    });
    replace_rule(&last, stack, shared, context);
}

/// Where `findBrackets` leaves the match.
pub struct Found {
    /// The position after the match, moved past the closing bracket.
    pub pos: usize,
    /// The whole match's new text (the multi-line comment): group 0 becomes this.
    pub whole: Option<String>,
}

/// raku.go's `findBrackets`; `pos` is the end of the match.
#[allow(clippy::too_many_arguments)]
pub fn find_brackets(
    kind: BracketKind,
    lexer: &RegexLexer,
    text: &str,
    pos: usize,
    named: &mut Named,
    stack: &mut Vec<usize>,
    shared: &mut Shared,
    context: &mut Context,
) -> Found {
    let unchanged = Found { pos, whole: None };
    let opening: String = match kind {
        BracketKind::Pod => named.order.iter().take(4).map(|k| named.get(k)).collect(),
        _ => named.get("opening_delimiters").to_string(),
    };
    let adverbs = named.get("adverbs").to_string();
    let Some(opening_char) = opening.chars().next() else {
        return unchanged;
    };
    let opening_count = opening.chars().count();
    let closing_char = match kind {
        BracketKind::Pod => None,
        _ => brackets().get(&opening_char).copied(),
    };
    let mirrored = kind == BracketKind::Pod || closing_char.is_some();
    let punctuation = Some(Emitter::Token(ty("Punctuation")));
    match kind {
        BracketKind::PodFormatter => {
            let Some(state) = lexer.state_id("pod-formatter") else {
                return unchanged;
            };
            let formatter = match named.get("keyword") {
                "B" => ty("GenericStrong"),
                "I" => ty("GenericEmph"),
                "U" => ty("GenericUnderline"),
                _ => ty("LiteralStringOther"),
            };
            let formatter = Arc::new(ReplaceConfig {
                pattern: Some(".+?".into()),
                emitter: Some(Emitter::Token(formatter)),
                state,
                bottom: true,
                ..Default::default()
            });
            replace_rule(&formatter, stack, shared, context);
            let closing = Arc::new(ReplaceConfig {
                delimiter: closing_char.map(String::from).unwrap_or_default(),
                emitter: punctuation,
                state,
                push_state: true,
                delimiter_count: opening_count,
                append_pop: Some(formatter),
                ..Default::default()
            });
            replace_rule(&closing, stack, shared, context);
            return unchanged;
        }
        BracketKind::MatchRegex => {
            let Some(state) = lexer.state_id("regex") else {
                return unchanged;
            };
            let closing = Arc::new(ReplaceConfig {
                delimiter: closing_char.map_or(opening.clone(), String::from),
                emitter: punctuation,
                state,
                pop_state: true,
                push_state: true,
                ..Default::default()
            });
            replace_rule(&closing, stack, shared, context);
            return unchanged;
        }
        BracketKind::SubstitutionRegex => {
            let Some(state) = lexer.state_id("regex") else {
                return unchanged;
            };
            let delimiter = escape(&opening);
            let closing = Arc::new(ReplaceConfig {
                pattern: Some(format!(r"({delimiter})((?:\\\\|\\/|.)*?)({delimiter})")),
                emitter: Some(Emitter::ByGroups(vec![
                    punctuation.clone(),
                    Some(Emitter::UsingSelf("qq".into())),
                    punctuation,
                ])),
                state,
                pop_state: true,
                push_state: true,
                ..Default::default()
            });
            replace_rule(&closing, stack, shared, context);
            return unchanged;
        }
        _ => {}
    }

    let mut closing = String::new();
    let mut delimiter_len = opening.len();
    let mut end = if !mirrored {
        // Not a mirrored character: the next one like it closes.
        closing = opening.clone();
        index_at(text, &closing, pos, context).unwrap_or(text.len())
    } else {
        let pod_end = match kind {
            BracketKind::Pod => {
                let pattern = format!(r"{}=end\s+{}", named.get("ws"), escape(named.get("name")));
                match rules::compile_unanchored(&pattern, "") {
                    Ok(regex) => Some((regex, format!("\0{pattern}"))),
                    Err(_) => return unchanged,
                }
            }
            _ => {
                closing = closing_char
                    .map(String::from)
                    .unwrap_or_default()
                    .repeat(opening_count);
                None
            }
        };
        // The matching closing bracket, counting the opening ones on the way.
        let mut nesting = 1;
        let mut search = pos;
        let mut close_at = text.len();
        while nesting > 0 {
            let next_close = match &pod_end {
                Some((regex, key)) => {
                    let found = context.find_from(key, search, |from| {
                        match regex.find_from_pos(text, from) {
                            Ok(Some(m)) => Some((m.start(), m.end())),
                            _ => None,
                        }
                    });
                    found.map(|(start, end)| {
                        closing = text[start..end].to_string();
                        start
                    })
                }
                None => index_at(text, &closing, search, context),
            };
            let next_open = index_at(text, &opening, search, context);
            match next_close {
                None => {
                    close_at = text.len();
                    nesting = 0;
                }
                Some(close) => match next_open {
                    Some(open) if open < close => {
                        nesting += 1;
                        delimiter_len = opening.len();
                        search = open + delimiter_len;
                    }
                    _ => {
                        nesting -= 1;
                        delimiter_len = closing.len();
                        search = close + delimiter_len;
                        close_at = close;
                    }
                },
            }
        }
        close_at
    };

    let mut heredoc: Option<(String, bool)> = None;
    if is_heredoc(&adverbs) {
        let terminator = if end != text.len() {
            let terminator = slice(text, pos, end).to_string();
            delimiter_len = terminator.len();
            terminator
        } else {
            end = pos
                + text[pos.min(text.len())..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            delimiter_len = 0;
            String::new()
        };
        if delimiter_len > 0 {
            // In the rest of the text (raku.go searches a slice): not remembered.
            let rest = slice(text, end, text.len());
            let found = index_at(rest, &terminator, 0, &mut Context::default());
            match found {
                Some(at) => end += at,
                None => end = text.len(),
            }
            heredoc = Some((terminator, found.is_some()));
        }
    }

    let between = slice(text, pos, end).to_string();
    let mut whole = None;
    match kind {
        BracketKind::Pod | BracketKind::PodDeclaration | BracketKind::NameAttribute => {
            named.set("value", between);
            named.set("closing_delimiters", closing);
        }
        BracketKind::Quote => match heredoc {
            Some((terminator, found)) => {
                // The terminator, the closing delimiter and the `;` after it.
                let first = delimiter_len + opening.len() + 1;
                named.set(
                    "opening_delimiters",
                    format!("{opening}{}", slice(text, pos, pos + first)),
                );
                named.set("value", slice(text, pos + first, end).to_string());
                if found {
                    named.set("closing_delimiters", terminator);
                }
            }
            None => {
                named.set("value", between);
                if delimiter_len > 0 {
                    named.set("closing_delimiters", closing);
                }
            }
        },
        _ => {
            whole = Some(format!(
                "{}{}",
                named.whole,
                slice(text, pos, end + delimiter_len)
            ));
        }
    }
    Found {
        pos: (end + delimiter_len).min(text.len()),
        whole,
    }
}

/// `:to\b|:heredoc\b` among the adverbs.
fn is_heredoc(adverbs: &str) -> bool {
    [":to", ":heredoc"].iter().any(|word| {
        adverbs.match_indices(word).any(|(at, _)| {
            !adverbs[at + word.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    })
}

/// raku.go's `quote`: the state the quoted text is lexed from, after the keyword and adverbs.
pub fn quote_state(keyword: &str, adverbs: &str) -> &'static str {
    let mut states = Vec::new();
    for adverb in adverbs.split(':') {
        match adverb {
            "c" | "closure" => states.push("Q-closure"),
            "qq" => states.push("qq"),
            "ww" => states.push("ww"),
            "s" | "scalar" | "a" | "array" | "h" | "hash" | "f" | "function" => {
                states.push("Q-variable")
            }
            _ => {}
        }
    }
    let has = |s: &str| states.contains(&s);
    if keyword == "qq" || has("qq") {
        "qq"
    } else if adverbs == "ww" || has("ww") {
        "ww"
    } else if has("Q-closure") && has("Q-variable") {
        "qq"
    } else if has("Q-closure") {
        "Q-closure"
    } else if has("Q-variable") {
        "Q-variable"
    } else {
        "Q"
    }
}

/// raku.go's `podCode`: the language `:lang` names in a pod block's config
/// (`:lang\W+(\w+)`, Go's ASCII classes).
pub fn pod_language(config: &str) -> &str {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    for (at, _) in config.match_indices(":lang") {
        let rest = &config[at + 5..];
        let skipped = rest.len() - rest.trim_start_matches(|c| !word(c)).len();
        if skipped == 0 {
            continue;
        }
        let rest = &rest[skipped..];
        let len = rest.len() - rest.trim_start_matches(word).len();
        if len > 0 {
            return &rest[..len];
        }
    }
    ""
}
