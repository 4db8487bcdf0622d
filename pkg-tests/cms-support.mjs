// Shared by the CMS preview's browser tests (cms-decap.test.mjs, cms-sveltia.test.mjs): a page
// bundled with esbuild from the installed package (`hugo-preview/cms`, as a user's build imports
// it) and the CMS from the repository's node_modules (npm install --offline cannot resolve
// Decap's hundreds of dependencies from the cache; the CMS is not what is under test), served
// with the sample post and the sample site on 127.0.0.1; and the checks both CMSes must pass,
// so that each rule is written once.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { openPackagePage } from './browser-harness.mjs';
import { projectDir, root, samplePost, shared } from './support.mjs';

export const POST = 'facebook-down.md';
const imageCalls = (samplePost().match(/\{\{< image\b/g) ?? []).length;
const shots = join(root, 'test-output', 'screenshots');

/** Bundles `entry` (module source) into the project as `name/`, with code splitting. */
export async function bundle(name, entry) {
  const file = join(projectDir, `${name}-entry.mjs`);
  writeFileSync(file, entry);
  const esbuild = createRequire(join(projectDir, 'package.json'))('esbuild');
  await esbuild.build({
    entryPoints: [file],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: join(projectDir, name),
    entryNames: 'page',
    nodePaths: [join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return `/${name}/page.js`;
}

/** Copies files a bundled package loads by `new URL(…, import.meta.url)` next to the bundle. */
export function copyBesideBundle(name, from, to) {
  cpSync(join(root, 'node_modules', from), join(projectDir, name, to), { recursive: true });
}

/**
 * The page, with the sample post at /sample/ and the sample site at /sample-site/; the harness
 * also keeps the page's uncaught errors (`pageErrors`).
 */
export async function openCmsPage({ csp, script }) {
  const harness = await openPackagePage({
    head: `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    body: `<script type="module" src="${script}"></script>`,
    mounts: {
      '/sample/': join(shared, 'samples'),
      '/sample-site/': join(root, 'www', 'sample-site'),
      '/preview.css': join(root, 'www', 'preview.css'),
    },
    viewport: { width: 1400, height: 900 },
  });
  harness.pageErrors = [];
  harness.page.on('pageerror', (error) => harness.pageErrors.push(error.message));
  return harness;
}

/**
 * The page script's part that both CMSes share: records each render (`window.renders`: time,
 * milliseconds, the file rendered) and each keydown's time (`window.keyAt`), for the
 * keystroke-to-preview measure.
 */
export const RECORDER = `
window.renders = [];
window.keyAt = 0;
addEventListener('keydown', () => { window.keyAt = performance.now(); }, true);
const onResult = (result, info) => {
  window.renders.push({ at: performance.now(), ms: info.ms, source: info.source, bodyLine: info.bodyLine, path: info.path, errors: result.diagnostics.filter((d) => d.severity === 'error').length });
};
`;

/** The payloads typed into a body: none may run (with raw HTML on, so they reach the sanitizer). */
const PAYLOADS = [
  '<script>parent.__ran = true; window.__ran = true</script>',
  '<img src=x onerror="parent.__ran = true; window.__ran = true">',
  '[payload link](javascript:parent.__ran=true)',
  '{{< image src="javascript:parent.__ran=true" title="payload image" >}}',
  '<svg><animate onbegin="parent.__ran = true" attributeName=x dur=1s></svg>',
];

/** Median and maximum of numbers. */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Waits until the output in the preview's document `frame` shows `text`. */
const previewShows = (frame, text) =>
  frame.waitForFunction((t) => document.querySelector('.hugo-preview-cms-output')?.textContent.includes(t), text);

/**
 * Types `count` characters one at a time (the caret already in the body), each time waiting
 * until the preview shows the text with it, and returns the keystroke-to-preview times: from
 * the keydown to the end of the render that painted it (`onResult` runs after the DOM patch).
 */
async function measureKeystrokes(page, frame, count = 20) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const times = [];
  await page.keyboard.type(' Q');
  let typed = 'Q';
  await previewShows(frame, typed);
  for (let i = 0; i < count; i += 1) {
    const letter = letters[i % letters.length];
    await page.keyboard.press(letter);
    typed += letter;
    await previewShows(frame, typed);
    times.push(
      await page.evaluate((text) => {
        const painted = window.renders.find((r) => r.at >= window.keyAt && r.source.includes(text));
        return painted.at - window.keyAt;
      }, typed),
    );
  }
  return times;
}

/** Checks made after the payloads were typed, in the preview's document `frame`. */
async function payloadHazards(frame) {
  return frame.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      if (/^(script|iframe|object|embed|base|meta|link|style|form)$/i.test(el.localName) && el.closest('.hugo-preview-cms-output')) {
        found.push(`<${el.localName}>`);
      }
      for (const { name, value } of el.attributes) {
        if (/^on/i.test(name)) found.push(`${el.localName} ${name}`);
        if (/^\s*(javascript|vbscript):/i.test(value)) found.push(`${el.localName} ${name}=${value}`);
      }
    }
    return found;
  });
}

// The checks. `cms` is the open CMS: { name, harness (from openCmsPage), frame (the preview
// pane's document, showing the sample entry), caretAtEnd (puts the caret at the end of the
// body, as that CMS's editor allows) }.

/**
 * The sample entry: its figures through the site's template, the TOC, the footnotes and the
 * title; the file as Hugo would read it; the two removed `tweet` calls listed at their body lines.
 */
export async function checkSampleEntry({ name, harness, frame }) {
  const { page } = harness;
  const counts = await frame.evaluate(() => ({
    figures: document.querySelectorAll('.hugo-preview-cms-output figure.post-figure').length,
    toc: document.querySelectorAll('#TableOfContents li').length,
    footnotes: document.querySelectorAll('.footnotes li').length,
    title: document.querySelector('h1.post-title')?.textContent,
  }));
  assert.equal(counts.figures, imageCalls, 'every image shortcode, through the site template');
  assert.equal(imageCalls, 11);
  assert.ok(counts.toc >= 10, `TOC entries: ${counts.toc}`);
  assert.ok(counts.footnotes >= 2, `footnotes: ${counts.footnotes}`);
  assert.equal(counts.title, 'Lessons learnt from FacebookDown');
  // The path Hugo would give the page, and its front matter written as TOML.
  const last = await page.evaluate(() => window.renders.at(-1));
  assert.equal(last.path, 'posts/facebook-down.md');
  assert.match(last.source, /^\+\+\+\n[^]*^title = "Lessons learnt from FacebookDown"\n[^]*^\+\+\+\n/m);
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
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `cms-${name.toLowerCase()}.png`) });
}

/**
 * A line typed at the end of the body is previewed and the first figure's image stays the same
 * node; then the keystroke-to-preview times (the README quotes them) and the renders' times.
 */
export async function checkTyping({ name, harness, frame, caretAtEnd }) {
  const { page } = harness;
  const image = await frame.evaluateHandle(() => document.querySelector('figure.post-figure img'));
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.type(`Typed in ${name} 😀.`);
  await previewShows(frame, `Typed in ${name} 😀.`);
  assert.equal(
    await frame.evaluate((old) => old.isConnected && old === document.querySelector('figure.post-figure img'), image),
    true,
    'the first figure\'s image was kept',
  );
  const times = await measureKeystrokes(page, frame);
  const { median, max, n } = summary(times);
  console.log(`${name}: keystroke to preview over ${n} keystrokes: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  const renderMs = summary(await page.evaluate(() => window.renders.slice(-20).map((r) => r.ms)));
  console.log(`${name}: render of the sample: median ${renderMs.median.toFixed(1)} ms, max ${renderMs.max.toFixed(1)} ms`);
  assert.ok(median < 1000, `median ${median} ms`);
}

/**
 * A shortcode with no template, typed in the body, is listed at its body line and boxed in the
 * output; fixed, it goes away.
 */
export async function checkBrokenShortcode({ harness, frame, caretAtEnd }) {
  const { page } = harness;
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
}

/**
 * The payloads typed into the body, with raw HTML on, run nothing and leave nothing live in the
 * pane.
 */
export async function checkPayloads({ harness, frame, caretAtEnd }) {
  const { page } = harness;
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
  await previewShows(frame, 'payload link');
  await frame.locator('figure.post-figure', { hasText: 'payload image' }).waitFor();
  await frame.locator('a', { hasText: 'payload link' }).click();
  // Anything that could run has had a render and a click to run by now: type once more and wait.
  await caretAtEnd();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Payloads typed.');
  await previewShows(frame, 'Payloads typed.');
  // The config change took effect: the image is there, inert.
  assert.equal(await frame.locator('.hugo-preview-cms-output img[src="x"]').count(), 1, 'raw HTML reached the sanitizer');
  assert.deepEqual(await payloadHazards(frame), []);
  assert.equal(await page.evaluate(() => window.__ran), false);
  assert.equal(await frame.evaluate(() => window.__ran), undefined);
  assert.deepEqual(harness.dialogs, []);
}

/**
 * Every request that was not refused went to a URL `local` matches (127.0.0.1; a CMS may add
 * its own kinds), and the page raised no errors. The refused hosts are logged.
 */
export function checkRequestsAndErrors({ harness }, local = /^http:\/\/127\.0\.0\.1:/) {
  const left = harness.requests.filter((r) => !local.test(r.url) && !r.failure);
  assert.deepEqual(left.map((r) => r.url), []);
  assert.deepEqual(harness.pageErrors, []);
  const refused = new Set(harness.requests.filter((r) => r.failure && /^https?:/.test(r.url) && !r.url.startsWith('http://127.0.0.1:')).map((r) => new URL(r.url).host));
  console.log(`requests to other hosts, refused by the page's policy: ${[...refused].join(', ') || 'none'}`);
}
