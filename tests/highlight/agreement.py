#!/usr/bin/env python3
"""How closely the preview's highlighter agrees with Hugo's Chroma.

Three checks, each against the pinned Hugo (one site build each):

1. Token classes, per language: one page per corpus file (tests/highlight/corpus/<lang>.<ext>,
   the fence language is the file's stem) with `noClasses = false`; the preview lexes the same
   files (the `classes` example). Each character's token class must agree (>= --min percent).
2. Styles and options: every corpus file in every style of STYLES with inline styles
   (`noClasses = true`), and once more with classes, each block with one of VARIANTS of the
   fence options (line numbers as a table or inline, `hl_lines`, `linenostart`,
   `anchorlinenos`/`lineanchors`, `hl_inline`), rotated so that every style meets every variant.
   The preview answers the same requests as the npm package's highlighter (the `answers`
   example). Per block, after normalizing the DOM (token spans are dissolved into their text):
   the structure and the text must be identical, and each character's colour (its token span's
   style, or class) must agree (>= --min percent per style and per language).
3. guessSyntax: the code of tests/highlight/guess/*.txt in fences without a language, with
   `guessSyntax = true`; the language Hugo picks (`data-lang`) and the HTML must be the same.

Usage: .venv/bin/python tests/highlight/agreement.py [--min 95] [--show LANG] [--show-style STYLE]
"""
import argparse
import collections
import html.parser
import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "differential"))
import oracle  # noqa: E402

CORPUS = HERE / "corpus"
GUESS = HERE / "guess"

# The styles issue 25 lists; "classes" stands for `noClasses = false`.
STYLES = [
    "monokai", "github", "github-dark", "dracula", "solarized-dark", "solarized-light", "nord",
    "onedark", "catppuccin-latte", "catppuccin-frappe", "catppuccin-macchiato", "catppuccin-mocha",
    "friendly", "native", "vs", "xcode", "tango", "emacs", "classes",
]
# Fence options, as written in `{…}` after the language.
VARIANTS = [
    {},
    {"linenos": "table"},
    {"linenos": "inline"},
    {"linenos": "table", "hl_lines": [2, "4-5"], "linenostart": 5},
    {"linenos": "inline", "hl_lines": "1 3", "anchorlinenos": True, "lineanchors": "ex"},
    {"hl_lines": [1]},
    {"hl_inline": True},
    {"linenos": True, "linenostart": 10, "anchorlinenos": True},
    {"linenos": "table", "anchorlinenos": True, "lineanchors": "t", "hl_lines": [3]},
]
HUGO_CONFIG = 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "home", "section", "rss", "sitemap", "404"]\n'


def hugo_pages(pages, highlight):
    """Builds one page per (name, markdown body) with the pinned Hugo; name -> the page's HTML."""
    with tempfile.TemporaryDirectory() as tmp:
        site = pathlib.Path(tmp)
        (site / "content").mkdir()
        (site / "layouts" / "_default").mkdir(parents=True)
        (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
        (site / "hugo.toml").write_text(HUGO_CONFIG + "[markup.highlight]\n" + highlight)
        for name, body in pages.items():
            (site / "content" / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n{body}")
        subprocess.run([str(oracle.pinned_hugo()), "--quiet", "-s", str(site), "-d", str(site / "public")], check=True)
        return {name: (site / "public" / name / "index.html").read_text() for name in pages}


def fence(lang, code, options=None):
    ticks = "~~~~~~" if "```" in code or "~~~" in code else "```"
    attrs = ""
    if options:
        attrs = " {" + ",".join(f"{k}={json.dumps(v)}" for k, v in options.items()) + "}"
    return f"{ticks}{lang}{attrs}\n{code}{ticks}\n"


class Tree(html.parser.HTMLParser):
    """A minimal DOM: elements are (tag, sorted attributes, children), text is str."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = ("#root", (), [])
        self.stack = [self.root]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = (tag, tuple(sorted((k, v or "") for k, v in attrs)), [])
        self.stack[-1][2].append(element)
        self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1][2].append(data)


STRUCTURAL_CLASSES = {"line", "cl", "hl", "ln", "lnt", "lntd", "lntable", "chroma", "highlight"}


def token_key(element):
    """A token span's colour (its style, or its class); None when the element is structure."""
    tag, attrs, children = element
    if tag != "span" or not all(isinstance(c, str) for c in children):
        return None
    attrs = dict(attrs)
    if "id" in attrs or "user-select" in attrs.get("style", "") or attrs.get("class") in STRUCTURAL_CLASSES:
        return None
    if "style" not in attrs and "class" not in attrs:
        return None
    return attrs.get("style", "") + "|" + attrs.get("class", "")


def normalize(text):
    """(structure, [(colour, char)]): the DOM with token spans dissolved, and each character's
    colour."""
    chars = []

    def walk(element, colour):
        out = []
        run = ""
        for child in element[2]:
            if isinstance(child, str):
                run += child
                chars.extend((colour, c) for c in child)
                continue
            key = token_key(child)
            if key is not None:
                text = "".join(child[2])
                run += text
                chars.extend((key, c) for c in text)
                continue
            if run:
                out.append(run)
                run = ""
            out.append(walk(child, colour))
        if run:
            out.append(run)
        return (element[0], element[1], out)

    structure = walk(Tree(text.strip()).root, "")
    return structure, chars


def preview_answers(requests):
    run = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "hugo-preview-highlight", "--example", "answers"],
        cwd=ROOT, check=True, capture_output=True, text=True, input=json.dumps(requests),
    )
    return [a.get("html", "error: " + a.get("error", "")) for a in json.loads(run.stdout)]


