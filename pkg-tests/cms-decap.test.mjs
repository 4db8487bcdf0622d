// `hugo-preview/cms` in the real Decap CMS (decap-cms-app, React 19 as its peer dependency) on
// its in-browser test-repo backend, in headless Chromium: the sample post's entry previewed
// through the sample site, fetched from /sample-site/ by its manifest as a user's site would be.
// The checks it shares with cms-sveltia.test.mjs are in cms-support.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  bundle,
  checkBrokenShortcode,
  checkPayloads,
  checkRequestsAndErrors,
  checkSampleEntry,
  checkTyping,
  openCmsPage,
  POST,
  RECORDER,
} from './cms-support.mjs';

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

let harness;
let page;
let frame;
let cms;

/** The preview pane's document. */
const pane = () => page.frames().find((f) => f.url() === 'about:srcdoc');

const body = () => page.locator('[data-slate-editor="true"]');

/**
 * Puts the caret at the end of the body. Control+End does not reliably reach the end of Slate's
 * editor, so the caret is placed through the DOM, which Slate reads back on selectionchange (at
 * most every 100 ms). Slate may still apply the click's own selection after that: the caret is
 * placed again until it has stayed at the end over 200 ms of polls.
 */
async function caretAtEnd() {
  await body().click();
  await page.waitForFunction(
    () => {
      const editor = document.querySelector('[data-slate-editor="true"]');
      const texts = editor.querySelectorAll('[data-slate-string], [data-slate-zero-width]');
      const last = texts[texts.length - 1];
      const selection = getSelection();
      if (selection.focusNode && last.contains(selection.focusNode)) {
        window.caretHeld = (window.caretHeld ?? 0) + 1;
        return window.caretHeld >= 5;
      }
      window.caretHeld = 0;
      const range = document.createRange();
      range.selectNodeContents(last);
      range.collapse(false);
      selection.removeAllRanges();
      selection.addRange(range);
      return false;
    },
    undefined,
    { polling: 50 },
  );
  await page.evaluate(() => {
    window.caretHeld = 0;
  });
}

before(async () => {
  const script = await bundle('decap', ENTRY);
  harness = await openCmsPage({ csp: CSP, script });
  page = harness.page;
  await page.getByRole('button', { name: 'Login' }).click();
  await page.evaluate(() => {
    location.hash = '#/collections/posts/entries/facebook-down';
  });
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].some((f) => f.id === 'preview-pane'));
  await page.waitForFunction(() => document.getElementById('preview-pane')?.contentDocument?.querySelector('.hugo-preview-cms-output article'));
  frame = pane();
  cms = { name: 'Decap', harness, frame, caretAtEnd };
});

after(async () => {
  await harness?.close();
});

test('the sample post\'s entry shows its figures through the site\'s template, the TOC and the footnotes', async () => {
  await checkSampleEntry(cms);
  // Decap links just the registered CSS, by the URL given (Sveltia adds its own, and absolute URLs).
  const styles = await frame.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')));
  assert.deepEqual(styles, ['/preview.css'], 'the site\'s CSS, registered with registerPreviewStyle');
});

test('typing in the body updates the preview; unchanged images stay the same nodes', () => checkTyping(cms));

test('a broken shortcode shows its diagnostic in the pane, at its line of the body', () => checkBrokenShortcode(cms));

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

test('script payloads typed into the body run nothing', () => checkPayloads(cms));

test('nothing left 127.0.0.1 (the policy refuses the post\'s remote images) and the page raised no errors', () =>
  checkRequestsAndErrors(cms));
