#!/usr/bin/env python3
"""Generates src/rules/emoji/table.rs from the Go sources of the emoji tables Hugo pins.

Hugo 0.168.0 (go.mod) uses two tables:
  * github.com/kyokomi/emoji/v2 v2.2.14, emoji_codemap.go: the `emojify` template function
    (Hugo's helpers/emoji.go);
  * github.com/yuin/goldmark-emoji v1.0.6, definition/github.gen.go: `enableEmoji = true`
    (goldmark's emoji extension, markup/goldmark/convert.go).

Usage (stdlib only; the Go files are read, never committed):
  git -C <kyokomi/emoji clone> show v2.2.14:emoji_codemap.go > /tmp/emoji_codemap.go
  git -C <yuin/goldmark-emoji clone> show v1.0.6:definition/github.gen.go > /tmp/github.gen.go
  python3 scripts/gen_emoji_table.py /tmp/emoji_codemap.go /tmp/github.gen.go > src/rules/emoji/table.rs

Layout, chosen for the gzipped wasm (see src/rules/emoji/mod.rs for the reader): one line per
distinct kyokomi emoji, in code point order, in two parallel texts, so that each emoji is
written once and each text compresses on its own:
  VALUES: the emoji as its first code point's distance from the previous line's first code
  point, then the other code points (`!` U+FE0F, `+` U+200D, ` HEX` any other), in hex.
  NAMES: its names, separated by spaces. A name may carry marks: TONE (its `_tone1`…
  `_tone5` variants are derived: the skin tone modifier after the first code point, a
  following U+FE0F dropped), TONE_FIRST (the same, with the first code point alone),
  GITHUB_SAME (goldmark-emoji has the name with the same emoji), GITHUB_OTHER
  (goldmark-emoji has it with the emoji in GITHUB_OVERRIDES).
  FLAG_DASH / FLAG_UNDERSCORE: the two-letter codes whose `flag-xx` / `flag_xx` names are
  the regional indicator pair of the letters.
Every derivation is checked against the source table before a name is left out.
"""
import ast
import re
import sys

TONE, TONE_FIRST, GITHUB_SAME, GITHUB_OTHER = "\x01", "\x04", "\x02", "\x03"
MODIFIERS = "\U0001F3FB\U0001F3FC\U0001F3FD\U0001F3FE\U0001F3FF"


def go_string(body):
    return ast.literal_eval('"' + body + '"')


def read_kyokomi(path):
    src = open(path, encoding="utf-8").read()
    body = src[src.index("emojiCodeMap = map[string]string{"):]
    body = body[: body.index("\n\t\t}\n")]
    pairs = re.findall(r'^\s*"((?:[^"\\]|\\.)*)":\s*"((?:[^"\\]|\\.)*)",\s*$', body, re.M)
    table = {}
    for key, value in pairs:
        key, value = go_string(key), go_string(value)
        assert key.startswith(":") and key.endswith(":"), key
        table[key[1:-1]] = value
    assert len(table) == len(pairs) and len(table) > 4000, len(table)
    return table


def read_goldmark(path):
    src = open(path, encoding="utf-8").read()

    def decl(name):
        return re.search(r"^(?:var|const) " + name + r"\s*(?:string)?\s*=\s*(.*)$", src, re.M).group(1)

    length = int(decl("_githubLength"))
    short_names = [go_string(s) for s in re.findall(r'"((?:[^"\\]|\\.)*)"', decl("_githubShortNames"))]
    short_index = [ord(c) for c in go_string(decl("_githubShortNamesIndex")[1:-1])]
    unicode = [int(x) for x in re.findall(r"\d+", decl("_githubUnicode").split("{", 1)[1])]
    unicode_index = [ord(c) for c in go_string(decl("_githubUnicodeIndex")[1:-1])]
    assert len(short_index) == len(unicode_index) == length
    table = {}
    c_short = c_uni = 0
    for i in range(length):
        runes = unicode[c_uni : c_uni + unicode_index[i]]
        # definition.Github: a later emoji with the same short name wins (map assignment).
        for name in short_names[c_short : c_short + short_index[i]]:
            # IsUnicode() false (U+FFFD alone) renders differently; none in v1.0.6.
            assert runes != [0xFFFD], name
            table[name] = "".join(map(chr, runes))
        c_short += short_index[i]
        c_uni += unicode_index[i]
    return table


def tone_first(value, i):
    return value[0] + MODIFIERS[i]


def tone(value, i):
    rest = value[1:]
    if rest.startswith("\ufe0f"):
        rest = rest[1:]
    return value[0] + MODIFIERS[i] + rest


