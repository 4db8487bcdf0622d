"""Writes bench/documents/shortcode-heavy.md: a long post in which most blocks are shortcodes
(the site's `image`, `note`, `specs`, `reflangtitle` templates and Hugo's built-ins), for the
benchmarks. Deterministic: run it again and the file does not change."""
import pathlib

parts = ['''+++
title = "A field guide to self-hosted services"
date = 2024-03-02T09:30:00+08:00
description = "Forty services, their trade-offs, and what running them costs."
tags = ["self-hosting", "fediverse", "guide"]
categories = ["guides"]
toc = true
[[authors]]
  name = "Yuki"
  url = "https://example.org/yuki"
+++

A long guide in which most blocks are shortcodes: images through the site's template,
call-outs whose content is Markdown, spec tables, links to other posts, and Hugo's own
`figure`, `details`, `highlight` and `param`.

<!--more-->
''']
services = ["Friendica", "Hubzilla", "Misskey", "Pixelfed", "Mastodon", "PeerTube",
            "Matrix", "Lemmy", "Funkwhale", "WriteFreely"]
for i in range(40):
    name = services[i % len(services)]
    n = i + 1
    parts.append(f'''
## {n}. {name}, setup number {n}

{name} is the service of section {n}; it runs on a *small* server and needs **about
{n * 64} MB** of memory.[^n{n}] See {{{{< reflangtitle path="2021{n:04d}-{name.lower()}-notes.md" >}}}}
for the notes of an earlier install, and the [project site](https://example.org/{name.lower()}).

{{{{< image
  type="image"
  src="https://img.example.org/guide/{name.lower()}-{n:02d}.webp"
  title="{name}"
  caption="The **{name}** dashboard, section {n}"
  attribto="Yuki"
  attriburl="https://example.org/yuki"
  licensecode="ccbysa"
  licenseurl="https://creativecommons.org/licenses/by-sa/4.0/"
>}}}}

{{{{< specs rows="Language: *Go*; Database: PostgreSQL; Memory: {n * 64} MB; Licence: AGPL-3.0" >}}}}

{{{{% note kind="{['info', 'warning', 'tip'][i % 3]}" %}}}}
Back up the database **before** upgrading {name}: `pg_dump` then `{name.lower()} migrate`.
A failed migration is the most common way to lose a week of posts.
{{{{% /note %}}}}

{{{{< details summary="Configuration of {name}" >}}}}
Set `domain` first; it cannot be changed later without breaking federation.
{{{{< /details >}}}}

{{{{< highlight toml "linenos=false" >}}}}
[server]
domain = "{name.lower()}.example.org"
workers = {n % 8 + 1}
{{{{< /highlight >}}}}

{{{{< figure src="/images/{name.lower()}-{n:02d}-small.png" alt="{name} logo" caption="Logo of {name}" >}}}}

Part of “{{{{< param "title" >}}}}”, section {n}.

[^n{n}]: Measured on a 2-core machine with {name} {n}.0 and no other load.
''')
out = pathlib.Path(__file__).parent / 'documents' / 'shortcode-heavy.md'
out.write_text(''.join(parts))
print(f'{out}: {out.stat().st_size} bytes')
