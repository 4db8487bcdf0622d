//! Loading a lexer: Chroma's XML into states of compiled rules, with `include` spliced and
//! `combined` states built as Chroma's `MutateLexer` does.

use std::collections::HashMap;
use std::sync::Arc;

use fancy_regex::Regex;

use crate::token::TokenType;
use crate::xml::{self, Element};

/// What a matched rule emits.
#[derive(Clone, Debug)]
pub enum Emitter {
    Token(TokenType),
    /// One emitter per capture group; `None` emits nothing for that group.
    ByGroups(Vec<Option<Emitter>>),
    /// Another lexer over the match; `other` renames its `Other` tokens (Chroma's
    /// `TypeRemappingLexer`, used by the Go lexer for raw strings).
    Using {
        lexer: String,
        other: Option<TokenType>,
    },
    /// This lexer again, from another state.
    UsingSelf(String),
    /// The lexer named by one group lexes another group (Markdown code fences), or groups
    /// `code_group..=code_last` joined (Chroma's rst code blocks, restated).
    UsingByGroup {
        name_group: usize,
        code_group: usize,
        code_last: usize,
        emitters: Vec<Option<Emitter>>,
    },
    /// Chroma's `ByGroupNames`: each group, in .NET's numbering (unnamed groups first, then the
    /// named ones), by its name's emitter (`None`: nothing); a group whose name is not listed is
    /// an error token.
    ByGroupNames(Vec<(String, Option<Emitter>)>),
    /// raku.go's `colonPair`: `:key(value)` with the key as this type (or lexed again) and the
    /// value lexed after its brackets.
    ColonPair(TokenType),
    /// raku.go's `quote`: `q`, `qq`, `Q` and adverbs, the quoted text lexed after them.
    RakuQuote,
    /// raku.go's `podConfig`: the text lexed from `colon-pair-attribute`.
    PodConfig,
    /// raku.go's `podCode`: `=begin code`, its code lexed by the lexer `:lang` names.
    PodCode,
}

