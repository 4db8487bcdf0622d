// The demo editor (www/) in headless Chromium: what a newcomer sees after `make demo`.
// Served by scripts/serve.mjs on 127.0.0.1 (a free port), closed when the tests end.
// Screenshots go to test-output/screenshots/ (ignored by git).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { buildDemo } from '../scripts/build-demo.mjs';
import { startServer } from '../scripts/serve.mjs';
import { root, samplePost, shared } from './support.mjs';

const shots = join(root, 'test-output', 'screenshots');
let server;
let browser;
let page;
const requests = [];
const dialogs = [];
const pageErrors = [];

const imageCalls = (samplePost().match(/\{\{< image\b/g) ?? []).length;

/** Waits until the preview shows a render newer than `since`. */
async function nextRender(since) {
  await page.waitForFunction((n) => window.hugoPreviewDemo.completed > n, since);
}

const completed = () => page.evaluate(() => window.hugoPreviewDemo.completed);

const POST = 'facebook-down.md';
const postText = () => page.evaluate((name) => window.hugoPreviewDemo.text(name), POST);

const queue = [];

/** Puts the caret at the end of the post and types `text`. */
async function typeAtEnd(text) {
  await page.click(`#file-tabs button[data-file="${POST}"]`);
  const editor = page.getByRole('textbox', { name: 'The post (Markdown with front matter)' });
  await editor.focus();
  await page.evaluate((name) => {
    const view = window.hugoPreviewDemo.view(name);
    view.dispatch({ selection: { anchor: view.state.doc.length }, scrollIntoView: true });
  }, POST);
  const since = await completed();
  // Line breaks are inserted as input transactions, not as Enter presses: CodeMirror's Enter
  // indents (inside raw HTML, say) and accepts an open completion, and the test wants its
  // exact text.
  text.split('\n').forEach((line, i) => {
    if (i > 0) {
      queue.push(() =>
        page.evaluate((name) => {
          const view = window.hugoPreviewDemo.view(name);
          view.dispatch(view.state.update(view.state.replaceSelection('\n'), { userEvent: 'input.type', scrollIntoView: true }));
        }, POST),
      );
    }
    if (line) queue.push(() => page.keyboard.type(line));
  });
  for (const step of queue.splice(0)) await step();
  await page.keyboard.press('Escape'); // closes a completion list, if typing opened one
  // A render of the text with the last keystroke.
  await page.waitForFunction(
    ([n, end, name]) => window.hugoPreviewDemo.completed > n && window.hugoPreviewDemo.text(name).endsWith(end),
    [since, text, POST],
  );
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  await buildDemo();
  server = await startServer({ port: 0, shared });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.hugoPreviewDemo?.completed > 0);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the sample renders completely through the sample site', async () => {
  const preview = page.locator('#preview');
  await assert.doesNotReject(preview.locator('h1', { hasText: 'Lessons learnt from FacebookDown' }).waitFor());
  assert.equal(await preview.locator('figure.post-figure').count(), imageCalls, 'every image shortcode, through the template');
  assert.ok(imageCalls >= 10);
  assert.equal(await preview.locator('blockquote.twitter-tweet').count(), 2, 'two tweet cards');
  // Hugo removed `tweet` in 0.156: its two calls are error boxes around their cards.
  assert.equal(await preview.locator('.hugo-preview-error blockquote.twitter-tweet').count(), 2, 'inside error boxes');
  assert.ok((await preview.locator('#TableOfContents li').count()) >= 10, 'TOC entries');
  assert.ok((await preview.locator('.footnotes li').count()) >= 2, 'footnotes');
  assert.equal(await preview.locator('.hugo-preview-error').count(), 2, 'no other error box');
  assert.match(await page.textContent('#status'), /^\d+(\.\d)? ms · [\d,]+ words · \d+ min read/);
  assert.ok((await page.locator('.cm-lineNumbers .cm-gutterElement').count()) > 10, 'line numbers');
  assert.ok((await postText()).split('\n').length > 500);
  assert.equal(await page.locator('.cm-hugo-front-matter').first().textContent(), '+++', 'the front matter is marked');
  assert.ok((await page.locator('.cm-hugo-shortcode-name', { hasText: 'tweet' }).count()) > 0, 'shortcodes are marked');
  await page.click('#tab-front-matter');
  assert.equal(await page.locator('#front-matter th', { hasText: /^title$/ }).count(), 1);
  assert.match(await page.locator('#front-matter table').textContent(), /Lessons learnt from FacebookDown/);
  await page.click('#tab-preview');
  await page.screenshot({ path: join(shots, 'demo-sample.png') });
});

