#!/usr/bin/env python3
"""Differential test of whole sites: hugo-preview's `--site` against the pinned Hugo.

Each folder of tests/sites/ is a small Hugo project written for these tests (a theme under
`themes/`, render hooks, shortcodes and partials in both layers, config folders, translations,
data, a page bundle). Each is copied to a temporary folder and built by Hugo (environment
`development`, as `hugo server` and the preview read the config); every content page's
`.Content` (the sites' `single.html` writes only that) is compared, after normalize.py's DOM
normalization, with `hugo-preview render PAGE --site DIR`. data-* attributes are kept on our
side (`allowDataAttributes`): the fixtures use them to show hook values.

    python3 tests/differential/sites.py [--diff] [--bin PATH] [--hugo PATH]

Exit status: 0 when every page is identical, 1 when one differs, 2 when Hugo or cargo is
missing or broken. Run by `make differential`.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
SITES = HERE.parent / "sites"

sys.path.insert(0, str(HERE))
import oracle  # noqa: E402

oracle.use_project_venv()  # normalize.py needs html5lib
from normalize import normalize  # noqa: E402
from run import SetupError, build_cli, find_hugo  # noqa: E402

CONTENT_SUFFIXES = {".md", ".markdown"}
# Both sides read `now` from this clock (Hugo's `--clock`, the preview's `clock` option), so
# a page that shows the time compares equal. It is after every fixture's dates: Hugo leaves
# out pages dated after its clock (`buildFuture`), which the preview's page lists do not yet.
CLOCK = "2026-05-06T07:08:09+02:00"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print a diff per differing page")
    parser.add_argument("--bin", help="a built hugo-preview binary (default: cargo build it)")
    parser.add_argument("--hugo", help="the Hugo binary (default: the pinned one in .venv)")
    args = parser.parse_args()
    try:
        hugo = find_hugo(args.hugo)
        binary = Path(args.bin) if args.bin else build_cli()
    except SetupError as error:
        print(f"sites.py: {error}", file=sys.stderr)
        return 2
    total = identical = 0
    for site in sorted(p for p in SITES.iterdir() if p.is_dir()):
        pages, same, failures = run_site(site, hugo, binary, args.diff)
        total += pages
        identical += same
        print(f"site {site.name}: {same}/{pages} pages identical")
        for failure in failures:
            print(failure)
    print(f"sites: {identical}/{total} pages identical")
    return 0 if identical == total else 1


def published_paths(hugo: str, root: Path) -> dict[str, str]:
    """Where Hugo published each content file of the default language (path in the project,
    `content.en/a.md` with `languages.en.contentDir` → folder under `public/`), from
    `hugo list all`: content folders and mounts, permalinks, slugs and `url` applied. The
    other languages' pages (published under `/LANG/`) are left out: the preview is the site
    in its default language."""
    def run(*args: str) -> str:
        return subprocess.run([hugo, *args, "--environment", "development", "--clock", CLOCK],
                              cwd=root, capture_output=True, text=True).stdout
    config = json.loads(run("config", "--format", "json"))
    base = urlparse(config.get("baseurl", "")).path.rstrip("/")
    default = config.get("defaultcontentlanguage", "en")
    others = [lang for lang in config.get("languages", {}) if lang != default]
    published = {}
    for row in csv.DictReader(io.StringIO(run("list", "all"))):
        path = urlparse(row["permalink"]).path
        if path.startswith(base):
            path = path[len(base):]
        if any(path.startswith(f"/{lang}/") for lang in others):
            continue
        published[row["path"]] = path.strip("/")
    return published


def run_site(site: Path, hugo: str, binary: Path, show_diff: bool) -> tuple[int, int, list[str]]:
    failures = []
    with tempfile.TemporaryDirectory(prefix="hp-site-") as temp:
        root = Path(temp) / site.name
        shutil.copytree(site, root)
        built = subprocess.run(
            [hugo, "--quiet", "--environment", "development", "--destination", "public",
             "--clock", CLOCK],
            cwd=root, capture_output=True, text=True,
        )
        if built.returncode != 0:
            raise SetupError(f"Hugo failed on {site.name}:\n{built.stderr}")
        options = Path(temp) / "options.json"
        options.write_text(json.dumps({"allowDataAttributes": True, "clock": CLOCK}), encoding="utf-8")
        published = published_paths(hugo, root)
        pages = sorted(
            path for path in published
            if Path(path).suffix in CONTENT_SUFFIXES and not Path(path).name.startswith("_")
        )
        same = 0
        compared = 0
        for relative in pages:
            expected_file = root / "public" / published[relative] / "index.html"
            if not expected_file.exists():
                # A draft: Hugo writes no page for it (the other pages list it or not).
                failures.append(f"  not built by Hugo (a draft): {relative}")
                continue
            compared += 1
            expected = expected_file.read_text(encoding="utf-8")
            ours = subprocess.run(
                [str(binary), "render", relative, "--site", ".",
                 "--options", str(options)],
                cwd=root, capture_output=True, text=True,
            )
            left, right = normalize(expected), normalize(ours.stdout)
            if left == right:
                same += 1
                continue
            failures.append(f"  differs: {relative}")
            if show_diff:
                failures.extend(
                    "    " + line for line in difflib.unified_diff(
                        left.splitlines(), right.splitlines(), "hugo", "hugo-preview",
                        lineterm="",
                    )
                )
                failures.extend("    stderr: " + line for line in ours.stderr.splitlines())
        return compared, same, failures


if __name__ == "__main__":
    sys.exit(main())
