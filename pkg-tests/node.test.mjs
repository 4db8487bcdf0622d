// The packed npm package in Node, imported as `hugo-preview` from a project that installed
// the tarball (pkg-tests/install.mjs).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import {
  hostileInputs,
  importPackage,
  MEMORY_RENDERS,
  MEMORY_WARM_UP,
  projectDir,
  root,
  samplePost,
  sampleSite,
  scriptHazards,
  sessionText,
  twoPosts,
  utf16Fixture,
} from './support.mjs';

const hp = await importPackage();
await hp.default();

test('the sample post renders completely with the sample site', () => {
  const renderer = new hp.Renderer(sampleSite());
  const out = renderer.render(samplePost());
  assert.equal(out.page.title, 'Lessons learnt from FacebookDown');
  assert.equal(out.frontMatterFormat, 'toml');
  assert.equal(out.page.authors.length > 0, true);
  assert.ok(out.toc.length >= 5, `TOC entries: ${out.toc.length}`);
  assert.match(out.tocHtml, /<nav id="TableOfContents">/);
  const figures = out.contentHtml.match(/<figure/g) ?? [];
  assert.ok(figures.length >= 3, `figures from the image template: ${figures.length}`);
  assert.equal((out.contentHtml.match(/<blockquote class="twitter-tweet">/g) ?? []).length, 2, 'two tweet cards');
  assert.match(out.contentHtml, /class="footnotes"/);
  // Hugo removed `tweet` in 0.156: its two calls are error boxes around their cards.
  assert.equal((out.contentHtml.match(/hugo-preview-error/g) ?? []).length, 2, 'two error boxes');
  assert.deepEqual(
    out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message.includes('"tweet"')),
    [true, true],
    'the only errors are Hugo\'s tweet removal',
  );
  assert.ok(out.wordCount > 1000 && out.readingTime >= 5);
  assert.match(out.pageHtml, /<article/);
  assert.ok(out.summaryHtml.length > 0 && out.truncated);
});

test('results are plain objects, missing values null, names camelCase', () => {
  const out = hp.render('+++\ntitle = "x"\n[params]\na = 1\n+++\nbody');
  assert.equal(Object.getPrototypeOf(out.frontMatter), Object.prototype);
  assert.ok(!(out.frontMatter instanceof Map));
  assert.deepEqual(out.frontMatter, { title: 'x', params: { a: 1 } });
  assert.equal(out.page.description, null);
  assert.equal(hp.render('no front matter').frontMatter, null);
  assert.equal(hp.render('no front matter').frontMatterFormat, null);
  assert.deepEqual(Object.keys(out).sort(), [
    'contentHtml', 'diagnostics', 'frontMatter', 'frontMatterFormat', 'highlightPending', 'mathPending', 'page',
    'pageHtml', 'qrPending', 'readingTime', 'summaryHtml', 'toc', 'tocHtml', 'truncated', 'wordCount',
  ]);
  assert.match(hp.version(), /^\d+\.\d+\.\d+/);
});

test('diagnostics carry UTF-16 offsets that slice the JavaScript string', () => {
  for (const c of utf16Fixture().cases) {
    const got = hp.render(c.source, c.options).diagnostics.map((d) =>
      d.file === null ? { ...d, text: c.source.slice(d.start, d.end) } : d,
    );
    assert.deepEqual(got, c.diagnostics, c.name);
    for (const d of got.filter((d) => d.file === null)) {
      // Line and column agree with the offsets, counted here independently.
      const before = c.source.slice(0, d.start);
      assert.equal(d.line, before.split('\n').length, c.name);
      assert.equal(d.column, d.start - (before.lastIndexOf('\n') + 1) + 1, c.name);
    }
  }
});

test('one renderer serves every page: render(source, { path }) as a new renderer at that path', () => {
  const where = '{{ .Page.File.Path }} {{ .Page.RelPermalink }}';
  const renderer = new hp.Renderer({ shortcodes: { where } });
  const source = '---\ntitle: Same\n---\n{{< where >}}\n';
  for (const path of ['posts/a.md', 'posts/b.md', 'posts/a.md']) {
    const kept = renderer.render(source, { path });
    const fresh = new hp.Renderer({ shortcodes: { where }, path }).render(source);
    assert.equal(kept.contentHtml, fresh.contentHtml, path);
    assert.match(kept.contentHtml, new RegExp(path.replace('.', '\\.')));
  }
  assert.equal(renderer.parse(source, { path: 'x.md' }).diagnostics.length, 0);
  assert.throws(() => renderer.render(source, { pth: 'typo.md' }), TypeError);
});

