#!/usr/bin/env python3
"""Restates the lexers Chroma writes in Go as Chroma's XML (highlight/data/native/).

Chroma v2.27.0 defines a few lexers with rules in Go (`lexers/*.go`) instead of the embedded XML
that Hugo's binary carries and scripts/extract-chroma.py copies. Their rules are plain data
(`{pattern, emitter, mutator}`, `Include`, `Default`, `ByGroups`, `Using`, `UsingSelf`,
`UsingByGroup`, `Push`, `Pop`, `Combined`), so this reads the Go source from the Chroma mirror and
writes the same rules in the XML format the highlighter reads. Emitter and mutator functions
written in Go (`EmitterFunc`, `MutatorFunc`) are named in `SPECIAL` and restated by hand there.

Usage: scripts/restate-chroma-go.py [--mirror DIR] [--tag v2.27.0] [LEXER...]
"""
import argparse
import html
import pathlib
import re
import subprocess
import sys
from xml.sax.saxutils import quoteattr

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "highlight" / "data" / "native"

# file in lexers/, rules function, output file, <config> (name and flags only: aliases, globs
# and MIME types are in the registry, lexer/mod.rs).
LEXERS = {
    "caddyfile": ("caddyfile.go", "caddyfileRules", "Caddyfile", {}),
    "caddyfile-directives": ("caddyfile.go", "caddyfileDirectivesRules", "Caddyfile Directives", {}),
    "gemtext": ("gemtext.go", "gemtextRules", "Gemtext", {}),
    "genshi-text": ("genshi.go", "genshiTextRules", "Genshi Text", {}),
    "genshi": ("genshi.go", "genshiMarkupRules", "Genshi", {"not_multiline": True, "dot_all": True}),
    "haxe": ("haxe.go", "haxeRules", "Haxe", {"dot_all": True}),
    "http": ("http.go", "httpRules", "HTTP", {"not_multiline": True, "dot_all": True}),
    "markless": ("markless.go", "marklessRules", "Markless", {}),
    "rst": ("rst.go", "restructuredtextRules", "reStructuredText", {}),
    "svelte": ("svelte.go", "svelteRules", "Svelte", {"dot_all": True}),
    "typoscript": ("typoscript.go", "typoscriptRules", "TypoScript", {"dot_all": True}),
    "raku": ("raku.go", "rakuRules", "Raku", {"dot_all": True}),
}

# Go functions used as emitters or mutators, restated: name -> XML of the emitter/mutator.
SPECIAL = {
    # http.go: each is ByGroups over the same groups.
    "httpHeaderBlock": "<bygroups><token type='Name'/><token type='Text'/><token type='Operator'/>"
    "<token type='Text'/><token type='Literal'/><token type='Text'/></bygroups>",
    "httpContinuousHeaderBlock": "<bygroups><token type='Text'/><token type='Literal'/>"
    "<token type='Text'/></bygroups>",
    "httpContentBlock": "<token type='Generic'/>",
    # rst.go: the code after `.. code:: LANG` is lexed by LANG, else a String (groups 8 to the
    # end are the code).
    "rstCodeBlock": "<usingbygroup><sublexer_name_group>6</sublexer_name_group>"
    "<code_group>8</code_group><code_group_last>11</code_group_last><emitters>"
    "<token type='Punctuation'/><token type='Text'/><token type='OperatorWord'/>"
    "<token type='Punctuation'/><token type='Text'/><token type='Keyword'/><token type='Text'/>"
    "<token type='LiteralString'/><token type='LiteralString'/><token type='LiteralString'/>"
    "<token type='LiteralString'/></emitters></usingbygroup>",
    # haxe.go: `#if` pushes the preprocessor expression, `#else`/`#elseif` keep a copy of the
    # stack and `#end` restores it; restated as the engine's `haxe-preproc` mutator.
    "haxePreProcMutator": "<haxepreproc/>",
    # raku.go: emitters that lex named groups again (restated in the engine, `raku.rs`).
    "quote": "<rakuquote/>",
    "podConfig": "<podconfig/>",
    "podCode": "<podcode/>",
}

