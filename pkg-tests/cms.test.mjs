// `hugo-preview/cms`'s pieces in Node, imported from the installed tarball as a user's code
// imports them: the entry written as a Hugo file (checked by parsing it back with the package),
// entry paths, the site loaded by its manifest, diagnostics' places, and registration with a
// stand-in CMS. The CMSes themselves: cms-decap.test.mjs and cms-sveltia.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { importPackage, projectDir, root, samplePost } from './support.mjs';

const cms = await import(pathToFileURL(join(projectDir, 'node_modules', 'hugo-preview', 'cms.js')).href);
// `import 'hugo-preview/cms'` resolves through the package's exports to the same module.
const byName = await import(pathToFileURL(join(projectDir, 'cms-entry.mjs')).href).catch(() => null);
const hp = await importPackage();

test('the package exports ./cms, with its types', () => {
  const manifest = JSON.parse(readFileSync(join(projectDir, 'node_modules', 'hugo-preview', 'package.json'), 'utf8'));
  assert.deepEqual(manifest.exports['./cms'], { types: './cms.d.ts', default: './cms.js' });
  assert.ok(manifest.files.includes('cms.js') && manifest.files.includes('cms.d.ts'));
  assert.equal(byName?.registerHugoPreview, cms.registerHugoPreview, "import 'hugo-preview/cms' gives the module");
});

/** The sample post's front matter and body, as a CMS holds them (data fields, `body`). */
function sampleEntry() {
  const post = samplePost();
  const parsed = hp.parse(post);
  return { ...parsed.frontMatter, body: post.slice(parsed.frontMatterRange.end).replace(/^\n/, '') };
}

for (const format of ['yaml', 'toml', 'json']) {
  test(`an entry written as ${format} front matter parses back to the same fields, the body after it`, () => {
    const tricky = {
      quote: 'a "quoted" \\ back\nslash\ttab \u0001 \u007f 😀 \ud800 lone',
      'key with space': [1, 2.5, -3, true, 'x'],
      'ключ': 'unicode key',
      nested: { deep: { list: [], map: {} }, n: 0 },
      empty: '',
    };
    const entry = { ...sampleEntry(), ...tricky };
    const { source, bodyLine } = cms.entryToSource(entry, format);
    const parsed = hp.parse(source);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.line < bodyLine), [], 'no problem in the front matter');
    const expected = structuredClone({ ...entry, quote: tricky.quote.replace('\ud800', '\ufffd') });
    delete expected.body;
    assert.deepEqual(parsed.frontMatter, expected);
    assert.equal(source.split('\n').slice(bodyLine - 1).join('\n'), entry.body, 'the body starts at bodyLine');
    assert.equal(parsed.frontMatterFormat, format);
  });
}