test('a site given as files: theme, hooks, data, resources; setFile and deleteFile', () => {
  const renderer = new hp.Renderer({
    files: {
      'hugo.toml': 'theme = "t"\n[params]\nwho = "project"\n',
      'themes/t/hugo.toml': '[params]\nwho = "theme"\ncolor = "blue"\n',
      'themes/t/layouts/_shortcodes/hi.html': '{{ site.Params.who }} {{ site.Params.color }} {{ site.Data.d.x }}',
      'themes/t/layouts/_markup/render-link.html': '<a href="{{ .Destination }}" class="hooked">{{ .Text }}</a>',
      'data/d.yaml': 'x: 1\n',
      'content/posts/b/index.md': '',
      'layouts/_shortcodes/img.html': '{{ with .Page.Resources.Get "p.png" }}<img src="{{ .RelPermalink }}" width="{{ (.Resize "50x").Width }}" height="{{ (.Resize "50x").Height }}">{{ end }}',
    },
    binaryFiles: { 'content/posts/b/p.png': { url: 'blob:x', width: 200, height: 100 } },
  });
  const page = { path: 'posts/b/index.md' };
  const out = renderer.render('{{< hi >}} [a](/b) {{< img >}}', page);
  assert.equal(
    out.contentHtml,
    '<p>project blue 1 <a href="/b" class="hooked">a</a> <img src="blob:x" width="50" height="25"></p>\n',
  );
  renderer.setFile('layouts/_markup/render-link.html', '<b>{{ .Text }}</b>');
  renderer.setFile('data/d.yaml', 'x: 2\n');
  assert.match(renderer.render('{{< hi >}} [a](/b)', page).contentHtml, /project blue 2 <b>a<\/b>/);
  assert.equal(renderer.deleteFile('layouts/_markup/render-link.html'), true);
  assert.equal(renderer.deleteFile('no/such/file'), false);
  assert.match(renderer.render('[a](/b)', page).contentHtml, /class="hooked"/);
  // A broken template is reported in its own file, with UTF-16 positions in it.
  renderer.setFile('layouts/_shortcodes/bad.html', 'é\n{{ if }}');
  const [inFile] = renderer.render('{{< bad >}}', page).diagnostics.filter((d) => d.file);
  assert.equal(inFile.file, 'layouts/_shortcodes/bad.html');
  assert.equal(inFile.line, 2);
  assert.throws(() => renderer.setFile('x.md', 3), TypeError);
});

test('a renderer takes templates, partials, the site config and JavaScript shortcodes', () => {
  const renderer = new hp.Renderer();
  renderer.setShortcodes({ hi: '<b>{{ .Get 0 }}</b>' });
  assert.equal(renderer.render('A {{< hi x >}}').contentHtml, '<p>A <b>x</b></p>\n');
  renderer.setPartial('p.html', '<i>{{ . }}</i>');
  renderer.setShortcode('hi', '{{ partial "p.html" (.Get 0) }}');
  assert.equal(renderer.render('A {{< hi y >}}').contentHtml, '<p>A <i>y</i></p>\n');
  renderer.setSiteConfig('[params]\nwho = "site"');
  renderer.setShortcode('who', '{{ site.Params.who }}');
  assert.equal(renderer.render('Hi {{< who >}}').contentHtml, '<p>Hi site</p>\n');

  const calls = [];
  renderer.registerShortcode('figure', (call) => {
    calls.push(call);
    return `<figure data-x="1" onclick="alert(1)"><img src="${call.params.src}"><script>window.pwned = 1</script></figure>`;
  });
  const source = '+++\ntitle = "T"\n+++\n日本😀 {{< figure src="a.png" >}}\n';
  const out = renderer.render(source);
  assert.equal(calls.length, 1);
  const [call] = calls;
  assert.equal(call.name, 'figure');
  assert.deepEqual(call.params, { src: 'a.png' });
  assert.equal(call.isNamedParams, true);
  assert.equal(call.inner, '');
  assert.equal(call.ordinal, 0);
  assert.deepEqual(call.position, { line: 4, column: 6, offset: 25 });
  assert.equal(source.indexOf('{{<'), 25, 'UTF-16, as JavaScript counts');
  assert.equal(call.page.title, 'T');
  assert.deepEqual(call.page.params, { title: 'T' });
  assert.ok(out.contentHtml.includes('<img src="a.png">'), out.contentHtml);
  assert.deepEqual(scriptHazards(out.contentHtml), [], 'the function\'s HTML is sanitized');
  assert.ok(!out.contentHtml.includes('pwned'));

  renderer.registerShortcode('box', (call) => `<div>${call.inner}</div>`, { inner: true });
  assert.match(renderer.render('{{< box >}}in{{< /box >}}').contentHtml, /<div>in<\/div>/);
  renderer.registerShortcode('oops', () => {
    throw new Error('broken');
  });
  const failed = renderer.render('x\n\n{{< oops >}}');
  assert.equal(failed.diagnostics.length, 1);
  assert.equal(failed.diagnostics[0].message, 'shortcode "oops": the JavaScript function threw: broken');
  assert.equal(failed.diagnostics[0].line, 3);
  assert.match(failed.contentHtml, /hugo-preview-error/);
  assert.equal(renderer.unregisterShortcode('figure'), true);
  assert.match(renderer.render('{{< figure src="a.png" >}}').contentHtml, /<figure>/);
});