# raku.go's `findBrackets(kind)`: its RakuToken constants, as the engine names the kinds.
RAKU_KINDS = {
    "rakuQuote": "quote", "rakuNameAttribute": "name-attribute", "rakuPod": "pod",
    "rakuPodFormatter": "pod-formatter", "rakuPodDeclaration": "pod-declaration",
    "rakuMultilineComment": "multiline-comment", "rakuMatchRegex": "match-regex",
    "rakuSubstitutionRegex": "substitution-regex",
}

# Patterns whose look-arounds scan the whole text at each position (quadratic, and past the
# engine's backtracking limit on long input, where they then fail to match though Chroma's
# match): the engine checks them in Rust instead (`rules.rs`, `Guard`), same meaning.
GUARDS = {
    # svelte.go: a `{` outside <script>/<style> and not before one's closing tag.
    r"(?<!<\s*(?:script|style)(?:(?!(?:script|style)\s*>).)*?){(?!(?:(?!<\s*(?:script|style)).)*?(?:script|style)\s*>)":
        ("{", "svelte-brace"),
}

ALIASES = {"Whitespace": "TextWhitespace"}


def tokens(src):
    """Go tokens: ('s', text) strings, ('i', name) identifiers/numbers, ('p', char) punctuation."""
    i = 0
    out = []
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif src.startswith("//", i):
            i = src.index("\n", i)
        elif c == "`":
            j = src.index("`", i + 1)
            out.append(("s", src[i + 1 : j]))
            i = j + 1
        elif c == '"':
            j = i + 1
            buf = []
            while src[j] != '"':
                if src[j] == "\\":
                    n = src[j + 1]
                    simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
                    if n in simple:
                        buf.append(simple[n])
                        j += 2
                    elif n == "x":
                        buf.append(chr(int(src[j + 2 : j + 4], 16)))
                        j += 4
                    elif n == "u":
                        buf.append(chr(int(src[j + 2 : j + 6], 16)))
                        j += 6
                    elif n == "U":
                        buf.append(chr(int(src[j + 2 : j + 10], 16)))
                        j += 10
                    elif n.isdigit():
                        buf.append(chr(int(src[j + 1 : j + 4], 8)))
                        j += 4
                    else:
                        raise ValueError(f"escape \\{n}")
                else:
                    buf.append(src[j])
                    j += 1
            out.append(("s", "".join(buf)))
            i = j + 1
        elif c.isalnum() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] in "_."):
                j += 1
            out.append(("i", src[i:j].rstrip(".")))
            i = j
        else:
            out.append(("p", c))
            i += 1
    return out


class Parser:
    def __init__(self, toks, env, funcs):
        self.t = toks
        self.i = 0
        self.env = env
        self.funcs = funcs

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.t[self.i]
        if (kind and tok[0] != kind) or (value and tok[1] != value):
            raise ValueError(f"expected {kind} {value}, got {tok} at {self.t[self.i:self.i + 8]}")
        self.i += 1
        return tok

    def expr(self):
        value = self.term()
        while self.peek() == ("p", "+"):
            self.take()
            value = value + self.term()
        return value

    def term(self):
        kind, value = self.peek()
        if kind == "s":
            self.take()
            return value
        if kind == "p" and value == "{":
            return self.composite()
        if kind == "p" and value == "&":
            self.take()
            return self.term()
        name = self.take("i")[1]
        if self.peek() == ("p", "{"):
            result = self.composite()
        elif self.peek() == ("p", "("):
            self.take()
            args = []
            while self.peek() != ("p", ")"):
                args.append(self.expr())
                if self.peek() == ("p", ","):
                    self.take()
            self.take("p", ")")
            result = ("call", name, args)
            if name in self.funcs:
                result = self.funcs[name]()
        elif name in self.env:
            result = self.env[name]
        else:
            result = ("ident", name)
        return result

    def composite(self):
        self.take("p", "{")
        items = []
        keyed = {}
        while self.peek() != ("p", "}"):
            value = self.expr()
            if self.peek() == ("p", ":"):
                self.take()
                keyed[value] = self.expr()
            else:
                items.append(value)
            if self.peek() == ("p", ","):
                self.take()
        self.take("p", "}")
        return keyed if keyed else items