/// A change to the state stack.
#[derive(Clone, Debug)]
pub enum Mutator {
    /// Push these states in order (`#pop` pops one); no state pushes the current one again.
    Push(Vec<StateRef>),
    Pop(usize),
    Many(Vec<Mutator>),
    /// Chroma's Haxe `#if`/`#else`/`#end` (`haxePreProcMutator`): these states pushed after
    /// `#if`/`#elseif` and `#error`; the stack saved at `#if` comes back at `#else`.
    HaxePreProc {
        expr: usize,
        error: usize,
    },
    /// raku.go's `findBrackets`: finds the match's closing bracket (nesting, escapes, heredocs)
    /// and takes the text up to it into the match (`raku.rs`).
    FindBrackets(super::raku::BracketKind),
    /// raku.go's `replaceRule`: a rule made while lexing replaces a state's first (or last)
    /// rule (`raku.rs`).
    ReplaceRule(Arc<super::raku::ReplaceConfig>),
    /// raku.go's `popRule`: the rule replaced before comes back.
    PopRule {
        state: usize,
        bottom: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateRef {
    State(usize),
    PopOne,
}

impl Mutator {
    pub fn apply(&self, stack: &mut Vec<usize>, current: usize) {
        match self {
            Mutator::Push(states) if states.is_empty() => stack.push(current),
            Mutator::Push(states) => {
                for state in states {
                    match state {
                        StateRef::State(s) => stack.push(*s),
                        StateRef::PopOne => {
                            stack.pop();
                        }
                    }
                }
            }
            Mutator::Pop(n) => stack.truncate(stack.len().saturating_sub(*n)),
            // Need the match, the saved stacks or the rules: `lex` applies them.
            Mutator::HaxePreProc { .. }
            | Mutator::FindBrackets(_)
            | Mutator::ReplaceRule(_)
            | Mutator::PopRule { .. } => {}
            Mutator::Many(all) => {
                for mutator in all {
                    mutator.apply(stack, current);
                }
            }
        }
    }
}

pub struct Rule {
    /// `None`: the rule has no pattern and matches the empty string (Chroma's `default`).
    pub regex: Option<Arc<Regex>>,
    pub emitter: Option<Emitter>,
    pub mutator: Option<Mutator>,
    /// A condition on where the pattern may match, standing for look-arounds of Chroma's
    /// pattern that fancy-regex would run in quadratic time.
    pub guard: Option<Guard>,
    /// The pattern is `.+?(?=STOP)` or `.*?(?=STOP)`: matched by finding STOP ahead instead.
    pub until: Option<LazyUntil>,
}

impl Rule {
    /// Whether the rule's emitter or mutator reads the match's groups by name (Raku's).
    pub fn needs_names(&self) -> bool {
        matches!(
            self.emitter,
            Some(
                Emitter::ByGroupNames(_)
                    | Emitter::ColonPair(_)
                    | Emitter::RakuQuote
                    | Emitter::PodCode
            )
        ) || matches!(self.mutator, Some(Mutator::FindBrackets(_)))
    }
}

/// A rule `.+?(?=STOP)` (or `.*?(?=STOP)`): everything from here to the first place STOP
/// matches. Run as written, the pattern scans the rest of the text for STOP at every position
/// it is tried, and where no STOP follows (HTML's `<script>` that never closes) it is tried at
/// every position: quadratic, in Chroma too. Here the first STOP at or after a position is
/// found once and remembered ([`GuardScratch`]) until the lexer passes it, so the rule costs
/// linear time in all, and matches exactly what the lazy pattern matches.
pub struct LazyUntil {
    /// `+?` needs one character before STOP, `*?` none.
    at_least_one: bool,
    /// `.` matches newlines (the lexer's `dot_all`).
    crosses_newlines: bool,
    /// STOP, compiled with the lexer's flags, searched for (not anchored).
    stop: Arc<Regex>,
}

/// Look-arounds of Chroma patterns, checked in Rust (`guard="…"` in `data/native/`, written by
/// `scripts/restate-chroma-go.py`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    /// svelte.go's `{` is `(?<!<\s*(?:script|style)(?:(?!(?:script|style)\s*>).)*?){`
    /// `(?!(?:(?!<\s*(?:script|style)).)*?(?:script|style)\s*>)`: not inside an opened
    /// `<script`/`<style` (no `script>`/`style>` since), and no `script>`/`style>` ahead before the
    /// next `<script`/`<style`. Both scan the whole text in a backtracking engine, at every `{`.
    SvelteBrace,
}

/// What guards need to know about the text being lexed, found once per text.
#[derive(Default)]
pub struct GuardScratch {
    /// The `script` and `style` words of the text, in order.
    svelte_words: Option<Vec<TagWord>>,
    /// Per [`LazyUntil`] rule (by its STOP regex): the last search for STOP, from where and
    /// where STOP was first found (`None`: nowhere after).
    stops: HashMap<*const Regex, (usize, Option<usize>)>,
}

impl LazyUntil {
    /// Where the lazy pattern's match ends when it starts at `pos`.
    fn match_end(&self, text: &str, pos: usize, scratch: &mut GuardScratch) -> Option<usize> {
        let from = if self.at_least_one {
            pos + text[pos..].chars().next()?.len_utf8()
        } else {
            pos
        };
        let stop = self.next_stop(text, from, scratch)?;
        if !self.crosses_newlines && text[pos..stop].contains('\n') {
            return None;
        }
        Some(stop)
    }

