// `hugo-preview/cms` in the real Sveltia CMS (@sveltia/cms, which bundles its own React for
// custom preview templates and sets window.h) on its test-repo backend, in headless Chromium.
// That backend reads and writes the browser's origin private file system (OPFS, folder
// `sveltia-cms-test`), so the page puts the sample post there before the CMS starts: no
// network, no server of Sveltia's. The same checks as cms-decap.test.mjs, from cms-support.mjs.
import { after, before, test } from 'node:test';
import {
  bundle,
  checkBrokenShortcode,
  checkPayloads,
  checkRequestsAndErrors,
  checkSampleEntry,
  checkTyping,
  copyBesideBundle,
  openCmsPage,
  POST,
  RECORDER,
} from './cms-support.mjs';

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

let harness;
let page;
let cms;

const pane = () => page.frames().find((f) => f.url().startsWith('blob:') && f !== page.mainFrame());

before(async () => {
  const script = await bundle('sveltia', ENTRY);
  // The fonts it loads next to its module (else it asks a CDN, which the policy refuses).
  copyBesideBundle('sveltia', '@sveltia/cms/npm/assets', 'assets');
  harness = await openCmsPage({ csp: CSP, script });
  page = harness.page;
  await page.getByRole('button', { name: 'Work with Test Repository' }).click();
  await page.evaluate(() => {
    location.hash = '#/collections/posts/entries/facebook-down';
  });
  await page.waitForFunction(() => window.renders.length > 0);
  const frame = pane();
  await frame.waitForFunction(() => document.querySelector('.hugo-preview-cms-output article'));
  cms = { name: 'Sveltia', harness, frame, caretAtEnd };
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

test('the sample post\'s entry shows its figures through the site\'s template, the TOC and the footnotes', () => checkSampleEntry(cms));

test('typing in the body updates the preview; unchanged images stay the same nodes', () => checkTyping(cms));

test('a broken shortcode shows its diagnostic in the pane, at its line of the body', () => checkBrokenShortcode(cms));

test('script payloads typed into the body run nothing', () => checkPayloads(cms));

// Sveltia's stylesheet names its fonts on cdn.jsdelivr.net too; the policy refuses those and the
// copies beside the bundle are used.
test('nothing left 127.0.0.1 unrefused and the page raised no errors', () =>
  checkRequestsAndErrors(cms, /^(http:\/\/127\.0\.0\.1:|blob:|data:)/));
