#!/usr/bin/env python3
"""How often the preview's highlighter gives a character the same token class as Hugo's Chroma.

Builds one page per corpus file (tests/highlight/corpus/<lang>.<ext>, the fence language is the
file's stem) with the pinned Hugo (noClasses = false, so each character's class is visible), lexes
the same files with the preview (the `classes` example), and prints the share of characters whose
class agrees, per language. Fails when a language is under the threshold or the text differs.

Usage: .venv/bin/python tests/highlight/agreement.py [--min 95]
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "differential"))
import oracle  # noqa: E402

import html5lib  # noqa: E402

CORPUS = HERE / "corpus"


def hugo_classes(files):
    """Per file: the list of (class, char) Hugo's output gives each character of the code."""
    with tempfile.TemporaryDirectory() as tmp:
        site = pathlib.Path(tmp)
        (site / "content").mkdir()
        (site / "layouts" / "_default").mkdir(parents=True)
        (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
        (site / "hugo.toml").write_text(
            'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "home", "section", "rss", "sitemap", "404"]\n'
            "[markup.highlight]\nnoClasses = false\n"
        )
        for i, f in enumerate(files):
            code = f.read_text()
            fence = "~~~~~~" if "```" in code or "~~~" in code else "```"
            (site / "content" / f"p{i}.md").write_text(f"---\ntitle: p{i}\n---\n{fence}{f.stem}\n{code}{fence}\n")
        subprocess.run([str(oracle.pinned_hugo()), "--quiet", "-s", str(site), "-d", str(site / "public")], check=True)
        out = {}
        for i, f in enumerate(files):
            doc = html5lib.parse((site / "public" / f"p{i}" / "index.html").read_text(), namespaceHTMLElements=False)
            code = doc.find(".//code")
            chars = []
            walk(code, "", chars)
            out[f] = chars
        return out


def walk(element, cls, chars):
    """Appends (class, char) for the text under element; the innermost token class wins."""
    own = element.get("class", "")
    if element.tag == "span" and own not in ("line", "cl", "hl", "ln", "lnt"):
        cls = own
    for c in element.text or "":
        chars.append((cls, c))
    for child in element:
        walk(child, cls, chars)
        for c in child.tail or "":
            chars.append((cls, c))


def preview_classes(files):
    args = [f"{f.stem}={f}" for f in files]
    run = subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "hugo-preview-highlight", "--example", "classes", "--", *args],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    data = json.loads(run.stdout)
    return {f: [(cls, c) for cls, text in data[str(f)] for c in text] for f in files}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--min", type=float, default=95.0)
    parser.add_argument("--show", help="print the differing characters of this language")
    args = parser.parse_args()
    files = sorted(CORPUS.iterdir())
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
        pct = 100.0 * same / max(len(h), 1)
        total_same += same
        total += len(h)
        print(f"{f.stem:<22} {len(h):>6} {pct:>9.1f}%")
        if pct < args.min:
            failed.append(f.stem)
        if args.show == f.stem:
            line = ""
            for a, b in zip(h, o):
                if a[0] != b[0]:
                    line += f"{a[1]!r}:{a[0]}/{b[0]} "
            print(line)
    print(f"{'all':<22} {total:>6} {100.0 * total_same / max(total, 1):>9.1f}%")
    if failed:
        print(f"under {args.min}% or text differs: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