test('typing a paragraph updates the preview, and images stay the same nodes', async () => {
  const image = await page.evaluateHandle(() => document.querySelector('#preview figure img'));
  await typeAtEnd('\n\nA paragraph typed by the test.\n');
  await page.locator('#preview p', { hasText: 'A paragraph typed by the test.' }).waitFor();
  assert.equal(
    await page.evaluate((old) => old === document.querySelector('#preview figure img') && old.isConnected, image),
    true,
    'an unrelated edit keeps the image element',
  );
});

test('a broken shortcode shows a diagnostic at its line; clicking it selects it', async () => {
  await typeAtEnd('\n{{< nosuch >}}\n');
  const source = await postText();
  const offset = source.lastIndexOf('{{< nosuch >}}');
  const line = source.slice(0, offset).split('\n').length;
  const entry = page.locator('#diagnostics button', { hasText: 'nosuch' });
  await entry.waitFor();
  assert.match(await entry.textContent(), new RegExp(`^${line}:1error`));
  await page.locator('.cm-lint-marker-error').first().waitFor();
  await page.locator('.cm-lintRange-error', { hasText: '{{< nosuch >}}' }).first().waitFor();
  await page.locator('#preview .hugo-preview-error').first().waitFor();
  await page.screenshot({ path: join(shots, 'demo-error.png') });
  // Move the caret away, then click the diagnostic.
  await page.evaluate((name) => window.hugoPreviewDemo.view(name).dispatch({ selection: { anchor: 0 } }), POST);
  await entry.click();
  const selection = await page.evaluate((name) => {
    const view = window.hugoPreviewDemo.view(name);
    return [view.state.selection.main.from, view.state.selection.main.to, view.hasFocus];
  }, POST);
  assert.deepEqual(selection, [offset, offset + '{{< nosuch >}}'.length, true]);
});

test('the post\'s CodeMirror editor completes the image template\'s parameters', async () => {
  await typeAtEnd('\n\n');
  await page.keyboard.type('{{< image ');
  await page.keyboard.press('Control+Space');
  const list = page.locator('.cm-tooltip-autocomplete');
  await list.locator('li', { hasText: 'caption' }).first().waitFor();
  const labels = await list.locator('.cm-completionLabel').allTextContents();
  for (const name of ['src', 'alt', 'title', 'caption', 'attribto', 'licensecode']) assert.ok(labels.includes(name), labels.join(', '));
  await page.screenshot({ path: join(shots, 'demo-completion.png') });
  await page.keyboard.press('Escape');
  // Take the unfinished call out again: it would swallow what the next tests type.
  await page.evaluate((name) => {
    const view = window.hugoPreviewDemo.view(name);
    const text = view.state.doc.toString();
    view.dispatch({ changes: { from: text.lastIndexOf('{{< image '), to: text.length } });
  }, POST);
});

test('editing the image template changes every figure', async () => {
  await page.click('#file-tabs button[data-file="shortcodes/image.html"]');
  const editor = page.getByRole('textbox', { name: 'The image shortcode template' });
  const since = await completed();
  await editor.fill('<figure class="edited"><figcaption>{{ .Get "title" }}</figcaption></figure>');
  await nextRender(since);
  await page.waitForFunction(
    (n) => document.querySelectorAll('#preview figure.edited').length === n,
    imageCalls,
  );
  assert.equal(await page.locator('#preview figure.post-figure').count(), 0);
});

test('a script payload typed into the post does not run', async () => {
  await page.evaluate(() => {
    window.__payloadRan = false;
  });
  // Raw HTML on, so that the payload reaches the sanitizer.
  await page.click('#file-tabs button[data-file="hugo.toml"]');
  const config = page.getByRole('textbox', { name: 'The site config' });
  const text = await page.evaluate(() => window.hugoPreviewDemo.text('hugo.toml'));
  await config.fill(text.replace('unsafe = false', 'unsafe = true'));
  await page.waitForFunction(() => window.hugoPreviewDemo.text('hugo.toml').includes('unsafe = true'));
  await typeAtEnd(
    '\n<script>window.__payloadRan = true</script>\n\n<img src=x onerror="window.__payloadRan = true; alert(1)">\n\n' +
      '<svg><animate onbegin="window.__payloadRan = true" attributeName=x dur=1s>\n\n' +
      '[click](javascript:window.__payloadRan=true) {{< image src="javascript:alert(1)" title="x" >}}\n',
  );
  await page.locator('#preview a', { hasText: 'click' }).waitFor();
  await page.locator('#preview a', { hasText: 'click' }).click();
  // Let any handler that could run, run: a round trip to the worker and back.
  const since = await completed();
  await typeAtEnd(' ');
  await nextRender(since);
  assert.equal(await page.evaluate(() => window.__payloadRan), false);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.locator('#preview script, #preview [onerror], #preview [onbegin]').count(), 0);
  assert.equal(await page.locator('#preview [href^="javascript:" i], #preview [src^="javascript:" i]').count(), 0);
});

