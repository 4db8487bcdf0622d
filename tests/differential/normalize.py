"""HTML normalizer for the differential test: two HTML strings that a browser shows the same
way (as far as a preview cares) normalize to the same text.

Both sides are first parsed as a browser parses them: html5lib's HTML5 tree construction, as
for a `<div>`'s `innerHTML` (a fragment in a `div` context), so what is compared is the DOM,
not the string. Whatever a browser rebuilds is therefore equal by construction: a paragraph it
closes by itself (`<p>before <figure>…</figure> after.</p>` is `<p>before </p><figure>…
</figure> after.<p></p>`, Hugo's `TrimShortHTML` leaves `<p>` open), the `<tbody>` it adds to
every table, the first newline after `<pre>` it drops, end tags of void elements, entity and
character forms (`&ldquo;` vs `“`, `&#160;` vs U+00A0), attribute quoting and boolean
attributes (`disabled` vs `disabled=""`). The DOM is then written out canonically as tokens,
and on those:

* attributes are sorted (their order means nothing in the DOM);
* whitespace: runs of ASCII whitespace collapse to one space (never inside `<pre>`), and
  whitespace next to a block-level tag is dropped, because it renders as nothing there.
  Whitespace between inline elements is kept (`<em>a</em> <em>b</em>` differs from
  `<em>a</em><em>b</em>`). U+00A0 is not whitespace here: it is content.

The serialized form puts each block tag on a line of its own, so that run.py's `--diff` shows a
readable token diff of what still differs.

Needs html5lib (pinned in requirements.txt, installed into .venv by `make setup-test`).

Relaxations, used only for differences listed in known-differences.json (each for a choice
of the preview, never for a Hugo version):

* ``ignore-link-rel``: drop `rel` on `<a>` (the sanitizer adds `rel="noopener noreferrer"`);
* ``embeds-as-ids``: replace each video embed by `<div data-embed="SERVICE ID [CLASS]">`:
  Hugo's `<div>` around a YouTube or Vimeo `<iframe>` (the id from the iframe's `src`, the class
  from the `<div>`), and the preview's static card `<div class="hugo-preview-embed
  hugo-preview-embed-SERVICE [CLASS]">` (the id from its link), so that the video id, the class
  and the embed's place in the page are still compared;
* ``qr-as-image``: replace the `src` of a QR code `<img>` by `QR`: Hugo's published PNG
  (`/qr_HASH.png`, made by its image processing) and the preview's SVG `data:` URL, so that the
  element, its size, alt, class and place are still compared;
* ``no-data-attributes``: drop `data-*` attributes but `data-lang` (the preview keeps them only
  with its `allowDataAttributes` option), so that everything else is still compared;
* ``text``: compare the visible text only (block boundaries become spaces).

Run ``python3 tests/differential/normalize.py`` (it uses .venv) to check the examples below.

>>> normalize('<p>a&nbsp;<EM class="x"  id=y>b</EM></p>\\n\\n<br>') == normalize("<p>a\\u00a0<em id='y' class=x>b</em></p><br />")
True
>>> normalize('<p>x</p>\\n<p>y</p>') == normalize('<p>x</p><p>y</p>')
True
>>> normalize('<em>a</em> <em>b</em>') == normalize('<em>a</em><em>b</em>')
False
>>> normalize('<pre><code>a\\n  b\\n</code></pre>') == normalize('<pre><code>a b</code></pre>')
False
>>> normalize('<pre><code>a\\n\\nb</code></pre>') == normalize('<pre><code>a\\nb</code></pre>')
False
>>> normalize('<input type="checkbox" disabled checked>') == normalize('<input checked="" disabled="" type="checkbox"/>')
True
>>> normalize('<p>“x” – y…</p>') == normalize('<p>&ldquo;x&rdquo; &ndash; y&hellip;</p>')
True
>>> normalize('<a href="/x" rel="noopener noreferrer">x</a>', ['ignore-link-rel']) == normalize('<a href="/x">x</a>')
True
>>> normalize('<img src="/qr_924bf7d80a564b23.png" width="132">', ['qr-as-image']) == normalize('<img src="data:image/svg+xml;base64,PHN2Zz4=" width="132">', ['qr-as-image'])
True
>>> normalize('<img src="/qr_1.png">', ['qr-as-image']) == normalize('<img src="/other.png">', ['qr-as-image'])
False
>>> normalize('<p data-x="1" id="a"><code data-lang="go">x</code></p>', ['no-data-attributes']) == normalize('<p id="a"><code data-lang="go">x</code></p>')
True
>>> normalize('<code data-lang="go">x</code>', ['no-data-attributes']) == normalize('<code>x</code>', ['no-data-attributes'])
False
>>> normalize('<table><tr><td>1</td></tr></table>') == normalize('<table><tbody><tr><td>1</td></tr></tbody></table>')
True
>>> normalize('<div><p>x</div>') == normalize('<div><p>x</p></div>')
True
>>> normalize('<p>a<ul><li>b</li></ul>') == normalize('<p>a</p><ul><li>b</li></ul>')
True
>>> normalize('<p>a <em>b</em>') == normalize('<p>a <em>b</em></p>')
True
>>> normalize('<p>a<span>b</span></p>') == normalize('<p>a</p><span>b</span>')
False
>>> print(normalize('<p>before <figure><img src="x.png"></figure> after.</p>'))
<p>before</p>
<figure><img src="x.png"></figure>
after.
<p></p>
>>> normalize('<p><code>a<div>b</div></code></p>') == normalize('<p><code>a</code></p><div><code>b</code></div><p></p>')
True
>>> normalize('<pre>\\nx</pre>') == normalize('<pre>x</pre>')
True
>>> normalize('<p>One</p>\\n<p>Two <em>three</em></p>', ['text'])
'One Two three'
>>> hugo = '<div class="v">\\n  <iframe src="https://www.youtube.com/embed/abc?autoplay=1" allowfullscreen></iframe>\\n</div>'
>>> card = '<div class="hugo-preview-embed hugo-preview-embed-youtube v"><a href="https://www.youtube.com/watch?v=abc">▶ YouTube video</a></div>'
>>> normalize(hugo, ['embeds-as-ids']) == normalize(card, ['embeds-as-ids'])
True
>>> normalize(card, ['embeds-as-ids'])
'<div data-embed="youtube abc v"></div>'
"""