    /// The first place at or after `from` where STOP matches. The first STOP found after
    /// position `p` is also the first after any position between `p` and it.
    fn next_stop(&self, text: &str, from: usize, scratch: &mut GuardScratch) -> Option<usize> {
        let key = Arc::as_ptr(&self.stop);
        if let Some(&(searched, found)) = scratch.stops.get(&key) {
            if searched <= from && found.map_or(true, |at| from <= at) {
                return found;
            }
        }
        // A search that gives up (the backtracking limit) finds nothing, as the pattern would.
        let found = match self.stop.find_from_pos(text, from) {
            Ok(Some(m)) => Some(m.start()),
            _ => None,
        };
        scratch.stops.insert(key, (from, found));
        found
    }
}

/// `.+?(?=STOP)` or `.*?(?=STOP)`, the whole pattern, STOP without capture groups: whether
/// one character is needed, and STOP.
fn lazy_until_shape(pattern: &str) -> Option<(bool, &str)> {
    let (at_least_one, rest) = if let Some(rest) = pattern.strip_prefix(".+?(?=") {
        (true, rest)
    } else {
        (false, pattern.strip_prefix(".*?(?=")?)
    };
    let chars: Vec<char> = pattern.chars().collect();
    let open = pattern.len() - rest.len() - 3;
    if group_end(&chars, open)? != chars.len() - 1 {
        return None;
    }
    let stop = &rest[..rest.len() - 1];
    // A `(` that is not `(?` would capture: the lazy match's groups would not be all.
    let captures = stop
        .char_indices()
        .any(|(i, c)| c == '(' && !stop[..i].ends_with('\\') && !stop[i + 1..].starts_with('?'));
    (!captures).then_some((at_least_one, stop))
}

/// A `script` or `style` in the text: whether `<\s*` comes before it (it opens a tag) and
/// `\s*>` after it (it ends one).
struct TagWord {
    at: usize,
    opens: bool,
    closes: bool,
}

impl Guard {
    fn allows(self, text: &str, pos: usize, scratch: &mut GuardScratch) -> bool {
        match self {
            Guard::SvelteBrace => {
                let words = scratch
                    .svelte_words
                    .get_or_insert_with(|| svelte_tag_words(text));
                // The tag words that open or end a tag, before and after the brace.
                let split = words.partition_point(|w| w.at < pos);
                let before = words[..split].iter().rev().find(|w| w.opens || w.closes);
                let after = words[split..].iter().find(|w| w.opens || w.closes);
                // Inside when the last such word before opens a tag (even `<script>`, which
                // ends one too: its own `script>` is not after it).
                let inside = before.is_some_and(|w| w.opens);
                // A tag's end ahead counts unless a tag opens first (`<script>` opens first).
                let end_ahead = after.is_some_and(|w| !w.opens);
                !inside && !end_ahead
            }
        }
    }
}

fn svelte_tag_words(text: &str) -> Vec<TagWord> {
    // The two words cannot overlap each other or themselves, so all matches of each, merged.
    let mut found: Vec<(usize, usize)> = text
        .match_indices("script")
        .chain(text.match_indices("style"))
        .map(|(at, word)| (at, word.len()))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(at, len)| TagWord {
            at,
            opens: text[..at]
                .trim_end_matches(char::is_whitespace)
                .ends_with('<'),
            closes: text[at + len..]
                .trim_start_matches(char::is_whitespace)
                .starts_with('>'),
        })
        .collect()
}

/// A compiled lexer.
pub struct RegexLexer {
    states: Vec<Vec<Rule>>,
    names: HashMap<String, usize>,
    pub ensure_nl: bool,
    /// Chroma's Markdown lexer lexes a leading `---` block as YAML.
    pub yaml_front_matter: bool,
}

/// Where a rule matched: capture groups as byte ranges.
pub struct Groups(Vec<Option<(usize, usize)>>);

impl Groups {
    pub fn end(&self) -> usize {
        self.0[0].map_or(0, |(_, e)| e)
    }

    /// Each group's byte range, by the pattern's own numbering (left to right).
    pub fn ranges(&self) -> &[Option<(usize, usize)>] {
        &self.0
    }

    /// Group texts; a group that did not take part is "", as in Chroma.
    pub fn texts<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.0
            .iter()
            .map(|g| g.map_or("", |(s, e)| &text[s..e]))
            .collect()
    }
}

/// Raw rules before `include` and `combined` are resolved.
#[derive(Clone)]
struct RawRule {
    pattern: Option<String>,
    guard: Option<Guard>,
    emitter: Option<Emitter>,
    mutator: Option<RawMutator>,
}

#[derive(Clone, Debug)]
enum RawMutator {
    Include(String),
    Combined(Vec<String>),
    Push(Vec<String>),
    Pop(usize),
    Many(Vec<RawMutator>),
    HaxePreProc,
    FindBrackets(super::raku::BracketKind),
    ReplaceRule {
        state: String,
        delimiter: String,
        pattern: Option<String>,
        emitter: Option<Emitter>,
        pop_state: bool,
        push_state: bool,
    },
}

/// A change to a lexer's raw states before compiling (Chroma's phtml lexer).
pub type Transform = fn(&mut Vec<(String, Vec<RawRuleHandle>)>, &mut Flags);

/// Opaque to transforms outside this module.
#[derive(Clone)]
pub struct RawRuleHandle(RawRule);

#[derive(Clone, Copy, Default)]
pub struct Flags {
    pub case_insensitive: bool,
    pub dot_all: bool,
    pub not_multiline: bool,
    pub ensure_nl: bool,
}

/// A cap on rules after splicing `include`s: only an include cycle gets near it.
const MAX_RULES: usize = 20_000;