test('scrolling the editor scrolls the preview to the same place', async () => {
  await page.click(`#file-tabs button[data-file="${POST}"]`);
  const source = await postText();
  const line = source.split('\n').findIndex((l) => l.startsWith('## ')) + 1;
  assert.ok(line > 50);
  await page.evaluate(([name, l]) => {
    const view = window.hugoPreviewDemo.view(name);
    view.scrollDOM.scrollTop = view.lineBlockAt(view.state.doc.line(l).from).top + view.documentPadding.top;
  }, [POST, line]);
  await page.waitForFunction((l) => {
    const scroller = document.getElementById('preview-scroll');
    const heading = document.querySelector(`#preview [data-source-line="${l}"]`);
    if (!heading) return false;
    const y = heading.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    return Math.abs(y) < 40;
  }, line);
});

test('scrolling the preview scrolls the editor back', async () => {
  const target = await page.evaluate(() => {
    const scroller = document.getElementById('preview-scroll');
    const headings = [...document.querySelectorAll('#preview h2[data-source-line]')];
    const heading = headings[Math.floor(headings.length / 2)];
    scroller.scrollTop += heading.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    return Number(heading.dataset.sourceLine);
  });
  await page.waitForFunction(([name, line]) => {
    const view = window.hugoPreviewDemo.view(name);
    const block = view.lineBlockAtHeight(view.scrollDOM.scrollTop - view.documentPadding.top);
    return Math.abs(view.state.doc.lineAt(block.from).number - line) < 2;
  }, [POST, target]);
});

test('nothing left 127.0.0.1, and the page raised no errors', () => {
  assert.ok(requests.length > 5);
  assert.deepEqual(requests.filter((url) => !url.startsWith('http://127.0.0.1:')), []);
  assert.deepEqual(pageErrors, []);
});

test('the page forbids inline script with a Content-Security-Policy', () => {
  const html = readFileSync(join(root, 'www', 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
});

// The demo's second page (www/cms/): Decap CMS on its test-repo backend with the package's CMS
// preview (built from pkg/cms.js by scripts/build-demo.mjs).
test('the editor links to the CMS page, where Decap previews the sample post through the sample site', async () => {
  const cms = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const left = [];
  const errors = [];
  cms.on('requestfailed', (request) => left.push({ url: request.url(), failed: true }));
  cms.on('requestfinished', (request) => left.push({ url: request.url(), failed: false }));
  cms.on('pageerror', (error) => errors.push(error.message));
  await cms.goto(page.url());
  await cms.getByRole('link', { name: 'The post in Decap CMS' }).click();
  await cms.getByRole('button', { name: 'Login' }).click();
  await cms.evaluate(() => {
    location.hash = '#/collections/posts/entries/facebook-down';
  });
  await cms.waitForFunction(() => window.hugoPreviewCms?.renders > 0);
  const preview = cms.frameLocator('#preview-pane');
  await preview.locator('h1.post-title', { hasText: 'Lessons learnt from FacebookDown' }).waitFor();
  assert.equal(await preview.locator('figure.post-figure').count(), imageCalls, 'every image shortcode, through the template');
  assert.ok((await preview.locator('#TableOfContents li').count()) >= 10, 'TOC entries');
  assert.ok((await preview.locator('.footnotes li').count()) >= 2, 'footnotes');
  assert.equal(await preview.locator('.hugo-preview-cms-diagnostic[data-severity="error"]').count(), 2, 'the two removed tweet calls, listed');
  await cms.screenshot({ path: join(shots, 'demo-cms.png') });
  const outside = left.filter((r) => !r.url.startsWith('http://127.0.0.1:') && !r.url.startsWith('data:'));
  assert.deepEqual(outside.filter((r) => !r.failed).map((r) => r.url), [], 'remote images are refused by the policy');
  assert.deepEqual(errors, []);
  await cms.close();
});

test('the CMS page relaxes the policy only where Decap needs it, and says why', () => {
  const policy = (file) => readFileSync(join(root, 'www', file), 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
  const cms = policy('cms/index.html');
  assert.match(cms, /default-src 'self';/);
  assert.match(cms, /script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';/, 'Ajv compiles Decap\'s config schema with new Function');
  assert.doesNotMatch(cms, /script-src[^;]*'unsafe-inline'/);
  assert.doesNotMatch(policy('index.html'), /'unsafe-eval'/, 'the editor page keeps the strict policy');
  assert.match(readFileSync(join(root, 'www', 'cms', 'index.html'), 'utf8'), /'unsafe-eval': Decap validates its configuration with Ajv/);
});
