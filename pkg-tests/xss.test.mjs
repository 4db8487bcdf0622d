// The security suite: XSS payloads pushed through every path into rendered output, in a real
// Chromium page. Pass: zero script executions (a dialog, a `window` flag, a request leaving
// 127.0.0.1), zero `on*` attributes and zero `javascript:`/`vbscript:` URLs in any output,
// and plain-text fields that hold what the page shows as text: every TOC and outline heading
// text is its heading's `textContent` (so no tag that the page has as an element is in it), the
// header's fields show exactly the page fields, an error box shows its diagnostic's message.
//
// Payloads: ../shared/corpus/xss-payloads.json (1,217, from public sanitizer suites and cheat
// sheets) and ours below, for our own surfaces and for the SVG, MathML and CSS vectors that
// broke sanitizers before (namespace confusion through svg/math/style/noscript/table). Paths: the Markdown body (raw HTML off and
// on), link and image destinations, autolinks and reference definitions, every built-in
// shortcode's parameters (embeds off and on), site templates that mark user values safe
// (safeHTML, safeURL, safeHTMLAttr, safeCSS, markdownify), JavaScript shortcodes, the front
// matter fields of the article header, translations, the site config, and headings holding
// the payload through Markdown, a site template, `{{% %}}`, a built-in and a JavaScript
// shortcode (one heading a document: raw HTML that leaves an element open can turn what
// follows it into text, and a heading's text is what the heading shows on its own).
//
// The page lets scripts run (no script-src CSP), so an injection would execute; it blocks
// remote images, media, fonts and frames with a CSP, as the demo page does, so that content
// pointing at other hosts (a remote image is legitimate content) makes no request.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openPackagePage } from './browser-harness.mjs';
import { shared } from './support.mjs';

const corpus = JSON.parse(readFileSync(join(shared, 'corpus', 'xss-payloads.json'), 'utf8'));

/** Our own payloads: URL schemes and obfuscations, Hugo and Markdown surfaces. */
const URL_VECTORS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\u0000script:alert(1)',
  '\u0001javascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'jav&#9;ascript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
  'javascript&colon;alert(1)',
  'javascript&#58;alert(1)',
  '%6Aavascript:alert(1)',
  'javascript\\:alert(1)',
  'javascript://%0aalert(1)',
  'vbscript:msgbox(1)',
  'VBSCRIPT:msgbox(1)',
  'livescript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'DATA:text/html,<script>alert(1)</script>',
];
/**
 * SVG vectors that broke sanitizers before: links, animations that rewrite an href, `use`
 * of another document, stylesheets, `foreignObject`, and namespace confusion (mXSS) through
 * `svg`, `math`, `style`, `noscript` and `table`, where the sanitizer's parse and the
 * browser's parse of the sanitizer's output differ.
 */
const SVG_VECTORS = [
  '<svg><a href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><rect width="100" height="100"/></a></svg>',
  '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text x="20" y="20">x</text></a></svg>',
  '<svg><animate attributeName="href" values="javascript:alert(1)"/><a><text>x</text></a></svg>',
  '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
  '<svg><animate href="#x" attributeName="href" from="javascript:alert(1)" to="1"/><a id="x"><text>x</text></a></svg>',
  '<svg><animateTransform attributeName="transform" type="rotate" onbegin="alert(1)" dur="1s"/></svg>',
  '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48aW1hZ2UgaHJlZj0nMScgb25lcnJvcj0nYWxlcnQoMSknLz48L3N2Zz4=#x"/></svg>',
  '<svg><use xlink:href="data:image/svg+xml,&lt;svg id=&quot;x&quot; xmlns=&quot;http://www.w3.org/2000/svg&quot;&gt;&lt;image href=&quot;1&quot; onerror=&quot;alert(1)&quot;/&gt;&lt;/svg&gt;#x"/></svg>',
  '<svg><use href="https://evil.example/sprite.svg#x"/><use href="/sprite.svg#x"/></svg>',
  '<svg><style>@import "https://evil.example/x.css";</style><rect/></svg>',
  '<svg><style>*{background:url(https://evil.example/x)}</style><rect/></svg>',
  '<svg><foreignObject><iframe srcdoc="<script>parent.alert(1)</script>"></iframe><img src=x onerror=alert(1)></foreignObject></svg>',
  '<svg><foreignObject><math><mi><mglyph><style><img src=x onerror=alert(1)>',
  '<svg><p><style><img src=x onerror=alert(1)></style></p></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<svg><title><style><img src=x onerror=alert(1)></style></title></svg>',
  '<svg><desc><style><img src=x onerror=alert(1)>',
  '<svg><noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript></svg>',
  '<noscript><svg><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><table><td><style><img src=x onerror=alert(1)>',
  '<table><svg><style><img src=x onerror=alert(1)>',
  '<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>',
  '<svg><title><![CDATA[</title><img src=x onerror=alert(1)>]]></title></svg>',
  '<svg><image href="https://evil.example/x.png"/><image href=x onerror=alert(1) /></svg>',
  '<svg onload=alert(1)><rect/></svg>',
  '<svg><script>alert(1)</script><script href="data:,alert(1)"/></svg>',
  '<svg><rect fill="url(https://evil.example/x.svg#p)" mask="url(https://evil.example/m.svg#m)" clip-path="url(//evil.example/c.svg#c)" width="9" height="9"/></svg>',
  '<svg><filter id="f"><feImage href="https://evil.example/x.png"/></filter><rect filter="url(#f)"/></svg>',
  '<svg><rect style="fill:url(https://evil.example/x.svg#p)" width="9" height="9"/></svg>',
];