def function_body(src, name):
    """The expression after `return` in `func name() Rules {`."""
    m = re.search(r"func " + re.escape(name) + r"\(\) Rules \{\s*return ", src)
    if not m:
        # raku.go computes its patterns first: the function's own `return` (one tab in).
        m = re.search(r"func " + re.escape(name) + r"\(\) Rules \{.*?\n\treturn ", src, re.S)
    if not m:
        raise ValueError(f"no function {name}")
    return src[m.end() :]


def go_quote_meta(text):
    """Go's `regexp.QuoteMeta`."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$" else c for c in text)


def go_words(prefix, suffix, words):
    """Chroma's `Words`: longest first (equal lengths cannot match the same text), quoted."""
    words = sorted(words, key=len, reverse=True)
    return prefix + "(" + "|".join(go_quote_meta(w) for w in words) + ")" + suffix


def raku_env(src, body_start):
    """The values raku.go's `rakuRules` computes before its `return`: constants, word lists
    turned into patterns by `Words`, and the bracket pairs."""
    head = src[src.index("func rakuRules() Rules {"):body_start]
    env = {}
    for const in re.finditer(r"const \((.*?)\n\t\)", head, re.S):
        for m in re.finditer(r"^\t\t(\w+)\s*=\s*(.*?)(?=^\t\t\w+\s*=|\Z)", const.group(1), re.M | re.S):
            if "iota" in m.group(2):
                continue
            env[m.group(1)] = Parser(tokens(m.group(2)), env, {}).expr()
    lists = {}
    for m in re.finditer(r"^\t(\w+) := \[\]string\{(.*?)\n\t\}", head, re.M | re.S):
        lists[m.group(1)] = [t[1] for t in tokens("{" + m.group(2) + "}") if t[0] == "s"]
    for m in re.finditer(r"^\t(\w+) := Words\((.*?), (.*?), (\w+)\.\.\.\)", head, re.M):
        prefix, suffix = (Parser(tokens(x), env, {}).expr() for x in (m.group(2), m.group(3)))
        env[m.group(1)] = go_words(prefix, suffix, lists[m.group(4)])
    pairs = re.findall(r"'\\u([0-9a-f]{4})': '\\u([0-9a-f]{4})'", head)
    opening = "".join(chr(int(a, 16)) for a, _ in pairs)
    env["bracketsPattern"] = "[" + go_quote_meta(opening) + "]"
    (OUT / "raku-brackets.txt").write_text(
        "".join(chr(int(a, 16)) + chr(int(b, 16)) + "\n" for a, b in pairs))
    for kind, name in RAKU_KINDS.items():
        env[kind] = ("ident", name)
    return env


def rules_of(src, name):
    env = {}
    for m in re.finditer(r"^var (\w+) = (`[^`]*`|\"(?:\\.|[^\"])*\")", src, re.M):
        env[m.group(1)] = tokens(m.group(2))[0][1]
    funcs = {}
    for m in re.finditer(r"func (\w+)\(\) Rules", src):
        funcs[m.group(1)] = (lambda n=m.group(1): rules_of(src, n))
    body = function_body(src, name)
    if name == "rakuRules":
        env.update(raku_env(src, len(src) - len(body)))
        # Go composite types the parser need not know: `[]rune(x)` is x, `map[…]T{…}` a map.
        body = body.replace("[]rune(", "rune(").replace("map[string]Emitter{", "map{")
    toks = tokens(body)
    p = Parser(toks, env, funcs)
    rules = p.term()
    # `.Merge(other())` after the literal: the tokenizer reads `}.Merge` as `}` then `.Merge`.
    while p.peek()[0] == "p" and p.peek()[1] == ".":
        p.take()
    while p.peek()[0] == "i" and p.peek()[1] in ("Merge", ".Merge"):
        p.take()
        p.take("p", "(")
        other = p.expr()
        p.take("p", ")")
        rules.update(other)  # Go's Rules.Merge: the argument's states win
    return rules