impl RegexLexer {
    pub fn from_xml(text: &str, transform: Option<Transform>) -> Result<RegexLexer, String> {
        let root = xml::parse(text)?;
        let config = root.child("config").ok_or("no <config>")?;
        let flag = |name: &str| config.child(name).is_some_and(|e| e.text.trim() == "true");
        let mut flags = Flags {
            case_insensitive: flag("case_insensitive"),
            dot_all: flag("dot_all"),
            not_multiline: flag("not_multiline"),
            ensure_nl: flag("ensure_nl"),
        };
        let yaml_front_matter = flag("yaml_front_matter");
        let mut states: Vec<(String, Vec<RawRuleHandle>)> = Vec::new();
        for state in root
            .child("rules")
            .ok_or("no <rules>")?
            .children_named("state")
        {
            let name = state.attr("name").ok_or("state without name")?.to_string();
            let rules = state
                .children_named("rule")
                .map(raw_rule)
                .collect::<Result<Vec<_>, _>>()?;
            states.push((name, rules.into_iter().map(RawRuleHandle).collect()));
        }
        if let Some(transform) = transform {
            transform(&mut states, &mut flags);
        }
        let mut states: Vec<(String, Vec<RawRule>)> = states
            .into_iter()
            .map(|(n, r)| (n, r.into_iter().map(|h| h.0).collect()))
            .collect();
        resolve(&mut states)?;
        add_missing_states(&mut states);
        let names: HashMap<String, usize> = states
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (n.clone(), i))
            .collect();
        if !names.contains_key("root") {
            return Err("no root state".into());
        }
        let mut prefix = String::new();
        if !flags.not_multiline {
            prefix.push('m');
        }
        if flags.case_insensitive {
            prefix.push('i');
        }
        if flags.dot_all {
            prefix.push('s');
        }
        let mut cache: HashMap<String, Arc<Regex>> = HashMap::new();
        let mut compiled = Vec::with_capacity(states.len());
        for (state, rules) in &states {
            let mut out = Vec::with_capacity(rules.len());
            for rule in rules {
                let regex = match &rule.pattern {
                    None => None,
                    Some(p) => Some(match cache.get(p) {
                        Some(r) => r.clone(),
                        None => {
                            let r = Arc::new(
                                compile(p, &prefix).map_err(|e| format!("{state}: {p:?}: {e}"))?,
                            );
                            cache.insert(p.clone(), r.clone());
                            r
                        }
                    }),
                };
                let mutator = rule
                    .mutator
                    .as_ref()
                    .map(|m| mutator(m, &names))
                    .transpose()?;
                let until = match rule.pattern.as_deref().and_then(lazy_until_shape) {
                    Some((at_least_one, stop)) => Some(LazyUntil {
                        at_least_one,
                        crosses_newlines: flags.dot_all,
                        stop: Arc::new(
                            compile_unanchored(stop, &prefix)
                                .map_err(|e| format!("{state}: {stop:?}: {e}"))?,
                        ),
                    }),
                    None => None,
                };
                out.push(Rule {
                    regex,
                    emitter: rule.emitter.clone(),
                    mutator,
                    guard: rule.guard,
                    until,
                });
            }
            compiled.push(out);
        }
        Ok(RegexLexer {
            states: compiled,
            names,
            ensure_nl: flags.ensure_nl,
            yaml_front_matter,
        })
    }

    pub fn state_id(&self, name: &str) -> Option<usize> {
        self.names.get(name).copied()
    }

    /// The first rule of `state` that matches exactly at `pos`; `overrides` replace a state's
    /// first or last rule (raku.go's `replaceRule`; empty for every other lexer).
    pub fn match_at<'a>(
        &'a self,
        state: usize,
        text: &str,
        pos: usize,
        scratch: &mut GuardScratch,
        overrides: &Overrides,
    ) -> Option<(Picked<'a>, Groups)> {
        let rules = &self.states[state];
        for (i, original) in rules.iter().enumerate() {
            let dynamic = if overrides.is_empty() {
                None
            } else if i + 1 == rules.len() && overrides.contains_key(&(state, true)) {
                overrides.get(&(state, true))
            } else if i == 0 {
                overrides.get(&(state, false))
            } else {
                None
            };
            let rule: &Rule = dynamic.map_or(original, |r| r);
            let picked = || match dynamic {
                Some(r) => Picked::Dynamic(r.clone()),
                None => Picked::Static(original),
            };
            if let Some(guard) = rule.guard {
                if !guard.allows(text, pos, scratch) {
                    continue;
                }
            }
            if let Some(until) = &rule.until {
                match until.match_end(text, pos, scratch) {
                    Some(end) => return Some((picked(), Groups(vec![Some((pos, end))]))),
                    None => continue,
                }
            }
            let Some(regex) = &rule.regex else {
                return Some((picked(), Groups(vec![Some((pos, pos))])));
            };
            // A pattern that gives up (its backtracking limit) does not match, as a Chroma
            // pattern that times out does not.
            if let Ok(Some(caps)) = regex.captures_from_pos(text, pos) {
                if caps.get(0).is_some_and(|m| m.start() == pos) {
                    let groups = (0..caps.len())
                        .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                        .collect();
                    return Some((picked(), Groups(groups)));
                }
            }
        }
        None
    }
}