/**
 * MathML vectors. The policy keeps the MathML KaTeX writes, with text only in the token
 * elements (`mi`, `mo`, `mn`, `ms`, `mtext`) and `annotation`, no `annotation-xml`, `mglyph`,
 * `maction`, and no URL; these must come out harmless and inside that subset.
 */
const MATHML_VECTORS = [
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<math><mi><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><annotation-xml encoding="text/html"><style><img src=x onerror=alert(1)>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<math href="javascript:alert(1)"><mi>x</mi></math>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
  '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>',
  '<math><mtext><table><tr><td><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mi><svg><foreignObject><p><style><img src=x onerror=alert(1)>',
  '<math><mrow><mglyph src="https://evil.example/x.png"></mglyph><mi href="javascript:alert(1)">x</mi></mrow></math>',
  '<math><mstyle mathbackground="url(https://evil.example/x.png)" mathcolor="red"><mi>x</mi></mstyle></math>',
];

/** CSS vectors: inline styles that load or run something, escaped, commented or imported. */
const CSS_VECTORS = [
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p style="background-image:url(https://evil.example/x.png)">x</p>',
  '<p style="width:expression(alert(1))">x</p>',
  '<p style="-moz-binding:url(https://evil.example/xss.xml#x)">x</p>',
  '<p style="behavior:url(https://evil.example/x.htc)">x</p>',
  '<p style="background:u\\72l(https://evil.example/x)">x</p>',
  '<p style="background:url\\28 https://evil.example/x\\29">x</p>',
  '<p style="background:ur/**/l(https://evil.example/x)">x</p>',
  '<p style="color:red;/*x*/background:url(https://evil.example/x)">x</p>',
  '<p style="@import url(https://evil.example/x.css);color:red">x</p>',
  '<p style="background:image-set(&quot;https://evil.example/x.png&quot; 1x)">x</p>',
  '<p style="list-style-image:url(https://evil.example/x.png)">x</p>',
  '<p style="cursor:url(https://evil.example/x.cur),auto">x</p>',
  '<p style="border-image:url(https://evil.example/x.png) 30">x</p>',
  '<p style="position:fixed;top:0;left:0;width:100%;height:100%">x</p>',
  '<p style="font-family:&quot;x&quot;;src:url(https://evil.example/f.woff)">x</p>',
  '<p style="color:var(--x, url(https://evil.example/x))">x</p>',
];

const OURS = [
  ...URL_VECTORS,
  '{{< figure src="javascript:alert(1)" >}}',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '</figcaption><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)',
  '<!--more--><script>alert(1)</script>',
  '{{ `<script>alert(1)</script>` | safeHTML }}',
  'HAHAHUGOSHORTCODEs0HBHB<script>alert(1)</script>',
  'x" style="background:url(javascript:alert(1))',
  'expression(alert(1))',
  'url(javascript:alert(1))',
  '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe srcdoc="<script>parent.alert(1)</script>">',
  '<iframe src="https://www.youtube.com/embed/x" onload="alert(1)">',
  '<iframe src="javascript:alert(1)">',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<a href="&#1;javascript:alert(1)">x</a>',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  ...SVG_VECTORS,
  ...MATHML_VECTORS,
  ...CSS_VECTORS,
  '<button type="submit" formaction="javascript:alert(1)">x</button>',
  '<button popovertarget="x" commandfor="y" command="show-modal" form="f">x</button>',
  '<div data-toggle="collapse" data-target="<img src=x onerror=alert(1)>">x</div>',
  '<div role="tab" aria-label="<img src=x onerror=alert(1)>" aria-controls="x" tabindex="0" hidden>x</div>',
];
const PAYLOADS = [...new Set([...corpus, ...OURS])];