def token_type(name):
    return ALIASES.get(name, name)


def emitter_xml(e):
    if e is None or e == ("ident", "nil"):
        return ""
    if isinstance(e, tuple) and e[0] == "ident":
        return f"<token type={quoteattr(token_type(e[1]))}/>"
    kind, name, args = e
    if name == "ByGroups":
        inner = "".join(emitter_xml(a) if a != ("ident", "nil") else "<token type='Ignore'/>" for a in args)
        return f"<bygroups>{inner}</bygroups>"
    if name == "Using":
        return f"<using lexer={quoteattr(args[0])}/>"
    if name == "UsingSelf":
        return f"<usingself state={quoteattr(args[0])}/>"
    if name == "UsingByGroup":
        ems = "".join(emitter_xml(a) for a in args[2:])
        return (f"<usingbygroup><sublexer_name_group>{args[0][1]}</sublexer_name_group>"
                f"<code_group>{args[1][1]}</code_group><emitters>{ems}</emitters></usingbygroup>")
    if name == "EmitterFunc":
        return SPECIAL[args[0][1]]
    if name == "ByGroupNames":
        (groups,) = args
        inner = "".join(f"<group name={quoteattr(k)}>{emitter_xml(v)}</group>" for k, v in groups.items())
        return f"<bygroupnames>{inner}</bygroupnames>"
    if name == "colonPair":
        return f"<colonpair type={quoteattr(token_type(args[0][1]))}/>"
    raise ValueError(f"emitter {e}")


def mutator_xml(m):
    if m is None or m == ("ident", "nil"):
        return ""
    kind, name, args = m
    if name == "Push":
        return "<push" + "".join(f" state={quoteattr(a)}" for a in args) + "/>"
    if name == "Pop":
        return f"<pop depth='{args[0][1]}'/>"
    if name == "Combined":
        return "<combined" + "".join(f" state={quoteattr(a)}" for a in args) + "/>"
    if name == "Mutators":
        return "<mutators>" + "".join(mutator_xml(a) for a in args) + "</mutators>"
    if name == "MutatorFunc":
        return SPECIAL[args[0][1]]
    if name == "findBrackets":
        return f"<findbrackets kind={quoteattr(args[0][1])}/>"
    if name == "replaceRule":
        (config,) = args
        config = {k[1]: v for k, v in config.items()}
        attrs = ""
        for key, attr in (("stateName", "state"), ("delimiter", "delimiter"), ("pattern", "pattern")):
            if key in config:
                value = config[key]
                if isinstance(value, tuple) and value[1] == "rune":
                    value = value[2][0]
                attrs += f" {attr}={quoteattr(value)}"
        for key, attr in (("popState", "pop_state"), ("pushState", "push_state")):
            if config.get(key) == ("ident", "true"):
                attrs += f" {attr}='true'"
        unknown = set(config) - {"stateName", "delimiter", "pattern", "popState", "pushState", "tokenType"}
        if unknown:
            raise ValueError(f"replaceRule with {unknown}")
        return f"<replacerule{attrs}>{emitter_xml(config.get('tokenType'))}</replacerule>"
    raise ValueError(f"mutator {m}")


def rule_xml(rule):
    if isinstance(rule, tuple):
        kind, name, args = rule
        if name == "Include":
            return f"      <rule><include state={quoteattr(args[0])}/></rule>"
        if name == "Default":
            muts = args[0] if len(args) == 1 else ("call", "Mutators", args)
            return f"      <rule>{mutator_xml(muts)}</rule>"
        raise ValueError(f"rule {rule}")
    pattern, emitter, mutator = rule
    guard = ""
    if pattern in GUARDS:
        pattern, name = GUARDS[pattern]
        guard = f" guard={quoteattr(name)}"
    return f"      <rule pattern={quoteattr(pattern)}{guard}>{emitter_xml(emitter)}{mutator_xml(mutator)}</rule>"