test('a config warning names the config by its format and sits at its key (UTF-16)', () => {
  const siteConfig = '{\n  "title": "Ünïcödé",\n  "markup": {"goldmark": {"renderer": {"hardWraps": "no"}}}\n}\n';
  const [warning, ...others] = new hp.Renderer({ siteConfig }).render('Hello').diagnostics;
  assert.deepEqual(others, []);
  assert.equal(warning.file, 'hugo.json', 'a JSON config should not be called hugo.toml');
  assert.equal(siteConfig.slice(warning.start, warning.end), 'hardWraps', 'the span should be the key');
  assert.deepEqual([warning.line, warning.column], [3, 41]);
});

test('bad options throw a TypeError naming the field; bad content never throws', () => {
  assert.throws(() => hp.render('x', { markup: { goldmark: { unsafe: 'yes' } } }), {
    name: 'TypeError',
    message: /^hugo-preview: invalid option `markup\.goldmark\.unsafe`: invalid type: string "yes", expected a boolean/,
  });
  assert.throws(() => new hp.Renderer({ summaryLenght: 3 }), {
    name: 'TypeError',
    message: /unknown field `summaryLenght`/,
  });
  assert.throws(() => hp.render(42), { name: 'TypeError', message: /source must be a string/ });
  assert.throws(() => new hp.Renderer().registerShortcode('x', 'not a function'), TypeError);
  for (const unsafe of [false, true]) {
    for (const { name, input } of hostileInputs()) {
      const out = hp.render(input, { markup: { goldmark: { unsafe } } });
      assert.equal(typeof out.contentHtml, 'string', name);
      assert.deepEqual(scriptHazards(out.pageHtml), [], name);
    }
  }
  assert.deepEqual(
    scriptHazards('<a href="jav&#x09;ascript:x" onclick="y"><script>'),
    ['a href=javascript:x', 'a onclick', '<script>'],
    'the check itself finds hazards',
  );
});

test('parse gives the outline: front matter, shortcodes, headings, divider', () => {
  const source = '+++\ntitle = "x"\n+++\n## 日本 😀 title\n\n{{< details summary="s" >}}\n{{< figure src="a" >}}\n{{< /details >}}\n<!--more-->\n';
  const out = hp.parse(source);
  assert.deepEqual(out.frontMatter, { title: 'x' });
  assert.deepEqual(out.frontMatterRange, { line: 1, start: 0, end: 20 });
  assert.deepEqual(out.headings, [
    { level: 2, id: '日本--title', text: '日本 😀 title', line: 4, start: 20, end: 35 },
  ]);
  assert.equal(source.slice(out.headings[0].start, out.headings[0].end), '## 日本 😀 title\n');
  const [details] = out.shortcodes;
  assert.equal(details.name, 'details');
  assert.equal(details.children[0].name, 'figure');
  assert.equal(source.slice(details.start, details.end).endsWith('{{< /details >}}'), true);
  assert.equal(source.slice(out.summaryDivider.start, out.summaryDivider.end).trimEnd(), '<!--more-->');
});

