#!/usr/bin/env python3
"""Writes the hostile-input benchmark's documents to a JSON file (for examples/hostile.rs).

Each pattern of ../shared/corpus/pathological.json that is a repeated unit is scaled to about
10 KB, 100 KB and 1 MB; the others (fixed inputs or non-linear generators) are run once at the
corpus's own size. Our own patterns are added: nested and unclosed shortcodes, huge parameter
lists, deep front matter, YAML alias bombs, templates that loop or recurse through partials.

    python3 scripts/hostile_inputs.py OUT.json
"""
import json
import os
import sys

SIZES = [("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)]
shared = os.environ.get("SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")


def wrap(target, text):
    """The pattern as a content file: front matter patterns inside their delimiters."""
    if target == "yaml":
        return "---\n" + text + "\n---\nbody\n"
    if target == "toml":
        return "+++\n" + text + "\n+++\nbody\n"
    return text


def scaled(prefix, unit, suffix, suffix_unit, size):
    per = len(unit) + len(suffix_unit)
    n = max(1, (size - len(prefix) - len(suffix)) // max(per, 1))
    return prefix + unit * n + suffix + suffix_unit * n


def main(out):
    with open(os.path.join(shared, "corpus", "pathological.json"), encoding="utf-8") as f:
        corpus = json.load(f)
    patterns = []
    for p in corpus:
        target = p.get("target", "markdown")
        options = {"unsafe": target == "html"}
        if p.get("repeat_unit"):
            inputs = {
                label: wrap(target, scaled(p.get("pattern_prefix") or "", p["repeat_unit"],
                                           p.get("suffix") or "", p.get("suffix_repeat_unit") or "", size))
                for label, size in SIZES
            }
            patterns.append({"name": p["name"], "target": target, "options": options, "inputs": inputs})
        else:
            generator = p.get("generator_python", "")
            try:
                text = eval(generator, {}, {})  # the corpus's own one-line generators
            except Exception:
                continue  # described in words, not code
            if not isinstance(text, str):
                continue
            patterns.append({"name": p["name"], "target": target, "options": options,
                             "inputs": {f"{len(text) // 1000} KB (fixed)": wrap(target, text)}})

    def ours(name, unit, prefix="", suffix="", suffix_unit="", options=None):
        patterns.append({"name": name, "target": "ours", "options": options or {}, "inputs": {
            label: scaled(prefix, unit, suffix, suffix_unit, size) for label, size in SIZES}})

    ours("ours: nested paired shortcodes", "{{< details summary=\"s\" >}}x", suffix_unit="{{< /details >}}")
    ours("ours: unclosed shortcodes", "{{< details >}}\n")
    ours("ours: huge parameter list", "a=\"b\" ", prefix="{{< figure ", suffix=">}}")
    ours("ours: many figures", "{{< figure src=\"a.png\" caption=\"*c*\" >}}\n\n")
    ours("ours: deep YAML front matter", "- ", prefix="---\nx: ", suffix="1\n---\nbody\n")
    ours("ours: deep JSON front matter", "[", prefix="{\"x\": ", suffix="1", suffix_unit="]")
    ours("ours: YAML aliases", "- *a\n", prefix="---\na: &a [1, 2, 3]\nb:\n", suffix="---\nbody\n")
    templates = {
        "loop": "{{ range seq 100000 }}{{ range seq 100000 }}x{{ end }}{{ end }}",
        "rec": "{{ partial \"r.html\" . }}",
        "out": "{{ range seq 1000 }}{{ strings.Repeat 10000 \"x\" }}{{ end }}",
    }
    partials = {"r.html": "{{ partial \"r.html\" . }}"}
    site = {"shortcodes": templates, "partials": partials}
    ours("ours: templates that loop", "{{< loop >}}\n\n", options=site)
    ours("ours: templates that recurse through partials", "{{< rec >}}\n\n", options=site)
    ours("ours: template output bombs", "{{< out >}}\n\n", options=site)
    ours("ours: many headings and footnotes", "## Heading[^1]\n\n[^1]: note\n\n")
    # Highlighting: Chroma's HTML lexer looks for `</script>` at every position of a script
    # that never closes (quadratic in Chroma; linear here, highlight/src/lexer/rules.rs).
    ours("ours: html code block, <script> never closed", "var a = 1; ", prefix="```html\n<script>",
         suffix="\n```\n")
    ours("ours: html code block, many unclosed <script> lines", "<script>var a;\n", prefix="```html\n",
         suffix="```\n")
    # Chroma's Fish lexer runs `(?<=\[[^\]]+)` back to the text's start at every position
    # where no `]` comes before (quadratic in Chroma; linear here, rules.rs).
    ours("ours: fish code block without a ]", "echo abc\n", prefix="```fish\n", suffix="```\n")
    # Hugo's extras and CJK options (all on): unpaired delimiters must not make each closer
    # search back over every opener (markdown/extras.rs keeps search floors).
    extras = {"goldmark": {
        "extras": {"delete": True, "insert": True, "mark": True, "subscript": True, "superscript": True},
        "cjk": {"enable": True, "eastAsianLineBreaks": True, "escapedSpace": True}}}
    ours("ours: extras, a run of ==", "==", options=extras)
    ours("ours: extras, ^ alone", "^", options=extras)
    ours("ours: extras, openers then closers of another kind", "==a ", suffix_unit="b^ ", options=extras)
    ours("ours: extras, unclosed of every kind", "==a ^b ++c ~d ", options=extras)
    ours("ours: extras, nested spans", "==a ++b ^c ", suffix_unit="c^ b++ a== ", options=extras)
    ours("ours: cjk, soft breaks between wide characters", "日本\n", options=extras)
    ours("ours: cjk, escaped spaces", "\\ 日", options=extras)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(patterns, f)
    print(f"{len(patterns)} patterns written to {out}")


main(sys.argv[1])