def preview_classes(files):
    args = [f"{f.stem}={f}" for f in files]
    run = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "hugo-preview-highlight", "--example", "classes", "--", *args],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    data = json.loads(run.stdout)
    return {f: [(cls, c) for cls, text in data[str(f)] for c in text] for f in files}


def hugo_classes(files):
    """Per file: (class, char) for each character of Hugo's output (innermost token class)."""
    pages = hugo_pages({f"p{i}": fence(f.stem, f.read_text()) for i, f in enumerate(files)}, "noClasses = false\n")
    out = {}
    for i, f in enumerate(files):
        _, chars = normalize(pages[f"p{i}"])
        out[f] = [(key.split("|", 1)[1] if key else "", c) for key, c in chars]
    return out


def check_classes(files, args):
    hugo = hugo_classes(files)
    ours = preview_classes(files)
    failed = []
    total_same = total = 0
    print(f"{'language':<22} {'chars':>6} {'same class':>10}")
    for f in files:
        h, o = hugo[f], ours[f]
        if "".join(c for _, c in h) != "".join(c for _, c in o):
            print(f"{f.stem:<22} text differs")
            failed.append(f.stem)
            continue
        same = sum(1 for a, b in zip(h, o) if a[0] == b[0])
        total_same += same
        total += len(h)
        pct = 100.0 * same / max(len(h), 1)
        print(f"{f.stem:<22} {len(h):>6} {pct:>9.1f}%")
        if pct < args.min:
            failed.append(f.stem)
        if args.show == f.stem:
            print(" ".join(f"{a[1]!r}:{a[0]}/{b[0]}" for a, b in zip(h, o) if a[0] != b[0]))
    print(f"{'all':<22} {total:>6} {100.0 * total_same / max(total, 1):>9.1f}%")
    return [f"classes: {name}" for name in failed]


def request_options(options):
    """Fence options as the core crate hands them to the highlighter: an array attribute is
    already Hugo's 0-based line ranges (`[2, "4-5"]` is `[[1, 1], [3, 4]]`)."""
    def ranges(items):
        out = []
        for item in items:
            first, _, last = str(item).partition("-")
            out.append([int(first) - 1, int(last or first) - 1])
        return out
    return {k: ranges(v) if isinstance(v, list) else v for k, v in options.items()}