test('heading texts are what a reader sees, whatever put HTML in the heading (JavaScript shortcodes too)', () => {
  const renderer = new hp.Renderer({
    shortcodes: { tpl: '{{ "<img src=x onerror=alert(1)>" | safeHTML }}<b>t</b>' },
    markup: { goldmark: { unsafe: true } },
  });
  renderer.registerShortcode('js', (call) => `<em>${call.params[0]}</em><img src=x onerror=alert(2)><script>alert(3)</script>`);
  const source = [
    '## A {{< js "x &lt;y&gt;" >}}',
    '## B {{< tpl >}}',
    '## C *e* `<c>` [l](/u) &amp; <span onclick="x()">s</span><script>alert(4)</script>',
    '## D {{< qr text="q" />}}',
  ].join('\n\n');
  const expected = ['A x <y>', 'B t', 'C e <c> l & s', 'D'];
  assert.deepEqual(renderer.render(source).toc.map((entry) => entry.text), expected);
  assert.deepEqual(renderer.parse(source).headings.map((heading) => heading.text), expected);
});

test('a trap fails only its own call; the next call, and renderers, work again', () => {
  const renderer = new hp.Renderer({ shortcodes: { hi: '<b>hi</b>' } });
  renderer.registerShortcode('js', () => '<i>js</i>');
  assert.throws(() => hp.__trapForTests('boom'), (error) => {
    assert.equal(error.name, 'HugoPreviewCrash');
    assert.ok(error instanceof hp.HugoPreviewCrash);
    assert.match(error.message, /boom/);
    return true;
  });
  assert.equal(hp.render('*ok*').contentHtml, '<p><em>ok</em></p>\n');
  assert.equal(renderer.render('{{< hi >}} {{< js >}}').contentHtml, '<p><b>hi</b> <i>js</i></p>\n');
});

test('memory stays flat over 10,000 renders while typing in two posts', async () => {
  // Coloured, always: whether an earlier test's render had loaded the highlighter made this
  // test measure one of two different sessions (the warm-up: MEMORY_WARM_UP).
  await hp.loadHighlighter();
  const warmUp = MEMORY_WARM_UP;
  const { site, posts } = twoPosts();
  const renderer = new hp.Renderer(site);
  let i = 0;
  for (; i < warmUp; i += 1) renderer.render(sessionText(posts, i));
  const warmed = hp.memoryBytes();
  const started = performance.now();
  for (; i < warmUp + MEMORY_RENDERS; i += 1) {
    const out = renderer.render(sessionText(posts, i));
    if (i % 1000 === 0) assert.match(out.contentHtml, /\d+: t/, 'the typed text should be rendered');
  }
  const ms = (performance.now() - started) / MEMORY_RENDERS;
  const after = hp.memoryBytes();
  console.log(`node: ${ms.toFixed(2)} ms a render while typing; memory ${warmed} B after warm-up, ${after} B after 10,000 renders`);
  assert.equal(after, warmed);
});

test('the page template budget holds in WebAssembly when every call is the same (remembered) call', () => {
  // Issue 20: 300 identical calls of a 7 MB output bomb were answered from the call cache
  // without being charged, and grew the module to gigabytes.
  const renderer = new hp.Renderer({
    shortcodes: { big: '{{ range seq 7 }}{{ strings.Repeat 1000000 "a" }}{{ end }}' },
  });
  const text = `---\n---\n${'{{< big >}}\n'.repeat(300)}`;
  for (const source of [text, `${text}x`]) {
    const out = renderer.render(source);
    const stopped = out.diagnostics.filter((d) => /budget|exceeds/.test(d.message)).length;
    assert.ok(stopped >= 298, `calls stopped by the page budget: ${stopped}`);
    assert.ok(out.contentHtml.length <= 17 * 1024 * 1024, `content: ${out.contentHtml.length} B`);
  }
  assert.ok(hp.memoryBytes() < 512 * 1024 * 1024, `module memory: ${hp.memoryBytes()} B`);
});

test('the package has no emoji table (size): emoji codes stay as typed, and a warning says so', () => {
  const renderer = new hp.Renderer({
    shortcodes: { e: '{{ emojify ":heart:" }}' },
    siteConfig: 'enableEmoji = true\n',
  });
  const out = renderer.render('---\n---\nI :heart: it {{< e >}}\n');
  assert.equal(out.contentHtml, '<p>I :heart: it :heart:</p>\n');
  const warnings = out.diagnostics.filter((d) => d.severity === 'warning' && /no emoji table/.test(d.message));
  assert.equal(warnings.length, 2, JSON.stringify(out.diagnostics));
  assert.ok(warnings.some((d) => d.file === 'hugo.toml'), 'the config warning is in the config');
});