def regional(code):
    return "".join(chr(0x1F1E6 + ord(c) - ord("a")) for c in code)


def rust_str(s):
    out = []
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n\\\n")
        elif ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u200d\ufe0f\u20e3" or 0xE0000 <= ord(c) < 0xE0080 \
                or 0x1F3FB <= ord(c) <= 0x1F3FF:
            out.append("\\u{%x}" % ord(c))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def main():
    kyokomi = read_kyokomi(sys.argv[1])
    github = read_goldmark(sys.argv[2])
    missing = sorted(set(github) - set(kyokomi))
    assert not missing, f"goldmark-emoji names not in kyokomi: {missing[:10]}"
    for name, value in kyokomi.items():
        assert " " not in name and "\n" not in name, name
        assert not set(name + value) & {TONE, TONE_FIRST, GITHUB_SAME, GITHUB_OTHER}, name
        # helpers.Emojify relies on it too: a replaced emoji never holds a delimiter.
        assert ":" not in value and " " not in value and "\n" not in value, name

    explicit = dict(kyokomi)
    marks = {}
    for name, value in kyokomi.items():
        variants = [f"{name}_tone{i + 1}" for i in range(5)]
        for mark, rule in ((TONE, tone), (TONE_FIRST, tone_first)):
            if all(kyokomi.get(v) == rule(value, i) and v not in github for i, v in enumerate(variants)):
                marks[name] = mark
                for v in variants:
                    explicit.pop(v, None)
                break
    flag_dash, flag_underscore = [], []
    for name in list(explicit):
        m = re.fullmatch(r"flag([-_])([a-z]{2})", name)
        if m and kyokomi[name] == regional(m.group(2)) and name not in github:
            (flag_dash if m.group(1) == "-" else flag_underscore).append(m.group(2))
            del explicit[name]

    groups = {}
    for name, value in explicit.items():
        mark = marks.get(name, "")
        if name in github:
            mark += GITHUB_SAME if github[name] == value else GITHUB_OTHER
        groups.setdefault(value, []).append(name + mark)
    values, names, previous = [], [], 0
    for value in sorted(groups):
        first = ord(value[0])
        assert first >= previous
        rest = "".join({0xFE0F: "!", 0x200D: "+"}.get(ord(c), " %x" % ord(c)) for c in value[1:])
        values.append("%x%s\n" % (first - previous, rest))
        previous = first
        names.append(" ".join(sorted(groups[value])) + "\n")
    overrides = [f"{n} {github[n]}\n" for n in sorted(github) if github[n] != kyokomi[n]]
    max_key = max(len(k.encode()) + 2 for k in kyokomi)

    print("// @generated by scripts/gen_emoji_table.py from kyokomi/emoji v2.2.14 (emoji_codemap.go)")
    print("// and yuin/goldmark-emoji v1.0.6 (definition/github.gen.go), the versions Hugo 0.168.0")
    print("// pins. Do not edit: regenerate (see the script's docstring).")
    print(f"//\n// kyokomi: {len(kyokomi)} names, {len(explicit)} written out, {5 * len(marks)} skin tone")
    print(f"// variants and {len(flag_dash) + len(flag_underscore)} `flag-xx`/`flag_xx` names derived;")
    print(f"// goldmark-emoji: {len(github)} names, {len(overrides)} with an emoji of their own.")
    print()
    print("/// The longest kyokomi key, colons included, in bytes (`emojiMaxSize` in Hugo).")
    print(f"pub(super) const MAX_KEY_LEN: usize = {max_key};")
    for const, char in (("TONE", TONE), ("TONE_FIRST", TONE_FIRST), ("GITHUB_SAME", GITHUB_SAME),
                        ("GITHUB_OTHER", GITHUB_OTHER)):
        print(f"pub(super) const {const}: char = '\\u{{{ord(char):x}}}';")
    print(f"pub(super) const ENTRIES: usize = {len(explicit)};")
    print(f"pub(super) const VALUES: &str = {rust_str(''.join(values))};")
    print(f"pub(super) const NAMES: &str = {rust_str(''.join(names))};")
    print(f"pub(super) const GITHUB_OVERRIDES: &str = {rust_str(''.join(overrides))};")
    print(f"pub(super) const FLAG_DASH: &str = {rust_str(''.join(sorted(flag_dash)))};")
    print(f"pub(super) const FLAG_UNDERSCORE: &str = {rust_str(''.join(sorted(flag_underscore)))};")


if __name__ == "__main__":
    main()