from __future__ import annotations

import os
import re
import sys

if __name__ == "__main__":  # run directly: use .venv's Python, which has html5lib
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import oracle

    oracle.use_project_venv()

import html5lib
from html5lib.constants import prefixes as NAMESPACE_PREFIXES

# Tags around which whitespace renders as nothing. `br` is here too: a newline after `<br>`
# is invisible, and Hugo and pulldown-cmark both put one there.
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
PRESERVE = {"pre", "textarea", "script", "style"}
ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
RELAXATIONS = {"embeds-as-ids", "ignore-link-rel", "no-data-attributes", "qr-as-image", "text"}

_WALK = html5lib.getTreeWalker("etree")


def tokenize(html: str) -> list[tuple]:
    """The DOM a browser builds from `html` as a `<div>`'s content, in document order, as a flat
    list of tokens: ("start", tag, attrs), ("end", tag), ("text", s), ("comment", s),
    ("other", s). Void elements have no end token."""
    fragment = html5lib.parseFragment(
        html, container="div", treebuilder="etree", namespaceHTMLElements=False
    )
    tokens: list[tuple] = []
    for token in _WALK(fragment):
        kind = token["type"]
        if kind in ("StartTag", "EmptyTag"):
            tokens.append(("start", token["name"], _attrs(token["data"])))
        elif kind == "EndTag":
            tokens.append(("end", token["name"]))
        elif kind in ("Characters", "SpaceCharacters"):
            tokens.append(("text", token["data"]))
        elif kind == "Comment":
            tokens.append(("comment", token["data"].strip()))
        elif kind == "Doctype":
            tokens.append(("other", f"<!DOCTYPE {token['name']}>"))
    return _merge_text(tokens)


def _attrs(attrs) -> tuple:
    """html5lib's {(namespace, name): value} as sorted (name, value) pairs; a foreign attribute
    keeps its prefix (`xlink:href`)."""
    named = (
        (f"{NAMESPACE_PREFIXES[ns]}:{name}" if ns in NAMESPACE_PREFIXES else name, value)
        for (ns, name), value in attrs.items()
    )
    return tuple(sorted(named))


def _is_block(token) -> bool:
    return token[0] in ("start", "end") and token[1] in BLOCK


def _merge_text(tokens: list[tuple]) -> list[tuple]:
    merged: list[tuple] = []
    for token in tokens:
        if token[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + token[1])
        else:
            merged.append(token)
    return merged


def _normalize_whitespace(tokens: list[tuple]) -> list[tuple]:
    out: list[tuple] = []
    preserve_depth = 0
    for i, token in enumerate(tokens):
        kind = token[0]
        if kind == "start" and token[1] in PRESERVE:
            preserve_depth += 1
        elif kind == "end" and token[1] in PRESERVE:
            preserve_depth = max(0, preserve_depth - 1)
        if kind != "text" or preserve_depth:
            out.append(token)
            continue
        text = ASCII_SPACE.sub(" ", token[1])
        if i == 0 or _is_block(tokens[i - 1]):
            text = text.lstrip(" ")
        if i == len(tokens) - 1 or _is_block(tokens[i + 1]):
            text = text.rstrip(" ")
        if text:
            out.append(("text", text))
    return out


_IFRAME_SRC = re.compile(
    r"^https://(?:www\.youtube(?:-nocookie)?\.com/embed/(?P<youtube>[^?/]+)"
    r"|player\.vimeo\.com/video/(?P<vimeo>[^?/]+))"
)
_CARD_HREF = re.compile(
    r"^https://(?:www\.youtube\.com/watch\?v=(?P<youtube>[^&]+)|vimeo\.com/(?P<vimeo>[^?/]+))"
)