/** The files of a fixture site under tests/sites, as `files` takes them. */
function fixtureSite(name) {
  const dir = join(root, 'tests', 'sites', name);
  const files = {};
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return { dir, files };
}

test('transform.ToMath: KaTeX loads when a page first has a formula; then the MathML is the CLI\'s (which make differential checks against Hugo)', async () => {
  const { dir, files } = fixtureSite('katex');
  const renderer = new hp.Renderer({ files });
  const cli = execFileSync('cargo', ['build', '--quiet', '--bin', 'hugo-preview', '--message-format', 'json'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .find((message) => message.reason === 'compiler-artifact' && message.target?.name === 'hugo-preview' && message.executable)?.executable;
  assert.ok(cli, 'cargo built the CLI');
  const pages = Object.keys(files).filter((path) => path.startsWith('content/'));
  assert.deepEqual(pages.sort(), ['content/formulas.md', 'content/options.md']);
  const first = firstRender({ files }, files['content/formulas.md'], 'mathPending');
  assert.equal(first.pending, true, 'KaTeX was not loaded yet');
  assert.match(first.html, /<span class="katex">x\^2 \+ \\frac\{a\}\{b\}<\/span>/, 'meanwhile a formula shows as its TeX');
  await hp.loadMath();
  for (const path of pages) {
    const out = renderer.render(files[path], { path: path.slice('content/'.length) });
    assert.equal(out.mathPending, false);
    // Exit status 1 for the page whose formulas are errors: the output is still the page.
    const native = spawnSync(cli, ['render', path, '--site', dir], { cwd: dir, encoding: 'utf8' }).stdout;
    assert.equal(out.contentHtml.trim(), native.trim(), path);
    assert.match(out.contentHtml, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"/);
  }
  // Errors are the function's, as in Hugo; and a fresh renderer has KaTeX at once.
  const fresh = new hp.Renderer({ files });
  const out = fresh.render('{{< math tex=`\\frac{` >}}', { path: 'x.md' });
  assert.equal(out.mathPending, false);
  assert.match(out.contentHtml, /error calling ToMath: KaTeX parse error: Unexpected end of input/);
});

/**
 * The first render of `source` in a fresh process, where no module has been loaded yet (in this
 * one, earlier tests load them): `{ pending, html }` for the flag `pendingFlag`.
 */
function firstRender(options, source, pendingFlag) {
  const script = `import * as hp from './entry.mjs';
    const out = new hp.Renderer(${JSON.stringify(options)}).render(${JSON.stringify(source)});
    console.log(JSON.stringify({ pending: out[${JSON.stringify(pendingFlag)}], html: out.contentHtml, diagnostics: out.diagnostics }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectDir, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

test('the qr shortcode: its encoder loads when a page first has a QR code; then the code is the CLI\'s', async () => {
  // Not first in the file: Hugo reads a leading `{` as JSON front matter.
  const source = 'A code:\n\n{{< qr text="https://gohugo.io/" alt="Hugo" />}}\n';
  const first = firstRender({}, source, 'qrPending');
  assert.equal(first.pending, true, 'the encoder was not loaded yet');
  assert.doesNotMatch(first.html, /<img/, 'meanwhile the code is left out');
  assert.deepEqual(first.diagnostics, []);
  await hp.loadQr();
  const out = new hp.Renderer({}).render(source);
  assert.equal(out.qrPending, false);
  assert.match(out.contentHtml, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="132" height="132" alt="Hugo">/);
  const svg = Buffer.from(/base64,([^"]+)/.exec(out.contentHtml)[1], 'base64').toString();
  assert.match(svg, /viewBox="0 0 33 33".*<path d="M4,4h7v1h-7z/);
  const native = spawnSync(
    'cargo',
    ['run', '--quiet', '--bin', 'hugo-preview', '--', 'render', '-'],
    { cwd: root, input: source, encoding: 'utf8' },
  ).stdout;
  assert.equal(out.contentHtml.trim(), native.trim(), 'the same code as the CLI');
});