/** A shortcode parameter value holding `p` exactly: a raw string, or a quoted one. */
function quote(p) {
  if (!p.includes('`')) return `\`${p}\``;
  return `"${p.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const TEMPLATES = {
  raw: '{{ .Get 0 | safeHTML }}',
  url: '<a href="{{ .Get 0 | safeURL }}">u</a><img src="{{ .Get 0 | safeURL }}" alt="u">',
  attr: '<div {{ .Get 0 | safeHTMLAttr }}>a</div>',
  plain: '<a href="{{ .Get 0 }}" title="{{ .Get 0 }}">{{ .Get 0 }}</a><img src="{{ .Get 0 }}" alt="{{ .Get 0 }}">',
  css: '<p style="{{ .Get 0 | safeCSS }}">c</p><p style="color: {{ .Get 0 }}">d</p>',
  md: '{{ .Get 0 | markdownify }}',
  inner: '<div>{{ .Inner | safeHTML }}</div>',
  js: '<script>var v = {{ .Get 0 }};</script><button onclick="f({{ .Get 0 }})">b</button>',
  i18n: '{{ T "p" }} {{ T "p" | safeHTML }}',
  site: '{{ site.Title }} {{ site.Params.p }} {{ site.Params.p | safeHTML }} <a href="{{ site.BaseURL }}">b</a> <a href="{{ site.Params.p | safeURL }}">c</a>',
};

/** Every path a payload can take into the output: [name, options, source]. */
/** Every language of the highlighter's agreement corpus (tests/highlight/corpus), and some. */
const LANGUAGES = readdirSync(join(import.meta.dirname, '..', 'tests', 'highlight', 'corpus'))
  .map((file) => file.replace(/\.[^.]*$/, ''))
  .concat(['php', 'phtml', 'markdown', 'go-text-template', 'no-such-language']);

function documents(p) {
  const q = quote(p);
  const fenceLine = p.replace(/\n/g, ' ').replace(/[`~]/g, '');
  const fences = LANGUAGES.map((lang) => `\`\`\`${lang}\n${p}\n${fenceLine}\n\`\`\`\n`).join('\n');
  const attributed = [
    `\`\`\`go {${fenceLine.replace(/[{}]/g, '')}}\nx := 1\n\`\`\``,
    `\`\`\`go {linenos=table anchorlinenos=true lineanchors=${JSON.stringify(fenceLine)} hl_lines=[1] .${fenceLine.replace(/[\s{}]/g, '')} #${fenceLine.replace(/[\s{}]/g, '')} title=${JSON.stringify(fenceLine)} style=${JSON.stringify(fenceLine)}}\nx := 1\n\`\`\``,
    `{{< highlight go ${quote(`linenos=inline,lineanchors=${fenceLine},style=${fenceLine},hl_lines=1`)} >}}\n${p}\n{{< /highlight >}}`,
    `{{< highlight ${q} ${q} >}}\n${p}\n{{< /highlight >}}`,
  ].join('\n\n');
  const line = p.replace(/\n/g, ' ');
  const unsafe = { markup: { goldmark: { unsafe: true } } };
  // Inline shortcodes are Go text templates: nothing they print is escaped.
  const inlineOn = { siteConfig: '[security]\nenableInlineShortcodes = true\n' };
  const inline = `{{< t.inline ${q} >}}{{ .Get 0 }} ${p}{{< /t.inline >}}\n\n{{< t.inline ${q} />}}\n\n`
    + `{{% m.inline ${q} %}}{{ .Get 0 }}{{% /m.inline %}}\n\n{{< v.inline >}}{{ print ${q} }}{{< /v.inline >}}`;
  const builtins = [
    `{{< figure src=${q} link=${q} caption=${q} attr=${q} attrlink=${q} title=${q} alt=${q} class=${q} width=${q} height=${q} target=${q} rel=${q} >}}`,
    `{{< youtube id=${q} class=${q} title=${q} start=${q} end=${q} >}}`,
    `{{< youtube ${q} >}}`,
    `{{< vimeo id=${q} class=${q} title=${q} >}}`,
    `{{< x user=${q} id=${q} >}}`,
    `{{< tweet user=${q} id=${q} >}}`,
    `{{< instagram ${q} >}}`,
    `{{< gist ${q} ${q} >}}`,
    `{{< details summary=${q} open=${q} class=${q} name=${q} title=${q} >}}\n${p}\n{{< /details >}}`,
    `{{< highlight ${q} ${q} >}}\n${p}\n{{< /highlight >}}`,
    `{{< qr text=${q} alt=${q} class=${q} title=${q} />}}`,
    `{{< param ${q} >}}`,
    `{{< ref ${q} >}} {{< relref ${q} >}}`,
  ].join('\n\n');
  const templated = Object.keys(TEMPLATES)
    .filter((name) => !['inner', 'i18n', 'site'].includes(name))
    .map((name) => `{{< ${name} ${q} >}}`)
    .join('\n\n');
  const frontMatter = JSON.stringify({
    title: p, description: p, summary: p, linkTitle: p, slug: p, date: p,
    authors: [{ name: p, url: p, avatar: p }, p],
    images: [p], tags: [p], categories: [p], keywords: [p], toc: true, p,
  });
  // A whole site given as files: render hooks that print what they are given, data,
  // resources and file names holding the payload.
  const fileName = p.replace(/[/\\\n\r]/g, '').slice(0, 200) || 'x';
  const HOOKS = {
    'layouts/_markup/render-link.html': '<a href="{{ .Destination | safeURL }}" title="{{ .Title }}">{{ .Text }}{{ .PlainText | safeHTML }}</a>',
    'layouts/_markup/render-image.html': '<img src="{{ .Destination | safeURL }}" alt="{{ .PlainText }}" title="{{ .Title | safeHTMLAttr }}">{{ .Text }}',
    'layouts/_markup/render-heading.html': '<h{{ .Level }} id="{{ .Anchor | safeHTMLAttr }}">{{ .Text }}{{ .PlainText | safeHTML }}</h{{ .Level }}>',
    'layouts/_markup/render-blockquote.html': '<blockquote class="{{ .AlertType }}" data-x="{{ .AlertTitle }}">{{ .AlertTitle }}{{ .Text }}</blockquote>',
    'layouts/_markup/render-codeblock.html': '<pre class="{{ .Type }}">{{ .Inner | safeHTML }}</pre>{{ .Attributes }}{{ .Options }}',
  };
  const hooked = `## H ${line}\n\n[a](${line.replace(/[\s()]/g, '')} ${JSON.stringify(line)}) ![b ${line}](${line.replace(/[\s()]/g, '')})\n\n`
    + `> [!${fileName.replace(/[^a-z]/gi, '') || 'NOTE'}]+ ${line}\n> ${line}\n\n> ${line}\n\n\`\`\`${fenceLine.replace(/\s/g, '') || 'x'} {class=${JSON.stringify(fenceLine)}}\n${p}\n\`\`\`\n`;
  const site = {
    path: 'posts/b/index.md',
    files: {
      ...HOOKS,
      'hugo.toml': `theme = "t"\n[params]\np = ${JSON.stringify(p)}\n`,
      [`data/${fileName}.json`]: JSON.stringify({ p }),
      'data/d.json': JSON.stringify({ p, list: [p] }),
      'themes/t/assets/a.txt': p,
      [`content/posts/b/${fileName}.txt`]: p,
      'themes/t/layouts/_shortcodes/res.html': '{{ range .Page.Resources }}<a href="{{ .RelPermalink | safeURL }}">{{ .Name | safeHTML }}</a>{{ .Content | safeHTML }}{{ .Content }}{{ end }}'
        + '{{ with resources.Get "a.txt" }}{{ .Content | safeHTML }}<img src="{{ .RelPermalink }}">{{ end }}',
      'layouts/_shortcodes/data.html': '{{ site.Data.d.p | safeHTML }}{{ site.Data.d.p }}{{ range $k, $v := site.Data }}<b title="{{ $k }}">{{ $k | safeHTML }}</b>{{ end }}{{ index site.Data.d.list 0 | safeURL }}',
    },
    binaryFiles: { [`content/posts/b/${fileName}.png`]: { url: p, width: 10, height: 10 } },
  };
  return [
    ['render hooks, data, resources and file names (site files)', site, `${hooked}\n\n{{< res >}}\n\n{{< data >}}`],
    ['render hooks (site files, unsafe)', { ...site, files: { ...site.files, 'hugo.toml': '[markup.goldmark.renderer]\nunsafe = true\n' } }, `${hooked}\n\n${p}`],
    ["another page's .Content (site files, unsafe)", {
      ...site,
      files: {
        ...site.files,
        'hugo.toml': '[markup.goldmark.renderer]\nunsafe = true\n',
        'content/other.md': `---\ntitle: other\n---\n${hooked}\n\n${p}\n\n{{< data >}}\n`,
        'layouts/_shortcodes/inc.html': '{{ with site.GetPage "/other" }}{{ .Content }}{{ .Content | plainify | safeHTML }}{{ end }}',
      },
    }, '{{< inc >}}'],
    ['openapi3.Unmarshal, .Pages and resource metadata (site files)', {
      path: 'posts/_index.md',
      files: {
        'assets/spec.json': JSON.stringify({
          openapi: p, info: { title: p, description: p, version: p },
          servers: [{ url: p, description: p }],
          paths: { [p]: { get: { summary: p, operationId: p, description: p, responses: { 200: { description: p } } } } },
          components: { schemas: { [fileName]: { description: p, example: p, properties: { [fileName]: { $ref: `#/components/schemas/${fileName}` } } } } },
        }),
        'content/posts/_index.md': `---\ntitle: list\nresources:\n- src: "*"\n  title: ${JSON.stringify(p)}\n  name: ${JSON.stringify(p)}\n  params: {p: ${JSON.stringify(p)}}\n---\n`,
        [`content/posts/${fileName}.md`]: `---\ntitle: ${JSON.stringify(p)}\nweight: 1\n---\n${p}\n`,
        [`content/posts/${fileName}.txt`]: p,
        'layouts/_shortcodes/api.html': '{{ $s := openapi3.Unmarshal (resources.Get "spec.json") }}{{ $s.Info.Title | safeHTML }}{{ $s.Info.Description }}'
          + '{{ range $k, $v := $s.Paths.Map }}<a href="{{ $k | safeURL }}">{{ $k | safeHTML }}</a>{{ range $m, $o := $v.Operations }}{{ $o.Summary | safeHTML }}{{ $o.OperationID }}{{ range $c, $r := $o.Responses.Map }}{{ $r.Value.Description | safeHTML }}{{ end }}{{ end }}{{ end }}'
          + '{{ range $n, $r := $s.Components.Schemas }}<b id="{{ $n }}">{{ $r.Value.Description | safeHTML }}{{ $r.Value.Example }}{{ range $pn, $pr := $r.Value.Properties }}{{ $pr.Ref | safeHTML }}{{ $pr.Value.Description | safeHTML }}{{ end }}</b>{{ end }}'
          + '{{ range .Page.Pages.ByTitle }}<a href="{{ .RelPermalink }}">{{ .Title | safeHTML }}</a>{{ end }}{{ range .Page.Pages.GroupBy "Weight" }}{{ .Key }}{{ end }}'
          + '{{ range .Page.Resources }}<i title="{{ .Title }}">{{ .Name | safeHTML }}{{ .Title | safeHTML }}{{ .Params.p | safeHTML }}</i>{{ end }}',
      },
    }, '{{< api >}}'],
    ['transform.ToMath (KaTeX): the payload as TeX, in \\text, \\href, a macro and errorColor', {
      shortcodes: {
        math: '{{ with try (transform.ToMath (.Get 0) (dict "throwOnError" false "displayMode" true "output" (.Get 1) '
          + '"errorColor" (.Get 0) "macros" (dict "\\\\p" (.Get 0)))) }}{{ .Value }}{{ end }}',
      },
    }, ['mathml', 'htmlAndMathml', 'html'].map((output) => {
      const tex = (t) => `{{< math ${JSON.stringify(t)} ${output} >}}`;
      return [tex(p), tex(`\\text{${p}}`), tex(`\\href{${line}}{x}`), tex('\\p'), tex(`\\htmlClass{${line}}{x}`)].join('\n\n');
    }).join('\n\n')],
    ['markdown body', {}, p],
    ['raw HTML (unsafe)', unsafe, p],
    ['inline HTML in a paragraph (unsafe)', unsafe, `text ${p} text`],
    ['raw HTML (unsafe, data attributes on)', { ...unsafe, allowDataAttributes: true }, p],
    ['link and image destinations', unsafe, `[a](${line}) [b](<${line.replace(/[<>]/g, '')}>) ![c](${line}) <${line.replace(/[\s<>]/g, '')}>\n\n[d][r]\n\n[r]: ${line}\n\n<a href="${line.replaceAll('"', '&quot;')}">e</a>`],
    ['code blocks in every language', {}, fences],
    ['code blocks with classes (noClasses = false)', { siteConfig: '[markup.highlight]\nnoClasses = false\n' }, fences],
    ['fence attributes and highlight options', {}, attributed],
    ['built-in shortcodes', {}, builtins],
    ['built-in shortcodes (embeds)', { embeds: true }, builtins],
    ['{{% %}} built-ins (unsafe)', unsafe, builtins.replaceAll('{{<', '{{%').replaceAll('>}}', '%}}')],
    ['site templates with safe functions', { shortcodes: TEMPLATES }, `${templated}\n\n{{< inner >}}${p}{{< /inner >}}`],
    ['inline shortcodes', inlineOn, inline],
    ['inline shortcodes (unsafe)', { ...inlineOn, ...unsafe }, inline],
    ['JavaScript shortcodes', { js: true }, `{{< jsc ${q} >}}\n\n{{< jsinner >}}${p}{{< /jsinner >}}`],
    ['front matter in the article header', {}, `${frontMatter}\n\n## Heading\n\nText.\n`],
    ['translations', { shortcodes: TEMPLATES, i18n: { p } }, '{{< i18n >}}'],
    ['heading: Markdown (unsafe)', unsafe, `## H ${line}`],
    ['heading: Markdown', {}, `## H ${line}`],
    ['heading: site template', { shortcodes: TEMPLATES }, `## H {{< raw ${quote(line)} >}}`],
    ['heading: {{% %}} site template (unsafe)', { shortcodes: TEMPLATES, ...unsafe }, `## H {{% md ${quote(line)} %}}`],
    ['heading: built-in', {}, `## H {{< figure src=${quote(line)} caption=${quote(line)} alt=${quote(line)} >}}`],
    ['heading: JavaScript shortcode', { js: true }, `## H {{< jsc ${quote(line)} >}}`],
    ['site config', {
      shortcodes: TEMPLATES,
      siteConfig: JSON.stringify({ title: p, baseURL: p, params: { p, author: p } }),
      siteConfigFormat: 'json',
      pages: { 'posts/a.md': p },
    }, '{{< site >}} {{< ref "posts/a.md" >}}'],
  ];
}