def lexer_xml(src_file, rules, name, flags, tag):
    lines = [f"<!-- Chroma {tag} lexers/{src_file}, restated by scripts/restate-chroma-go.py. -->",
             "<lexer>", "  <config>", f"    <name>{name}</name>"]
    for flag in ("not_multiline", "dot_all", "case_insensitive", "ensure_nl"):
        if flags.get(flag):
            lines.append(f"    <{flag}>true</{flag}>")
    lines += ["  </config>", "  <rules>"]
    for state, state_rules in rules.items():
        lines.append(f"    <state name={quoteattr(state)}>")
        lines += [rule_xml(r) for r in state_rules]
        lines.append("    </state>")
    lines += ["  </rules>", "</lexer>", ""]
    return "\n".join(lines)


# TypeRemappingLexer wrappers around embedded XML lexers: output file, Go file, the mapping's
# variable in the Go file.
REMAPS = {
    "common-lisp-remap": ("cl.go", "Common Lisp"),
    "emacslisp-remap": ("emacs.go", "EmacsLisp"),
}


def remap_xml(src, src_file, name, tag):
    """`TypeMapping{{From, To, words}, ...}` as `<map from to>word ...</map>`, in order."""
    lists = {}
    for m in re.finditer(r"(\w+) = \[\]string\{(.*?)\n\t\}", src, re.S):
        lists[m.group(1)] = [t[1] for t in tokens("{" + m.group(2) + "}") if t[0] == "s"]
    body = src[src.index("TypeMapping{") + len("TypeMapping{") :]
    lines = [f"<!-- Chroma {tag} lexers/{src_file}: the TypeRemappingLexer around the embedded XML,",
             "     restated by scripts/restate-chroma-go.py. A token of type `from` whose text is one of",
             "     the words gets type `to`; for a word in several maps the last wins. -->",
             f"<remap lexer={quoteattr(name)}>"]
    for m in re.finditer(r"\{(\w+), (\w+), ([^}]+)\}", body[: body.index("}))")]):
        words = []
        for part in m.group(3).split(","):
            part = part.strip()
            if part.startswith("append("):
                part = part[len("append(") :]
            words += lists[part.rstrip(".").rstrip(")").rstrip(".")]
        text = " ".join(w.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for w in words)
        lines.append(f"  <map from={quoteattr(token_type(m.group(1)))} to={quoteattr(token_type(m.group(2)))}>{text}</map>")
    lines += ["</remap>", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", default="/work/.mirror/alecthomas+chroma/repo")
    parser.add_argument("--tag", default="v2.27.0")
    parser.add_argument("lexers", nargs="*")
    args = parser.parse_args()
    for key in args.lexers or LEXERS:
        src_file, func, name, flags = LEXERS[key]
        src = subprocess.run(["git", "-C", args.mirror, "show", f"{args.tag}:lexers/{src_file}"],
                             check=True, capture_output=True, text=True).stdout
        rules = rules_of(src, func)
        (OUT / f"{key}.xml").write_text(lexer_xml(src_file, rules, name, flags, args.tag))
        print(f"{key}: {len(rules)} states")
    if not args.lexers:
        for key, (src_file, name) in REMAPS.items():
            src = subprocess.run(["git", "-C", args.mirror, "show", f"{args.tag}:lexers/{src_file}"],
                                 check=True, capture_output=True, text=True).stdout
            (OUT / f"{key}.xml").write_text(remap_xml(src, src_file, name, args.tag))
            print(f"{key}: remap")
        # Chroma registers the embedded XML lexers in the order of their file names (fs.Glob);
        # `Analyse` keeps the first of equal scores, so the registry keeps that order.
        listing = subprocess.run(["git", "-C", args.mirror, "ls-tree", "--name-only", args.tag, "lexers/embedded/"],
                                 check=True, capture_output=True, text=True).stdout.split()
        names = []
        for path in sorted(p for p in listing if p.endswith(".xml")):
            xml = subprocess.run(["git", "-C", args.mirror, "show", f"{args.tag}:{path}"],
                                 check=True, capture_output=True, text=True).stdout
            names.append(html.unescape(re.search(r"<name>(.*?)</name>", xml).group(1)))
        (OUT / "order.txt").write_text("\n".join(names) + "\n")
        print(f"order: {len(names)} embedded lexers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
