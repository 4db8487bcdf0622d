// `hugo-preview/cms` in the real Sveltia CMS (@sveltia/cms, which bundles its own React for
// custom preview templates and sets window.h) on its test-repo backend, in headless Chromium.
// That backend reads and writes the browser's origin private file system (OPFS, folder
// `sveltia-cms-test`), so the page puts the sample post there before the CMS starts: no
// network, no server of Sveltia's. The same checks as cms-decap.test.mjs.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  bundle,
  copyBesideBundle,
  imageCalls,
  measureKeystrokes,
  openCmsPage,
  PAYLOADS,
  payloadHazards,
  POST,
  RECORDER,
  summary,
} from './cms-support.mjs';
import { root } from './support.mjs';

const ENTRY = `
import CMS from '@sveltia/cms';
import { registerHugoPreview } from 'hugo-preview/cms';
${RECORDER}
const post = await (await fetch('/sample/${POST}')).text();
let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test', { create: true });
for (const name of ['content', 'posts']) folder = await folder.getDirectoryHandle(name, { create: true });
const writable = await (await folder.getFileHandle('${POST}', { create: true })).createWritable();
await writable.write(post);
await writable.close();
// No \`h\`: Sveltia CMS sets window.h, its React's createElement.
window.preview = registerHugoPreview(CMS, {
  collections: [{ name: 'posts', format: 'toml-frontmatter', folder: 'content/posts' }],
  site: { url: '/sample-site/' },
  styles: ['/preview.css'],
  wasm: new URL('/node_modules/hugo-preview/bundler/hugo_preview_bg.wasm', location.href),
  highlighter: new URL('/node_modules/hugo-preview/highlight/hugo_preview_highlight_bg.wasm', location.href),
  onResult,
});
await CMS.init({
  config: {
    load_config_file: false,
    backend: { name: 'test-repo' },
    media_folder: 'static/images',
    public_folder: '/images',
    collections: [{
      name: 'posts', label: 'Posts', folder: 'content/posts', extension: 'md', format: 'toml-frontmatter', create: true,
      fields: [
        { name: 'title', label: 'Title', widget: 'string' },
        { name: 'toc', label: 'Table of contents', widget: 'boolean', required: false },
        { name: 'body', label: 'Body', widget: 'markdown', modes: ['raw'] },
      ],
    }],
  },
});
window.ready = true;
`;

// Sveltia's own needs: inline styles (Svelte's), registered raw styles and the preview frame as
// blob: URLs, and a <base> in that frame.
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' data:; " +
  "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline' blob:; font-src 'self'; frame-src blob:; " +
  "object-src 'none'; base-uri 'self'";

const shots = join(root, 'test-output', 'screenshots');
let harness;
let page;
let frame;

const pane = () => page.frames().find((f) => f.url().startsWith('blob:') && f !== page.mainFrame());

const previewText = (text) =>
  frame.waitForFunction((t) => document.querySelector('.hugo-preview-cms-output')?.textContent.includes(t), text);

before(async () => {
  mkdirSync(shots, { recursive: true });
  const script = await bundle('sveltia', ENTRY);
  // The fonts it loads next to its module (else it asks a CDN, which the policy refuses).
  copyBesideBundle('sveltia', '@sveltia/cms/npm/assets', 'assets');
  harness = await openCmsPage({ csp: CSP, script });
  page = harness.page;
  harness.pageErrors = [];
  page.on('pageerror', (error) => harness.pageErrors.push(error.message));
  await page.getByRole('button', { name: 'Work with Test Repository' }).click();
  await page.evaluate(() => {
    location.hash = '#/collections/posts/entries/facebook-down';
  });
  await page.waitForFunction(() => window.renders.length > 0);
  frame = pane();
});

after(async () => {
  await harness?.close();
});

/** Puts the caret at the end of the body: in raw mode, Sveltia edits Markdown in a textarea. */
async function caretAtEnd() {
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.focus();
  await body.evaluate((textarea) => textarea.setSelectionRange(textarea.value.length, textarea.value.length));
}