let harness;

before(async () => {
  harness = await openPackagePage({
    head: `<meta http-equiv="Content-Security-Policy" content="img-src 'self' data:; media-src 'self'; font-src 'self'; frame-src 'self'; object-src 'none'">`,
  });
  // Code is coloured by the highlighter module, formulas by KaTeX and QR codes by their
  // encoder: loaded first, so that every render uses them.
  await harness.page.evaluate(() => Promise.all([window.hp.loadHighlighter(), window.hp.loadMath(), window.hp.loadQr()]));
  await harness.page.evaluate(() => {
    window.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (...args) => window.__xss.push(`${name}(${args.join(',')})`);
    }
    const box = document.createElement('div');
    box.id = 'box';
    document.body.append(box);
    // Attributes whose value the browser follows as a URL.
    const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data',
      'poster', 'background', 'cite', 'longdesc', 'srcset', 'ping', 'manifest', 'codebase',
      'dynsrc', 'lowsrc', 'usemap', 'icon', 'profile', 'classid', 'archive', 'imagesrcset']);
    // A URL's scheme as the URL parser reads it: leading and trailing C0 controls and spaces
    // ignored, tabs and newlines removed anywhere.
    const scheme = (value) =>
      /^([a-z][a-z0-9+.-]*):/i
        .exec(value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, ''))?.[1]
        .toLowerCase() ?? null;
    const SVG = 'http://www.w3.org/2000/svg';
    const MATHML = 'http://www.w3.org/1998/Math/MathML';
    // The MathML the policy keeps (src/sanitize/mod.rs, `MATHML_TAGS`), and the elements of it
    // that hold text only (`MATHML_TEXT_ONLY`).
    const MATHML_KEPT = new Set(['annotation', 'math', 'menclose', 'mfrac', 'mi', 'mlabeledtr',
      'mn', 'mo', 'mover', 'mpadded', 'mphantom', 'mroot', 'mrow', 'ms', 'mspace', 'msqrt',
      'mstyle', 'msub', 'msubsup', 'msup', 'mtable', 'mtd', 'mtext', 'mtr', 'munder',
      'munderover', 'semantics']);
    const MATHML_TEXT_ONLY = new Set(['annotation', 'mi', 'mn', 'mo', 'ms', 'mtext']);
    // What in one parsed document could run script or load something, or is outside the
    // policy's promises (SVG that links, loads, animates or holds HTML; MathML beyond the
    // kept subset, an element inside a token, a URL on MathML; `data-*` unless allowed).
    const documentHazards = (doc, options) => {
      const found = [];
      for (const el of doc.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (/^(script|object|embed|base|meta|link|form|frame|frameset|applet|noscript|style|template|textarea|select)$/.test(tag)
          || (tag === 'iframe' && !options.embeds)) {
          found.push(`<${tag}>`);
        }
        if (el.namespaceURI === SVG
          && /^(a|foreignobject|image|feimage|animate|animatemotion|animatetransform|animatecolor|set|script|style|filter)$/.test(tag)) {
          found.push(`svg <${tag}>`);
        }
        if (el.namespaceURI === MATHML && !MATHML_KEPT.has(tag)) found.push(`math <${tag}>`);
        if (el.namespaceURI === MATHML && MATHML_TEXT_ONLY.has(tag) && el.firstElementChild) {
          found.push(`math <${tag}> holds <${el.firstElementChild.tagName.toLowerCase()}>`);
        }
        if (el.namespaceURI === 'http://www.w3.org/1999/xhtml' && el.closest('svg, math')) {
          found.push(`HTML <${tag}> inside foreign content`);
        }
        for (const a of el.attributes) {
          const isUrl = URL_ATTRIBUTES.has(a.name.toLowerCase());
          // Every URL in the value (srcset has several), and its scheme as the browser's
          // URL parser reads it.
          const schemes = (a.name === 'srcset' ? a.value.split(',') : [a.value]).map(scheme);
          const dataImage = el.tagName === 'IMG' && a.name === 'src' && /^data:image\//i.test(a.value.trim());
          if (/^on/i.test(a.name) || a.name === 'srcdoc' || /^(formaction|form|popovertarget|commandfor|command)$/i.test(a.name)
            || (isUrl && schemes.some((s) => ['javascript', 'vbscript', 'livescript'].includes(s)))
            || (isUrl && schemes.includes('data') && !dataImage)
            || (el.namespaceURI === SVG && /(^|:)href$/.test(a.name) && !a.value.startsWith('#'))
            || ((el.namespaceURI === SVG || el.namespaceURI === MATHML) && /url\(\s*['"]?[^#'"\s]/i.test(a.value))
            || (el.namespaceURI === MATHML && /(^|:)(href|src)$|^(altimg|definitionurl)$/i.test(a.name))
            || (tag === 'button' && a.name === 'type' && a.value !== 'button')
            || (!options.allowDataAttributes && /^data-/.test(a.name) && a.name !== 'data-lang')
            || (a.name === 'style' && /url\(|image-set\(|expression\(|javascript:|@import|behavior|binding|\\|position\s*:\s*fixed/i.test(a.value))) {
            found.push(`${tag} ${a.name}=${a.value.slice(0, 60)}`);
          }
        }
      }
      return found;
    };
    // What in `html`, as the browser parses it, could run script or load a document; and
    // again after one more serialization and parse (mutation XSS: markup that changes
    // meaning when the browser writes it back out and reads it again).
    window.hazards = (html, options) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const found = documentHazards(doc, options);
      const again = new DOMParser().parseFromString(doc.body.innerHTML, 'text/html');
      for (const problem of documentHazards(again, options)) {
        if (!found.includes(problem)) found.push(`after a round trip: ${problem}`);
      }
      return found;
    };
    // Text as a reader sees it: what `textContent` holds, NUL (which the HTML parser drops)
    // removed, ASCII white space collapsed as the page shows it.
    const shown = (text) => text.replaceAll('\u0000', '').replace(/[\t\n\f\r ]+/g, ' ').trim();
    // Plain-text fields that do not hold what the page shows as text.
    window.textProblems = (out, outline) => {
      const found = [];
      const doc = new DOMParser().parseFromString(out.pageHtml, 'text/html');
      const differ = (what, field, element) => {
        if (typeof field !== 'string') {
          found.push(`${what} is not a string`);
        } else if (shown(field) !== shown(element?.textContent ?? '')) {
          found.push(`${what}=${JSON.stringify(field).slice(0, 60)} shows ${JSON.stringify(element?.textContent ?? null).slice(0, 60)}`);
        }
      };
      // TOC texts, and the outline's, against the content's headings (the article header's
      // title is an h1 of its own). A payload with a carriage return or a setext underline
      // makes more than one heading: each entry is matched by its id, else by its place
      // when the page shows as many headings as there are entries.
      const content = doc.querySelector('.post-content');
      const headings = [...(content?.querySelectorAll('h1, h2, h3, h4, h5, h6') ?? [])];
      for (const [what, entries] of [['toc text', out.toc], ['parse().headings text', outline?.headings ?? []]]) {
        if (!outline) break;
        const unused = new Set(headings);
        entries.forEach((entry, i) => {
          const byId = [...unused].find((h) => entry.id !== '' && h.id === entry.id);
          const heading = byId ?? (headings.length === entries.length ? headings[i] : undefined);
          // No heading shows it (raw HTML left open before it swallowed it): nothing to compare.
          if (heading) {
            unused.delete(heading);
            differ(what, entry.text, heading);
          }
          if (entry.text !== shown(entry.text)) found.push(`${what} is not collapsed: ${JSON.stringify(entry.text)}`);
        });
      }
      // The article header shows the page fields as text.
      const page = out.page;
      if (page.title) differ('page.title', page.title, doc.querySelector('.post-title'));
      if (page.description) differ('page.description', page.description, doc.querySelector('.post-description'));
      for (const [name, terms] of [['tags', page.tags], ['categories', page.categories]]) {
        const items = [...doc.querySelectorAll(`.post-${name} li`)];
        terms.filter((term) => term !== '').forEach((term, i) => differ(`page.${name}`, term, items[i]));
      }
      // An error box shows its diagnostic's message as text, in its tooltip. (Its visible
      // text is not compared: in `{{% %}}` output it is Markdown, and the typographer curls
      // its quotes.) In an attribute the HTML parser turns NUL into U+FFFD.
      const messages = new Set(out.diagnostics.map((d) => shown(d.message.replaceAll('\u0000', '\uFFFD'))));
      for (const box of doc.querySelectorAll('.hugo-preview-error')) {
        const message = shown(box.title);
        if (!messages.has(message)) found.push(`error box shows ${JSON.stringify(message).slice(0, 60)}, not a diagnostic's message`);
      }
      return found;
    };
    window.runDocuments = (docs) => {
      const renderers = new Map();
      const problems = [];
      for (const [surface, options, source, payload] of docs) {
        const key = JSON.stringify(options);
        let renderer = renderers.get(key);
        if (!renderer) {
          const { js, ...rest } = options;
          renderer = new window.hp.Renderer(rest);
          if (js) {
            renderer.registerShortcode('jsc', (call) => String(call.params[0] ?? ''));
            renderer.registerShortcode('jsinner', (call) => call.inner, { inner: true });
          }
          renderers.set(key, renderer);
        }
        let out;
        try {
          out = renderer.render(source);
        } catch (error) {
          problems.push({ surface, payload, problem: `threw ${error}` });
          continue;
        }
        // (A payload that is itself a fence closes ours: its text is then not code.)
        if (surface.startsWith('code blocks') && !/```|~~~/.test(payload)
          && (out.highlightPending || !/<span (style|class)=/.test(out.contentHtml))) {
          problems.push({ surface, payload, problem: 'code was not coloured' });
        }
        const html = `${out.pageHtml}\n${out.summaryHtml}\n${out.tocHtml}`;
        for (const problem of window.hazards(html, options)) {
          problems.push({ surface, payload, problem });
        }
        const outline = surface.startsWith('heading') ? renderer.parse(source) : null;
        for (const problem of window.textProblems(out, outline)) {
          problems.push({ surface, payload, problem });
        }
        // Live: event handlers and loads would run here.
        box.innerHTML = out.pageHtml;
      }
      box.innerHTML = '';
      for (const renderer of renderers.values()) renderer.free();
      return problems;
    };
  });
});

after(async () => {
  await harness?.close();
});

test(`${PAYLOADS.length} payloads through ${documents('x').length} paths: nothing runs, nothing dangerous is output`, async () => {
  const docs = PAYLOADS.flatMap((p) => documents(p).map(([surface, options, source]) => [surface, options, source, p]));
  const problems = [];
  for (let i = 0; i < docs.length; i += 500) {
    problems.push(...(await harness.page.evaluate((batch) => window.runDocuments(batch), docs.slice(i, i + 500))));
  }
  // Whatever a payload scheduled (an image error handler, a timer) has had its turn once
  // a fresh image has failed to load and a task has run after it.
  await harness.page.evaluate(() => new Promise((resolve) => {
    const img = new Image();
    img.onerror = img.onload = () => setTimeout(resolve, 0);
    img.src = '/missing.png';
  }));
  const ran = await harness.page.evaluate(() => window.__xss);
  const refused = harness.requests.filter((r) => /csp/i.test(r.failure ?? '')).length;
  const leaving = harness.requests.filter(
    (r) => !r.url.startsWith('http://127.0.0.1:') && !/csp/i.test(r.failure ?? ''),
  );
  console.log(`xss: ${docs.length} documents rendered and inserted; ${problems.length} problems, ${ran.length} executions, ${harness.dialogs.length} dialogs, ${leaving.length} requests leaving 127.0.0.1 (${refused} remote images refused by the page's CSP)`);
  const kinds = {};
  for (const { surface, problem } of problems) {
    const kind = `${surface}: ${problem.replace(/=.*/, '=…')}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  assert.deepEqual(kinds, {}, `${problems.length} problems; first: ${JSON.stringify(problems.slice(0, 3))}`);
  assert.deepEqual(ran, []);
  assert.deepEqual(harness.dialogs, []);
  assert.deepEqual([...new Set(leaving.map((r) => `${r.type} ${r.url.slice(0, 80)}`))], []);
  assert.equal(new URL(harness.page.url()).pathname, '/', 'the page did not navigate');
});

test('kept inline SVG draws: the browser reads its case-sensitive viewBox and its references', async () => {
  const drawn = await harness.page.evaluate(() => {
    const out = window.hp.render(
      '<svg id="a" viewBox="0 0 24 12" width="48"><rect width="24" height="12" fill="url(#g)"></rect></svg>\n\n'
        + '<svg id="b" viewbox="0 0 24 12" width="48"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><use href="#r"/></svg>\n',
      { markup: { goldmark: { unsafe: true } } },
    );
    const box = document.getElementById('box');
    box.innerHTML = out.contentHtml;
    const measure = (id) => {
      const svg = document.getElementById(id);
      return [svg.getAttribute('viewBox'), svg.viewBox.baseVal?.width, Math.round(svg.getBoundingClientRect().height)];
    };
    const result = { html: out.contentHtml, a: measure('a'), b: measure('b') };
    box.innerHTML = '';
    return result;
  });
  assert.deepEqual(drawn.a, ['0 0 24 12', 24, 24], drawn.html);
  assert.deepEqual(drawn.b, ['0 0 24 12', 24, 24], `a lower-case viewbox is given its SVG case: ${drawn.html}`);
  assert.match(drawn.html, /<rect width="24" height="12" fill="url\(#g\)"><\/rect>/);
  assert.match(drawn.html, /<use href="#r"><\/use>/);
});

test('the suite detects what it looks for', async () => {
  // The same checks on output made unsafe on purpose, so that a silent check cannot pass.
  const found = await harness.page.evaluate(() =>
    window.hazards(
      '<a href=" java&#9;script:x" onclick="y">z</a><script></script><img src="data:text/html,x">' +
        '<img srcset="a.png 1x, vbscript:x 2x"><p style="background:url(x)">p</p><iframe src="/"></iframe>' +
        '<a href="javascript :x">not a scheme: a space</a><img src="data:image/png;base64,AA">' +
        '<svg><a href="#x"></a><use href="/s.svg#i"></use><use href="#i"></use><rect fill="url(/p.svg#p)"></rect>' +
        '<foreignObject><b>h</b></foreignObject><animate></animate></svg>' +
        '<math><mi>x</mi><mtext><b>t</b></mtext><mglyph src="/g.png"></mglyph><mrow href="#x" mathbackground="url(/b.png)"></mrow></math>' +
        '<button type="submit" formaction="/x">b</button><p data-target="#x" data-lang="go" style="position: fixed">q</p>',
      { embeds: false },
    ),
  );
  assert.deepEqual(found, [
    'a href= java\tscript:x',
    'a onclick=y',
    '<script>',
    'img src=data:text/html,x',
    'img srcset=a.png 1x, vbscript:x 2x',
    'p style=background:url(x)',
    '<iframe>',
    'svg <a>',
    'use href=/s.svg#i',
    'rect fill=url(/p.svg#p)',
    'svg <foreignobject>',
    'HTML <b> inside foreign content',
    'svg <animate>',
    'math <mtext> holds <b>',
    'HTML <b> inside foreign content',
    'math <mglyph>',
    'mglyph src=/g.png',
    'mrow href=#x',
    'mrow mathbackground=url(/b.png)',
    'button type=submit',
    'button formaction=/x',
    'p data-target=#x',
    'p style=position: fixed',
  ]);
  const allowed = await harness.page.evaluate(() =>
    window.hazards('<p data-target="#x">x</p><svg viewBox="0 0 1 1"><use href="#i"></use></svg>'
      + '<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow>'
      + '<mi mathvariant="normal">H</mi><mstyle mathcolor="red"><mn>2</mn></mstyle><mspace linebreak="newline"></mspace>'
      + '<mfrac linethickness="0px"><mi>n</mi><mi>k</mi></mfrac></mrow><annotation encoding="application/x-tex">H_2</annotation>'
      + '</semantics></math></span>', { allowDataAttributes: true }),
  );
  assert.deepEqual(allowed, [], 'data-* with allowDataAttributes, fragment references, KaTeX\'s MathML');
  // A TOC text carrying the tag of an element, and an error box whose tooltip is no
  // diagnostic's message; a heading text showing `<b>` as text is right.
  const textFound = await harness.page.evaluate(() =>
    window.textProblems(
      {
        pageHtml: '<article><header><h1 class="post-title">&lt;b&gt;</h1></header><div class="post-content">'
          + '<h2 id="t">T <img src="x"> &lt;b&gt;</h2><span class="hugo-preview-error" title="other">x</span></div></article>',
        toc: [{ text: 'T <img src="x"> <b>' }],
        page: { title: '<b>', description: null, tags: [], categories: [] },
        diagnostics: [{ message: 'the message' }],
      },
      { headings: [{ text: 'T <b>' }] },
    ),
  );
  assert.deepEqual(textFound, [
    'toc text="T <img src=\\"x\\"> <b>" shows "T  <b>"',
    'error box shows "other", not a diagnostic\'s message',
  ]);
  await harness.page.evaluate(() => {
    document.getElementById('box').innerHTML = '<img src="/nope.png" onerror="alert(7)">';
  });
  await harness.page.waitForFunction(() => window.__xss.length === 1);
  assert.deepEqual(await harness.page.evaluate(() => window.__xss.splice(0)), ['alert(7)']);
});