/// Rules that replace a state's first (`false`) or last (`true`) rule while lexing.
pub type Overrides = HashMap<(usize, bool), Arc<Rule>>;

/// A rule of the lexer, or one made while lexing.
pub enum Picked<'a> {
    Static(&'a Rule),
    Dynamic(Arc<Rule>),
}

impl std::ops::Deref for Picked<'_> {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        match self {
            Picked::Static(rule) => rule,
            Picked::Dynamic(rule) => rule,
        }
    }
}

/// Splices `include`d states and builds `combined` ones, until none is left.
fn resolve(states: &mut Vec<(String, Vec<RawRule>)>) -> Result<(), String> {
    loop {
        let mut changed = false;
        for s in 0..states.len() {
            let mut i = 0;
            while i < states[s].1.len() {
                match states[s].1[i].mutator.clone() {
                    Some(RawMutator::Include(target)) => {
                        let included = states
                            .iter()
                            .find(|(n, _)| *n == target)
                            .ok_or(format!("include of unknown state {target}"))?
                            .1
                            .clone();
                        states[s].1.splice(i..=i, included);
                        if states[s].1.len() > MAX_RULES {
                            return Err("include cycle".into());
                        }
                        changed = true;
                    }
                    Some(RawMutator::Combined(parts)) => {
                        let name = format!("__combined_{}", parts.join("__"));
                        if !states.iter().any(|(n, _)| *n == name) {
                            let mut rules = Vec::new();
                            for part in &parts {
                                rules.extend(
                                    states
                                        .iter()
                                        .find(|(n, _)| n == part)
                                        .ok_or(format!("unknown state {part}"))?
                                        .1
                                        .clone(),
                                );
                            }
                            states.push((name.clone(), rules));
                        }
                        states[s].1[i].mutator = Some(RawMutator::Push(vec![name]));
                        changed = true;
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
        }
        if !changed {
            return Ok(());
        }
    }
}

/// A push of a state the lexer does not define makes Chroma panic when reached; here that state
/// has no rules, so its text is an error up to the next newline, which resets the stack.
fn add_missing_states(states: &mut Vec<(String, Vec<RawRule>)>) {
    let mut missing = Vec::new();
    let mut note = |name: &String, states: &Vec<(String, Vec<RawRule>)>| {
        if name != "#pop" && !states.iter().any(|(n, _)| n == name) && !missing.contains(name) {
            missing.push(name.clone());
        }
    };
    let mut pending: Vec<RawMutator> = states
        .iter()
        .flat_map(|(_, r)| r.iter().filter_map(|r| r.mutator.clone()))
        .collect();
    while let Some(m) = pending.pop() {
        match m {
            RawMutator::Push(names) => names.iter().for_each(|n| note(n, states)),
            RawMutator::Many(all) => pending.extend(all),
            _ => {}
        }
    }
    states.extend(missing.into_iter().map(|n| (n, Vec::new())));
}

fn mutator(raw: &RawMutator, names: &HashMap<String, usize>) -> Result<Mutator, String> {
    Ok(match raw {
        RawMutator::Push(states) => Mutator::Push(
            states
                .iter()
                .map(|s| match s.as_str() {
                    "#pop" => Ok(StateRef::PopOne),
                    _ => names
                        .get(s)
                        .map(|&i| StateRef::State(i))
                        .ok_or(format!("push of unknown state {s}")),
                })
                .collect::<Result<_, _>>()?,
        ),
        RawMutator::Pop(n) => Mutator::Pop(*n),
        RawMutator::Many(all) => Mutator::Many(
            all.iter()
                .map(|m| mutator(m, names))
                .collect::<Result<_, _>>()?,
        ),
        RawMutator::HaxePreProc => {
            let state = |name: &str| names.get(name).copied().ok_or(format!("no state {name}"));
            Mutator::HaxePreProc {
                expr: state("preproc-expr")?,
                error: state("preproc-error")?,
            }
        }
        RawMutator::FindBrackets(kind) => Mutator::FindBrackets(*kind),
        RawMutator::ReplaceRule {
            state,
            delimiter,
            pattern,
            emitter,
            pop_state,
            push_state,
        } => Mutator::ReplaceRule(Arc::new(super::raku::ReplaceConfig {
            state: *names.get(state).ok_or(format!("no state {state}"))?,
            delimiter: delimiter.clone(),
            pattern: pattern.clone(),
            emitter: emitter.clone(),
            pop_state: *pop_state,
            push_state: *push_state,
            ..Default::default()
        })),
        RawMutator::Include(_) | RawMutator::Combined(_) => return Err("unresolved include".into()),
    })
}

fn raw_rule(element: &Element) -> Result<RawRule, String> {
    let mut rule = RawRule {
        pattern: element.attr("pattern").map(str::to_string),
        guard: match element.attr("guard") {
            None => None,
            Some("svelte-brace") => Some(Guard::SvelteBrace),
            Some(other) => return Err(format!("unknown guard {other}")),
        },
        emitter: None,
        mutator: None,
    };
    for child in &element.children {
        if let Some(m) = raw_mutator(child)? {
            rule.mutator = Some(m);
        } else {
            rule.emitter = Some(emitter(child)?);
        }
    }
    Ok(rule)
}

fn raw_mutator(element: &Element) -> Result<Option<RawMutator>, String> {
    Ok(Some(match element.name.as_str() {
        "include" => RawMutator::Include(
            element
                .attr("state")
                .ok_or("include without state")?
                .to_string(),
        ),
        "combined" => {
            RawMutator::Combined(element.attrs_named("state").map(str::to_string).collect())
        }
        "push" => RawMutator::Push(element.attrs_named("state").map(str::to_string).collect()),
        // Go decodes a missing depth as 0.
        "pop" => RawMutator::Pop(
            element
                .attr("depth")
                .and_then(|d| d.parse().ok())
                .unwrap_or(0),
        ),
        "haxepreproc" => RawMutator::HaxePreProc,
        "findbrackets" => RawMutator::FindBrackets(
            element
                .attr("kind")
                .and_then(super::raku::BracketKind::from_name)
                .ok_or("findbrackets without a known kind")?,
        ),
        "replacerule" => RawMutator::ReplaceRule {
            state: element
                .attr("state")
                .ok_or("replacerule without state")?
                .to_string(),
            delimiter: element.attr("delimiter").unwrap_or("").to_string(),
            pattern: element.attr("pattern").map(str::to_string),
            emitter: element.children.first().map(emitter).transpose()?,
            pop_state: element.attr("pop_state") == Some("true"),
            push_state: element.attr("push_state") == Some("true"),
        },
        "mutators" => RawMutator::Many(
            element
                .children
                .iter()
                .map(|c| raw_mutator(c)?.ok_or("not a mutator".to_string()))
                .collect::<Result<_, _>>()?,
        ),
        _ => return Ok(None),
    }))
}

fn emitter(element: &Element) -> Result<Emitter, String> {
    Ok(match element.name.as_str() {
        "token" => Emitter::Token(token_type(
            element.attr("type").ok_or("token without type")?,
        )?),
        "bygroups" => Emitter::ByGroups(
            element
                .children
                .iter()
                .map(|c| emitter(c).map(Some))
                .collect::<Result<_, _>>()?,
        ),
        "using" => Emitter::Using {
            lexer: element
                .attr("lexer")
                .ok_or("using without lexer")?
                .to_string(),
            other: element.attr("other").map(token_type).transpose()?,
        },
        "usingself" => Emitter::UsingSelf(
            element
                .attr("state")
                .ok_or("usingself without state")?
                .to_string(),
        ),
        "usingbygroup" => {
            let number = |name: &str| -> Result<usize, String> {
                element
                    .child(name)
                    .and_then(|e| e.text.trim().parse().ok())
                    .ok_or(format!("usingbygroup without {name}"))
            };
            let code_group = number("code_group")?;
            Emitter::UsingByGroup {
                name_group: number("sublexer_name_group")?,
                code_group,
                code_last: number("code_group_last").unwrap_or(code_group),
                emitters: element
                    .child("emitters")
                    .map(|e| {
                        e.children
                            .iter()
                            .map(|c| emitter(c).map(Some))
                            .collect::<Result<_, _>>()
                    })
                    .transpose()?
                    .unwrap_or_default(),
            }
        }
        "bygroupnames" => Emitter::ByGroupNames(
            element
                .children_named("group")
                .map(|g| {
                    Ok((
                        g.attr("name").ok_or("group without name")?.to_string(),
                        g.children.first().map(emitter).transpose()?,
                    ))
                })
                .collect::<Result<_, String>>()?,
        ),
        "colonpair" => Emitter::ColonPair(token_type(
            element.attr("type").ok_or("colonpair without type")?,
        )?),
        "rakuquote" => Emitter::RakuQuote,
        "podconfig" => Emitter::PodConfig,
        "podcode" => Emitter::PodCode,
        other => return Err(format!("unknown element <{other}>")),
    })
}

fn token_type(name: &str) -> Result<TokenType, String> {
    TokenType::from_name(name).ok_or(format!("unknown token type {name}"))
}

/// Compiles a Chroma pattern as Chroma does (`\G(?flags)(?:pattern)`), after translating the
/// few .NET (regexp2) spellings fancy-regex reads differently.
pub(super) fn compile(pattern: &str, flags: &str) -> Result<Regex, String> {
    let mut body = translate(pattern);
    if !flags.contains('x') {
        body = check_after_lookbehind_first(&body);
    }
    let full = if flags.is_empty() {
        format!("\\G(?:{body})")
    } else {
        format!("\\G(?{flags})(?:{body})")
    };
    fancy_regex::RegexBuilder::new(&full)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// A Chroma pattern as a search (not anchored at the position), with the lexer's flags.
pub(super) fn compile_unanchored(pattern: &str, flags: &str) -> Result<Regex, String> {
    let body = translate(pattern);
    let full = if flags.is_empty() {
        format!("(?:{body})")
    } else {
        format!("(?{flags})(?:{body})")
    };
    fancy_regex::RegexBuilder::new(&full)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// Steps a single match attempt may backtrack before it counts as no match (Chroma gives each
/// match 250 ms). Keeps hostile code linear in its length.
const BACKTRACK_LIMIT: usize = 100_000;

/// .NET regex syntax that fancy-regex reads otherwise: a `{` that opens no quantifier is a
/// literal; `\<` and `\>` are the characters, not word boundaries; inside a class `[` is a
/// literal, a `]` first is a literal, and `&&`, `--`, `~~` are characters, not set operations; a
/// quantified `\b` (always true when optional) is dropped; `\Z` (end, or before a final newline)
/// is spelled out.
///
/// And one spelling regexp2 (Chroma's engine) reads otherwise than .NET: `[^\W\d]`, the usual
/// "identifier start", matches digits there too, as `\w` does. Hugo 0.168 colours Java's `5x` and
/// Go's `٣y` as names; so does this.
pub fn translate(pattern: &str) -> String {
    let pattern = pattern.replace(r"[^\W\d]", r"\w");
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some('<') | Some('>') => out.push(chars[i + 1]),
                // .NET's `\Z`: the end, or before a final newline.
                Some('Z') if !in_class => out.push_str(r"(?=\n?\z)"),
                Some('b') | Some('B') if !in_class && chars.get(i + 2) == Some(&'?') => {
                    i += 3;
                    continue;
                }
                Some(&next @ ('p' | 'P')) if chars.get(i + 2) == Some(&'{') => {
                    // A Unicode class name, `\p{Lu}`: copied through its `}`.
                    let close = chars[i..]
                        .iter()
                        .position(|&c| c == '}')
                        .map_or(chars.len(), |n| i + n);
                    out.push(c);
                    out.push(next);
                    out.extend(&chars[i + 2..(close + 1).min(chars.len())]);
                    i = close + 1;
                    continue;
                }
                Some(&next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push_str("\\\\"),
            }
            i += 2;
            continue;
        }
        if in_class {
            match c {
                ']' => in_class = false,
                '[' | '&' | '~' => {
                    out.push('\\');
                }
                '-' if chars.get(i + 1) == Some(&'-') => out.push('\\'),
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '(' if matches!(chars.get(i + 1..i + 3), Some(['?', '=' | '!']))
                || matches!(chars.get(i + 1..i + 4), Some(['?', '<', '=' | '!'])) =>
            {
                // An optional look-around, `(?=x)?`, always succeeds: .NET accepts it,
                // fancy-regex does not quantify assertions. It is left out.
                if let Some(end) = group_end(&chars, i) {
                    if chars.get(end + 1) == Some(&'?') {
                        i = end + 2;
                        continue;
                    }
                    // So does a lookahead of one starred class, `(?=[^"]*)` (QBasic's comment
                    // rule): left in, it scans to the class's end at every position it is
                    // tried, quadratic on a long text without one.
                    if chars[i + 2] == '=' && is_starred_class(&chars[i + 3..end]) {
                        i = end + 1;
                        continue;
                    }
                }
            }
            '[' => {
                in_class = true;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                continue;
            }
            '{' if !is_quantifier(&chars[i..]) => {
                out.push_str("\\{");
                i += 1;
                continue;
            }
            '}' if !closes_quantifier(&chars[..i]) => {
                out.push_str("\\}");
                i += 1;
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `[…]*`: one class, starred, and nothing else.
fn is_starred_class(body: &[char]) -> bool {
    if body.first() != Some(&'[') || body.last() != Some(&'*') {
        return false;
    }
    let mut i = 1;
    if body.get(i) == Some(&'^') {
        i += 1;
    }
    if body.get(i) == Some(&']') {
        i += 1;
    }
    while i < body.len() {
        match body[i] {
            '\\' => i += 2,
            ']' => return i + 2 == body.len(),
            '[' => return false,
            _ => i += 1,
        }
    }
    false
}

/// A pattern that starts with a lookbehind, `(?<=A)B…`, with a lookahead of B's first atom in
/// front: `(?=B)(?<=A)B…`, which matches exactly the same. fancy-regex runs a variable-length
/// lookbehind backwards from the position at every position the rule is tried, and one that
/// can reach far back (Fish's `(?<=\[[^\]]+)\.\.`, which runs back to the text's start where
/// no `]` comes before) made the lexer quadratic; the lookahead fails first wherever B cannot
/// start. Only a literal or an escape as B's first atom, not optional (`?`, `*`, `{`).
fn check_after_lookbehind_first(body: &str) -> String {
    if !body.starts_with("(?<=") {
        return body.to_string();
    }
    let chars: Vec<char> = body.chars().collect();
    let Some(close) = group_end(&chars, 0) else {
        return body.to_string();
    };
    let atom: &[char] = match chars.get(close + 1) {
        Some('\\') => match chars.get(close + 2) {
            // Not a backreference, a Unicode class or a hex/octal escape.
            Some(c) if !c.is_ascii_digit() && !matches!(c, 'p' | 'P' | 'x' | 'u' | 'k' | 'g') => {
                &chars[close + 1..close + 3]
            }
            _ => return body.to_string(),
        },
        Some(c) if c.is_ascii_alphanumeric() || *c == '-' || *c == '_' => {
            &chars[close + 1..close + 2]
        }
        _ => return body.to_string(),
    };
    if matches!(chars.get(close + 1 + atom.len()), Some('?' | '*' | '{')) {
        return body.to_string();
    }
    let atom: String = atom.iter().collect();
    format!("(?={atom}){body}")
}

/// The index of the `)` closing the group opened at `open`, skipping escapes and classes.
fn group_end(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_class = false;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// `{n}`, `{n,}`, `{n,m}` (and `{,m}`, which .NET does not treat as a quantifier).
fn is_quantifier(s: &[char]) -> bool {
    let Some(end) = s.iter().position(|&c| c == '}') else {
        return false;
    };
    let inner: String = s[1..end].iter().collect();
    let mut parts = inner.splitn(2, ',');
    let first = parts.next().unwrap_or("");
    !first.is_empty()
        && first.chars().all(|c| c.is_ascii_digit())
        && parts
            .next()
            .map_or(true, |m| m.chars().all(|c| c.is_ascii_digit()))
}

fn closes_quantifier(before: &[char]) -> bool {
    match before.iter().rposition(|&c| c == '{') {
        Some(open) => {
            let escaped = open > 0 && before[open - 1] == '\\';
            !escaped && is_quantifier(&[&before[open..], &['}']].concat())
        }
        None => false,
    }
}

/// Chroma's phtml lexer: PHP's rules under `php`, entered from text by `<?php`.
pub fn php_in_html(states: &mut Vec<(String, Vec<RawRuleHandle>)>, flags: &mut Flags) {
    for (name, _) in states.iter_mut() {
        if name == "root" {
            *name = "php".to_string();
        }
    }
    let rule = |pattern: &str, ty: TokenType, push: Option<&str>| {
        RawRuleHandle(RawRule {
            pattern: Some(pattern.to_string()),
            guard: None,
            emitter: Some(Emitter::Token(ty)),
            mutator: push.map(|s| RawMutator::Push(vec![s.to_string()])),
        })
    };
    states.push((
        "root".to_string(),
        vec![
            rule(r"<\?(php)?", TokenType(6100), Some("php")),
            rule(r"[^<]+", TokenType::OTHER, None),
            rule(r"<", TokenType::OTHER, None),
        ],
    ));
    *flags = Flags {
        case_insensitive: true,
        dot_all: true,
        not_multiline: false,
        ensure_nl: true,
    };
}