def _embed_id(tokens: list[tuple]) -> str | None:
    """`SERVICE ID [CLASS]` when tokens (a whole `<div>…</div>`) are a video embed or card."""
    attrs = dict(tokens[0][2])
    classes = attrs.get("class", "").split()
    is_card = "hugo-preview-embed" in classes
    if is_card:
        classes = [c for c in classes if not c.startswith("hugo-preview-embed")]
    for t in tokens[1:]:
        if t[0] != "start":
            continue
        found = None
        if t[1] == "iframe" and not is_card:
            found = _IFRAME_SRC.match(dict(t[2]).get("src", ""))
        elif t[1] == "a" and is_card:
            found = _CARD_HREF.match(dict(t[2]).get("href", ""))
        if found:
            service = "youtube" if found["youtube"] else "vimeo"
            return " ".join([service, found[service], *classes])
    return None


def _embeds_as_ids(tokens: list[tuple]) -> list[tuple]:
    out: list[tuple] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t[:2] == ("start", "div"):
            depth, j = 0, i
            for j in range(i, len(tokens)):
                if tokens[j][:2] == ("start", "div"):
                    depth += 1
                elif tokens[j][:2] == ("end", "div"):
                    depth -= 1
                    if depth == 0:
                        break
            embed = _embed_id(tokens[i:j + 1])
            if embed:
                out += [("start", "div", (("data-embed", embed),)), ("end", "div")]
                i = j + 1
                continue
        out.append(t)
        i += 1
    return out


def _relax(tokens: list[tuple], relaxations) -> list[tuple]:
    if "ignore-link-rel" in relaxations:
        tokens = [
            ("start", "a", tuple(a for a in t[2] if a[0] != "rel")) if t[:2] == ("start", "a") else t
            for t in tokens
        ]
    if "no-data-attributes" in relaxations:
        # The preview's default policy: no `data-*` attribute but Hugo's own `data-lang`.
        tokens = [
            (t[0], t[1], tuple(a for a in t[2] if not a[0].startswith("data-") or a[0] == "data-lang"))
            if t[0] == "start" else t
            for t in tokens
        ]
    if "qr-as-image" in relaxations:
        tokens = [
            (t[0], "img", tuple(("src", "QR") if a[0] == "src" and _is_qr_src(a[1]) else a for a in t[2]))
            if t[:2] == ("start", "img") else t
            for t in tokens
        ]
    return _merge_text(tokens)


def _is_qr_src(src: str) -> bool:
    """Hugo's published QR code PNG, or the preview's inline SVG."""
    return bool(re.fullmatch(r"/qr_[0-9a-f]+\.png", src)) or src.startswith("data:image/svg+xml")


def _escape_text(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\u00a0", "&#160;")
    )


# Marks where a block tag starts a line in the serialized form; a run of them becomes one
# newline. Newlines of the text itself (in `<pre>`, blank lines included) are kept as they are.
_LINE = "\x00"


def _serialize(tokens: list[tuple]) -> str:
    """One canonical string; block tags start new lines so that diffs are readable."""
    parts: list[str] = []
    for token in tokens:
        kind = token[0]
        if kind == "start":
            attrs = "".join(
                f' {name}="{_escape_text(value).replace(chr(34), "&quot;")}"'
                for name, value in token[2]
            )
            parts.append((_LINE if token[1] in BLOCK else "") + f"<{token[1]}{attrs}>")
        elif kind == "end":
            parts.append(f"</{token[1]}>" + (_LINE if token[1] in BLOCK else ""))
        elif kind == "text":
            parts.append(_escape_text(token[1]))
        elif kind == "comment":
            parts.append(f"<!-- {token[1]} -->")
        else:
            parts.append(token[1])
    return re.sub(f"{_LINE}+", "\n", "".join(parts)).strip("\n")


def _text_only(tokens: list[tuple]) -> str:
    parts = []
    for token in tokens:
        if token[0] == "text":
            parts.append(token[1])
        elif _is_block(token):
            parts.append(" ")
    return ASCII_SPACE.sub(" ", "".join(parts)).strip(" ")


def normalize(html: str, relaxations=()) -> str:
    unknown = set(relaxations) - RELAXATIONS
    if unknown:
        raise ValueError(f"unknown relaxation(s) {sorted(unknown)}; known: {sorted(RELAXATIONS)}")
    tokens = tokenize(html)
    if "embeds-as-ids" in relaxations:  # first, so that it combines with `text`
        tokens = _embeds_as_ids(tokens)
    if "text" in relaxations:
        return _text_only(tokens)
    tokens = _relax(tokens, relaxations)
    return _serialize(_normalize_whitespace(tokens))


if __name__ == "__main__":
    import doctest

    failures, tests = doctest.testmod()
    print(f"normalize.py: {tests - failures}/{tests} examples pass")
    sys.exit(1 if failures else 0)