def check_styles(files, args):
    """Every file in every style, each with a rotated variant of the fence options."""
    blocks = []  # (style, file, options)
    for si, style in enumerate(STYLES):
        for li, f in enumerate(files):
            options = dict(VARIANTS[(si + li) % len(VARIANTS)])
            if style != "classes":
                options["style"] = style
            blocks.append((style, f, options))
    pages = {}
    for i, (style, f, options) in enumerate(blocks):
        pages[f"b{i}"] = fence(f.stem, f.read_text(), options)
    inline = hugo_pages({k: v for (k, v), b in zip(pages.items(), blocks) if b[0] != "classes"}, "noClasses = true\n")
    classes = hugo_pages({k: v for (k, v), b in zip(pages.items(), blocks) if b[0] == "classes"}, "noClasses = false\n")
    hugo = {**inline, **classes}
    requests = [
        {"code": f.read_text(), "lang": f.stem, "kind": "fence", "options": request_options(options),
         "config": {"noClasses": style != "classes"}, "ordinal": 0}
        for style, f, options in blocks
    ]
    ours = preview_answers(requests)
    per_style = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # blocks, structure ok, text ok, same, chars
    per_lang = collections.defaultdict(lambda: [0, 0])
    problems = []
    for i, ((style, f, options), mine) in enumerate(zip(blocks, ours)):
        h_structure, h_chars = normalize(hugo[f"b{i}"])
        o_structure, o_chars = normalize(mine)
        stats = per_style[style]
        stats[0] += 1
        text_ok = "".join(c for _, c in h_chars) == "".join(c for _, c in o_chars)
        structure_ok = h_structure == o_structure
        stats[1] += structure_ok
        stats[2] += text_ok
        if not structure_ok or not text_ok:
            problems.append(f"{style}/{f.stem} {json.dumps(options)}: " + ("text differs" if not text_ok else "structure differs"))
        if text_ok:
            same = sum(1 for a, b in zip(h_chars, o_chars) if a[0] == b[0])
            stats[3] += same
            stats[4] += len(h_chars)
            per_lang[f.stem][0] += same
            per_lang[f.stem][1] += len(h_chars)
        if args.show_style == style and (not structure_ok or not text_ok or h_chars != o_chars):
            print(f"--- {style}/{f.stem} {json.dumps(options)}\nhugo: {hugo[f'b{i}']}\nours: {mine}")
    print(f"\n{'style':<22} {'blocks':>6} {'structure':>9} {'text':>5} {'chars':>7} {'same colour':>11}")
    failed = []
    for style in STYLES:
        blocks_n, structure_ok, text_ok, same, chars = per_style[style]
        pct = 100.0 * same / max(chars, 1)
        print(f"{style:<22} {blocks_n:>6} {structure_ok:>9} {text_ok:>5} {chars:>7} {pct:>10.1f}%")
        if pct < args.min or structure_ok < blocks_n or text_ok < blocks_n:
            failed.append(f"style {style}")
    all_same = sum(s[3] for s in per_style.values())
    all_chars = sum(s[4] for s in per_style.values())
    print(f"{'all':<22} {len(blocks):>6} {sum(s[1] for s in per_style.values()):>9} "
          f"{sum(s[2] for s in per_style.values()):>5} {all_chars:>7} {100.0 * all_same / max(all_chars, 1):>10.1f}%")
    below = [(lang, 100.0 * s / max(n, 1)) for lang, (s, n) in per_lang.items() if s < n]
    if below:
        print("languages under 100 % over all styles: " + ", ".join(f"{lang} {pct:.1f}%" for lang, pct in below))
    else:
        print(f"every language at 100 % colour agreement over all {len(STYLES)} styles")
    failed += [f"language {lang} (styles)" for lang, pct in below if pct < args.min]
    for p in problems[:20]:
        print("  " + p)
    return failed


def check_guess(args):
    files = sorted(GUESS.glob("*.txt"))
    pages = hugo_pages({f"g{i}": fence("", f.read_text()) for i, f in enumerate(files)},
                       "noClasses = false\nguessSyntax = true\n")
    requests = [{"code": f.read_text(), "lang": "", "kind": "fence", "options": {},
                 "config": {"noClasses": False, "guessSyntax": True}, "ordinal": 0} for f in files]
    ours = preview_answers(requests)
    print(f"\n{'guessSyntax sample':<22} {'hugo':>14} {'preview':>14}")
    failed = []
    for i, (f, mine) in enumerate(zip(files, ours)):
        theirs = pages[f"g{i}"]
        lang = lambda h: h.split('data-lang="', 1)[1].split('"', 1)[0] if 'data-lang="' in h else "-"  # noqa: E731
        same = normalize(theirs) == normalize(mine)
        print(f"{f.stem:<22} {lang(theirs):>14} {lang(mine):>14}{'' if same else '  HTML differs'}")
        if not same:
            failed.append(f"guess {f.stem}")
    return failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--min", type=float, default=95.0)
    parser.add_argument("--show", help="print the differing characters of this language (classes)")
    parser.add_argument("--show-style", help="print Hugo's and the preview's HTML where this style differs")
    args = parser.parse_args()
    files = sorted(CORPUS.iterdir())
    failed = check_classes(files, args) + check_styles(files, args) + check_guess(args)
    if failed:
        print(f"under {args.min}% or different: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