test('dates are written as dates (TOML datetimes, YAML timestamps); TOML leaves nulls out', () => {
  const date = new Date('2021-10-06T06:21:07+08:00');
  const toml = cms.entryToSource({ date, gone: null, list: [1, null, 2], body: 'x' }, 'toml').source;
  assert.equal(toml, '+++\ndate = 2021-10-05T22:21:07.000Z\nlist = [1, 2]\n+++\nx');
  const yaml = cms.entryToSource({ date, gone: null, body: 'x' }, 'yaml').source;
  assert.equal(yaml, '---\ndate: 2021-10-05T22:21:07.000Z\ngone: null\n---\nx');
  const rendered = hp.render(toml);
  assert.match(rendered.pageHtml, /datetime="2021-10-05T22:21:07/, 'Hugo reads a date');
});

test('data nested deeper than a CMS nests is refused, not written', () => {
  let deep = 'x';
  for (let i = 0; i < 200; i += 1) deep = { d: deep };
  assert.throws(() => cms.entryToSource({ deep }, 'yaml'), RangeError);
  assert.throws(() => cms.entryToSource({ deep }, 'toml'), RangeError);
});

test('the format comes from the collection, else from the file as loaded, else YAML', () => {
  assert.equal(cms.frontMatterFormat('toml-frontmatter'), 'toml');
  assert.equal(cms.frontMatterFormat('json-frontmatter'), 'json');
  assert.equal(cms.frontMatterFormat('yaml-frontmatter', '+++\n'), 'yaml');
  assert.equal(cms.frontMatterFormat('frontmatter', '+++\ntitle = "x"\n+++\n'), 'toml');
  assert.equal(cms.frontMatterFormat(undefined, '{ "title": "x" }\n'), 'json');
  assert.equal(cms.frontMatterFormat(undefined, ''), 'yaml');
});

test('entry paths are made relative to the content folder', () => {
  assert.equal(cms.contentPath('content/posts/a.md'), 'posts/a.md');
  assert.equal(cms.contentPath('/content/posts/a.md'), 'posts/a.md');
  assert.equal(cms.contentPath('site/content/posts/a.md', 'site/content/'), 'posts/a.md');
  assert.equal(cms.contentPath('data/a.md'), 'data/a.md', 'outside the content folder: kept');
});

test('entryFile reads Immutable-like entries, Decap\'s collection prop, and places new entries', () => {
  const map = (object) => ({ get: (key) => object[key], toJS: () => object });
  const entry = map({ path: 'content/posts/a.md', raw: '', data: map({ title: 'A', body: 'Hi {{< x >}}' }) });
  const collection = map({ format: 'toml-frontmatter' });
  const file = cms.entryFile({ entry, collection }, 'posts');
  assert.deepEqual(file, { source: '+++\ntitle = "A"\n+++\nHi {{< x >}}', path: 'posts/a.md', bodyLine: 4 });
  // Sveltia gives no collection prop: the registered settings say the format.
  assert.equal(cms.entryFile({ entry }, { name: 'posts', format: 'json-frontmatter' }).source, '{\n  "title": "A"\n}\nHi {{< x >}}');
  const fresh = map({ path: '', slug: 'new-post', data: map({ body: '' }) });
  assert.equal(cms.entryFile({ entry: fresh }, { name: 'posts', folder: 'content/posts' }).path, 'posts/new-post.md');
});

test('diagnostics are placed as the writer sees the entry', () => {
  assert.equal(cms.diagnosticPlace({ file: null, line: 7 }, 5), 'body, line 3');
  assert.equal(cms.diagnosticPlace({ file: null, line: 2 }, 5), 'front matter');
  assert.equal(cms.diagnosticPlace({ file: 'shortcodes/image.html', line: 4 }, 5), 'shortcodes/image.html:4');
});

/** A fetch over a folder, recording what was asked. */
function folderFetch(base, dir, asked) {
  return async (url) => {
    const href = String(url);
    asked.push(href);
    if (!href.startsWith(base)) return new Response('', { status: 404 });
    try {
      return new Response(readFileSync(join(dir, decodeURIComponent(href.slice(base.length)))));
    } catch {
      return new Response('', { status: 404 });
    }
  };
}

test('the site is loaded from where it is served, by its manifest', async () => {
  const base = 'https://example.org/hugo-site/';
  const asked = [];
  const site = await cms.loadSite({ url: 'https://example.org/hugo-site' }, { fetch: folderFetch(base, join(root, 'www', 'sample-site'), asked) });
  assert.deepEqual(Object.keys(site.files).sort(), ['hugo.toml', 'layouts/shortcodes/image.html', 'layouts/shortcodes/reflangtitle.html']);
  assert.equal(site.files['hugo.toml'], readFileSync(join(root, 'www', 'sample-site', 'hugo.toml'), 'utf8'));
  assert.deepEqual(site.problems, []);
  assert.equal(asked[0], `${base}hugo-preview.json`, 'the manifest first, under the URL made a folder');
  // And the files render the sample as the sample site does.
  const renderer = new hp.Renderer({ files: site.files, highlight: false });
  const rendered = renderer.render(samplePost(), { path: 'posts/facebook-down.md' });
  assert.equal((rendered.contentHtml.match(/<figure class="post-figure/g) ?? []).length, 11);
});

test('a manifest given inline: bad paths are left out, missing files reported, images get URLs', async () => {
  const asked = [];
  const site = await cms.loadSite(
    {
      url: 'https://example.org/s/',
      manifest: {
        files: ['hugo.toml', '../secret', '/etc/passwd', 'a//b', 'layouts/missing.html', 'layouts/x y#1.html'],
        binaryFiles: { 'content/p/a.png': { width: 30, height: 20 } },
      },
    },
    {
      fetch: async (url) => {
        asked.push(String(url));
        if (String(url).endsWith('hugo.toml')) return new Response('title = "x"');
        if (String(url).endsWith('x%20y%231.html')) return new Response('ok');
        return new Response('', { status: 404 });
      },
    },
  );
  assert.deepEqual(site.files, { 'hugo.toml': 'title = "x"', 'layouts/x y#1.html': 'ok' });
  assert.deepEqual(asked.sort(), [
    'https://example.org/s/hugo.toml',
    'https://example.org/s/layouts/missing.html',
    'https://example.org/s/layouts/x%20y%231.html',
  ]);
  assert.equal(site.problems.length, 4, site.problems.join('\n'));
  assert.ok(site.problems.includes('layouts/missing.html: HTTP 404'));
  assert.deepEqual(site.binaryFiles, { 'content/p/a.png': { url: 'https://example.org/s/content/p/a.png', width: 30, height: 20 } });
});

test('a site given as files is used as it is; a bad site option throws', async () => {
  const files = { 'hugo.toml': 'title = "x"' };
  assert.deepEqual(await cms.loadSite({ files }), { files, binaryFiles: {}, problems: [] });
  await assert.rejects(cms.loadSite({}), TypeError);
  await assert.rejects(cms.loadSite({ url: 'https://example.org/' }, { fetch: async () => new Response('', { status: 404 }) }), /manifest .*HTTP 404/);
});

test('registration: a template per collection, the styles, the site\'s Renderer, and errors that say what to pass', async () => {
  const registered = { templates: [], styles: [] };
  const CMS = {
    registerPreviewTemplate: (name, component) => registered.templates.push([name, component]),
    registerPreviewStyle: (style, options) => registered.styles.push([style, options]),
  };
  const h = (type, props) => ({ type, props });
  const preview = cms.registerHugoPreview(CMS, {
    h,
    collections: ['posts', { name: 'pages', format: 'yaml-frontmatter' }],
    site: { files: { 'hugo.toml': '' } },
    styles: ['/css/site.css'],
    // The web build's init, given the module's bytes (Node's fetch reads no file: URL).
    wasm: readFileSync(join(projectDir, 'node_modules', 'hugo-preview', 'bundler', 'hugo_preview_bg.wasm')),
  });
  assert.deepEqual(registered.templates.map(([name]) => name), ['posts', 'pages']);
  assert.deepEqual(registered.styles, [[cms.previewCss, { raw: true }], ['/css/site.css', undefined]]);
  const element = registered.templates[0][1]({ entry: null });
  assert.equal(element.type, 'div', 'the component is an element of the CMS\'s createElement');
  assert.equal(typeof element.props.ref, 'function', 'painted through a callback ref');
  assert.equal(registered.templates[0][1].displayName, 'HugoPreview(posts)');
  const renderer = await preview.ready;
  assert.match(renderer.render('*hi*').contentHtml, /<em>hi<\/em>/, 'ready gives the site\'s Renderer');

  assert.throws(() => cms.registerHugoPreview({}, {}), /the CMS object/);
  assert.throws(() => cms.registerHugoPreview(CMS, { h, site: { files: {} } }), /`collections`/);
  assert.throws(() => cms.registerHugoPreview(CMS, { collections: ['x'], site: { files: {} } }), /React\.createElement/);
  assert.throws(() => cms.registerHugoPreview(CMS, { h, collections: ['x'] }), /`site`/);
  assert.throws(() => cms.registerHugoPreview(CMS, { h, collections: ['x'], site: { files: {} }, output: 'html' }), /`output`/);
});
