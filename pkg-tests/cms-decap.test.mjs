// `hugo-preview/cms` in the real Decap CMS (decap-cms-app, React 19 as its peer dependency) on
// its in-browser test-repo backend, in headless Chromium: the sample post's entry previewed
// through the sample site, fetched from /sample-site/ by its manifest as a user's site would be.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  bundle,
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
import CMS from 'decap-cms-app';
import { createElement } from 'react';
import { registerHugoPreview } from 'hugo-preview/cms';
${RECORDER}
const post = await (await fetch('/sample/${POST}')).text();
window.repoFiles = { content: { posts: { '${POST}': { content: post } } } };
window.preview = registerHugoPreview(CMS, {
  h: createElement,
  collections: ['posts'],
  site: { url: '/sample-site/' },
  styles: ['/preview.css'],
  wasm: new URL('/node_modules/hugo-preview/bundler/hugo_preview_bg.wasm', location.href),
  highlighter: new URL('/node_modules/hugo-preview/highlight/hugo_preview_highlight_bg.wasm', location.href),
  onResult,
});
CMS.init({
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

// Decap's own needs, as on the demo's CMS page (www/cms/index.html says why): emotion's and
// the preview's <style> elements, and Ajv's `new Function` for Decap's config schema.
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; connect-src 'self'; " +
  "img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'none'; object-src 'none'; base-uri 'none'";

const shots = join(root, 'test-output', 'screenshots');
let harness;
let page;
let frame;

/** The preview pane's document. */
const pane = () => page.frames().find((f) => f.url() === 'about:srcdoc');

const body = () => page.locator('[data-slate-editor="true"]');

/** Puts the caret at the end of the body. */
async function caretAtEnd() {
  await body().click();
  // Control+End does not reliably reach the end of Slate's editor: select it through the DOM,
  // which Slate reads back on selectionchange.
  await page.evaluate(() => {
    const editor = document.querySelector('[data-slate-editor="true"]');
    const texts = editor.querySelectorAll('[data-slate-string], [data-slate-zero-width]');
    const last = texts[texts.length - 1];
    const range = document.createRange();
    range.selectNodeContents(last);
    range.collapse(false);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.waitForFunction(() => {
    const editor = document.querySelector('[data-slate-editor="true"]');
    const texts = editor.querySelectorAll('[data-slate-string], [data-slate-zero-width]');
    return getSelection().focusNode && texts[texts.length - 1].contains(getSelection().focusNode);
  });
}

const previewText = (text) =>
  frame.waitForFunction((t) => document.querySelector('.hugo-preview-cms-output')?.textContent.includes(t), text);

before(async () => {
  mkdirSync(shots, { recursive: true });
  const script = await bundle('decap', ENTRY);
  harness = await openCmsPage({ csp: CSP, script });
  page = harness.page;
  harness.pageErrors = [];
  page.on('pageerror', (error) => harness.pageErrors.push(error.message));
  await page.getByRole('button', { name: 'Login' }).click();
  await page.evaluate(() => {
    location.hash = '#/collections/posts/entries/facebook-down';
  });
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].some((f) => f.id === 'preview-pane'));
  await page.waitForFunction(() => document.getElementById('preview-pane')?.contentDocument?.querySelector('.hugo-preview-cms-output article'));
  frame = pane();
});

after(async () => {
  await harness?.close();
});

test('the sample post\'s entry shows its figures through the site\'s template, the TOC and the footnotes', async () => {
  const counts = await frame.evaluate(() => ({
    figures: document.querySelectorAll('.hugo-preview-cms-output figure.post-figure').length,
    toc: document.querySelectorAll('#TableOfContents li').length,
    footnotes: document.querySelectorAll('.footnotes li').length,
    title: document.querySelector('h1.post-title')?.textContent,
    styles: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')),
  }));
  assert.equal(counts.figures, imageCalls, 'every image shortcode, through the site template');
  assert.equal(imageCalls, 11);
  assert.ok(counts.toc >= 10, `TOC entries: ${counts.toc}`);
  assert.ok(counts.footnotes >= 2, `footnotes: ${counts.footnotes}`);
  assert.equal(counts.title, 'Lessons learnt from FacebookDown');
  assert.deepEqual(counts.styles, ['/preview.css'], 'the site\'s CSS, registered with registerPreviewStyle');
  // The path Hugo would give the page, and its front matter written as TOML.
  const last = await page.evaluate(() => window.renders.at(-1));
  assert.equal(last.path, 'posts/facebook-down.md');
  assert.match(last.source, /^\+\+\+\n[^]*^title = "Lessons learnt from FacebookDown"\n[^]*^\+\+\+\n/m);
  // The two removed `tweet` calls are listed, at their lines in the body field.
  const listed = await frame.evaluate(() =>
    [...document.querySelectorAll('.hugo-preview-cms-diagnostic')].map((li) => ({
      severity: li.dataset.severity,
      where: li.querySelector('.hugo-preview-cms-where').textContent,
      message: li.querySelector('.hugo-preview-cms-message').textContent,
    })),
  );
  assert.equal(listed.length, 2, JSON.stringify(listed));
  const lines = last.source.split('\n');
  for (const item of listed) {
    assert.equal(item.severity, 'error');
    assert.match(item.message, /"tweet"/);
    const line = Number(/^body, line (\d+)$/.exec(item.where)?.[1]);
    assert.match(lines[last.bodyLine - 1 + line - 1], /\{\{< tweet /, `${item.where} is a tweet call`);
  }
  assert.ok(await frame.locator('.hugo-preview-cms-diagnostics').isVisible(), 'the list is shown');
  await page.screenshot({ path: join(shots, 'cms-decap.png') });
});

test('typing in the body updates the preview; unchanged images stay the same nodes', async () => {
  const image = await frame.evaluateHandle(() => document.querySelector('figure.post-figure img'));
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Typed in Decap 😀.');
  await previewText('Typed in Decap 😀.');
  assert.equal(
    await frame.evaluate((old) => old.isConnected && old === document.querySelector('figure.post-figure img'), image),
    true,
    'the first figure\'s image was kept',
  );
  const times = await measureKeystrokes(page, previewText, 20);
  const { median, max, n } = summary(times);
  console.log(`Decap: keystroke to preview over ${n} keystrokes: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  const renderMs = summary(await page.evaluate(() => window.renders.slice(-20).map((r) => r.ms)));
  console.log(`Decap: render of the sample: median ${renderMs.median.toFixed(1)} ms, max ${renderMs.max.toFixed(1)} ms`);
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
  // Fixed, it goes away.
  for (let i = 0; i < '{{< nosuch >}}'.length; i += 1) await page.keyboard.press('Backspace');
  await item.waitFor({ state: 'detached' });
});

test('a code block is coloured once the highlighter module has loaded (from the `highlighter` URL)', async () => {
  await caretAtEnd();
  for (const line of ['', '```go', 'func main() { return }', '```']) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  await frame.waitForFunction(() =>
    [...document.querySelectorAll('.hugo-preview-cms-output .highlight pre span[style*="color"]')].some((s) => s.textContent === 'func'),
  );
  const asked = harness.requests.filter((r) => r.url.endsWith('/hugo_preview_highlight_bg.wasm')).map((r) => [new URL(r.url).pathname, r.failure]);
  assert.deepEqual(asked, [['/node_modules/hugo-preview/highlight/hugo_preview_highlight_bg.wasm', null]], 'once, from the given URL');
});

test('script payloads typed into the body run nothing', async () => {
  // Raw HTML on in the site's config, so the payloads reach the sanitizer; refresh() renders again.
  await page.evaluate(async () => {
    const renderer = await window.preview.ready;
    const config = await (await fetch('/sample-site/hugo.toml')).text();
    renderer.setFile('hugo.toml', config.replace('unsafe = false', 'unsafe = true'));
    window.preview.refresh();
    window.__ran = false;
  });
  await caretAtEnd();
  for (const payload of PAYLOADS) {
    // A blank line before each: an HTML block runs to the next one.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(payload);
  }
  await previewText('payload link');
  await frame.locator('figure.post-figure', { hasText: 'payload image' }).waitFor();
  await frame.locator('a', { hasText: 'payload link' }).click();
  // Anything that could run has had a render and a click to run by now: type once more and wait.
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Payloads typed.');
  await previewText('Payloads typed.');
  // Raw HTML reached the sanitizer (the config change took effect): the image is there, inert.
  assert.equal(await frame.locator('.hugo-preview-cms-output img[src="x"]').count(), 1);
  assert.deepEqual(await payloadHazards(frame), []);
  assert.equal(await page.evaluate(() => window.__ran), false);
  assert.equal(await frame.evaluate(() => window.__ran), undefined);
  assert.deepEqual(harness.dialogs, []);
});

test('nothing left 127.0.0.1 (the policy refuses the post\'s remote images) and the page raised no errors', () => {
  const left = harness.requests.filter((r) => !r.url.startsWith('http://127.0.0.1:') && !r.failure);
  assert.deepEqual(left.map((r) => r.url), []);
  assert.deepEqual(harness.pageErrors, []);
  const refused = new Set(harness.requests.filter((r) => r.failure && /^https?:/.test(r.url) && !r.url.startsWith('http://127.0.0.1:')).map((r) => new URL(r.url).host));
  console.log(`requests to other hosts, refused by the page's policy: ${[...refused].join(', ') || 'none'}`);
});