test('the sample post\'s entry shows its figures through the site\'s template, the TOC and the footnotes', async () => {
  await frame.waitForFunction(() => document.querySelector('.hugo-preview-cms-output article'));
  const counts = await frame.evaluate(() => ({
    figures: document.querySelectorAll('.hugo-preview-cms-output figure.post-figure').length,
    toc: document.querySelectorAll('#TableOfContents li').length,
    footnotes: document.querySelectorAll('.footnotes li').length,
    title: document.querySelector('h1.post-title')?.textContent,
  }));
  assert.equal(counts.figures, imageCalls, 'every image shortcode, through the site template');
  assert.ok(counts.toc >= 10, `TOC entries: ${counts.toc}`);
  assert.ok(counts.footnotes >= 2, `footnotes: ${counts.footnotes}`);
  assert.equal(counts.title, 'Lessons learnt from FacebookDown');
  const last = await page.evaluate(() => window.renders.at(-1));
  assert.equal(last.path, 'posts/facebook-down.md');
  assert.match(last.source, /^\+\+\+\n[^]*^title = "Lessons learnt from FacebookDown"\n[^]*^\+\+\+\n/m);
  const listed = await frame.evaluate(() =>
    [...document.querySelectorAll('.hugo-preview-cms-diagnostic')].map((li) => li.querySelector('.hugo-preview-cms-where').textContent),
  );
  assert.equal(listed.length, 2, JSON.stringify(listed));
  const lines = last.source.split('\n');
  for (const where of listed) {
    const line = Number(/^body, line (\d+)$/.exec(where)?.[1]);
    assert.match(lines[last.bodyLine - 1 + line - 1], /\{\{< tweet /, `${where} is a tweet call`);
  }
  await page.screenshot({ path: join(shots, 'cms-sveltia.png') });
});

test('typing in the body updates the preview; unchanged images stay the same nodes', async () => {
  const image = await frame.evaluateHandle(() => document.querySelector('figure.post-figure img'));
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Typed in Sveltia 😀.');
  await previewText('Typed in Sveltia 😀.');
  assert.equal(
    await frame.evaluate((old) => old.isConnected && old === document.querySelector('figure.post-figure img'), image),
    true,
    'the first figure\'s image was kept',
  );
  const times = await measureKeystrokes(page, previewText, 20);
  const { median, max, n } = summary(times);
  console.log(`Sveltia: keystroke to preview over ${n} keystrokes: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  assert.ok(median < 1000, `median ${median} ms`);
});

test('a broken shortcode shows its diagnostic in the pane, at its line of the body', async () => {
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.type('{{< nosuch >}}');
  const item = frame.locator('.hugo-preview-cms-diagnostic', { hasText: '"nosuch" not found' });
  await item.waitFor();
  assert.equal(await item.getAttribute('data-severity'), 'error');
  const last = await page.evaluate(() => window.renders.at(-1));
  const bodyLines = last.source.split('\n').slice(last.bodyLine - 1);
  const line = bodyLines.findIndex((l) => l.includes('{{< nosuch >}}')) + 1;
  assert.equal(await item.locator('.hugo-preview-cms-where').textContent(), `body, line ${line}`);
  await frame.locator('.hugo-preview-cms-output .hugo-preview-error', { hasText: 'nosuch' }).first().waitFor();
  for (let i = 0; i < '{{< nosuch >}}'.length; i += 1) await page.keyboard.press('Backspace');
  await item.waitFor({ state: 'detached' });
});

test('script payloads typed into the body run nothing', async () => {
  await page.evaluate(async () => {
    const renderer = await window.preview.ready;
    const config = await (await fetch('/sample-site/hugo.toml')).text();
    renderer.setFile('hugo.toml', config.replace('unsafe = false', 'unsafe = true'));
    window.preview.refresh();
    window.__ran = false;
  });
  await caretAtEnd();
  for (const payload of PAYLOADS) {
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(payload);
  }
  await previewText('payload link');
  await frame.locator('figure.post-figure', { hasText: 'payload image' }).waitFor();
  await frame.locator('a', { hasText: 'payload link' }).click();
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Payloads typed.');
  await previewText('Payloads typed.');
  assert.equal(await frame.locator('.hugo-preview-cms-output img[src="x"]').count(), 1, 'raw HTML reached the sanitizer');
  assert.deepEqual(await payloadHazards(frame), []);
  assert.equal(await page.evaluate(() => window.__ran), false);
  assert.equal(await frame.evaluate(() => window.__ran), undefined);
  assert.deepEqual(harness.dialogs, []);
});

// Sveltia's stylesheet names its fonts on cdn.jsdelivr.net too; the policy refuses those and the
// copies beside the bundle are used.
test('nothing left 127.0.0.1 unrefused and the page raised no errors', () => {
  const left = harness.requests.filter((r) => !/^(http:\/\/127\.0\.0\.1:|blob:|data:)/.test(r.url) && !r.failure);
  assert.deepEqual(left.map((r) => r.url), []);
  assert.deepEqual(harness.pageErrors, []);
  const refused = new Set(harness.requests.filter((r) => r.failure && /^https?:/.test(r.url) && !r.url.startsWith('http://127.0.0.1:')).map((r) => new URL(r.url).host));
  console.log(`requests to other hosts, refused by the page's policy: ${[...refused].join(', ') || 'none'}`);
});
